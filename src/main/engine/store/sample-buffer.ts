// Readings not yet written, per series and chunk. A chunk is written once it is over (plus a
// grace for late polls), as one row; readers merge what is here with the stored chunks, so a
// chart never misses a reading that is only in memory.
//
// A poll ingests every series of its target at one time, so the series of one target and chunk
// share one column of times: each series keeps only its values and where in that column they
// start. A series that misses a poll gets a time column of its own from then on. At 5,000 hosts
// x 17 series this halves what the buffer holds, and a poll looks its chunk up once, not once
// per series.

import type { SeriesKey, TargetId } from '../../../shared/model';
import { CHUNK_MS, chunkStart, normalizeReadings, type Readings } from './chunk-codec';

/** A chunk counts as over this long after its end: a poll that started before the end still lands in it. */
export const CHUNK_GRACE_MS = 10_000;

/** Readings of one series in one chunk, in arrival order (NaN for null keeps the arrays of plain doubles). */
export interface ChunkReadings {
  readonly start: number;
  /** The shared time column of the target's chunk, or this series' own once it missed a poll. */
  ts: number[];
  /** values[i] was read at ts[from + i]. */
  from: number;
  /** False while `ts` is the shared column, which only the poll that owns it may extend. */
  own: boolean;
  values: number[];
}

export interface SeriesBuffer {
  readonly targetId: TargetId;
  readonly key: SeriesKey;
  /** Its chunks in memory: one or two (the open one, one waiting for its write). A Map per series cost more than its readings. */
  readonly chunks: ChunkReadings[];
  /** Start of the newest chunk of this series this process has written (or tried to), -Infinity before. */
  writtenUpTo: number;
}

/** One chunk taken out for a write; put back with restore() if the write fails. */
export interface TakenChunk {
  series: SeriesBuffer;
  start: number;
  readings: Readings;
  count: number;
}

interface TargetBuffer {
  readonly series: Map<SeriesKey, SeriesBuffer>;
  /** The chunk the newest poll landed in, and its shared time column. */
  openStart: number;
  openTs: number[];
}

export class SampleBuffer {
  private readonly byTarget = new Map<TargetId, TargetBuffer>();
  /** chunk start -> series holding readings for it, to take the oldest chunks first. */
  private readonly byStart = new Map<number, Set<SeriesBuffer>>();
  private readonly countByStart = new Map<number, number>();
  private total = 0;

  /** One poll's readings of one target, all read at `ts`. NaN, Infinity and null are stored as gaps. */
  addPoll(targetId: TargetId, ts: number, values: ReadonlyArray<readonly [SeriesKey, number | null]>): void {
    if (values.length === 0) return;
    let target = this.byTarget.get(targetId);
    if (!target) this.byTarget.set(targetId, (target = { series: new Map(), openStart: Number.NaN, openTs: [] }));
    const start = chunkStart(ts);
    // Late polls (an older chunk than the open one) keep their own columns: rare, and simpler.
    const shared = start >= target.openStart || Number.isNaN(target.openStart);
    if (shared && start !== target.openStart) {
      target.openStart = start;
      target.openTs = [];
    }
    const column = shared ? target.openTs : null;
    column?.push(ts);
    for (const [key, value] of values) {
      let series = target.series.get(key);
      if (!series) target.series.set(key, (series = { targetId, key, chunks: [], writtenUpTo: -Infinity }));
      let chunk = chunkAt(series, start);
      if (!chunk) {
        series.chunks.push((chunk = column ? { start, ts: column, from: column.length - 1, own: false, values: [] } : { start, ts: [ts], from: 0, own: true, values: [] }));
        let set = this.byStart.get(start);
        if (!set) this.byStart.set(start, (set = new Set()));
        set.add(series);
      } else if (chunk.ts !== column || chunk.from + chunk.values.length !== column.length - 1) {
        // Not aligned with the shared column (it missed a poll, or this is a late one): own column.
        if (!chunk.own) chunk = ownColumn(series, start, chunk);
        chunk.ts.push(ts);
      }
      chunk.values.push(typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN);
    }
    this.countByStart.set(start, (this.countByStart.get(start) ?? 0) + values.length);
    this.total += values.length;
  }

  /** Every buffered reading. */
  get size(): number {
    return this.total;
  }

  /** Readings in chunks that are over at `now` (due for a write). */
  dueCount(now: number): number {
    let n = 0;
    for (const [start, count] of this.countByStart) if (isDue(start, now)) n += count;
    return n;
  }

