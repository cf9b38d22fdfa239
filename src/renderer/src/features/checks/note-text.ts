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
    case 'LOG_MISSING':
      return t('check.note.logMissing', { file: String(note.data?.file ?? '') });
    case 'LOG_DENIED':
      return t('check.note.logDenied', { file: String(note.data?.file ?? '') });
    case 'LOG_NOT_FILE':
      return t('check.note.logNotFile', { file: String(note.data?.file ?? '') });
    case 'LOG_ROTATED':
      return t('check.note.logRotated', { file: String(note.data?.file ?? '') });
    case 'LOG_TRUNCATED':
      return t('check.note.logTruncated', { file: String(note.data?.file ?? '') });
    case 'LOG_GAP':
      return t('check.note.logGap', { file: String(note.data?.file ?? '') });
    case 'LOG_BEHIND':
      return t('check.note.logBehind', { file: String(note.data?.file ?? '') });
    case 'LOG_LINES_CUT':
      return t('check.note.logLinesCut', { lines: Number(note.data?.lines ?? 0) });
    case 'LOG_TOO_MANY_FILES':
      return t('check.note.logTooManyFiles', { matched: Number(note.data?.matched ?? 0), followed: Number(note.data?.followed ?? 0) });
    case 'JOURNAL_EMPTY':
      return t('check.note.journalEmpty');
    case 'PROM_ALERTS_UNREADABLE':
      return t('source.note.alertsUnreadable');
    case 'HTTP_BODY_TRUNCATED':
      return t('endpoint.note.bodyTruncated', { limit: String(note.data?.limitKiB ?? '') });
    default:
      return t('check.note.unknown', { code: note.code });
  }
}
