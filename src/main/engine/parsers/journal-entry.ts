// PURE: one line of `journalctl -o json` into what a view needs. journald writes each field as a
// string, except a MESSAGE that is not valid UTF-8 (an array of byte values) and a field that
// appears twice (an array of strings); a field too large to show is null. PRIORITY is the syslog
// severity 0-7; __REALTIME_TIMESTAMP is microseconds since the epoch; __CURSOR resumes after the
// entry with --after-cursor (see systemd.journal-fields(7) and journalctl(1)).
import type { LogLevel } from '../../../shared/logs';
import { detectLevel, levelFromPriority } from './log-level';

export interface JournalEntry {
  cursor: string;
  /** ms since the epoch; null when the entry has no readable timestamp. */
  ts: number | null;
  level: LogLevel;
  message: string;
  unit: string | null;
  identifier: string | null;
  pid: number | null;
}

const MAX_CURSOR = 512;

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    if (value.every((b) => typeof b === 'number' && Number.isInteger(b) && b >= 0 && b <= 255)) {
      return new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from(value as number[]));
    }
    const strings = value.filter((v): v is string => typeof v === 'string');
    return strings.length > 0 ? strings.join('\n') : null;
  }
  return null;
}

/** One journal entry, or null for a line that is not one (a journalctl warning, a blank line). */
export function parseJournalLine(line: string): JournalEntry | null {
  if (!line.startsWith('{')) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entry = value as Record<string, unknown>;
  const cursor = entry.__CURSOR;
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR) return null;
  const realtime = typeof entry.__REALTIME_TIMESTAMP === 'string' && /^\d{1,19}$/.test(entry.__REALTIME_TIMESTAMP) ? Number(entry.__REALTIME_TIMESTAMP) / 1000 : null;
  const message = text(entry.MESSAGE) ?? '';
  const priorityText = text(entry.PRIORITY);
  const priority = priorityText !== null && /^[0-7]$/.test(priorityText) ? levelFromPriority(Number(priorityText)) : null;
  const pidText = text(entry._PID);
  return {
    cursor,
    ts: realtime !== null && Number.isFinite(realtime) ? Math.floor(realtime) : null,
    level: priority ?? detectLevel(message) ?? 'unknown',
    message,
    unit: text(entry._SYSTEMD_UNIT),
    identifier: text(entry.SYSLOG_IDENTIFIER),
    pid: pidText !== null && /^\d{1,10}$/.test(pidText) ? Number(pidText) : null,
  };
}

/** A cursor as journalctl prints it: refuse anything else before it reaches a command line. */
export function isJournalCursor(value: string): boolean {
  return value.length > 0 && value.length <= MAX_CURSOR && /^[A-Za-z0-9=;_-]+$/.test(value);
}
