// What failed in an endpoint check (HTTP, TCP), in the person's words with the next step: from
// the engine's code and facts (the status, the phase a timeout stopped in, why a certificate was
// refused). Null for codes and facts that are not an endpoint's; the caller words those.
import type { MessageKey, Translate } from '../../i18n/catalogue';

type Data = Record<string, string | number | null> | undefined;

const TLS_REASONS = new Set(['expired', 'notYetValid', 'selfSigned', 'untrustedCa', 'wrongName', 'pinMismatch', 'revoked', 'handshake']);
const PHASES = new Set(['dns', 'connect', 'tls', 'firstByte', 'body']);
const STATUS_REASONS = new Set(['server', 'client', 'auth', 'redirect', 'other']);
const JSON_REASONS = new Set(['mismatch', 'missing', 'notJson', 'truncated']);

const text = (v: string | number | null | undefined, fallback = '—') => (v === null || v === undefined || v === '' ? fallback : String(v));
/** An ISO time as its calendar date (UTC): the same in both languages, and unambiguous. */
const day = (v: string | number | null | undefined) => (typeof v === 'string' && /^\d{4}-\d\d-\d\d/.test(v) ? v.slice(0, 10) : '—');

export function endpointErrorText(t: Translate, code: string, data: Data): string | null {
  if (!data) return null;
  const host = text(data.host);
  const port = text(data.port);
  const reason = String(data.reason ?? '');
  switch (code) {
    case 'DNS_FAILED':
      return t(reason === 'notFound' ? 'endpoint.error.dnsNotFound' : 'endpoint.error.dnsTemporary', { host });
    case 'CONNECTION_REFUSED':
      return t('endpoint.error.refused', { host, port });
    case 'UNREACHABLE':
      if (data.host === undefined) return null;
      return t(reason === 'noRoute' ? 'endpoint.error.noRoute' : 'endpoint.error.unreachable', { host, port });
    case 'PROTOCOL':
      if (reason === 'closed') return t('endpoint.error.closed', { host, port });
      if (reason === 'malformed') return t('endpoint.error.malformed', { host, port });
      return null;
    case 'TLS_FAILED':
      if (!TLS_REASONS.has(reason)) return null;
      return t(`endpoint.error.tls.${reason}` as MessageKey, { host, port, date: day(data.notAfter), issuer: text(data.issuer), names: text(data.names) });
    case 'TIMEOUT': {
      const phase = String(data.phase ?? '');
      if (!PHASES.has(phase)) return null;
      return t(`endpoint.error.timeout.${phase}` as MessageKey, { host, port, seconds: text(data.seconds) });
    }
    case 'HTTP_STATUS':
      return t(`endpoint.error.status.${STATUS_REASONS.has(reason) ? reason : 'other'}` as MessageKey, { status: text(data.status), expected: text(data.expected), location: text(data.location) });
    case 'KEYWORD_MISSING':
      return t(data.truncated === 1 ? 'endpoint.error.keywordTruncated' : 'endpoint.error.keyword', { keyword: text(data.keyword), limit: text(data.limitKiB) });
    case 'JSON_PATH_FAILED':
      return t(`endpoint.error.json.${JSON_REASONS.has(reason) ? reason : 'missing'}` as MessageKey, { path: text(data.path), expected: text(data.expected), actual: text(data.actual), limit: text(data.limitKiB) });
    case 'TOO_MANY_REDIRECTS':
      return t('endpoint.error.redirects', { max: text(data.max), location: text(data.location) });
    case 'BANNER_MISMATCH':
      return t('endpoint.error.banner', { host, port, expected: text(data.expected), received: text(data.received, t('endpoint.error.bannerNothing')) });
    case 'CHECK_INVALID':
      return data.field === 'caFile' ? t('endpoint.error.caFile') : null;
    default:
      return null;
  }
}
