// The buffer shares one time column between the series of a target's chunk. Whatever the order
// of polls (late ones, series that skip polls, repeated keys, failed writes put back), each
// series must read back exactly the readings a plain per-series list would hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK_MS, chunkStart, normalizeReadings, type Readings } from '../../../src/main/engine/store/chunk-codec';
import { SampleBuffer } from '../../../src/main/engine/store/sample-buffer';

const T0 = 1_800_000_000_000 - (1_800_000_000_000 % CHUNK_MS);
const KEYS = ['cpu.usage', 'mem.used', 'fs:/', 'fs:/data'] as const;

type Poll = { target: string; ts: number; values: Array<[string, number | null]> };

/** The reference: every reading of a series in arrival order, chunked and normalized like the buffer. */
function expected(polls: Poll[], target: string, key: string, start: number): Readings | null {
  const ts: number[] = [];
  const values: Array<number | null> = [];
  for (const p of polls) {
    if (p.target !== target || chunkStart(p.ts) !== start) continue;
    for (const [k, v] of p.values) {
      if (k !== key) continue;
      ts.push(p.ts);
      values.push(typeof v === 'number' && Number.isFinite(v) ? v : null);
    }
  }
  return ts.length ? normalizeReadings({ ts, values }) : null;
}

const pollArb = fc.record({
  target: fc.constantFrom('a', 'b'),
  // Mostly moving forward over three chunks, sometimes a late poll into an earlier chunk.
  ts: fc.integer({ min: 0, max: 3 * CHUNK_MS - 1 }).map((d) => T0 + d),
  values: fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.oneof(fc.double({ noNaN: false }), fc.constant(null))), { maxLength: 6 }),
});

describe('SampleBuffer', () => {
  it('reads back every reading of every series, whatever the order of polls', () => {
    fc.assert(
      fc.property(fc.array(pollArb, { maxLength: 40 }).map((ps) => [...ps].sort((x, y) => x.ts - y.ts)), fc.array(fc.nat(39), { maxLength: 6 }), (sorted, lateIdx) => {
        // Move a few polls later in arrival order: they arrive late, into chunks already passed.
        const polls = [...sorted];
        for (const i of lateIdx) if (i < polls.length) polls.push(...polls.splice(i, 1));
        const buffer = new SampleBuffer();
        for (const p of polls) buffer.addPoll(p.target, p.ts, p.values);
        let total = 0;
        for (const target of ['a', 'b'])
          for (const key of KEYS)
            for (let c = 0; c < 3; c++) {
              const start = T0 + c * CHUNK_MS;
              const want = expected(polls, target, key, start);
              expect(buffer.readings(target, key, start)).toEqual(want);
              total += want?.ts.length ?? 0;
            }
        expect(buffer.size).toBe(polls.reduce((n, p) => n + p.values.length, 0));
        // Duplicates within one time collapse in readings(), so the reference count is a lower bound.
        expect(buffer.size).toBeGreaterThanOrEqual(total);
      }),
      { numRuns: 300 },
    );
  });

  it('gives a series that skipped a poll its own times, and leaves the others aligned', () => {
    const buffer = new SampleBuffer();
    buffer.addPoll('a', T0 + 5_000, [['cpu.usage', 1], ['mem.used', 10]]);
    buffer.addPoll('a', T0 + 10_000, [['cpu.usage', 2]]);
    buffer.addPoll('a', T0 + 15_000, [['cpu.usage', 3], ['mem.used', 30]]);
    expect(buffer.readings('a', 'cpu.usage', T0)).toEqual({ ts: [T0 + 5_000, T0 + 10_000, T0 + 15_000], values: [1, 2, 3] });
    expect(buffer.readings('a', 'mem.used', T0)).toEqual({ ts: [T0 + 5_000, T0 + 15_000], values: [10, 30] });
  });

  it('puts taken chunks back before readings that arrived meanwhile', () => {
    const buffer = new SampleBuffer();
    buffer.addPoll('a', T0 + 5_000, [['cpu.usage', 1], ['mem.used', 10]]);
    buffer.addPoll('a', T0 + 10_000, [['cpu.usage', 2], ['mem.used', 20]]);
    const taken = buffer.take(Infinity, T0, true);
    expect(taken.map((t) => t.count)).toEqual([2, 2]);
    buffer.addPoll('a', T0 + 15_000, [['cpu.usage', 3], ['mem.used', 30]]);
    buffer.restore(taken);
    expect(buffer.readings('a', 'cpu.usage', T0)).toEqual({ ts: [T0 + 5_000, T0 + 10_000, T0 + 15_000], values: [1, 2, 3] });
    expect(buffer.readings('a', 'mem.used', T0)).toEqual({ ts: [T0 + 5_000, T0 + 10_000, T0 + 15_000], values: [10, 20, 30] });
    expect(buffer.size).toBe(6);
  });
});
