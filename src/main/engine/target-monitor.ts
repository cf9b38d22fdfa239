// Polls one target through its collector and turns each result into an evaluated snapshot, the
// same way for every kind. A failed or hung poll marks only this target UNKNOWN, with the reason.
import { isServiceDown, toErrorPayload } from '../../shared/errors';
import { filesystemSeriesKey, type SeriesKey, type SeriesQuery, type SeriesResult, type Snapshot, type Target } from '../../shared/model';
import type { Collector, CollectResult, MemberResult } from './collectors/types';
import type { Clock } from './core/clock';
import { runWithDeadline } from './core/scheduler';
import { evaluateSample, staleness, type HealthRules } from './rules/health';

export function buildSnapshot(target: Target, result: CollectResult, rules: HealthRules): Snapshot {
  const evaluation = evaluateSample(result.metrics, result.filesystems ?? [], rules);
  const down = result.down;
  return {
    targetId: target.id,
    ts: result.ts,
    metrics: result.metrics,
    facts: result.facts,
    health: evaluation.health,
    status: down ? 'crit' : evaluation.status,
    reasons: down ? [{ code: 'DOWN', errorCode: down.code, message: down.message, ...(down.data ? { data: down.data } : {}) }, ...evaluation.reasons] : evaluation.reasons,
    ...(result.filesystems !== undefined ? { filesystems: result.filesystems } : {}),
    ...(result.topProcesses !== undefined ? { topProcesses: result.topProcesses } : {}),
    ...(result.tables !== undefined ? { tables: result.tables } : {}),
    ...(result.notes !== undefined ? { notes: result.notes } : {}),
    ...(result.externalAlerts !== undefined ? { externalAlerts: result.externalAlerts } : {}),
  };
}

/**
 * The values of a snapshot as stored series: every metric whose history is kept, plus one per
 * filesystem. `history` lists the keys that keep history (the kind's descriptor says which).
 */
export function snapshotSeriesValues(snapshot: Snapshot, history: readonly SeriesKey[]): Array<[SeriesKey, number | null]> {
  // Sizes and uptime are shown as current values only; storing them every poll cost a fifth of
  // the rows the engine writes.
  const values: Array<[SeriesKey, number | null]> = [];
  for (const k of history) if (k in snapshot.metrics) values.push([k, snapshot.metrics[k] ?? null]);
  for (const fs of snapshot.filesystems ?? []) values.push([filesystemSeriesKey(fs.mount), fs.usedPercent]);
  return values;
}

/** A snapshot for a poll that produced nothing: the last known facts, no readings, UNKNOWN. */
export function failedSnapshot(target: Target, previous: Snapshot | null, err: unknown, now: number): Snapshot {
  const payload = toErrorPayload(err);
  const down = isServiceDown(err);
  return {
    ...(previous ?? { metrics: {}, facts: {} }),
    targetId: target.id,
    ts: previous?.ts ?? now,
    health: {},
    status: down ? 'crit' : 'unknown',
    reasons: [{ code: down ? 'DOWN' : 'COLLECT_FAILED', errorCode: payload.code, message: payload.message, ...(payload.data ? { data: payload.data } : {}) }],
    // Without a reading before this failure, `ts` is the attempt's time: no age of data to show.
    ...(previous === null || previous.neverAnswered ? { neverAnswered: true as const } : {}),
  };
}

/** Re-evaluates a stored snapshot for staleness at `now` (the overview asks at any time). */
export function withStaleness(snapshot: Snapshot, target: Target, now: number, rules: HealthRules): Snapshot {
  const stale = staleness(snapshot.neverAnswered ? null : snapshot.ts, now, target.intervalMs, rules);
  if (!stale) return snapshot;
  return { ...snapshot, status: 'unknown', reasons: [stale, ...snapshot.reasons.filter((r) => r.code !== 'STALE')] };
}

export class TargetMonitor {
  latest: Snapshot | null = null;

  constructor(
    readonly target: Target,
    private readonly collector: Collector,
    readonly rules: HealthRules,
    private readonly clock: Clock,
  ) {}

  /** One poll. Always resolves with a snapshot (failed polls give an UNKNOWN one). */
  async poll(timeoutMs: number): Promise<{ snapshot: Snapshot; fresh: boolean; members?: MemberResult[]; error?: unknown }> {
    try {
      const result = await runWithDeadline(this.clock, timeoutMs, () => this.collector.collect(), `Polling ${this.target.name}`);
      this.latest = buildSnapshot(this.target, result, this.rules);
      return { snapshot: this.latest, fresh: true, ...(result.members ? { members: result.members } : {}) };
    } catch (err) {
      this.latest = failedSnapshot(this.target, this.latest, err, this.clock.now());
      return { snapshot: this.latest, fresh: false, error: err };
    }
  }

  /** A data source answers the charts of the hosts it feeds. */
  querySeries(memberKey: string, q: SeriesQuery, widthPx: number): Promise<SeriesResult> | null {
    return this.collector.querySeries ? this.collector.querySeries(memberKey, q, widthPx) : null;
  }

  async close(): Promise<void> {
    await this.collector.close?.();
  }
}
