// Turns domain data (metric keys, health reasons, statuses) into sentences for one language.
import type { HealthReason, HealthStatus, SeriesKey } from '../../../shared/model';
import { isFilesystemSeries, mountOfSeries, unitOf } from '../domain/metrics';
import type { MessageKey, Translate } from './catalogue';
import type { Formatter } from './format';

export const STATUS_SHAPES: Record<HealthStatus, string> = { ok: '●', warn: '▲', crit: '■', unknown: '?' };

export function statusLabel(t: Translate, status: HealthStatus): string {
  return t(`status.${status}`);
}

export function metricLabel(t: Translate, key: SeriesKey): string {
  if (isFilesystemSeries(key)) return t('metric.fs.used', { mount: mountOfSeries(key) });
  return t(`metric.${key}` as MessageKey);
}

/**
 * Age of the data behind a STALE reason at `now`. The engine measured ageMs when it answered;
 * adding the time since we received the answer avoids comparing two machines' clocks.
 */
export function staleAgeMs(reason: Extract<HealthReason, { code: 'STALE' }>, receivedAt: number, now: number): number | null {
  if (reason.ageMs === null) return null;
  return reason.ageMs + Math.max(0, now - receivedAt);
}

export interface ReasonContext {
  t: Translate;
  fmt: Formatter;
  /** When the reason arrived, on this machine's clock. */
  receivedAt: number;
  now: number;
}

export function describeReason(reason: HealthReason, ctx: ReasonContext): string {
  const { t, fmt } = ctx;
  switch (reason.code) {
    case 'THRESHOLD': {
      const unit = unitOf(reason.metric);
      return t(reason.below ? 'reason.thresholdBelow' : 'reason.threshold', {
        metric: metricLabel(t, reason.metric),
        value: fmt.metric(unit, reason.value),
        threshold: fmt.metric(unit, reason.threshold),
      });
    }
    case 'STALE': {
      const age = staleAgeMs(reason, ctx.receivedAt, ctx.now);
      if (age === null) return t('reason.staleNever');
      return t('reason.stale', { age: fmt.duration(age / 1000) });
    }
    case 'COLLECT_FAILED':
      // A login backing off says so in plain words, not in the engine's English detail.
      if (reason.errorCode === 'AUTH_BACKOFF' || reason.errorCode === 'AUTH_STOPPED') return t(`error.${reason.errorCode}`);
      return t('reason.collectFailed', { message: reason.message });
    case 'DOWN':
      return t('reason.down');
  }
}

export function findStaleReason(reasons: readonly HealthReason[] | undefined): Extract<HealthReason, { code: 'STALE' }> | null {
  for (const r of reasons ?? []) if (r.code === 'STALE') return r;
  return null;
}

export type HostKind = 'electron' | 'browser';

/** An error the user can act on: what happened and, where we know it, what to do next. */
export function describeError(t: Translate, error: { code: string; message: string }, hostKind: HostKind): string {
  switch (error.code) {
    case 'UNAVAILABLE':
      return hostKind === 'electron' ? t('error.unreachableElectron') : t('error.unreachableServe');
    case 'TIMEOUT':
      return t('error.timeout');
    case 'UNKNOWN_TARGET':
    case 'NOT_FOUND':
      return t('error.unknownTarget');
    // Issue 9's codes: access, storage health, login backoff.
    case 'TOKEN_REQUIRED':
    case 'FORBIDDEN':
    case 'STORAGE_FULL':
    case 'STORAGE_IO':
    case 'STORAGE_READONLY':
    case 'AUTH_BACKOFF':
    case 'AUTH_STOPPED':
      return t(`error.${error.code}`);
    default:
      return t('error.generic', { code: error.code, message: error.message });
  }
}
