// A login failure's code in the person's language; the engine's English sentence stays
// available as the detail (it names files, ports and fingerprints).
import type { MessageKey, Translate } from '../../i18n/catalogue';

const KNOWN = [
  'HOSTKEY_UNKNOWN',
  'HOSTKEY_CHANGED',
  'HOSTKEY_REVOKED',
  'AUTH_FAILED',
  'TIMEOUT',
  'UNREACHABLE',
  'PROTOCOL',
  'AGENT_UNAVAILABLE',
  'KEY_UNREADABLE',
  'PASSPHRASE_REQUIRED',
  'SECRET_MISSING',
  'JUMP_HOST_UNSUPPORTED',
  'JUMP_HOST_FAILED',
  'AUTH_BACKOFF',
  'AUTH_STOPPED',
] as const;

export function sshErrorText(t: Translate, code: string): string {
  return (KNOWN as readonly string[]).includes(code) ? t(`sshError.${code}` as MessageKey) : t('sshError.other', { code });
}
