// The live tail of one log file: `tail -F` on the host's existing login (remote-scripts.ts's
// followScript), read as a stream. tail follows the name, but after a rename it stops reading
// the old file and after a truncation it starts again at zero; so on either of its messages the
// follower holds the stream, reads what tail skipped (the rest of the renamed file by its inode,
// or of the copytruncate copy by its first bytes), emits that, then lets the new file's lines
// through. It tracks the byte offset of every complete line, so after a dropped login it starts
// tail again exactly there: no line twice, none skipped. Where lines cannot be recovered, the
// view gets a mark saying so.
import { OpsError, toErrorPayload } from '../../../shared/errors';
import { MAX_LINE_BYTES } from '../../../shared/logs';
import type { Clock, TimerHandle } from '../core/clock';
import type { Logger } from '../core/logger';
import { LineSplitter, type SplitLine } from '../parsers/log-lines';
import type { RemoteProcess } from '../transport/remote-process';
import { fileIdentity, readSince, readSkipped, type ReadPart } from './file-reader';
import { LogPipeline } from './log-pipeline';
import { followScript, HEAD_BYTES, markedPath, type FollowStart } from './remote-scripts';
import type { ProcessOpener } from './run-script';
import type { BatchSink } from './view-stream';
import { ViewStream } from './view-stream';

/** How long after tail reports a rotation the old file is read: a writer may still finish a line in it. */
export const ROTATE_WAIT_MS = 1_000;
/** An open stack trace with no new line for this long is complete. */
const IDLE_FLUSH_MS = 400;
const CATCH_UP_MAX_BYTES = 16 * 1024 * 1024;
const OPEN_TIMEOUT_MS = 15_000;
const RETRY_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

export interface FileFollowerOptions {
  open: ProcessOpener;
  path: string;
  lines: number;
  clock: Clock;
  logger: Logger;
  sink: BatchSink;
}

type TailMessage = 'inaccessible' | 'appeared' | 'replaced' | 'truncated' | 'missing' | 'denied' | 'other';

function tailMessage(text: string): TailMessage {
  if (text.includes('has become inaccessible')) return 'inaccessible';
  if (text.includes('has appeared;')) return 'appeared';
  if (text.includes('has been replaced')) return 'replaced';
  if (text.endsWith(': file truncated')) return 'truncated';
  if (text.includes('cannot open') && text.includes('No such file')) return 'missing';
  if (text.includes('Permission denied')) return 'denied';
  return 'other';
}

export class FileFollower {
  private readonly stream: ViewStream;
  private readonly pipeline: LogPipeline;
  private splitter = new LineSplitter(MAX_LINE_BYTES);
  private process: RemoteProcess | null = null;
  private marker = '';
  private closed = false;
  /** The file tail reads (its device:inode), null while it is not known. */
  private id: string | null = null;
  /** Offset in that file just past the last complete line. */
  private offset = 0;
  private head = '';
  private started = false;
  private statusBuffer: Buffer | null = Buffer.alloc(0);
  private holding = false;
  private held: SplitLine[] = [];
  private idleTimer: TimerHandle | null = null;
  private retryTimer: TimerHandle | null = null;
  private missingTimer: TimerHandle | null = null;
  private retries = 0;

  constructor(private readonly opts: FileFollowerOptions) {
    this.stream = new ViewStream(opts.clock, opts.sink, opts.path);
    this.pipeline = new LogPipeline((e) => this.stream.event(e));
  }

  get state() {
    return this.stream.state;
  }

  /** Where the view is in the file, for tests and the bench. */
  get position(): { id: string | null; offset: number } {
    return { id: this.id, offset: this.offset };
  }

