// A view's marks as sentences: what happened where the stream was not seamless.
import type { LogMark } from '../../../../shared/logs';
import type { MessageKey, Translate } from '../../i18n/catalogue';

const GAP_REASONS = new Set(['rotated-away', 'behind', 'screen-behind', 'cursor-lost', 'catch-up-failed', 'missed']);

export function markText(t: Translate, mark: Pick<LogMark, 'kind' | 'data'>): string {
  const data = mark.data ?? {};
  switch (mark.kind) {
    case 'truncated':
      return Number(data.copyFound ?? 1) === 0 ? t('logs.mark.truncatedNoCopy') : t('logs.mark.truncated');
    case 'gap': {
      const reason = String(data.reason ?? 'unknown');
      const key = (GAP_REASONS.has(reason) ? `logs.mark.gap.${reason}` : 'logs.mark.gap.unknown') as MessageKey;
      return t(key, { bytes: Number(data.bytes ?? 0), items: Number(data.items ?? 0), code: String(data.code ?? '') });
    }
    default:
      return t(`logs.mark.${mark.kind}` as MessageKey);
  }
}