  /** The buffered readings of one series in one chunk, in time order (null when there are none). */
  readings(targetId: TargetId, key: SeriesKey, start: number): Readings | null {
    const series = this.byTarget.get(targetId)?.series.get(key);
    const chunk = series && chunkAt(series, start);
    return chunk ? toReadings(chunk) : null;
  }

  /** Starts of the chunks one series has buffered readings in, oldest first. */
  chunkStarts(targetId: TargetId, key: SeriesKey): number[] {
    const chunks = this.byTarget.get(targetId)?.series.get(key)?.chunks;
    return chunks ? chunks.map((c) => c.start).sort((a, b) => a - b) : [];
  }

  /**
   * Takes whole chunks, oldest first, until at least one and about `maxReadings` readings are
   * taken; only chunks that are over at `now` unless `all`.
   */
  take(maxReadings: number, now: number, all = false): TakenChunk[] {
    const taken: TakenChunk[] = [];
    let readings = 0;
    const starts = [...this.byStart.keys()].sort((a, b) => a - b);
    for (const start of starts) {
      if (!all && !isDue(start, now)) break;
      const set = this.byStart.get(start)!;
      for (const series of set) {
        if (taken.length > 0 && readings >= maxReadings) return taken;
        const chunk = removeChunk(series, start)!;
        set.delete(series);
        const count = chunk.values.length;
        this.forgetCount(start, count);
        taken.push({ series, start, readings: toReadings(chunk), count });
        readings += count;
      }
      if (set.size === 0) this.byStart.delete(start);
    }
    return taken;
  }

  /** Puts chunks back after a failed write, before anything that arrived for them meanwhile. */
  restore(taken: readonly TakenChunk[]): void {
    for (const { series, start, readings } of taken) {
      const later = removeChunk(series, start);
      const chunk: ChunkReadings = { start, ts: [...readings.ts], from: 0, own: true, values: readings.values.map((v) => (v === null ? Number.NaN : v)) };
      if (later) {
        const laterTs = later.ts.slice(later.from, later.from + later.values.length);
        chunk.ts.push(...laterTs);
        chunk.values.push(...later.values);
        this.forgetCount(start, later.values.length);
      }
      series.chunks.push(chunk);
      let set = this.byStart.get(start);
      if (!set) this.byStart.set(start, (set = new Set()));
      set.add(series);
      this.countByStart.set(start, (this.countByStart.get(start) ?? 0) + chunk.values.length);
      this.total += chunk.values.length;
    }
  }

  /** Drops the oldest chunks until at most `keep` readings are due; returns the readings dropped. */
  dropOldestDue(keep: number, now: number): number {
    let dropped = 0;
    while (this.dueCount(now) > keep) {
      const [oldest] = this.take(1, now);
      if (!oldest) break;
      dropped += oldest.count;
    }
    return dropped;
  }

  private forgetCount(start: number, count: number): void {
    const left = (this.countByStart.get(start) ?? 0) - count;
    if (left > 0) this.countByStart.set(start, left);
    else this.countByStart.delete(start);
    this.total -= count;
  }
}

function isDue(start: number, now: number): boolean {
  return start + CHUNK_MS + CHUNK_GRACE_MS <= now;
}

/** A series' readings with a time column of their own, from the shared one. */
function ownColumn(series: SeriesBuffer, start: number, chunk: ChunkReadings): ChunkReadings {
  const own: ChunkReadings = { start, ts: chunk.ts.slice(chunk.from, chunk.from + chunk.values.length), from: 0, own: true, values: chunk.values };
  series.chunks[series.chunks.indexOf(chunk)] = own;
  return own;
}

function chunkAt(series: SeriesBuffer, start: number): ChunkReadings | undefined {
  for (const chunk of series.chunks) if (chunk.start === start) return chunk;
  return undefined;
}

function removeChunk(series: SeriesBuffer, start: number): ChunkReadings | undefined {
  const i = series.chunks.findIndex((c) => c.start === start);
  return i < 0 ? undefined : series.chunks.splice(i, 1)[0];
}

function toReadings(chunk: ChunkReadings): Readings {
  const ts = chunk.ts.slice(chunk.from, chunk.from + chunk.values.length);
  return normalizeReadings({ ts, values: chunk.values.map((v) => (Number.isNaN(v) ? null : v)) });
}
