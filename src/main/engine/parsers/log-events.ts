// PURE (no I/O, no clock): lines into events. A stack trace stays with the line it belongs to,
// as lnav and Vector's multiline rules do: Java ("\tat ...", "Caused by: ...", "... 3 more", an
// exception class line), Python ("Traceback (most recent call last):", its indented frames and
// the exception line that ends it, chained tracebacks) and Go (panic:, goroutine N [running]:,
// function lines and their "\tfile.go:12 +0x1d" lines). An event's level is its first line's;
// a trace that starts an event makes it an error. Events are counted when they start, so a trace
// split across two reads is counted once.
import type { LogLevel } from '../../../shared/logs';
import { detectLevel } from './log-level';

export interface GroupedEvent {
  level: LogLevel;
  lines: string[];
  cut: boolean;
}

/** An event never grows past this many lines (or characters): the next line starts a new one. */
export const MAX_EVENT_LINES = 500;
export const MAX_EVENT_CHARS = 256 * 1024;

/** python: inside a traceback's frames; python-end: after its exception line, where a chained one may follow. */
type Mode = 'none' | 'python' | 'python-end' | 'go';

const INDENTED = /^[ \t]/;
const JAVA_CONTINUATION = /^(?:Caused by: |Suppressed: |\s*\.\.\. \d+ (?:more|common frames omitted))/;
const EXCEPTION_CLASS = /^(?:[A-Za-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error|Throwable)(?::|$)/;
const EXCEPTION_IN_THREAD = /^Exception in thread "/;
const PY_TRACEBACK = /^Traceback \(most recent call last\):/;
const PY_CHAIN = /^(?:During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:)/;
const GO_START = /^(?:panic: |fatal error: )/;
// java.util.logging's default format writes the level on a second line: "Dec 06, 2026 9:41:46 PM Main main" / "SEVERE: ...".
const JUL_HEADER = /^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} [AP]M \S+ \S+$/;
const JUL_LEVEL = /^(SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST): /;
const JUL_LEVELS: Record<string, LogLevel> = { SEVERE: 'error', WARNING: 'warn', INFO: 'info', CONFIG: 'info', FINE: 'debug', FINER: 'debug', FINEST: 'trace' };
const GO_LINE = /^(?:goroutine \d+ \[[^\]]*\]:|created by |\[signal |exit status \d+|[\w./*()%-]+\(.*\)$)/;

export interface PushResult {
  done: GroupedEvent[];
  started: LogLevel | null;
  upgraded: LogLevel | null;
}

export class EventGrouper {
  private current: GroupedEvent | null = null;
  private chars = 0;
  private mode: Mode = 'none';

  /** True while an event is open (more continuation lines may follow). */
  get open(): boolean {
    return this.current !== null;
  }

  /**
   * Adds one line. Returns the events this line completed (the previous one, when the line
   * starts a new event), whether it started one (`started`, with its level) and whether it gave
   * an event that had no level one (`upgraded`): a counter counts each event once, at the first
   * of these that names a level.
   */
  push(line: string, cut = false): PushResult {
    const current = this.current;
    if (current && current.lines.length === 1 && current.level === 'unknown' && JUL_HEADER.test(current.lines[0]!)) {
      const jul = JUL_LEVEL.exec(line);
      if (jul) {
        current.lines.push(line);
        current.cut ||= cut;
        current.level = JUL_LEVELS[jul[1]!]!;
        this.chars += line.length + 1;
        return { done: [], started: null, upgraded: current.level };
      }
    }
    if (this.current && this.continues(line) && this.current.lines.length < MAX_EVENT_LINES && this.chars + line.length <= MAX_EVENT_CHARS) {
      this.current.lines.push(line);
      this.current.cut ||= cut;
      this.chars += line.length + 1;
      if (this.current.level === 'unknown' && (PY_TRACEBACK.test(line) || EXCEPTION_CLASS.test(line))) {
        this.current.level = 'error';
        return { done: [], started: null, upgraded: 'error' };
      }
      return { done: [], started: null, upgraded: null };
    }
    const done = this.current ? [this.finish()] : [];
    const level = detectLevel(line) ?? (this.startsTrace(line) ? 'error' : 'unknown');
    this.current = { level, lines: [line], cut };
    this.chars = line.length + 1;
    this.mode = PY_TRACEBACK.test(line) ? 'python' : GO_START.test(line) ? 'go' : 'none';
    return { done, started: level, upgraded: null };
  }

  /** Closes the open event (the input paused or ended). */
  flush(): GroupedEvent | null {
    return this.current ? this.finish() : null;
  }

  private startsTrace(line: string): boolean {
    return PY_TRACEBACK.test(line) || EXCEPTION_CLASS.test(line) || EXCEPTION_IN_THREAD.test(line) || GO_START.test(line);
  }

  private continues(line: string): boolean {
    // A blank line belongs to the event before it (trailing ones are dropped when it ends).
    if (line === '') return true;
    if (this.mode === 'python') {
      if (INDENTED.test(line) || PY_TRACEBACK.test(line)) return true;
      // The first unindented line after the frames is the exception itself; it ends the trace.
      this.mode = 'python-end';
      return true;
    }
    if (this.mode === 'python-end') {
      if (PY_CHAIN.test(line)) return true;
      if (PY_TRACEBACK.test(line)) {
        this.mode = 'python';
        return true;
      }
      this.mode = 'none';
    }
    if (this.mode === 'go') {
      if (INDENTED.test(line) || GO_LINE.test(line) || GO_START.test(line)) return true;
      this.mode = 'none';
      return false;
    }
    if (INDENTED.test(line) || JAVA_CONTINUATION.test(line) || EXCEPTION_CLASS.test(line)) return true;
    if (PY_TRACEBACK.test(line)) {
      this.mode = 'python';
      return true;
    }
    // A Go panic is the runtime's, not the last log line's: it starts an event of its own.
    return PY_CHAIN.test(line);
  }

  private finish(): GroupedEvent {
    const event = this.current!;
    // Blank lines a trace ended with belong to nobody.
    while (event.lines.length > 1 && event.lines.at(-1) === '') event.lines.pop();
    this.current = null;
    this.mode = 'none';
    this.chars = 0;
    return event;
  }
}
