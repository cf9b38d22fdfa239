// What every live view shares: items numbered in order, sent in batches (every 100 ms, or at
// once when many are waiting) so a busy log is a few messages a second to the screen, and the
// view's state. A view holds at most MAX_PENDING items between two sends: when a screen cannot
// keep up, older items are dropped and a gap mark says how many.
import type { LogBatch, LogItem, LogLevel, LogMarkKind, LogViewState } from '../../../shared/logs';
import type { Clock, TimerHandle } from '../core/clock';
import type { GroupedEvent } from '../parsers/log-events';

export const BATCH_EVERY_MS = 100;
export const MAX_BATCH_ITEMS = 2_000;
const MAX_PENDING = 20_000;

export type BatchSink = (batch: Omit<LogBatch, 'subscriptionId' | 'batch'>) => void;

export class ViewStream {
  private seq = 0;
  private pending: LogItem[] = [];
  private dropped = 0;
  private timer: TimerHandle | null = null;
  state: LogViewState = 'starting';

  constructor(
    private readonly clock: Clock,
    private readonly sink: BatchSink,
    private readonly file: string | null,
  ) {}

  event(e: GroupedEvent, ts = this.clock.now()): void {
    this.push({ type: 'event', seq: ++this.seq, ts, level: e.level, text: e.lines.join('\n'), lines: e.lines.length, cut: e.cut, ...(this.file ? { file: this.file } : {}) });
  }

  entry(level: LogLevel, text: string, ts: number): void {
    this.push({ type: 'event', seq: ++this.seq, ts, level, text, lines: text.split('\n').length, cut: false });
  }

  mark(kind: LogMarkKind, data?: Record<string, string | number>): void {
    this.push({ type: 'mark', seq: ++this.seq, ts: this.clock.now(), kind, ...(data ? { data } : {}) });
  }

  setState(state: LogViewState, error?: { code: string; message: string }): void {
    if (this.state === 'ended') return;
    this.state = state;
    if (state === 'ended') {
      this.flush(error);
      return;
    }
    this.schedule(0);
  }

  /** Sends what is waiting now. */
  flush(error?: { code: string; message: string }): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.dropped > 0) {
      this.pending.unshift({ type: 'mark', seq: ++this.seq, ts: this.clock.now(), kind: 'gap', data: { reason: 'screen-behind', items: this.dropped } });
      this.dropped = 0;
    }
    while (this.pending.length > MAX_BATCH_ITEMS) this.sink({ state: this.state, items: this.pending.splice(0, MAX_BATCH_ITEMS) });
    this.sink({ state: this.state, items: this.pending.splice(0), ...(error ? { error } : {}) });
  }

  close(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private push(item: LogItem): void {
    if (this.state === 'ended') return;
    this.pending.push(item);
    if (this.pending.length > MAX_PENDING) {
      this.pending.shift();
      this.dropped++;
    }
    this.schedule(this.pending.length >= MAX_BATCH_ITEMS ? 0 : BATCH_EVERY_MS);
  }

  private schedule(ms: number): void {
    if (this.timer && ms > 0) return;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.flush();
    }, ms);
  }
}
