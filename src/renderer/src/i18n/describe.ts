// Turns domain data (metric keys, health reasons, statuses) into sentences for one language.
import type { HealthReason, HealthStatus, SeriesKey } from '../../../shared/model';
import { isFilesystemSeries, knownDefinitionOf, mountOfSeries } from '../domain/metrics';
import type { ErrorData } from '../../../shared/errors';
import { endpointErrorText } from '../features/checks/endpoint-error-text';
import { hasMessage, type MessageKey, type Translate } from './catalogue';
import type { Formatter } from './format';

export const STATUS_SHAPES: Record<HealthStatus, string> = { ok: '●', warn: '▲', crit: '■', unknown: '?' };

/**
 * The status a host shows on every screen (overview, inventory, host page, wall): its latest
 * health; "unknown" while its login is not working or no reading arrived; none when not checked.
 */
export function hostHealthStatus(connection: 'disabled' | 'connecting' | 'ok' | 'needs-trust' | 'hostkey-changed' | 'error', tileStatus: HealthStatus | undefined): HealthStatus | null {
  if (connection === 'disabled') return null;
  if (connection === 'ok') return tileStatus ?? 'unknown';
  return 'unknown';
}

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
  /** Tiles have room for what happened only; the host page also says what to do. */
  brief?: boolean;
}

/** The first sentence of a text: what happened, without the next step. */
export function firstSentence(text: string): string {
  return /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
}

export function describeReason(reason: HealthReason, ctx: ReasonContext): string {
  const { t, fmt } = ctx;
  switch (reason.code) {
    case 'THRESHOLD': {
      // 'count' until the kind's descriptor arrives: the number still shows, without its unit.
      const unit = knownDefinitionOf(reason.metric)?.unit ?? 'count';
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
    case 'COLLECT_FAILED': {
      // An endpoint's failure has its own sentence naming the phase, status or certificate fault.
      const exact = endpointErrorText(t, reason.errorCode, reason.data);
      if (exact) return ctx.brief ? firstSentence(exact) : exact;
      const sentence = errorSentence(t, { code: reason.errorCode, data: reason.data });
      return t('reason.collectFailed', { message: ctx.brief ? firstSentence(sentence) : sentence });
    }
    case 'DOWN': {
      // A host a data source cannot scrape: say so with the source's own error.
      if (reason.data?.reason === 'scrape') return t('reason.downScrape', { error: String(reason.data.scrapeError ?? '') });
      if (reason.data?.reason === 'zabbix-agent') return t('reason.downZabbixAgent', { error: String(reason.data.sourceError ?? '') });
      // An endpoint says what exactly is down (a status, an expired certificate); the page also what to do.
      const exact = endpointErrorText(t, reason.errorCode, reason.data);
      if (!exact) return t('reason.down');
      return ctx.brief ? firstSentence(exact) : exact;
    }
  }
}

export function findStaleReason(reasons: readonly HealthReason[] | undefined): Extract<HealthReason, { code: 'STALE' }> | null {
  for (const r of reasons ?? []) if (r.code === 'STALE') return r;
  return null;
}

export type HostKind = 'electron' | 'browser';

export interface ErrorLike {
  code: string;
  message?: string;
  data?: ErrorData;
}

/** The facts an error names (an address, a file, a place in a file), shown beside its sentence. */
export function errorSubject(error: ErrorLike): string | null {
  const d = error.data;
  if (!d) return null;
  const subject = d.target ?? d.file ?? d.path ?? d.value;
  return subject === undefined || subject === '' ? null : String(subject);
}

/**
 * The sentence for an error code in the UI language: what happened and what to do next. The
 * engine's English message is never shown; a code this build does not know gets a generic
 * sentence that quotes it.
 */
export function errorSentence(t: Translate, error: ErrorLike, hostKind: HostKind = 'browser'): string {
  const { code } = error;
  if (code === 'UNAVAILABLE' && !error.data) return hostKind === 'electron' ? t('error.unreachableElectron') : t('error.unreachableServe');
  // The engine itself did not answer in time (no target named): a different next step.
  if (code === 'TIMEOUT' && !error.data?.target) return t('error.timeout');
  const reason = error.data?.reason;
  const variant = `errorCode.${code}.${String(reason)}`;
  if (reason !== undefined && hasMessage(variant)) return t(variant);
  const base = `errorCode.${code}`;
  if (hasMessage(base)) return t(base);
  return t('error.unknownCode', { code });
}

/** An error the user can act on: the sentence, then what it concerns in brackets. */
export function describeError(t: Translate, error: ErrorLike, hostKind: HostKind = 'browser'): string {
  const sentence = errorSentence(t, error, hostKind);
  const subject = errorSubject(error);
  return subject ? `${sentence} (${subject})` : sentence;
}
