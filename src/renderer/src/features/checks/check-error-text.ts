// A failed check test or save, in the person's words with the next step. Codes and data come
// from the engine; the sentences live in the catalogues.
import type { Translate } from '../../i18n/catalogue';
import { endpointErrorText } from './endpoint-error-text';

export function checkErrorText(t: Translate, code: string, data?: Record<string, string | number | null>): string {
  // An endpoint's failures carry the facts that say exactly what failed.
  const endpoint = endpointErrorText(t, code, data);
  if (endpoint !== null) return endpoint;
  switch (code) {
    case 'AUTH_FAILED':
      return t('check.error.auth');
    case 'NOT_PERMITTED':
      // A kind may give the exact statement (MySQL's needs ON *.* and the account's host).
      if (data?.grant && data.statement) return t('check.error.grantStatement', { grant: String(data.grant), statement: String(data.statement) });
      return data?.grant ? t('check.error.grant', { grant: String(data.grant), user: String(data.user ?? 'opsdeck') }) : t('check.error.notPermitted');
    case 'TOO_MANY_CONNECTIONS':
      return t('check.error.tooMany');
    case 'TUNNEL_FAILED':
      return t('check.error.tunnel');
    case 'TLS_FAILED':
      return t('check.error.tls');
    case 'TIMEOUT':
      return t('check.error.timeout');
    case 'UNREACHABLE':
      return t('check.error.unreachable');
    case 'NOT_FOUND':
      return t('check.error.noDatabase');
    case 'CHECK_INVALID':
    case 'INVALID_ARGUMENT':
      return data?.field ? t('check.error.field', { field: String(data.field) }) : t('check.error.invalid');
    case 'LOG_NOT_FOUND':
      return t('logs.error.notFound');
    case 'LOG_DENIED':
      return t('logs.error.denied');
    case 'LOG_NOT_FILE':
      return t('logs.error.notFile');
    case 'JOURNAL_UNAVAILABLE':
      return t('logs.error.noJournal');
    case 'JOURNAL_EMPTY':
      return t('logs.error.journalEmpty');
    case 'UNSUPPORTED_TARGET':
      return t('logs.error.jump');
    default:
      return t('check.error.other', { code });
  }
}
