// The engine's refusals in the UI language: the common ones get their own sentence; others
// show the engine's sentence with its code.
import type { ErrorPayload } from '../../../../shared/errors';
import type { Translate } from '../../i18n/catalogue';

const OWN_SENTENCE = new Set(['REVISION_CONFLICT', 'REASON_REQUIRED', 'STAGE_INCOMPLETE', 'NOT_ACKNOWLEDGED', 'NO_CHANGE']);

export function incidentErrorText(t: Translate, error: ErrorPayload): string {
  if (OWN_SENTENCE.has(error.code)) return t(`err.${error.code}` as 'err.NO_CHANGE');
  if (error.code === 'INVALID_PLAYBOOK') return t('err.INVALID_PLAYBOOK', { message: error.message });
  return t('err.other', { message: error.message, code: error.code });
}
