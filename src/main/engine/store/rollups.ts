// 1-minute rollups (avg/min/max/count of non-null samples per series and minute).
//
// Each (series, minute) is recomputed from its raw samples, which is exact (no running-average
// drift) and stays right when a sample is re-delivered or replaced. It is done once, when the
// minute is over: at the first flush after the minute ends, in the same transaction as that
// flush's samples. Recomputing at every flush instead cost one statement per series per flush,
// which bench:fleet measured as the largest single cost of the engine at 1,000 hosts.
//
// Minutes from `exactBefore` on are the ones in progress: the reader answers them from raw
// samples, so a 24 h chart still reaches the present. `exactBefore` is saved with every flush;
// a clean close rolls up everything and clears it, and after a crash the next open recomputes
// the minutes from the saved value on, so the rollups never disagree with the samples.

import type Database from 'better-sqlite3';

export const MINUTE_MS = 60_000;
const WATERMARK_KEY = 'store.rollups.pendingFrom';

export function minuteStart(ts: number): number {
  return Math.floor(ts / MINUTE_MS) * MINUTE_MS;
}

/** Rollup refreshes per write transaction: a minute boundary with 30,000 series is spread over flushes. */
export const MAX_REFRESHES_PER_WRITE = 2_000;

/** Series ids touched per minute. */
export type TouchedMinutes = Map<number, Set<number>>;

/** What one write transaction rolled up, applied to memory only once it has committed. */
export interface RollupPlan {
  refreshed: Array<[minute: number, id: number]>;
  exactBefore: number;
}

export class Rollups {
  /** Series written but not yet rolled up, by minute. */
  private readonly pending: TouchedMinutes = new Map();
  private boundary: number;
  private readonly refreshOne: Database.Statement<[{ id: number; minute: number; end: number }]>;
  private readonly refreshFrom: Database.Statement<[{ id: number; from: number }]>;
  private readonly saveWatermark: Database.Statement<[string]>;
  private readonly clearWatermark: Database.Statement<[]>;

  constructor(
    private readonly db: Database.Database,
    now: number,
  ) {
    // The WHERE clause also keeps SQLite from reading ON CONFLICT as a join constraint.
    this.refreshOne = db.prepare(`
      INSERT INTO rollups_1m (series_id, minute_ts, avg, min, max, count)
      SELECT @id, @minute, avg(value), min(value), max(value), count(value)
      FROM samples
      WHERE series_id = @id AND ts >= @minute AND ts < @end
      ON CONFLICT (series_id, minute_ts) DO UPDATE SET
        avg = excluded.avg, min = excluded.min, max = excluded.max, count = excluded.count
    `);
    this.refreshFrom = db.prepare(`
      INSERT INTO rollups_1m (series_id, minute_ts, avg, min, max, count)
      SELECT series_id, (ts / ${MINUTE_MS}) * ${MINUTE_MS} AS minute, avg(value), min(value), max(value), count(value)
      FROM samples
      WHERE series_id = @id AND ts >= @from
      GROUP BY minute
      ON CONFLICT (series_id, minute_ts) DO UPDATE SET
        avg = excluded.avg, min = excluded.min, max = excluded.max, count = excluded.count
    `);
    this.saveWatermark = db.prepare(`INSERT INTO settings (key, value) VALUES ('${WATERMARK_KEY}', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    this.clearWatermark = db.prepare(`DELETE FROM settings WHERE key = '${WATERMARK_KEY}'`);
    this.recover();
    this.boundary = minuteStart(now);
  }

  /** True when a minute written earlier is over and waits for its rollup. */
  hasClosedPending(now: number): boolean {
    const open = minuteStart(now);
    for (const minute of this.pending.keys()) if (minute < open) return true;
    return false;
  }

  /** Every minute before this has its exact rollup in the table; later ones come from raw samples. */
  get exactBefore(): number {
    return this.boundary;
  }

  /**
   * Inside a write transaction, after its samples: rolls up the minutes that are over (oldest
   * first, at most MAX_REFRESHES_PER_WRITE), and saves where the pending ones start. Memory
   * changes only in `commit`, so a rolled-back transaction leaves it as it was.
   */
  rollUpClosed(touched: TouchedMinutes, now: number, limit = MAX_REFRESHES_PER_WRITE): RollupPlan {
    const open = minuteStart(now);
    const minutes = [...new Set([...this.pending.keys(), ...touched.keys()])].sort((x, y) => x - y);
    const refreshed: Array<[number, number]> = [];
    let exactBefore = open;
    let pendingFrom = Infinity;
    for (const minute of minutes) {
      if (minute >= open || refreshed.length >= limit) {
        pendingFrom = Math.min(pendingFrom, minute);
        if (minute < open) exactBefore = Math.min(exactBefore, minute);
        continue;
      }
      const ids = new Set([...(this.pending.get(minute) ?? []), ...(touched.get(minute) ?? [])]);
      for (const id of ids) {
        if (refreshed.length >= limit) {
          exactBefore = Math.min(exactBefore, minute);
          pendingFrom = Math.min(pendingFrom, minute);
          break;
        }
        this.refreshOne.run({ id, minute, end: minute + MINUTE_MS });
        refreshed.push([minute, id]);
      }
    }
    if (pendingFrom === Infinity) this.clearWatermark.run();
    else this.saveWatermark.run(String(pendingFrom));
    return { refreshed, exactBefore };
  }

  /** After the transaction committed: remembers what is pending and forgets what was rolled up. */
  commit(touched: TouchedMinutes, plan: RollupPlan): void {
    for (const [minute, ids] of touched) {
      let set = this.pending.get(minute);
      if (!set) this.pending.set(minute, (set = new Set()));
      for (const id of ids) set.add(id);
    }
    for (const [minute, id] of plan.refreshed) this.pending.get(minute)?.delete(id);
    for (const [minute, set] of this.pending) if (set.size === 0) this.pending.delete(minute);
    this.boundary = plan.exactBefore;
  }

  /** At a clean close: rolls up the minutes in progress too, and records that nothing is pending. */
  finish(): void {
    this.db.transaction(() => {
      for (const [minute, ids] of this.pending) for (const id of ids) this.refreshOne.run({ id, minute, end: minute + MINUTE_MS });
      this.clearWatermark.run();
    })();
    this.pending.clear();
  }

  /** After a crash: recomputes every series' minutes from the saved watermark on. */
  private recover(): void {
    const saved = this.db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(WATERMARK_KEY);
    const from = saved === undefined ? NaN : Number(saved);
    if (!Number.isFinite(from)) return;
    const ids = this.db.prepare<[], number>('SELECT id FROM series').pluck().all();
    this.db.transaction(() => {
      for (const id of ids) this.refreshFrom.run({ id, from });
      this.clearWatermark.run();
    })();
  }
}
