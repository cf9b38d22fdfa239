// Readings not yet written, per series and chunk. A chunk is written once it is over (plus a
// grace for late polls), as one row; readers merge what is here with the stored chunks, so a
// chart never misses a reading that is only in memory.

import type { SeriesKey, TargetId } from '../../../shared/model';
import { CHUNK_MS, chunkStart, normalizeReadings, type Readings } from './chunk-codec';

/** A chunk counts as over this long after its end: a poll that started before the end still lands in it. */
export const CHUNK_GRACE_MS = 10_000;

export interface SeriesBuffer {
  readonly targetId: TargetId;
  readonly key: SeriesKey;
  /** chunk start -> readings in arrival order (NaN for null keeps the arrays of plain doubles) */
  readonly chunks: Map<number, { ts: number[]; values: number[] }>;
}

/** One chunk taken out for a write; put back with restore() if the write fails. */
export interface TakenChunk {
  series: SeriesBuffer;
  start: number;
  readings: Readings;
  count: number;
}

export class SampleBuffer {
  private readonly byTarget = new Map<TargetId, Map<SeriesKey, SeriesBuffer>>();
  /** chunk start -> series holding readings for it, to take the oldest chunks first. */
  private readonly byStart = new Map<number, Set<SeriesBuffer>>();
  private readonly countByStart = new Map<number, number>();
  private total = 0;

  add(targetId: TargetId, key: SeriesKey, ts: number, value: number | null): void {
    let byKey = this.byTarget.get(targetId);
    if (!byKey) this.byTarget.set(targetId, (byKey = new Map()));
    let series = byKey.get(key);
    if (!series) byKey.set(key, (series = { targetId, key, chunks: new Map() }));
    const start = chunkStart(ts);
    let chunk = series.chunks.get(start);
    if (!chunk) {
      series.chunks.set(start, (chunk = { ts: [], values: [] }));
      let set = this.byStart.get(start);
      if (!set) this.byStart.set(start, (set = new Set()));
      set.add(series);
    }
    chunk.ts.push(ts);
    chunk.values.push(value === null ? Number.NaN : value);
    this.countByStart.set(start, (this.countByStart.get(start) ?? 0) + 1);
    this.total++;
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
    const chunk = this.byTarget.get(targetId)?.get(key)?.chunks.get(start);
    return chunk ? toReadings(chunk) : null;
  }

  /** Starts of the chunks one series has buffered readings in, oldest first. */
  chunkStarts(targetId: TargetId, key: SeriesKey): number[] {
    const chunks = this.byTarget.get(targetId)?.get(key)?.chunks;
    return chunks ? [...chunks.keys()].sort((a, b) => a - b) : [];
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
        const chunk = series.chunks.get(start)!;
        series.chunks.delete(start);
        set.delete(series);
        const count = chunk.ts.length;
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
      const later = series.chunks.get(start);
      const chunk = { ts: [...readings.ts], values: readings.values.map((v) => (v === null ? Number.NaN : v)) };
      if (later) {
        chunk.ts.push(...later.ts);
        chunk.values.push(...later.values);
        this.forgetCount(start, later.ts.length);
      }
      series.chunks.set(start, chunk);
      let set = this.byStart.get(start);
      if (!set) this.byStart.set(start, (set = new Set()));
      set.add(series);
      this.countByStart.set(start, (this.countByStart.get(start) ?? 0) + chunk.ts.length);
      this.total += chunk.ts.length;
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

function toReadings(chunk: { ts: number[]; values: number[] }): Readings {
  return normalizeReadings({ ts: chunk.ts, values: chunk.values.map((v) => (Number.isNaN(v) ? null : v)) });
}
