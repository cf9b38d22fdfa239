// Alert errors in the person's language. A rules file's problem names its line and field (the
// engine sends them as data); everything else goes to the shared error catalogue.
import type { ErrorData } from '../../../../shared/errors';
import type { Translate } from '../../i18n/catalogue';
import { describeError, type HostKind } from '../../i18n/describe';

export function describeAlertError(t: Translate, error: { code: string; message: string; data?: ErrorData }, hostKind: HostKind): string {
  if (error.code === 'RULES_INVALID') {
    const line = error.data?.line ?? /line (\d+)/.exec(error.message)?.[1];
    const path = error.data?.path ?? /\(([^)]*)\)/.exec(error.message)?.[1] ?? '';
    return line !== undefined ? t('error.RULES_INVALID', { line, path }) : t('error.RULES_INVALID_NOLINE');
  }
  return describeError(t, error, hostKind);
}
