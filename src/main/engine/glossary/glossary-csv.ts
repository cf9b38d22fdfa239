// The glossary as a spreadsheet: one row per entry, one column per field. Lists (aliases,
// related ids, places it appears) are one item per line or space-separated ids; the two
// structured fields (bands, reference table) are JSON in their cell.
import { OpsError } from '../../../shared/errors';
import type { GlossaryEntry } from '../../../shared/glossary';
import type { ImportCandidate } from './candidates';
import { CsvSyntaxError, readCsv, writeCsv } from './csv';

export const CSV_COLUMNS = [
  'id',
  'category',
  'term_ko',
  'term_en',
  'acronym',
  'aliases_ko',
  'aliases_en',
  'definition_ko',
  'definition_en',
  'why_it_matters_ko',
  'why_it_matters_en',
  'good_looks_like_ko',
  'good_looks_like_en',
  'bands_json',
  'table_json',
  'related',
  'appears_in',
  'source_title',
  'source_url',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

const OPTIONAL_COLUMNS: ReadonlySet<Column> = new Set(['acronym', 'aliases_ko', 'aliases_en', 'good_looks_like_ko', 'good_looks_like_en', 'bands_json', 'table_json']);

export function entryToCells(e: GlossaryEntry): string[] {
  const cells: Record<Column, string> = {
    id: e.id,
    category: e.category,
    term_ko: e.term.ko,
    term_en: e.term.en,
    acronym: e.acronym ?? '',
    aliases_ko: (e.aliases?.ko ?? []).join('\n'),
    aliases_en: (e.aliases?.en ?? []).join('\n'),
    definition_ko: e.definition.ko,
    definition_en: e.definition.en,
    why_it_matters_ko: e.whyItMatters.ko,
    why_it_matters_en: e.whyItMatters.en,
    good_looks_like_ko: e.goodLooksLike?.ko ?? '',
    good_looks_like_en: e.goodLooksLike?.en ?? '',
    bands_json: e.goodLooksLike?.bands ? JSON.stringify(e.goodLooksLike.bands) : '',
    table_json: e.table ? JSON.stringify(e.table) : '',
    related: e.related.join(' '),
    appears_in: e.appearsIn.join(' '),
    source_title: e.source.title,
    source_url: e.source.url,
  };
  return CSV_COLUMNS.map((c) => cells[c]);
}

export function entriesToCsv(entries: readonly GlossaryEntry[]): string {
  return writeCsv([[...CSV_COLUMNS], ...entries.map(entryToCells)]);
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
const words = (text: string) => text.split(/[\s,;]+/).filter((s) => s !== '');

class CellError extends Error {
  constructor(
    readonly field: Column,
    message: string,
  ) {
    super(message);
  }
}

function parseJsonCell(field: Column, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CellError(field, `${field} is not valid JSON`);
  }
}

/** One row's cells to an entry-shaped object (still to be validated); keys only where there is a value. */
function rowToValue(get: (c: Column) => string): Record<string, unknown> {
  const value: Record<string, unknown> = {
    id: get('id'),
    category: get('category'),
    term: { ko: get('term_ko'), en: get('term_en') },
  };
  if (get('acronym') !== '') value.acronym = get('acronym');
  const aliasesKo = lines(get('aliases_ko'));
  const aliasesEn = lines(get('aliases_en'));
  if (aliasesKo.length > 0 || aliasesEn.length > 0) {
    value.aliases = { ...(aliasesKo.length > 0 ? { ko: aliasesKo } : {}), ...(aliasesEn.length > 0 ? { en: aliasesEn } : {}) };
  }
  value.definition = { ko: get('definition_ko'), en: get('definition_en') };
  value.whyItMatters = { ko: get('why_it_matters_ko'), en: get('why_it_matters_en') };
  const bands = get('bands_json') === '' ? undefined : parseJsonCell('bands_json', get('bands_json'));
  if (get('good_looks_like_ko') !== '' || get('good_looks_like_en') !== '' || bands !== undefined) {
    value.goodLooksLike = { ko: get('good_looks_like_ko'), en: get('good_looks_like_en'), ...(bands === undefined ? {} : { bands }) };
  }
  if (get('table_json') !== '') value.table = parseJsonCell('table_json', get('table_json'));
  value.related = words(get('related'));
  value.appearsIn = words(get('appears_in'));
  value.source = { title: get('source_title'), url: get('source_url') };
  return value;
}

/** Reads a CSV export back; a file OpsDeck cannot read at all throws IMPORT_UNREADABLE. */
export function csvToCandidates(text: string): ImportCandidate[] {
  let records: Array<{ row: number; cells: string[] }>;
  try {
    records = readCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new OpsError('IMPORT_UNREADABLE', `This CSV file cannot be read: ${err.message}.`);
    throw err;
  }
  const header = records.shift();
  if (!header) throw new OpsError('IMPORT_UNREADABLE', 'The CSV file is empty. Export the glossary from OpsDeck to see the expected columns.');
  const names = header.cells.map((c) => c.trim());
  const unknown = names.filter((n) => n !== '' && !(CSV_COLUMNS as readonly string[]).includes(n));
  const missing = CSV_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.has(c) && !names.includes(c));
  if (unknown.length > 0 || missing.length > 0) {
    const parts = [missing.length > 0 ? `missing columns: ${missing.join(', ')}` : '', unknown.length > 0 ? `unknown columns: ${unknown.join(', ')}` : ''].filter(Boolean);
    throw new OpsError('IMPORT_UNREADABLE', `The first row of the CSV file must name OpsDeck's glossary columns (${parts.join('; ')}). Export the glossary from OpsDeck to get a template.`);
  }
  const indexOf = new Map<string, number>(names.map((n, i) => [n, i] as const).filter(([n]) => n !== '').reverse());
  return records.map(({ row, cells }): ImportCandidate => {
    const extra = cells.slice(names.length).filter((c) => c !== '');
    if (extra.length > 0) {
      return { row, error: { code: 'BAD_ROW', message: `row ${row} has ${cells.length} cells but the header names ${names.length} columns; check for an unquoted comma` } };
    }
    const get = (c: Column) => {
      const i = indexOf.get(c);
      return i === undefined ? '' : (cells[i] ?? '');
    };
    try {
      return { row, value: rowToValue(get) };
    } catch (err) {
      if (err instanceof CellError) return { row, value: { id: get('id') }, error: { code: 'INVALID_ENTRY', field: err.field, message: err.message } };
      throw err;
    }
  });
}
