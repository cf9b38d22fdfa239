// The hand-written scans that replaced regex splits and full parses in the per-poll parsers
// must agree with the definitions they replaced, on any input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fields, parseCounter } from '../../../src/main/engine/parsers/numbers';
import { parseCpuTimes, parseProcStat } from '../../../src/main/engine/parsers/proc-stat';

const regexFields = (line: string): string[] => (line.trim() === '' ? [] : line.trim().split(/[ \t]+/));
const regexCounter = (token: string): number | null => (/^\d{1,20}$/.test(token) ? Number(token) : null);
// Tokens built from the characters that matter: digits, separators, other whitespace, signs.
const piece = fc.constantFrom('0', '7', '12', '18446744073709551615', '123456789012345678901', ' ', '  ', '\t', '\r', '\v', '\u00a0', '-', '+', 'x', '1e3', '.');
const line = fc.array(piece, { maxLength: 14 }).map((p) => p.join(''));

describe('per-poll parser fast paths', () => {
  it('fields() splits like trim().split(/[ \\t]+/)', () => {
    fc.assert(
      fc.property(line, (l) => {
        expect(fields(l)).toEqual(regexFields(l));
      }),
      { numRuns: 2000 },
    );
  });

  it('parseCounter() accepts exactly 1 to 20 ASCII digits', () => {
    fc.assert(
      fc.property(line, (t) => {
        expect(parseCounter(t)).toBe(regexCounter(t));
      }),
      { numRuns: 2000 },
    );
    expect(parseCounter(undefined)).toBeNull();
    expect(parseCounter('')).toBeNull();
  });

  it('counts a cpuN line exactly when parseCpuTimes accepts its counters', () => {
    fc.assert(
      fc.property(fc.constantFrom('', ' ', '\t'), fc.nat(64), line, (lead, n, rest) => {
        const cpuLine = `${lead}cpu${n} ${rest}`;
        const stat = parseProcStat(`cpu 1 2 3 4\n${cpuLine}\n`);
        const [, ...values] = regexFields(cpuLine);
        expect(stat?.cpuCount ?? 0).toBe(parseCpuTimes(values) ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
  });
});
