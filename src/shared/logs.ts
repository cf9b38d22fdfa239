// Logs as plain data: one event (a line, or a stack trace grouped with the line it belongs to),
// the marks a view shows where following was not seamless (rotation, truncation, a gap), and
// the batches the engine streams to an open view. Everything here crosses the contract as JSON.
import type { TargetId } from './model';

/** Worst first. `fatal` covers syslog emerg/alert/crit; `unknown`: no level could be read. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'unknown'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The levels counted as errors in the error rate (`log.errors`). */
export const ERROR_LEVELS: ReadonlySet<LogLevel> = new Set<LogLevel>(['fatal', 'error']);

/** A line is cut here (bytes of UTF-8); the rest of it is counted, never kept. */
export const MAX_LINE_BYTES = 64 * 1024;

export interface LogEvent {
  /** Increasing within one view (or one stored source), for the list's keys and for gaps. */
  seq: number;
  /** When OpsDeck read it, or the journal's own time for journald (ms since the epoch). */
  ts: number;
  level: LogLevel;
  /** The text, lines joined with "\n": raw, never markup; screens show it as plain text. */
  text: string;
  /** Lines in this event (a stack trace is one event of many lines). */
  lines: number;
  /** A line of it was longer than MAX_LINE_BYTES and was cut. */
  cut: boolean;
  /** The file it came from, for sources that follow several files (a glob). */
  file?: string;
}

/**
 * Where following was not seamless, said in the view instead of pretended away.
 * - rotated: the file was renamed and a new one started; nothing was lost (old rest read).
 * - truncated: the file was cut to zero (copytruncate); lines written just before may be missing.
 * - gap: lines were lost for the reason in `data.reason` (the rotated file was gone, the view fell behind...).
 * - missing / appeared: the file does not exist (yet), or exists again.
 * - reconnecting / resumed: the SSH login dropped; following resumes where it stopped.
 * - ended: the view stopped (data.code says why).
 */
export type LogMarkKind = 'rotated' | 'truncated' | 'gap' | 'missing' | 'appeared' | 'denied' | 'reconnecting' | 'resumed' | 'ended';

export interface LogMark {
  seq: number;
  ts: number;
  kind: LogMarkKind;
  /** Codes and numbers, never sentences: the renderer words them. */
  data?: Record<string, string | number>;
}

export type LogItem = ({ type: 'event' } & LogEvent) | ({ type: 'mark' } & LogMark);

export type LogViewState = 'starting' | 'following' | 'reconnecting' | 'ended';

/** What an open view streams: new items in order, and its state. */
export interface LogBatch {
  subscriptionId: string;
  /** Counts batches of this view from 1, so a screen notices one it did not receive. */
  batch: number;
  state: LogViewState;
  items: LogItem[];
  /** Set with state 'ended': why (a code the renderer words). */
  error?: { code: string; message: string };
}

export interface LogViewOpened {
  subscriptionId: string;
  checkId: TargetId;
  /** Renew the view within this time or the engine closes it (and its remote process). */
  leaseMs: number;
  /** The file being followed (the newest match of a glob); null for journald. */
  file: string | null;
}

/** An error or warning kept for "jump to this time": the event as it was read. */
export interface StoredLogEvent {
  checkId: TargetId;
  ts: number;
  seq: number;
  level: LogLevel;
  text: string;
  lines: number;
}

/** A line attached to an incident's timeline as evidence. */
export interface EvidenceLine {
  ts: number;
  level: LogLevel;
  text: string;
}
