import { describe, expect, it } from 'vitest';
import { filterCounts, glossaryListView } from '../../../../src/renderer/src/domain/glossary-view';
import { placePopover } from '../../../../src/renderer/src/ui/popover-placement';
import { createGlossaryIndex } from '../../../../src/shared/glossary-search';
import type { GlossaryRecord } from '../../../../src/shared/glossary-contract';
import { builtinRecords, entryById } from './fixtures';

const records: GlossaryRecord[] = [...builtinRecords(), { entry: { ...entryById('dns'), id: 'pay-gateway', term: { ko: '결제 게이트웨이', en: 'Payment gateway' }, related: [] }, origin: 'org', updatedAt: 1 }];
const index = createGlossaryIndex(records.map((r) => r.entry));
const ids = (view: ReturnType<typeof glossaryListView>) => view.items.flatMap((it) => (it.kind === 'entry' ? [it.record.entry.id] : []));

describe('the glossary list view', () => {
  it('without a query lists every entry under 가나다 letters first, then A–Z, in Korean', () => {
    const view = glossaryListView(records, index, '', 'all', 'ko');
    expect(view.count).toBe(records.length);
    const letters = view.items.flatMap((it) => (it.kind === 'letter' ? [it.letter] : []));
    expect(letters[0]).toBe('ㄱ');
    expect(letters.indexOf('ㅎ')).toBeLessThan(letters.indexOf('C'));
    const g = view.letters.find((l) => l.letter === 'ㄱ')!;
    expect(view.items[g.at!]).toEqual({ kind: 'letter', letter: 'ㄱ' });
    expect(view.letters.find((l) => l.letter === 'ㄲ')).toBeUndefined();
  });

  it('in English lists A–Z only', () => {
    const view = glossaryListView(records, index, '', 'all', 'en');
    expect(view.letters.map((l) => l.letter)[0]).toBe('A');
    expect(ids(view)[0]?.startsWith('a')).toBe(true);
  });

  it('searches by 초성 and with typos, ranked, without letter headings', () => {
    const byChoseong = glossaryListView(records, index, 'ㅈㅇ', 'all', 'ko');
    expect(byChoseong.searching).toBe(true);
    expect(ids(byChoseong)[0]).toBe('incident');
    expect(byChoseong.items.every((it) => it.kind === 'entry')).toBe(true);
    expect(ids(glossaryListView(records, index, 'latncy', 'all', 'en'))[0]).toBe('latency');
  });

  it('filters by category and by the organisation’s own terms', () => {
    expect(ids(glossaryListView(records, index, '', 'org', 'ko'))).toEqual(['pay-gateway']);
    const db = glossaryListView(records, index, '', 'database', 'en');
    expect(db.count).toBe(filterCounts(records).database);
    expect(ids(glossaryListView(records, index, 'ㅈㅇ', 'database', 'ko'))).not.toContain('incident');
  });
});

describe('popover placement', () => {
  const viewport = { width: 1000, height: 800 };
  const size = { width: 380, height: 300 };

  it('sits below its anchor when there is room, above when there is not, inside the screen', () => {
    expect(placePopover({ left: 100, top: 100, bottom: 120 }, size, viewport)).toEqual({ top: 128, left: 100, placement: 'below' });
    expect(placePopover({ left: 100, top: 700, bottom: 720 }, size, viewport)).toEqual({ top: 392, left: 100, placement: 'above' });
    expect(placePopover({ left: 900, top: 100, bottom: 120 }, size, viewport).left).toBe(1000 - 380 - 8);
  });
});
