// The live view of a systemd journal: `journalctl -f -o json` on the host's existing login. Each
// entry carries its cursor; after a dropped login the view starts again with --after-cursor, so
// no entry shows twice and none is skipped (as long as the journal still holds it).
import { OpsError, toErrorPayload } from '../../../shared/errors';
import type { Clock, TimerHandle } from '../core/clock';
import type { Logger } from '../core/logger';
import { LineSplitter } from '../parsers/log-lines';
import { parseJournalLine } from '../parsers/journal-entry';
import type { RemoteProcess } from '../transport/remote-process';
import { journalFollowScript, type JournalSelector } from './remote-scripts';
import type { ProcessOpener } from './run-script';
import { ViewStream, type BatchSink } from './view-stream';

const OPEN_TIMEOUT_MS = 15_000;
const RETRY_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];
/** A journal entry as JSON: MESSAGE is at most journald's LineMax (48 KiB) plus escaping. */
const MAX_JSON_LINE = 1024 * 1024;
const CURSOR_LOST = /Failed to seek to cursor|Failed to parse cursor/i;

export interface JournalFollowerOptions {
  open: ProcessOpener;
  selector: JournalSelector;
  lines: number;
  clock: Clock;
  logger: Logger;
  sink: BatchSink;
}

export class JournalFollower {
  private readonly stream: ViewStream;
  private splitter = new LineSplitter(MAX_JSON_LINE);
  private process: RemoteProcess | null = null;
  private cursor: string | null = null;
  private closed = false;
  private statusSeen = false;
  private started = false;
  private retries = 0;
  private retryTimer: TimerHandle | null = null;

  constructor(private readonly opts: JournalFollowerOptions) {
    this.stream = new ViewStream(opts.clock, opts.sink, null);
  }

  get state() {
    return this.stream.state;
  }

  get lastCursor(): string | null {
    return this.cursor;
  }

  start(): void {
    void this.run();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) this.opts.clock.clearTimeout(this.retryTimer);
    this.stream.close();
    const process = this.process;
    this.process = null;
    if (process) {
      process.close();
      await process.exited;
    }
  }

  private async run(): Promise<void> {
    if (this.closed) return;
    let process: RemoteProcess;
    try {
      process = await this.opts.open(journalFollowScript({ selector: this.opts.selector, lines: this.opts.lines, cursor: this.cursor }), { timeoutMs: OPEN_TIMEOUT_MS });
    } catch (err) {
      this.retryLater(err);
      return;
    }
    if (this.closed) {
      process.close();
      return;
    }
    this.process = process;
    this.statusSeen = false;
    this.splitter = new LineSplitter(MAX_JSON_LINE);
    process.stdout.on('data', (chunk: Buffer) => {
      for (const line of this.splitter.push(chunk)) this.onLine(line.text);
    });
    void process.exited.then(() => {
      if (this.process !== process) return;
      this.process = null;
      if (!this.closed && this.stream.state !== 'ended') this.retryLater(new OpsError('UNREACHABLE', 'The connection to the server dropped.'));
    });
  }

  private retryLater(err: unknown): void {
    if (this.closed) return;
    const payload = toErrorPayload(err);
    if (['HOSTKEY_UNKNOWN', 'HOSTKEY_CHANGED', 'AUTH_STOPPED', 'NOT_FOUND', 'UNSUPPORTED_TARGET', 'UNAVAILABLE'].includes(payload.code)) {
      this.stream.setState('ended', payload);
      return;
    }
    if (this.stream.state !== 'reconnecting') {
      this.stream.mark('reconnecting', { code: payload.code });
      this.stream.setState('reconnecting');
    }
    const wait = RETRY_MS[Math.min(this.retries++, RETRY_MS.length - 1)]!;
    this.retryTimer = this.opts.clock.setTimeout(() => {
      this.retryTimer = null;
      void this.run();
    }, wait);
  }

  private onLine(text: string): void {
    if (!this.statusSeen) {
      this.statusSeen = true;
      if (text.trim() === 'J none') {
        this.stream.setState('ended', { code: 'JOURNAL_UNAVAILABLE', message: 'This server has no journalctl (no systemd journal).' });
        this.process?.close();
        return;
      }
      this.retries = 0;
      if (this.started) this.stream.mark('resumed');
      this.started = true;
      this.stream.setState('following');
      return;
    }
    const entry = parseJournalLine(text);
    if (entry) {
      this.cursor = entry.cursor;
      this.stream.entry(entry.level, entry.message, entry.ts ?? this.opts.clock.now());
      return;
    }
    if (CURSOR_LOST.test(text)) {
      // The journal no longer has the entry we stopped at (rotated, vacuumed): say so, start afresh.
      this.stream.mark('gap', { reason: 'cursor-lost' });
      this.cursor = null;
      this.process?.close();
      return;
    }
    if (/No journal files were found/i.test(text)) this.stream.mark('missing', { what: 'journal' });
    else if (/not seeing messages from other users/i.test(text)) this.stream.mark('denied', { what: 'journal' });
    else if (text.trim()) this.opts.logger.log('debug', 'journalctl-said', { text: text.slice(0, 200) });
  }
}
