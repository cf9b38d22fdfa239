// Log sources: live views of a log (opened, renewed and closed by the screen that shows them),
// and the errors and warnings kept for "jump to this time". The sources themselves are checks
// (kinds log-file and journald) managed through the checks part.
import type { LogBatch, LogViewOpened, StoredLogEvent } from '../logs';
import { defineService, type Unsubscribe } from './define';

export interface LogFileInfo {
  path: string;
  /** Seconds since the epoch, as the server's clock says. */
  modifiedAt: number;
  size: number;
}

export interface LogsApi {
  /**
   * Starts following a source on its server (over the server's existing login) and streams what
   * it reads as onDidLogLines batches for the returned id. `lines`: how many of the last lines to
   * show first. `file`: one of the files a pattern matches (default the newest).
   */
  openLogView(args: { checkId: string; lines?: number; file?: string }): Promise<LogViewOpened>;
  /** Keeps a view open for another lease; a view not renewed is closed with its remote process. */
  renewLogView(args: { subscriptionId: string }): Promise<void>;
  /** Stops the view: its process on the server ends. Closing one already closed does nothing. */
  closeLogView(args: { subscriptionId: string }): Promise<void>;
  /** The files a source's pattern matches now, newest first. */
  listLogFiles(args: { checkId: string }): Promise<LogFileInfo[]>;
  /** Errors and warnings the source read within [from, until], oldest first. */
  listLogEvents(args: { checkId: string; from: number; until: number; limit?: number }): Promise<StoredLogEvent[]>;

  onDidLogLines(listener: (batch: LogBatch) => void): Unsubscribe;
}

export const LOGS_API = defineService<LogsApi>(
  'logs',
  {
    // Starts a process on a server: an operator's action.
    openLogView: { channel: 'opsdeck:open-log-view', access: 'write' },
    renewLogView: { channel: 'opsdeck:renew-log-view', access: 'write' },
    closeLogView: { channel: 'opsdeck:close-log-view', access: 'write' },
    listLogFiles: { channel: 'opsdeck:list-log-files', access: 'write' },
    listLogEvents: { channel: 'opsdeck:list-log-events', access: 'read' },
  },
  { onDidLogLines: 'opsdeck:did-log-lines' },
);

/**
 * Events only an operator's connection receives: a log's lines are as sensitive as the log, and
 * the wall's viewer link may not open a view, so it gets no one else's either.
 */
export const LOGS_OPERATOR_EVENTS: ReadonlyArray<keyof typeof LOGS_API.events> = ['onDidLogLines'];
