// Notes a collector attaches to a check (codes with data), as sentences with the next step.
import type { CheckNote } from '../../../../shared/model';
import type { Translate } from '../../i18n/catalogue';

export function noteText(t: Translate, note: CheckNote): string {
  switch (note.code) {
    case 'PG_STAT_STATEMENTS_MISSING':
      return note.data?.step === 'preload' ? t('check.note.pgssPreload') : t('check.note.pgssExtension');
    case 'PG_REPLAY_PAUSED':
      return t('check.note.replayPaused');
    case 'MY_PERFORMANCE_SCHEMA_OFF':
      return t('check.note.performanceSchemaOff');
    case 'MY_REPLICATION_STOPPED':
      return t('check.note.replicationStopped', { channel: String(note.data?.channel ?? '') });
    case 'MY_REPLICATION_NOT_RECEIVING':
      return t('check.note.replicationNotReceiving', { channel: String(note.data?.channel ?? '') });
    case 'HTTP_BODY_TRUNCATED':
      return t('endpoint.note.bodyTruncated', { limit: String(note.data?.limitKiB ?? '') });
    default:
      return t('check.note.unknown', { code: note.code });
  }
}
