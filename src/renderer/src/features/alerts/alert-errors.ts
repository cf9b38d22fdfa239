// Alert errors in the person's language: the rules file's line comes out of the engine's
// message (the engine sends the line; the words are ours); the rest goes to the catalogue.
import type { Translate } from '../../i18n/catalogue';
import { describeError, type HostKind } from '../../i18n/describe';

export function describeAlertError(t: Translate, error: { code: string; message: string }, hostKind: HostKind): string {
  if (error.code === 'RULES_INVALID') {
    const m = /line (\d+) \(([^)]*)\)/.exec(error.message);
    return m ? t('error.RULES_INVALID', { line: m[1]!, path: m[2]! }) : t('error.RULES_INVALID_NOLINE');
  }
  if (error.code === 'ALERT_NOT_FIRING') return t('error.ALERT_NOT_FIRING');
  return describeError(t, error, hostKind);
}
