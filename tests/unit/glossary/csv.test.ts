import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardCell, readCsv, unguardCell, writeCsv } from '../../../src/main/engine/glossary/csv';

describe('CSV reading and writing', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, CRLF or LF, and a BOM', () => {
    const text = '\uFEFFa,b,c\r\n"1,5","say ""hi""","two\r\nlines"\n\nplain, spaced ,x\n';
    expect(readCsv(text)).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: ['1,5', 'say "hi"', 'two\r\nlines'] },
      { row: 4, cells: ['plain', ' spaced ', 'x'] },
    ]);
  });

  it('guards every formula start and undoes exactly its own guard', () => {
    for (const v of ['=1+1', '+82', '-5', '@SUM(A1)', '\tx', '\rx']) expect(guardCell(v)).toBe(`'${v}`);
    expect(guardCell("'quoted")).toBe("''quoted");
    expect(guardCell('safe')).toBe('safe');
    expect(unguardCell("'hello")).toBe("'hello");
    expect(unguardCell("'=1")).toBe('=1');
  });

  it('round-trips any table of text cells', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '가', ',', '"', '\n', '\r\n', ' ', "'", '=', '+', '-', '@', '\t', 'x') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const read = readCsv(writeCsv(rows)).map((r) => r.cells);
        // Whitespace-only unquoted cells read back empty, and writing quotes every padded cell, so all survive.
        expect(read).toEqual(rows.filter((r) => !(r.length === 1 && r[0] === '')));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a quoted cell that never closes', () => {
    expect(() => readCsv('a,"b\nc')).toThrow(/never closed/);
  });
});
