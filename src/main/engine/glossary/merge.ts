// The glossary people see: built-in entries, each replaced by the organisation's override
// where there is one, followed by the organisation's own terms. Stored rows are validated
// again on the way out, because a database file outlives the code that wrote it.
import { GlossaryEntrySchema, type GlossaryEntry } from '../../../shared/glossary';
import type { GlossaryRecord } from '../../../shared/glossary-contract';
import type { Logger } from '../core/logger';
import type { GlossaryRow } from '../store';

export interface Builtins {
  entries: readonly GlossaryEntry[];
  byId: ReadonlyMap<string, GlossaryEntry>;
}

export interface MergedGlossary {
  records: GlossaryRecord[];
  byId: Map<string, GlossaryRecord>;
}

export type EntryCheck = { ok: true; entry: GlossaryEntry } | { ok: false; field: string | undefined; message: string };

/** Validates one entry with the shared schema; on failure names the first field at fault. */
export function checkEntry(value: unknown): EntryCheck {
  const parsed = GlossaryEntrySchema.safeParse(value);
  if (parsed.success) return { ok: true, entry: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  return { ok: false, field, message: `${field ?? 'entry'}: ${issue?.message ?? 'rejected'}` };
}

/**
 * Merges built-ins with stored rows. Invalid rows are logged and left out. A stored id that a
 * newer OpsDeck now ships as a built-in counts as an override of it, whatever the row says.
 * Related ids that resolve to nothing (a deleted or no longer shipped term) are dropped, so
 * the result always passes GlossarySchema.
 */
export function mergeGlossary(builtins: Builtins, rows: readonly GlossaryRow[], logger: Logger): MergedGlossary {
  const stored = new Map<string, GlossaryRecord>();
  for (const row of rows) {
    const check = checkEntry(row.entry);
    if (!check.ok || check.entry.id !== row.id) {
      logger.log('warn', 'glossary-row-invalid', { id: row.id, message: check.ok ? 'id does not match its row' : check.message });
      continue;
    }
    stored.set(row.id, { entry: check.entry, origin: builtins.byId.has(row.id) ? 'override' : 'org', updatedAt: row.updatedAt });
  }
  const records: GlossaryRecord[] = builtins.entries.map((entry) => stored.get(entry.id) ?? { entry, origin: 'builtin', updatedAt: null });
  const own = [...stored.values()].filter((r) => r.origin === 'org').sort((a, b) => (a.entry.id < b.entry.id ? -1 : 1));
  records.push(...own);
  const ids = new Set(records.map((r) => r.entry.id));
  const byId = new Map<string, GlossaryRecord>();
  const cleaned = records.map((r) => {
    const related = r.entry.related.filter((id) => ids.has(id) && id !== r.entry.id);
    const record = related.length === r.entry.related.length ? r : { ...r, entry: { ...r.entry, related } };
    byId.set(record.entry.id, record);
    return record;
  });
  return { records: cleaned, byId };
}

/** Key-order-independent JSON, to tell whether two entries say the same thing. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export function sameEntry(a: GlossaryEntry, b: GlossaryEntry): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Related ids of `entry` that the glossary (plus `extra` ids) cannot resolve, or that point at itself. */
export function unresolvedRelated(entry: GlossaryEntry, known: ReadonlySet<string>): string[] {
  return entry.related.filter((id) => id === entry.id || !known.has(id));
}
