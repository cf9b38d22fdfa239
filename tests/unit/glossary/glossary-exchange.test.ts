import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import raw from '../../../resources/glossary/terms.json';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createGlossaryService, type GlossaryService } from '../../../src/main/engine/glossary';
import { CSV_COLUMNS } from '../../../src/main/engine/glossary/glossary-csv';
import { readCsv } from '../../../src/main/engine/glossary/csv';
import { openStore, type Store } from '../../../src/main/engine/store';
import type { GlossaryEntry } from '../../../src/shared/glossary';
import { GLOSSARY_IMPORT_MAX_BYTES } from '../../../src/shared/glossary-contract';
import { orgEntry } from './org-entries';

const dirs: string[] = [];
const stores: Store[] = [];
const clock = new FakeClock(Date.UTC(2025, 10, 25, 9, 0));

function freshService(): GlossaryService {
  const dir = mkdtempSync(join(tmpdir(), 'opsdeck-glossary-x-'));
  dirs.push(dir);
  const store = openStore({ dataDir: dir, clock, logger: new MemoryLogger() });
  stores.push(store);
  return createGlossaryService({ store, clock, logger: new MemoryLogger(), onChange: () => undefined });
}

let a: GlossaryService;
beforeEach(() => {
  a = freshService();
});
afterEach(() => {
  stores.splice(0).forEach((s) => s.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const builtin = (id: string) => structuredClone((raw as GlossaryEntry[]).find((e) => e.id === id)!);
const tricky = orgEntry('call-center-queue', {
  term: { ko: '콜센터 대기열, "상담 대기"', en: '=HYPERLINK("https://evil.example","Call queue")' },
  acronym: '+CCQ',
  aliases: { ko: ['대기 고객', "'인용 부호로 시작"], en: ['@queue', '-wait, list'] },
  definition: { ko: '상담원을 기다리는 고객 수입니다. 쉼표, "따옴표"도 들어갑니다.', en: 'Customers waiting for an agent; commas, "quotes" too.' },
  related: ['pay-gateway', 'csat'],
});

function fillOrgTerms(s: GlossaryService): void {
  s.save(orgEntry());
  s.save(tricky);
  s.save({ ...builtin('nines'), definition: { ko: '우리 회사의 가용성 표기', en: 'How we write availability' } });
}

const orgOnly = (s: GlossaryService) => s.list().filter((r) => r.origin !== 'builtin');

describe('export', () => {
  it('names the file by scope, date and format, with the right MIME type', () => {
    fillOrgTerms(a);
    expect(a.exportFile({ format: 'json', scope: 'org' })).toMatchObject({ filename: 'opsdeck-glossary-org-2025-11-25.opsdeck-glossary', mime: 'application/json' });
    expect(a.exportFile({ format: 'csv', scope: 'all' })).toMatchObject({ filename: 'opsdeck-glossary-all-2025-11-25.csv', mime: 'text/csv;charset=utf-8' });
  });

  it('org scope holds only the organisation terms and overrides; all holds the whole glossary', () => {
    fillOrgTerms(a);
    const org = JSON.parse(a.exportFile({ format: 'json', scope: 'org' }).content) as { format: string; entries: GlossaryEntry[] };
    expect(org.format).toBe('opsdeck-glossary');
    expect(org.entries.map((e) => e.id)).toEqual(['call-center-queue', 'nines', 'pay-gateway']);
    const all = JSON.parse(a.exportFile({ format: 'json', scope: 'all' }).content) as { entries: GlossaryEntry[] };
    expect(all.entries).toHaveLength((raw as unknown[]).length + 2);
  });

  it('CSV starts with a BOM and the header, quotes cells and neutralises formulas', () => {
    a.save(orgEntry());
    a.save(tricky);
    const csv = a.exportFile({ format: 'csv', scope: 'org' }).content;
    expect(csv.startsWith(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    const rows = csv.split('\r\n');
    const row = rows.find((r) => r.startsWith('call-center-queue'))!;
    expect(row).toContain(`"'=HYPERLINK(""https://evil.example"",""Call queue"")"`);
    expect(row).toContain(",'+CCQ,");
    expect(row).toContain('"콜센터 대기열, ""상담 대기"""');
    // No cell of the file starts a formula once read the way a spreadsheet reads it.
    const cells = csv.slice(1).split(/\r\n/).flatMap((line) => line.split(','));
    expect(cells.filter((c) => /^"?[=+@]/.test(c))).toEqual([]);
  });
});

describe('round trips into a fresh data folder', () => {
  it.each(['json', 'csv'] as const)('%s: org terms and overrides arrive identical', (format) => {
    fillOrgTerms(a);
    const file = a.exportFile({ format, scope: 'org' });
    const b = freshService();
    expect(b.importFile({ format, content: file.content })).toEqual({ added: 2, updated: 1, unchanged: 0, rejected: [] });
    expect(orgOnly(b).map((r) => [r.entry, r.origin])).toEqual(orgOnly(a).map((r) => [r.entry, r.origin]));
    expect(b.importFile({ format, content: file.content })).toEqual({ added: 0, updated: 0, unchanged: 3, rejected: [] });
  });

  it.each(['json', 'csv'] as const)('%s: exporting everything and importing it freezes no built-in as an override', (format) => {
    fillOrgTerms(a);
    const b = freshService();
    const result = b.importFile({ format, content: a.exportFile({ format, scope: 'all' }).content });
    expect(result).toMatchObject({ added: 2, updated: 1, rejected: [] });
    expect(result.unchanged).toBe((raw as unknown[]).length - 1);
    expect(b.list().filter((r) => r.origin === 'override').map((r) => r.entry.id)).toEqual(['nines']);
  });

  it('every built-in entry survives the CSV format unchanged (bands, tables, aliases)', () => {
    const b = freshService();
    const csv = a.exportFile({ format: 'csv', scope: 'all' }).content;
    expect(b.importFile({ format: 'csv', content: csv })).toMatchObject({ added: 0, updated: 0, rejected: [] });
  });
});

describe('import', () => {
  it('applies the good rows and reports each bad one, with nothing of a bad row written', () => {
    const entries = [
      orgEntry('team-alpha', { related: [] }),
      { ...orgEntry('team-beta'), source: { title: 'wiki', url: 'ftp://x' } },
      orgEntry('team-gamma', { related: ['team-beta'] }),
      orgEntry('team-alpha', { related: [] }),
      { id: 'no-fields' },
    ];
    const result = a.importFile({ format: 'json', content: JSON.stringify({ entries }) });
    expect(result.added).toBe(1);
    expect(result.rejected).toEqual([
      expect.objectContaining({ row: 2, id: 'team-beta', code: 'INVALID_ENTRY', field: 'source.url' }),
      expect.objectContaining({ row: 3, id: 'team-gamma', code: 'UNKNOWN_RELATED', field: 'related' }),
      expect.objectContaining({ row: 4, id: 'team-alpha', code: 'DUPLICATE_ID' }),
      expect.objectContaining({ row: 5, id: 'no-fields', code: 'INVALID_ENTRY' }),
    ]);
    expect(orgOnly(a).map((r) => r.entry.id)).toEqual(['team-alpha']);
  });

  it('rows may refer to each other within one file', () => {
    const entries = [orgEntry('team-gamma', { related: ['team-beta'] }), orgEntry('team-beta', { related: ['team-gamma'] })];
    expect(a.importFile({ format: 'json', content: JSON.stringify(entries) })).toMatchObject({ added: 2, rejected: [] });
  });

  it('reports CSV rows by their spreadsheet row number, including bad JSON cells and stray cells', () => {
    a.save(orgEntry());
    const csv = a.exportFile({ format: 'csv', scope: 'org' }).content;
    const records = readCsv(csv);
    const good = records[1]!.cells;
    const badBands = good.map((c, i) => (CSV_COLUMNS[i] === 'bands_json' ? '[{broken' : CSV_COLUMNS[i] === 'id' ? 'row-three' : c));
    const stray = [...good.map((c, i) => (CSV_COLUMNS[i] === 'id' ? 'row-four' : c)), 'surprise'];
    const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;
    const text = [CSV_COLUMNS.join(','), good, badBands, stray].map((r) => (Array.isArray(r) ? r.map(quote).join(',') : r)).join('\n');
    const b = freshService();
    const result = b.importFile({ format: 'csv', content: text });
    expect(result.added).toBe(1);
    expect(result.rejected).toEqual([
      expect.objectContaining({ row: 3, code: 'INVALID_ENTRY', field: 'bands_json', id: 'row-three' }),
      expect.objectContaining({ row: 4, code: 'BAD_ROW' }),
    ]);
  });

  it.each([
    ['json', 'not json at all'],
    ['json', '{"format":"something-else","entries":[]}'],
    ['json', '{"hello":1}'],
    ['csv', 'id,category\r\nx,y'],
    ['csv', `${CSV_COLUMNS.join(',')}\r\n"never closed`],
    ['csv', '   '],
  ] as const)('refuses an unreadable %s file whole: %s', (format, content) => {
    expect(() => a.importFile({ format, content })).toThrow(expect.objectContaining({ code: 'IMPORT_UNREADABLE' }));
    expect(orgOnly(a)).toEqual([]);
  });

  it('refuses a file over the size limit with TOO_LARGE, before reading it', () => {
    const big = `[${' '.repeat(GLOSSARY_IMPORT_MAX_BYTES)}]`;
    expect(() => a.importFile({ format: 'json', content: big })).toThrow(expect.objectContaining({ code: 'TOO_LARGE', message: expect.stringContaining('5 MB') }));
    // Korean text counts in UTF-8 bytes: 3 per syllable.
    const korean = '가'.repeat(Math.ceil(GLOSSARY_IMPORT_MAX_BYTES / 3) + 1);
    expect(() => a.importFile({ format: 'csv', content: korean })).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
  });

  it('an import whose write fails leaves the glossary as it was', () => {
    a.save(orgEntry());
    const before = a.list();
    const store = stores[0]!;
    const original = store.writeGlossary.bind(store);
    store.writeGlossary = (fn) =>
      original((w) => {
        const result = fn(w);
        throw new Error('disk full');
        return result;
      });
    const entries = [orgEntry('team-one', { related: [] }), orgEntry('team-two', { related: [] })];
    expect(() => a.importFile({ format: 'json', content: JSON.stringify(entries) })).toThrow('disk full');
    store.writeGlossary = original;
    expect(a.list()).toEqual(before);
  });
});
