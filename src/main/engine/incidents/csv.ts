// CSV for reports, opened mostly in spreadsheet programs (RFC 4180 quoting, CRLF rows).

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Prefix a UTF-8 byte-order mark so spreadsheet programs read Korean text correctly. */
  bom?: boolean;
  /** The header row's cell for each column (the column key where none is given). */
  headers?: Readonly<Record<string, string>>;
}

// A text cell starting with one of these is run as a formula by spreadsheet programs
// (CSV injection); a leading apostrophe makes it plain text again.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula starts neutralised for text, quoted when it holds a quote, comma or line break. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows of records to CSV text. Columns default to every key in order of first appearance; a
 * header row names them. Numbers stay numbers (a negative number is not a formula).
 */
export function toCsv(rows: ReadonlyArray<Readonly<Record<string, CsvCell>>>, columns?: readonly string[], opts: CsvOptions = {}): string {
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [cols.map((c) => csvCell(opts.headers?.[c] ?? c)).join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(','))];
  return `${opts.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
