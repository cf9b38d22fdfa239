// PURE: the rows of a table that forms a tree (a lock chain), each child right after its parent.
import type { DataTable, TableCell } from '../../../../shared/model';

/** Rows in tree order with their depth: each child right after its parent. */
export function treeOrder(rows: DataTable['rows'], idColumn: string, parentColumn: string): Array<{ row: DataTable['rows'][number]; depth: number }> {
  const ids = new Set(rows.map((r) => r[idColumn]));
  const children = new Map<TableCell, DataTable['rows']>();
  const roots: DataTable['rows'] = [];
  for (const r of rows) {
    const parent = r[parentColumn] ?? null;
    if (parent === null || !ids.has(parent)) roots.push(r);
    else children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const out: Array<{ row: DataTable['rows'][number]; depth: number }> = [];
  const seen = new Set<TableCell>();
  const walk = (r: DataTable['rows'][number], depth: number) => {
    if (seen.has(r[idColumn] ?? null)) return;
    seen.add(r[idColumn] ?? null);
    out.push({ row: r, depth });
    for (const c of children.get(r[idColumn] ?? null) ?? []) walk(c, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  // A cycle (each waits on the other: a deadlock about to be broken) has no root: show it flat.
  for (const r of rows) if (!seen.has(r[idColumn] ?? null)) walk(r, 0);
  return out;
}