  start(): void {
    void this.run({ kind: 'lines', lines: this.opts.lines });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) this.opts.clock.clearTimeout(this.retryTimer);
    if (this.idleTimer) this.opts.clock.clearTimeout(this.idleTimer);
    if (this.missingTimer) this.opts.clock.clearTimeout(this.missingTimer);
    const process = this.process;
    this.process = null;
    this.stream.close();
    if (process) {
      process.close();
      await process.exited;
    }
  }

  private async run(start: FollowStart): Promise<void> {
    if (this.closed) return;
    const { path, tailPath } = this.tailPaths();
    let process: RemoteProcess;
    try {
      process = await this.opts.open(followScript({ path, tailPath, start }), { timeoutMs: OPEN_TIMEOUT_MS });
    } catch (err) {
      this.retryLater(err);
      return;
    }
    if (this.closed) {
      process.close();
      return;
    }
    this.process = process;
    this.statusBuffer = Buffer.alloc(0);
    process.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    void process.exited.then((exit) => {
      if (this.process !== process) return;
      this.process = null;
      if (this.closed || this.stream.state === 'ended') return;
      this.opts.logger.log('info', 'log-follow-ended', { path: this.opts.path, code: exit.code });
      this.retryLater(new OpsError('UNREACHABLE', 'The connection to the server dropped.'));
    });
  }

  private tailPaths(): { path: string; tailPath: string } {
    const marked = markedPath(this.opts.path);
    this.marker = marked.marker;
    return { path: this.opts.path, tailPath: marked.path };
  }

  private retryLater(err: unknown): void {
    if (this.closed) return;
    const payload = toErrorPayload(err);
    // A login that needs a person (a refused key, no password) will not heal by retrying.
    if (['HOSTKEY_UNKNOWN', 'HOSTKEY_CHANGED', 'AUTH_STOPPED', 'NOT_FOUND', 'UNSUPPORTED_TARGET', 'UNAVAILABLE'].includes(payload.code)) {
      this.stream.setState('ended', payload);
      return;
    }
    if (this.stream.state !== 'reconnecting') {
      this.stream.mark('reconnecting', { code: payload.code });
      this.stream.setState('reconnecting');
    }
    // A line cut off by the drop is read again whole from its start.
    this.splitter = new LineSplitter(MAX_LINE_BYTES);
    const wait = RETRY_MS[Math.min(this.retries++, RETRY_MS.length - 1)]!;
    this.retryTimer = this.opts.clock.setTimeout(() => {
      this.retryTimer = null;
      void this.run(this.started ? { kind: 'from', id: this.id, offset: this.offset } : { kind: 'lines', lines: this.opts.lines });
    }, wait);
  }

  private onData(chunk: Buffer): void {
    if (this.statusBuffer) {
      const joined = Buffer.concat([this.statusBuffer, chunk]);
      const nl = joined.indexOf(0x0a);
      if (nl < 0) {
        this.statusBuffer = joined.length < 4096 ? joined : null;
        return;
      }
      this.statusBuffer = null;
      this.onStatus(joined.subarray(0, nl).toString('latin1').trim().split(/ +/));
      chunk = joined.subarray(nl + 1);
      if (this.closed || this.stream.state === 'ended' || !this.process) return;
    }
    for (const line of this.splitter.push(chunk)) this.onLine(line);
    this.scheduleIdleFlush();
  }

  private onStatus(status: string[]): void {
    const [tag, id, size, mode, a, b] = status;
    if (tag !== 'F') {
      this.stream.setState('ended', { code: 'COLLECT_FAILED', message: `The server answered "${status.join(' ')}" instead of following the log.` });
      return;
    }
    const resumed = this.started;
    this.retries = 0;
    switch (mode) {
      case 'lines':
        this.id = id!;
        this.offset = Number(size) - Number(a);
        this.head = b && b !== '0' ? b : '';
        this.started = true;
        break;
      case 'from':
        this.id = id!;
        break;
      case 'missing':
        if (!resumed || this.id !== null) this.stream.mark('missing');
        this.id = null;
        this.offset = 0;
        this.head = '';
        this.started = true;
        break;
      case 'denied':
        this.stream.setState('ended', { code: 'LOG_DENIED', message: `The SSH user may not read ${this.opts.path}.` });
        this.process?.close();
        return;
      case 'changed':
        // The file was rotated while the view was away: read the old rest, then follow afresh.
        this.process = null;
        void this.catchUpThenFollow();
        return;
      default:
        this.stream.setState('ended', { code: 'COLLECT_FAILED', message: `The server answered "${status.join(' ')}".` });
        return;
    }
    if (resumed) this.stream.mark('resumed');
    this.stream.setState('following');
  }

  private onLine(line: SplitLine): void {
    if (this.holding) {
      this.held.push(line);
      return;
    }
    const at = line.text.indexOf('tail: ');
    if (at >= 0 && this.marker && line.text.includes(this.marker, at)) {
      // tail's own message, possibly right after a last line that had no newline.
      if (at > 0) this.content({ text: line.text.slice(0, at), bytes: Buffer.byteLength(line.text.slice(0, at)), cut: line.cut }, false);
      this.onTailMessage(tailMessage(line.text.slice(at)));
      return;
    }
    this.content(line, true);
  }

  private content(line: SplitLine, complete: boolean): void {
    if (this.offset < HEAD_BYTES && this.head.length === this.offset * 2) {
      this.head += Buffer.from(`${line.text}${complete ? '\n' : ''}`).subarray(0, HEAD_BYTES - this.offset).toString('hex');
    }
    this.offset += line.bytes;
    this.pipeline.line(line.text, line.cut);
  }

  private onTailMessage(message: TailMessage): void {
    switch (message) {
      case 'inaccessible':
        // A rename rotation says this first, then "has appeared": only a file that stays away is missing.
        this.pipeline.flushEvent();
        if (this.missingTimer) this.opts.clock.clearTimeout(this.missingTimer);
        this.missingTimer = this.opts.clock.setTimeout(() => {
          this.missingTimer = null;
          this.stream.mark('missing');
        }, ROTATE_WAIT_MS * 2);
        return;
      case 'missing':
        return;
      case 'denied':
        this.stream.mark('denied');
        return;
      case 'appeared':
      case 'replaced':
      case 'truncated':
        if (this.missingTimer) this.opts.clock.clearTimeout(this.missingTimer);
        this.missingTimer = null;
        this.pipeline.flushEvent();
        this.hold(message === 'truncated');
        return;
      default:
        return;
    }
  }

  /**
   * Holds the new file's lines until what tail skipped of the old one is read. A truncation is
   * caught up at once (the copy is complete when tail notices); after a rename the new file's
   * identity is learnt at once and the old file's rest is read a moment later, when a writer
   * that still had it open has finished with it.
   */
  private hold(truncated: boolean): void {
    this.holding = true;
    this.process?.stdout.pause();
    const from = { id: this.id ?? '0:0', offset: this.offset, head: this.head || null };
    if (truncated) {
      void this.catchUp(readSkipped(this.opts.open, this.opts.path, from, 'copy', CATCH_UP_MAX_BYTES), this.id);
      return;
    }
    const renamedFrom = this.id;
    const newId = fileIdentity(this.opts.open, this.opts.path).catch(() => null);
    this.opts.clock.setTimeout(() => {
      const skipped: Promise<ReadPart[]> = renamedFrom
        ? readSkipped(this.opts.open, this.opts.path, from, 'rest', CATCH_UP_MAX_BYTES)
        : Promise.resolve([{ kind: 'boundary' }, { kind: 'mark', mark: 'appeared' }]);
      void newId.then((id) => this.catchUp(skipped, id));
    }, ROTATE_WAIT_MS);
  }

  private async catchUp(skipped: Promise<ReadPart[]>, nextId: string | null): Promise<void> {
    try {
      const parts = await skipped;
      if (this.closed) return;
      this.apply(parts);
    } catch (err) {
      if (this.closed) return;
      this.stream.mark('gap', { reason: 'catch-up-failed', code: toErrorPayload(err).code });
    }
    // From here tail reads the new (or truncated) file from its start.
    this.id = nextId;
    this.offset = 0;
    this.head = '';
    this.pipeline.flushEvent();
    this.holding = false;
    const held = this.held.splice(0);
    for (const line of held) this.onLine(line);
    this.scheduleIdleFlush();
    this.process?.stdout.resume();
  }

  /** The parts of a catch-up read: bytes of the old file, marks, the boundary to the next file. */
  private apply(parts: ReadPart[]): void {
    const old = new LogPipeline((e) => this.stream.event(e));
    for (const part of parts) {
      if (part.kind === 'bytes') old.push(part.bytes);
      else if (part.kind === 'boundary') old.boundary();
      else this.stream.mark(part.mark, part.data);
    }
    old.boundary();
  }

  private async catchUpThenFollow(): Promise<void> {
    try {
      const result = await readSince(this.opts.open, this.opts.path, { id: this.id ?? '0:0', offset: this.offset, head: this.head || null }, { maxBytes: CATCH_UP_MAX_BYTES });
      if (this.closed) return;
      // The old rest and the new file up to now, in order, through the view's own pipeline.
      for (const part of result.parts) {
        if (part.kind === 'bytes') {
          for (const line of this.splitter.push(part.bytes)) this.pipeline.line(line.text, line.cut);
        } else if (part.kind === 'boundary') {
          const open = this.splitter.flush();
          if (open) this.pipeline.line(open.text, open.cut);
          this.pipeline.flushEvent();
        } else this.stream.mark(part.mark, part.data);
      }
      // A line still open at the end is read again by tail from its start.
      this.splitter = new LineSplitter(MAX_LINE_BYTES);
      this.id = result.position?.id ?? null;
      this.offset = this.completeOffset(result);
      this.head = result.position?.head ?? '';
      void this.run({ kind: 'from', id: this.id, offset: this.offset });
    } catch (err) {
      this.retryLater(err);
    }
  }

  /** The end of the last complete line a read returned (its unfinished last line is read again). */
  private completeOffset(result: Awaited<ReturnType<typeof readSince>>): number {
    const end = result.position?.offset ?? 0;
    const last = [...result.parts].reverse().find((p) => p.kind === 'bytes' || p.kind === 'boundary');
    if (!last || last.kind !== 'bytes' || last.from !== 'file') return end;
    const nl = last.bytes.lastIndexOf(0x0a);
    return end - (last.bytes.length - (nl + 1));
  }

  private scheduleIdleFlush(): void {
    if (this.idleTimer) this.opts.clock.clearTimeout(this.idleTimer);
    if (!this.pipeline.eventOpen) return;
    this.idleTimer = this.opts.clock.setTimeout(() => {
      this.idleTimer = null;
      this.pipeline.flushEvent();
    }, IDLE_FLUSH_MS);
  }
}
