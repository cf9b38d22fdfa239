// Words for what the engine reports as codes: a delivery's outcome, its event and why it
// failed. The engine's `detail` (a host, a status, the service's own error word) is shown
// apart, as a technical detail, never as the sentence.
import type { DeliveryRecord } from '../../../../shared/channels';
import type { MessageKey, Translate } from '../../i18n/catalogue';

const KNOWN_CODES = new Set([
  'HTTP_STATUS',
  'AUTH_FAILED',
  'NOT_FOUND',
  'RATE_LIMITED',
  'REDIRECT_REFUSED',
  'UNREACHABLE',
  'TIMEOUT',
  'TLS_FAILED',
  'REJECTED',
  'CHANNEL_INVALID',
  'NO_CONSOLE',
  'EXPIRED',
  'NO_CHANNEL',
  'CHANNEL_NAME_TAKEN',
  'INTERNAL',
]);

export function deliveryCodeText(t: Translate, code: string, status: number | null): string {
  if (KNOWN_CODES.has(code)) return t(`delivery.code.${code}` as MessageKey, { status: status ?? '—' });
  return t('delivery.code.other', { code });
}

export function outcomeText(t: Translate, outcome: DeliveryRecord['outcome']): string {
  return t(`delivery.outcome.${outcome}`);
}

export function eventText(t: Translate, event: DeliveryRecord['event']): string {
  return t(`delivery.event.${event}` as MessageKey);
}
