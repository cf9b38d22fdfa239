// RFC 4180 CSV, read and written, for files that people open in spreadsheet programs.
// Writing neutralises formulas (CSV injection) in a way that reading undoes exactly, so a
// value survives a round trip unchanged.

/** A cell starting with one of these runs as a formula in Excel, LibreOffice and Sheets. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Export side of the guard: a leading apostrophe makes spreadsheet programs show the cell as
 * text. A value that already starts with an apostrophe gets one more, so reading can always
 * strip exactly one.
 */
export function guardCell(value: string): string {
  return FORMULA_START.test(value) || value.startsWith("'") ? `'${value}` : value;
}

/** Import side: removes the apostrophe guardCell added, and nothing else. */
export function unguardCell(value: string): string {
  if (value.startsWith("'") && value.length > 1 && (FORMULA_START.test(value.slice(1)) || value.charAt(1) === "'")) return value.slice(1);
  return value;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * Rows of text cells to CSV: CRLF line ends, quoting where needed, and a UTF-8 byte-order mark
 * so Excel opens Korean text as UTF-8 rather than the legacy code page.
 */
export function writeCsv(rows: ReadonlyArray<readonly string[]>): string {
  return `\uFEFF${rows.map((row) => row.map((cell) => quote(guardCell(cell))).join(',')).join('\r\n')}\r\n`;
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
  }
}

/**
 * CSV text to records of raw cells (guards removed). Accepts a byte-order mark, CRLF or LF, and
 * quoted cells spanning lines. Blank lines are skipped. `line` is the 1-based record number,
 * which is the row number a spreadsheet shows.
 */
export function readCsv(text: string): Array<{ row: number; cells: string[] }> {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: Array<{ row: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  let row = 1;
  const endCell = () => {
    cells.push(wasQuoted ? unguardCell(cell) : unguardCell(cell.trim() === '' ? '' : cell));
    cell = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endCell();
    if (!(cells.length === 1 && cells[0] === '')) records.push({ row, cells });
    row++;
    cells = [];
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src.charAt(i);
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (src.charAt(i + 1) === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
      wasQuoted = true;
    } else if (ch === '"') {
      throw new CsvSyntaxError(`a quote appears inside an unquoted cell on row ${row}; put the whole cell in quotes and double the quote`, row);
    } else if (ch === ',') endCell();
    else if (ch === '\r' && src.charAt(i + 1) === '\n') {
      endRecord();
      i++;
    } else if (ch === '\n' || ch === '\r') endRecord();
    else cell += ch;
  }
  if (quoted) throw new CsvSyntaxError(`a quoted cell that starts on or before row ${row} is never closed`, row);
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}
