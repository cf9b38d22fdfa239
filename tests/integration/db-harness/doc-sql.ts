// Reads the SQL blocks of docs/db-queries.md by name, so the tests run exactly the statements
// the document gives the collectors: an edit to the document is re-verified by the next run.
import fs from 'node:fs';
import path from 'node:path';

const DOC = path.resolve(__dirname, '../../../docs/db-queries.md');

function blocks(): Map<string, string> {
  const out = new Map<string, string>();
  const fence = /```sql\n(\/\* opsdeck ([a-z0-9_.]+) \*\/\n[\s\S]*?)```/g;
  for (const m of fs.readFileSync(DOC, 'utf8').matchAll(fence)) {
    if (out.has(m[2]!)) throw new Error(`docs/db-queries.md names ${m[2]} twice`);
    out.set(m[2]!, m[1]!.trim());
  }
  return out;
}

export function docSqlNames(): string[] {
  return [...blocks().keys()];
}

/** The named statement, with `{placeholders}` filled in. */
export function docSql(name: string, fill: Record<string, string> = {}): string {
  const sql = blocks().get(name);
  if (!sql) throw new Error(`docs/db-queries.md has no block /* opsdeck ${name} */`);
  return sql.replace(/\{([a-z_]+)\}/g, (whole, key: string) => {
    if (!(key in fill)) throw new Error(`${name} needs {${key}}`);
    return fill[key]!;
  });
}

/** A multi-statement block (role and grant scripts) as separate statements. */
export function docStatements(name: string, fill: Record<string, string> = {}): string[] {
  return docSql(name, fill)
    .replace(/^\/\* opsdeck [^*]+\*\/\n/, '')
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}
