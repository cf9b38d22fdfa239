// Polls one target through its collector and turns each result into an evaluated snapshot.
// A failed or hung poll marks only this target UNKNOWN, with the reason.
import { toErrorPayload } from '../../shared/errors';
import {
  emptyHostMetrics,
  filesystemSeriesKey,
  HISTORY_METRIC_KEYS,
  type HostSnapshot,
  type SeriesKey,
  type Target,
} from '../../shared/model';
import type { Collector, CollectResult } from './collectors/types';
import type { Clock } from './core/clock';
import { runWithDeadline } from './core/scheduler';
import { evaluateSample, staleness, type HealthRules } from './rules/health';

export function buildSnapshot(target: Target, result: CollectResult, rules: HealthRules): HostSnapshot {
  const evaluation = evaluateSample(result.metrics, result.filesystems, rules);
  return {
    targetId: target.id,
    ts: result.ts,
    metrics: result.metrics,
    filesystems: result.filesystems,
    facts: result.facts,
    health: evaluation.health,
    status: evaluation.status,
    reasons: evaluation.reasons,
    ...(result.topProcesses !== undefined ? { topProcesses: result.topProcesses } : {}),
  };
}

/** The values of a snapshot as stored series: every scalar metric plus one per filesystem. */
export function snapshotSeriesValues(snapshot: HostSnapshot): Array<[SeriesKey, number | null]> {
  // Sizes and uptime are shown as current values only; storing them every poll cost a fifth of
  // the rows the engine writes.
  const values: Array<[SeriesKey, number | null]> = HISTORY_METRIC_KEYS.map((k) => [k, snapshot.metrics[k]]);
  for (const fs of snapshot.filesystems) values.push([filesystemSeriesKey(fs.mount), fs.usedPercent]);
  return values;
}

/** A snapshot for a poll that produced nothing: the last known facts, no readings, UNKNOWN. */
export function failedSnapshot(target: Target, previous: HostSnapshot | null, err: unknown, now: number): HostSnapshot {
  const payload = toErrorPayload(err);
  return {
    targetId: target.id,
    ts: previous?.ts ?? now,
    metrics: previous?.metrics ?? emptyHostMetrics(),
    filesystems: previous?.filesystems ?? [],
    facts: previous?.facts ?? { hostname: null, os: null, kernel: null, arch: null },
    health: {},
    status: 'unknown',
    reasons: [{ code: 'COLLECT_FAILED', errorCode: payload.code, message: payload.message, ...(payload.data ? { data: payload.data } : {}) }],
    ...(previous?.topProcesses !== undefined ? { topProcesses: previous.topProcesses } : {}),
    // Without a reading before this failure, `ts` is the attempt's time: no age of data to show.
    ...(previous === null || previous.neverAnswered ? { neverAnswered: true as const } : {}),
  };
}

/** Re-evaluates a stored snapshot for staleness at `now` (the overview asks at any time). */
export function withStaleness(snapshot: HostSnapshot, target: Target, now: number, rules: HealthRules): HostSnapshot {
  const stale = staleness(snapshot.neverAnswered ? null : snapshot.ts, now, target.intervalMs, rules);
  if (!stale) return snapshot;
  return { ...snapshot, status: 'unknown', reasons: [stale, ...snapshot.reasons.filter((r) => r.code !== 'STALE')] };
}

export class TargetMonitor {
  latest: HostSnapshot | null = null;

  constructor(
    readonly target: Target,
    private readonly collector: Collector,
    private readonly rules: HealthRules,
    private readonly clock: Clock,
  ) {}

  /** One poll. Always resolves with a snapshot (failed polls give an UNKNOWN one). */
  async poll(timeoutMs: number): Promise<{ snapshot: HostSnapshot; fresh: boolean }> {
    try {
      const result = await runWithDeadline(this.clock, timeoutMs, () => this.collector.collect(), `Polling ${this.target.name}`);
      this.latest = buildSnapshot(this.target, result, this.rules);
      return { snapshot: this.latest, fresh: true };
    } catch (err) {
      this.latest = failedSnapshot(this.target, this.latest, err, this.clock.now());
      return { snapshot: this.latest, fresh: false };
    }
  }

  async close(): Promise<void> {
    await this.collector.close?.();
  }
}
