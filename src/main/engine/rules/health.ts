// PURE health evaluation: thresholds and staleness. No I/O, no clock (now is an argument).
import {
  STATUS_SEVERITY,
  filesystemSeriesKey,
  type FilesystemUsage,
  type HealthReason,
  type HealthStatus,
  type MetricHealth,
  type MetricValues,
  type SeriesKey,
} from '../../../shared/model';

export interface Band {
  warn: number;
  crit: number;
  /** 'below': low values are bad (a cache hit ratio). Default 'above'. */
  direction?: 'above' | 'below';
}

export interface HealthRules {
  /** Bands by series key, for any kind's series. */
  metrics: Partial<Record<SeriesKey, Band>>;
  filesystem: Band;
  /** Data older than this many polling intervals is stale. */
  staleAfterIntervals: number;
  /** ... but never sooner than this, so a fast interval does not flap. */
  staleMinMs: number;
}

export interface Evaluation {
  status: HealthStatus;
  health: Partial<Record<SeriesKey, MetricHealth>>;
  reasons: HealthReason[];
}

export function worstStatus(statuses: Iterable<HealthStatus>): HealthStatus {
  let worst: HealthStatus = 'ok';
  for (const s of statuses) if (STATUS_SEVERITY[s] > STATUS_SEVERITY[worst]) worst = s;
  return worst;
}

export function bandStatus(value: number | null, band: Band | undefined): HealthStatus {
  if (!band || value === null || !Number.isFinite(value)) return 'ok';
  const beyond = band.direction === 'below' ? (limit: number) => value <= limit : (limit: number) => value >= limit;
  if (beyond(band.crit)) return 'crit';
  if (beyond(band.warn)) return 'warn';
  return 'ok';
}

const HEALTH_OK: MetricHealth = Object.freeze({ status: 'ok', threshold: null });

/** Evaluates one sample against the thresholds. Missing readings never raise an alarm. */
export function evaluateSample(metrics: MetricValues, filesystems: readonly FilesystemUsage[], rules: HealthRules): Evaluation {
  const health: Partial<Record<SeriesKey, MetricHealth>> = {};
  const reasons: HealthReason[] = [];
  for (const [key, band] of Object.entries(rules.metrics) as Array<[SeriesKey, Band]>) {
    // A series this kind does not have (a host band on a database) is neither OK nor a gap.
    if (!(key in metrics)) continue;
    const value = metrics[key] ?? null;
    const status = bandStatus(value, band);
    // Most readings are fine: one shared frozen object for them, not one per metric and poll.
    health[key] = status === 'ok' ? HEALTH_OK : { status, threshold: status === 'crit' ? band.crit : band.warn };
    if (status !== 'ok' && value !== null && key !== 'disk.used') {
      reasons.push({ code: 'THRESHOLD', metric: key, value, threshold: health[key]!.threshold!, status, ...(band.direction === 'below' ? { below: true as const } : {}) });
    }
  }
  // Disk health is reported per filesystem, so the reason names the mount that is filling up.
  for (const fs of filesystems) {
    const status = bandStatus(fs.usedPercent, rules.filesystem);
    if (status !== 'ok') {
      const threshold = status === 'crit' ? rules.filesystem.crit : rules.filesystem.warn;
      reasons.push({ code: 'THRESHOLD', metric: filesystemSeriesKey(fs.mount), value: fs.usedPercent, threshold, status });
    }
  }
  if (reasons.length > 1) reasons.sort((a, b) => STATUS_SEVERITY[statusOf(b)] - STATUS_SEVERITY[statusOf(a)]);
  return { status: worstStatus(statusesOf(health)), health, reasons };
}

function* statusesOf(health: Evaluation['health']): Iterable<HealthStatus> {
  for (const key in health) yield health[key as SeriesKey]!.status;
}

function statusOf(r: HealthReason): HealthStatus {
  return r.code === 'THRESHOLD' ? r.status : 'unknown';
}

export function staleAfterMs(intervalMs: number, rules: HealthRules): number {
  return Math.max(rules.staleMinMs, intervalMs * rules.staleAfterIntervals);
}

/** A sample older than the stale window turns the target UNKNOWN, with how long ago it came. */
export function staleness(lastSampleTs: number | null, now: number, intervalMs: number, rules: HealthRules): HealthReason | null {
  if (lastSampleTs === null) return { code: 'STALE', lastSampleTs: null, ageMs: null };
  const ageMs = Math.max(0, now - lastSampleTs);
  return ageMs > staleAfterMs(intervalMs, rules) ? { code: 'STALE', lastSampleTs, ageMs } : null;
}
