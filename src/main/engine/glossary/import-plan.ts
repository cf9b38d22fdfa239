// Decides what an import does before anything is written: which rows are rejected and why,
// and which entries are added, updated, restored to the built-in or already up to date.
// Pure over its inputs, so the service can run it inside the write transaction.
import type { GlossaryEntry } from '../../../shared/glossary';
import type { GlossaryImportRejection, GlossaryImportResult } from '../../../shared/glossary-contract';
import type { GlossaryRow } from '../store';
import type { ImportCandidate } from './candidates';
import { checkEntry, sameEntry, unresolvedRelated, type Builtins, type MergedGlossary } from './merge';

export interface ImportPlan {
  puts: GlossaryRow[];
  /** Overrides to delete because the imported entry equals the built-in again. */
  removals: string[];
  result: GlossaryImportResult;
}

export function planImport(candidates: readonly ImportCandidate[], merged: MergedGlossary, builtins: Builtins, now: number): ImportPlan {
  const rejected: GlossaryImportRejection[] = [];
  const accepted = new Map<string, { row: number; entry: GlossaryEntry }>();

  for (const c of candidates) {
    const id = idOf(c.value);
    if (c.error) {
      rejected.push({ row: c.row, ...c.error, ...(id ? { id } : {}) });
      continue;
    }
    const check = checkEntry(c.value);
    if (!check.ok) {
      rejected.push({ row: c.row, code: 'INVALID_ENTRY', message: check.message, ...(check.field ? { field: check.field } : {}), ...(id ? { id } : {}) });
      continue;
    }
    const first = accepted.get(check.entry.id);
    if (first) {
      rejected.push({ row: c.row, code: 'DUPLICATE_ID', id: check.entry.id, field: 'id', message: `the id ${check.entry.id} already appears on row ${first.row}` });
      continue;
    }
    accepted.set(check.entry.id, { row: c.row, entry: check.entry });
  }

  // Related ids may point at other rows of the same file; a rejected new row can strand
  // others that point at it, so repeat until nothing more falls out.
  const known = new Set([...merged.byId.keys(), ...accepted.keys()]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [id, { row, entry }] of accepted) {
      const missing = unresolvedRelated(entry, known);
      if (missing.length === 0) continue;
      rejected.push({ row, id, code: 'UNKNOWN_RELATED', field: 'related', message: `related terms not in the glossary or this file: ${missing.join(', ')}` });
      accepted.delete(id);
      if (!merged.byId.has(id)) known.delete(id);
      changed = true;
    }
  }

  const plan: ImportPlan = { puts: [], removals: [], result: { added: 0, updated: 0, unchanged: 0, rejected: rejected.sort((a, b) => a.row - b.row) } };
  for (const { entry } of [...accepted.values()].sort((a, b) => a.row - b.row)) {
    const current = merged.byId.get(entry.id);
    const builtin = builtins.byId.get(entry.id);
    if (builtin && sameEntry(entry, builtin)) {
      if (current?.origin === 'override') {
        plan.removals.push(entry.id);
        plan.result.updated++;
      } else plan.result.unchanged++;
    } else if (current && current.origin !== 'builtin' && sameEntry(entry, current.entry)) {
      plan.result.unchanged++;
    } else {
      plan.puts.push({ id: entry.id, entry, origin: builtin ? 'override' : 'org', updatedAt: now });
      if (current) plan.result.updated++;
      else plan.result.added++;
    }
  }
  return plan;
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' && id.trim() !== '' ? id.trim().slice(0, 200) : undefined;
}
