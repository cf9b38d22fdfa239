import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK_MS, chunkStart, decodeChunk, encodeChunk, mergeReadings, minuteRollups, normalizeReadings, type Readings } from '../../../src/main/engine/store/chunk-codec';

const START = Date.UTC(2026, 0, 1);

/** Any readings of one chunk, in any order, times possibly repeated; values include -0, nulls, extremes. */
const arbitraryReadings = fc
  .array(fc.tuple(fc.integer({ min: 0, max: CHUNK_MS - 1 }), fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null })), { maxLength: 200 })
  .map((pairs): Readings => ({ ts: pairs.map(([o]) => START + o), values: pairs.map(([, v]) => v) }));

describe('sample chunk encoding', () => {
  it('stores 12 bytes per reading after a format byte, null as NaN', () => {
    const blob = encodeChunk(START, { ts: [START, START + 5_000], values: [12.5, null] });
    expect(blob.length).toBe(1 + 2 * 12);
    expect(blob[0]).toBe(1);
    expect(blob.readUInt32LE(13)).toBe(5_000);
    expect(Number.isNaN(blob.readDoubleLE(17))).toBe(true);
    expect(decodeChunk(START, blob)).toEqual({ ts: [START, START + 5_000], values: [12.5, null] });
  });

  it('refuses readings out of order, outside the chunk, or not whole milliseconds, and blobs of another format', () => {
    expect(() => encodeChunk(START, { ts: [START + 2, START + 1], values: [1, 2] })).toThrow(RangeError);
    expect(() => encodeChunk(START, { ts: [START + 1, START + 1], values: [1, 2] })).toThrow(RangeError);
    expect(() => encodeChunk(START, { ts: [START - 1], values: [1] })).toThrow(RangeError);
    expect(() => encodeChunk(START, { ts: [START + 0.5], values: [1] })).toThrow(RangeError);
    expect(() => decodeChunk(START, Buffer.from([2]))).toThrow(RangeError);
    expect(() => decodeChunk(START, Buffer.from([1, 0, 0]))).toThrow(RangeError);
  });

  it('puts a reading into the chunk its time falls in', () => {
    expect(chunkStart(START + CHUNK_MS - 1)).toBe(START);
    expect(chunkStart(START + CHUNK_MS)).toBe(START + CHUNK_MS);
  });

  it('round-trips any readings exactly, after sorting them with the last of the same time winning', () => {
    fc.assert(
      fc.property(arbitraryReadings, (raw) => {
        const normal = normalizeReadings(raw);
        const decoded = decodeChunk(START, encodeChunk(START, normal));
        expect(decoded).toEqual(normal);
        // Every distinct time once, with the value delivered last for it.
        const last = new Map<number, number | null>();
        raw.ts.forEach((t, i) => last.set(t, raw.values[i]!));
        expect(decoded.ts).toEqual([...last.keys()].sort((a, b) => a - b));
        decoded.ts.forEach((t, i) => expect(Object.is(decoded.values[i], last.get(t))).toBe(true));
      }),
    );
  });

  it('merges stored and newer readings: each time once, the newer value winning', () => {
    fc.assert(
      fc.property(arbitraryReadings, arbitraryReadings, (a, b) => {
        const older = normalizeReadings(a);
        const newer = normalizeReadings(b);
        const merged = mergeReadings(older, newer);
        const both = normalizeReadings({ ts: [...older.ts, ...newer.ts], values: [...older.values, ...newer.values] });
        expect(merged).toEqual(both);
      }),
    );
  });

  it('rolls a minute up as avg, min, max and the count of real readings, keeping a minute of gaps', () => {
    const r = normalizeReadings({ ts: [START + 61_000, START, START + 30_000, START + 60_000, START + 59_999], values: [null, 10, 30, null, 20] });
    expect(minuteRollups(r)).toEqual([
      { minute: START, avg: 20, min: 10, max: 30, count: 3 },
      { minute: START + 60_000, avg: null, min: null, max: null, count: 0 },
    ]);
  });
});
