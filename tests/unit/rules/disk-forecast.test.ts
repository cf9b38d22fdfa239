import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastDiskFull, NOT_FILLING_SECONDS, secondsUntilFull, theilSen } from '../../../src/main/engine/rules/disk-forecast';
import { baselineBand } from '../../../src/main/engine/rules/baseline-band';

const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;
const opts = { minPoints: 10, minSpanMs: 10 * MIN };

describe('Theil–Sen', () => {
  it('finds the exact line through points on a line', () => {
    const fit = theilSen(Array.from({ length: 20 }, (_, i) => [i, 3 + 2 * i] as const));
    expect(fit?.slope).toBeCloseTo(2, 10);
    expect(fit?.intercept).toBeCloseTo(3, 10);
  });

  it('is not pulled off by a few wild points, where a mean would be', () => {
    const points = Array.from({ length: 30 }, (_, i) => [i, 10 + i] as [number, number]);
    for (const i of [3, 11, 17, 25]) points[i]![1] = 95;
    expect(theilSen(points)?.slope).toBeCloseTo(1, 1);
  });
});

describe('the disk-full forecast', () => {
  it('a filesystem filling at a steady rate gets an ETA within 10 % of the true time (synthetic, with noise)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 1, noNaN: true }), // share of the free space filled in the 6 h
        fc.double({ min: 5, max: 80, noNaN: true }), // percent used at the start
        fc.integer({ min: 1, max: 2 ** 31 }),
        (share, start, seed) => {
          const ratePerHour = (share * (98 - start)) / 6;
          let s = seed;
          const noise = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.2;
          const history = Array.from({ length: 6 * 60 }, (_, i) => [T0 + i * MIN, Math.min(100, start + (ratePerHour * i) / 60 + noise())] as [number, number]);
          const last = history.at(-1)!;
          fc.pre(last[1] < 99);
          const f = forecastDiskFull('/', history, opts)!;
          const now = last[0];
          const trueSeconds = ((100 - (start + (ratePerHour * (history.length - 1)) / 60)) / ratePerHour) * 3600;
          const eta = secondsUntilFull(f, now);
          expect(Math.abs(eta - trueSeconds)).toBeLessThanOrEqual(0.1 * trueSeconds + 60);
        },
      ),
      { numRuns: 100 },
    );
  }, 30_000);

  it('says "not filling" for a flat or shrinking filesystem', () => {
    const flat = Array.from({ length: 60 }, (_, i) => [T0 + i * MIN, 40] as [number, number]);
    const f = forecastDiskFull('/', flat, opts)!;
    expect(f.fullAt).toBeNull();
    expect(secondsUntilFull(f, T0 + 60 * MIN)).toBe(NOT_FILLING_SECONDS);
  });

  it('starts over after a clean-up instead of averaging the old trend in', () => {
    const before = Array.from({ length: 60 }, (_, i) => [T0 + i * MIN, 20 + i] as [number, number]);
    const after = Array.from({ length: 30 }, (_, i) => [T0 + (60 + i) * MIN, 10 + 0.1 * i] as [number, number]);
    const f = forecastDiskFull('/', [...before, ...after], opts)!;
    expect(f.slopePerHour).toBeCloseTo(6, 1);
    expect(f.fittedFrom).toBe(after[0]![0]);
  });

  it('gives no forecast from too little history, and ignores gaps', () => {
    expect(forecastDiskFull('/', [[T0, 10], [T0 + MIN, 11]], opts)).toBeNull();
    const gappy = Array.from({ length: 60 }, (_, i) => [T0 + i * MIN, i % 5 === 0 ? null : 10 + i / 6] as [number, number | null]);
    expect(forecastDiskFull('/', gappy, opts)?.slopePerHour).toBeCloseTo(10, 1);
  });
});

describe('the baseline band', () => {
  it('is empty while learning, then surrounds the usual values', () => {
    const points = Array.from({ length: 50 }, (_, i) => [T0 + i * MIN, 50 + (i % 2 ? 2 : -2)] as [number, number]);
    const band = baselineBand('cpu.usage', points, { deviations: 3, halfLifeMs: 3_600_000, warmupSamples: 10 });
    expect(band.points[0]).toEqual([T0, null, null]);
    const [, lo, hi] = band.points.at(-1)!;
    expect(lo!).toBeLessThan(48);
    expect(hi!).toBeGreaterThan(52);
    expect(hi! - lo!).toBeLessThan(20);
  });
});
