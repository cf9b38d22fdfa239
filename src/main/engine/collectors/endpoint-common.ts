// What the endpoint kinds (HTTP, TCP) share: one check's outcome (readings plus at most one
// failure), how a failed request becomes a code with data, DOWN or UNKNOWN, and how an outcome
// becomes a poll result or a test result. The DOWN/UNKNOWN rule is in parsers/network-failure.ts.
import type { CheckTestResult } from '../../../shared/checks';
import { OpsError, type ErrorCode, type ErrorData } from '../../../shared/errors';
import type { CheckNote, MetricValues } from '../../../shared/model';
import { classifyNetworkError, timeoutFailure, type NetworkFailure } from '../parsers/network-failure';
import type { RequestFailure } from '../transport/http-probe';
import type { KindContext } from './check-kind';
import type { CollectResult } from './types';

export interface EndpointFailure {
  code: ErrorCode;
  /** English, for logs and the command line; the screens word `code` with `data`. */
  message: string;
  data: ErrorData;
  /** The service's side answered wrongly (CRIT, readings kept); false: OpsDeck could not find out (UNKNOWN). */
  down: boolean;
}

export interface EndpointOutcome {
  ts: number;
  metrics: MetricValues;
  facts: Record<string, string | null>;
  notes: CheckNote[];
  failure: EndpointFailure | null;
  elapsedMs: number;
}

/** The deadline of one check: the configured timeout, and never more than 80 % of the interval. */
export function checkDeadlineMs(timeoutSeconds: number, intervalMs: number | undefined): number {
  const configured = timeoutSeconds * 1000;
  if (intervalMs === undefined) return configured;
  return Math.max(1_000, Math.min(configured, Math.floor(intervalMs * 0.8)));
}

const PHASE_WORDS: Record<string, string> = { dns: 'looking up the name', connect: 'connecting', tls: 'the TLS handshake', firstByte: 'waiting for the answer', body: 'reading the body' };

/** A failed request as the code, sentence and facts a person acts on. */
export function requestFailure(err: RequestFailure, where: { host: string; port: number; deadlineMs: number }): EndpointFailure {
  const classified: NetworkFailure | null = err.timedOut ? timeoutFailure(err.phase) : classifyNetworkError(err.errCode, err.message);
  const base = { host: where.host, port: where.port };
  if (!classified) {
    return { code: 'UNREACHABLE', message: `${where.host}:${where.port} could not be reached: ${err.message}`, data: { ...base, reason: 'other', ...(err.errCode ? { detail: err.errCode } : {}) }, down: false };
  }
  switch (classified.code) {
    case 'DNS_FAILED':
      return {
        code: classified.code,
        message: classified.reason === 'notFound' ? `The name ${where.host} does not exist in DNS.` : `The name ${where.host} could not be looked up right now (${err.errCode ?? 'no answer'}).`,
        data: { host: where.host, reason: classified.reason },
        down: classified.down,
      };
    case 'CONNECTION_REFUSED':
      return { code: classified.code, message: `${where.host}:${where.port} refused the connection: nothing listens there.`, data: base, down: true };
    case 'UNREACHABLE':
      return { code: classified.code, message: `There is no route to ${where.host}:${where.port} (${err.errCode}).`, data: { ...base, reason: classified.reason }, down: false };
    case 'PROTOCOL':
      return {
        code: classified.code,
        message: classified.reason === 'closed' ? `${where.host}:${where.port} closed the connection while ${PHASE_WORDS[err.phase]}.` : `${where.host}:${where.port} answered with something that is not HTTP (${err.errCode}).`,
        data: { ...base, reason: classified.reason, phase: err.phase },
        down: true,
      };
    case 'TLS_FAILED':
      return { code: classified.code, message: `The certificate of ${where.host} was refused (${err.errCode}): ${err.message}`, data: { ...base, reason: classified.reason, ...(err.certNames ? { names: err.certNames } : {}) }, down: true };
    case 'TIMEOUT':
      return {
        code: classified.code,
        message: `${where.host}:${where.port} gave no complete answer within ${where.deadlineMs / 1000} s (stopped while ${PHASE_WORDS[classified.phase]}).`,
        data: { ...base, phase: classified.phase, seconds: where.deadlineMs / 1000 },
        down: classified.down,
      };
  }
}

/** A setting that cannot be used (an unreadable CA file): OpsDeck cannot check, the service is not to blame. */
export function settingFailure(field: string, message: string): EndpointFailure {
  return { code: 'CHECK_INVALID', message, data: { field }, down: false };
}

/** An outcome as a poll result: DOWN keeps its readings; UNKNOWN rejects with the code and its data. */
export function collectResultOf(outcome: EndpointOutcome): CollectResult {
  const { failure } = outcome;
  if (failure && !failure.down) throw new OpsError(failure.code, failure.message, failure.data);
  return {
    ts: outcome.ts,
    metrics: outcome.metrics,
    facts: outcome.facts,
    notes: outcome.notes,
    ...(failure ? { down: { code: failure.code, message: failure.message, data: failure.data } } : {}),
  };
}

/** An outcome as the add form's test result: what failed, exactly, or the readings. */
export function testResultOf(outcome: EndpointOutcome): CheckTestResult {
  const { failure } = outcome;
  if (failure) return { ok: false, code: failure.code, message: failure.message, data: { ...failure.data, down: failure.down ? 1 : 0 } };
  return { ok: true, elapsedMs: Math.round(outcome.elapsedMs), facts: outcome.facts, notes: outcome.notes, metrics: { ...outcome.metrics } };
}

/** The secret once per collector: the keychain is asked at the first poll, not at every one. */
export function cachedSecret(ctx: KindContext): () => Promise<string | null> {
  let cached: Promise<string | null> | null = null;
  return () => {
    cached ??= ctx.secret().catch((err: unknown) => {
      cached = null;
      throw err;
    });
    return cached;
  };
}

/** Text a service sent, safe to show: control characters replaced, at most `max` characters. */
export function printable(text: string, max = 120): string {
  return text.replace(/[\x00-\x1f\x7f-\x9f]/g, '·').slice(0, max);
}
