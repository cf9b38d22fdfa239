// Bytes of one source into events: the streaming line splitter, then the grouper of stack
// traces, with the counts a collector reports (events by level counted once, when their level is
// first known; lines; lines cut at the cap). Used by the error counters and the live views alike.
import { ERROR_LEVELS, type LogLevel } from '../../../shared/logs';
import { EventGrouper, type GroupedEvent } from '../parsers/log-events';
import { LineSplitter } from '../parsers/log-lines';

export interface LevelCounts {
  errors: number;
  warnings: number;
  lines: number;
  cut: number;
}

export const zeroCounts = (): LevelCounts => ({ errors: 0, warnings: 0, lines: 0, cut: 0 });

export class LogPipeline {
  private splitter = new LineSplitter();
  private readonly grouper = new EventGrouper();
  counts: LevelCounts = zeroCounts();

  constructor(private readonly onEvent: (event: GroupedEvent) => void) {}

  push(bytes: Uint8Array): void {
    for (const line of this.splitter.push(bytes)) this.line(line.text, line.cut);
  }

  /** A line given whole (a journal entry's message line). */
  line(text: string, cut = false): void {
    const r = this.grouper.push(text, cut);
    for (const e of r.done) this.onEvent(e);
    this.count(r.started);
    this.count(r.upgraded);
    this.counts.lines++;
    if (cut) this.counts.cut++;
  }

  /** The end of one file: an unfinished last line is a line of its own, and no trace spans two files. */
  boundary(): void {
    const open = this.splitter.flush();
    if (open) this.line(open.text, open.cut);
    this.splitter = new LineSplitter();
    this.flushEvent();
  }

  /** Nothing came for a while: the open event is complete. */
  flushEvent(): void {
    const e = this.grouper.flush();
    if (e) this.onEvent(e);
  }

  get pendingBytes(): number {
    return this.splitter.pendingBytes;
  }

  get eventOpen(): boolean {
    return this.grouper.open;
  }

  /** The counts since the last take, and zero again. */
  takeCounts(): LevelCounts {
    const c = this.counts;
    this.counts = zeroCounts();
    return c;
  }

  private count(level: LogLevel | null): void {
    if (level === null) return;
    if (ERROR_LEVELS.has(level)) this.counts.errors++;
    else if (level === 'warn') this.counts.warnings++;
  }
}
