import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../../../../src/renderer/src/i18n/decimal';
import { LOCALE_TAGS } from '../../../../src/renderer/src/i18n/catalogue';

const DIGITS = [0, 1, 2] as const;
const intl = new Map<string, Intl.NumberFormat>();
function viaIntl(locale: string, digits: number, value: number): string {
  const key = `${locale}:${digits}`;
  let f = intl.get(key);
  if (!f) intl.set(key, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 })));
  return f.format(value);
}

describe('formatDecimal', () => {
  it('writes numbers exactly as Intl.NumberFormat does for every UI language', () => {
    const values = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: -1e7, max: 1e7, noNaN: true }),
      fc.integer().map((i) => i / 1000),
      fc.integer({ min: -1e6, max: 1e6 }).map((i) => i + 0.5),
      fc.integer({ min: -1e6, max: 1e6 }).map((i) => i / 100 + 0.005),
    );
    fc.assert(
      fc.property(values, fc.constantFrom(...DIGITS), fc.constantFrom(...Object.values(LOCALE_TAGS)), (value, digits, locale) => {
        expect(formatDecimal(value, digits)).toBe(viaIntl(locale, digits, value));
      }),
      { numRuns: 20_000 },
    );
  });

  it('rounds half away from zero on the shortest decimal form, like Intl', () => {
    const cases: Array<[number, number, string]> = [
      [1.005, 2, '1.01'],
      [2.675, 2, '2.68'],
      [0.125, 2, '0.13'],
      [999.95, 1, '1,000'],
      [-0.04, 1, '-0'],
      [-0, 0, '-0'],
      [12.0, 2, '12'],
      [1e21, 0, '1,000,000,000,000,000,000,000'],
      [1.5e-7, 2, '0'],
    ];
    for (const [value, digits, text] of cases) {
      expect(formatDecimal(value, digits), `${value}/${digits}`).toBe(text);
      expect(viaIntl('en-US', digits, value), `${value}/${digits}`).toBe(text);
    }
  });
});
