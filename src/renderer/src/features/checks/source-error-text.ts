// What failed when OpsDeck asked a data source (Prometheus, Zabbix), in the person's words with the next
// step: refused, unreachable, credentials, not Prometheus, HTTP 200 with status "error", TLS,
// timeout. Null for codes that are not a source's; the caller words those.
import type { Translate } from '../../i18n/catalogue';

type Data = Record<string, string | number | null> | undefined;

const text = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));

export function sourceErrorText(t: Translate, code: string, data: Data, source: string): string | null {
  switch (code) {
    case 'UNREACHABLE':
      return data?.reason === 'ECONNREFUSED' ? t('source.error.refused', { address: text(data.address), source }) : t('source.error.unreachable', { address: text(data?.address), reason: text(data?.reason) });
    case 'AUTH_FAILED':
      return t('source.error.auth', { status: text(data?.status), source });
    case 'NOT_PROMETHEUS':
      return t('source.error.notPrometheus', { status: text(data?.status) });
    case 'SOURCE_ERROR':
      return t('source.error.statusError', { errorType: text(data?.errorType) });
    case 'TLS_FAILED':
      return t('source.error.tls', { reason: text(data?.reason) });
    case 'TIMEOUT':
      return t('source.error.timeout', { source, seconds: typeof data?.ms === 'number' ? String(Math.round(data.ms / 1000)) : '—' });
    case 'TOO_LARGE':
      return t('source.error.tooLarge', { limit: text(data?.limit), source });
    case 'SECRET_MISSING':
      return t('source.error.secretMissing');
    default:
      return null;
  }
}
