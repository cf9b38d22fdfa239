// What the glossary screen lists for a query, a category and a language: ranked search hits,
// or every entry in 가나다 / A–Z order under index letters. Pure, so it is unit-tested.
import type { GlossaryCategory, GlossaryLang } from '../../../shared/glossary';
import type { GlossaryRecord } from '../../../shared/glossary-contract';
import { compareGlossaryEntries, GLOSSARY_INDEX_KEYS, glossaryIndexKey, searchGlossary, type GlossaryIndex } from '../../../shared/glossary-search';

/** A category, or the organisation's own terms and overrides. */
export type GlossaryFilter = 'all' | 'org' | GlossaryCategory;

export type GlossaryListItem = { kind: 'letter'; letter: string } | { kind: 'entry'; record: GlossaryRecord };

export interface GlossaryListView {
  items: GlossaryListItem[];
  /** Number of entries (not letters) listed. */
  count: number;
  /** Index letters in bar order, each with the list position of its heading (null: no entries). */
  letters: Array<{ letter: string; at: number | null }>;
  searching: boolean;
}

export function matchesFilter(record: GlossaryRecord, filter: GlossaryFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'org') return record.origin !== 'builtin';
  return record.entry.category === filter;
}

export function glossaryListView(records: readonly GlossaryRecord[], index: GlossaryIndex, query: string, filter: GlossaryFilter, lang: GlossaryLang): GlossaryListView {
  const byId = new Map(records.map((r) => [r.entry.id, r]));
  const keys = GLOSSARY_INDEX_KEYS[lang];
  if (query.trim() !== '') {
    const items: GlossaryListItem[] = [];
    for (const hit of searchGlossary(index, query, lang)) {
      const record = byId.get(hit.entry.id);
      if (record && matchesFilter(record, filter)) items.push({ kind: 'entry', record });
    }
    return { items, count: items.length, letters: keys.map((letter) => ({ letter, at: null })), searching: true };
  }
  const compare = compareGlossaryEntries(lang);
  const order = new Map(keys.map((k, i) => [k, i]));
  const listed = records
    .filter((r) => matchesFilter(r, filter))
    .map((record) => ({ record, letter: glossaryIndexKey(record.entry, lang) }))
    .sort((a, b) => (order.get(a.letter) ?? keys.length) - (order.get(b.letter) ?? keys.length) || compare(a.record.entry, b.record.entry));
  const items: GlossaryListItem[] = [];
  const at = new Map<string, number>();
  for (const { record, letter } of listed) {
    if (!at.has(letter)) {
      at.set(letter, items.length);
      items.push({ kind: 'letter', letter });
    }
    items.push({ kind: 'entry', record });
  }
  return { items, count: listed.length, letters: keys.map((letter) => ({ letter, at: at.get(letter) ?? null })), searching: false };
}

/** Entries per filter chip, for the counts shown on the chips. */
export function filterCounts(records: readonly GlossaryRecord[]): Record<GlossaryFilter, number> {
  const counts: Record<string, number> = { all: records.length, org: 0 };
  for (const r of records) {
    counts[r.entry.category] = (counts[r.entry.category] ?? 0) + 1;
    if (r.origin !== 'builtin') counts.org = (counts.org ?? 0) + 1;
  }
  return counts as Record<GlossaryFilter, number>;
}
