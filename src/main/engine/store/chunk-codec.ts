// Raw readings are stored as one row per series per 2-minute chunk: a small blob of
// (offset, value) pairs instead of a row per reading, so a write touches one row per series per
// chunk instead of one B-tree leaf per reading (bench:store, docs/performance.md).
//
// Blob layout (format 1): one byte 0x01, then per reading a uint32 LE offset in ms from the
// chunk's start and a float64 LE value, NaN meaning "no reading" (null). Readings are sorted by
// time with no time twice. Pure: no I/O, no clock.

/** Chunk length: memory held per series, and what a crash can lose (docs/decisions.md). */
export const CHUNK_MS = 2 * 60_000;
export const CHUNK_FORMAT = 1;
const HEADER_BYTES = 1;
const ENTRY_BYTES = 12;
const MAX_OFFSET = 2 ** 32 - 1;

/** Readings of one series, oldest first, each time once; null is a reading that could not be taken. */
export interface Readings {
  ts: number[];
  values: Array<number | null>;
}

export function chunkStart(ts: number): number {
  return Math.floor(ts / CHUNK_MS) * CHUNK_MS;
}

export function encodeChunk(start: number, readings: Readings): Buffer {
  const { ts, values } = readings;
  const buf = Buffer.allocUnsafe(HEADER_BYTES + ts.length * ENTRY_BYTES);
  buf[0] = CHUNK_FORMAT;
  let previous = -1;
  for (let i = 0; i < ts.length; i++) {
    const offset = ts[i]! - start;
    if (!Number.isInteger(offset) || offset <= previous || offset > MAX_OFFSET) {
      throw new RangeError(`Chunk readings must be whole milliseconds after ${start}, increasing; got ${String(ts[i])}.`);
    }
    previous = offset;
    const at = HEADER_BYTES + i * ENTRY_BYTES;
    buf.writeUInt32LE(offset, at);
    const value = values[i];
    buf.writeDoubleLE(typeof value === 'number' ? value : Number.NaN, at + 4);
  }
  return buf;
}

export function decodeChunk(start: number, blob: Uint8Array): Readings {
  if (blob.length < HEADER_BYTES || blob[0] !== CHUNK_FORMAT || (blob.length - HEADER_BYTES) % ENTRY_BYTES !== 0) {
    throw new RangeError(`Not a format-${CHUNK_FORMAT} sample chunk (${blob.length} bytes, format ${String(blob[0])}).`);
  }
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const n = (blob.length - HEADER_BYTES) / ENTRY_BYTES;
  const ts = new Array<number>(n);
  const values = new Array<number | null>(n);
  for (let i = 0; i < n; i++) {
    const at = HEADER_BYTES + i * ENTRY_BYTES;
    ts[i] = start + view.getUint32(at, true);
    const v = view.getFloat64(at + 4, true);
    values[i] = Number.isNaN(v) ? null : v;
  }
  return { ts, values };
}

/**
 * Sorts readings by time; of readings with the same time the last one given wins (a re-delivered
 * reading replaces the first). Returns the input itself when it is already in order.
 */
export function normalizeReadings(readings: Readings): Readings {
  const { ts, values } = readings;
  let ordered = true;
  for (let i = 1; i < ts.length && ordered; i++) ordered = ts[i]! > ts[i - 1]!;
  if (ordered) return readings;
  const order = ts.map((_, i) => i).sort((a, b) => ts[a]! - ts[b]! || a - b);
  const out: Readings = { ts: [], values: [] };
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const next = order[k + 1];
    if (next !== undefined && ts[next] === ts[i]) continue; // a later one with the same time wins
    out.ts.push(ts[i]!);
    out.values.push(values[i] ?? null);
  }
  return out;
}

/** Both sets of (normalized) readings in time order; on the same time, `newer` wins. */
export function mergeReadings(older: Readings, newer: Readings): Readings {
  if (older.ts.length === 0) return newer;
  if (newer.ts.length === 0) return older;
  const out: Readings = { ts: [], values: [] };
  let i = 0;
  let j = 0;
  while (i < older.ts.length || j < newer.ts.length) {
    const a = older.ts[i];
    const b = newer.ts[j];
    if (b === undefined || (a !== undefined && a < b)) {
      out.ts.push(a!);
      out.values.push(older.values[i++]!);
    } else {
      if (a === b) i++;
      out.ts.push(b);
      out.values.push(newer.values[j++]!);
    }
  }
  return out;
}

export interface MinuteRollup {
  minute: number;
  avg: number | null;
  min: number | null;
  max: number | null;
  /** Readings that were not null. */
  count: number;
}

/** avg/min/max/count of the non-null readings per minute, for every minute with any reading. */
export function minuteRollups(readings: Readings): MinuteRollup[] {
  const out: MinuteRollup[] = [];
  let current: MinuteRollup | null = null;
  let sum = 0;
  for (let i = 0; i < readings.ts.length; i++) {
    const minute = Math.floor(readings.ts[i]! / 60_000) * 60_000;
    if (!current || current.minute !== minute) {
      if (current) current.avg = current.count > 0 ? sum / current.count : null;
      current = { minute, avg: null, min: null, max: null, count: 0 };
      out.push(current);
      sum = 0;
    }
    const v = readings.values[i];
    if (typeof v !== 'number') continue;
    sum += v;
    current.count++;
    current.min = current.min === null || v < current.min ? v : current.min;
    current.max = current.max === null || v > current.max ? v : current.max;
  }
  if (current) current.avg = current.count > 0 ? sum / current.count : null;
  return out;
}
