// Runs each job on its own cadence. A job never overlaps itself (a slow run delays only its own
// next run), every run has a deadline, and one job's failure never touches another's.
import { OpsError } from '../../../shared/errors';
import type { Clock, TimerHandle } from './clock';
import type { Logger } from './logger';

export interface JobSpec {
  id: string;
  intervalMs: number;
  /** Deadline of one run; defaults to the interval. */
  timeoutMs?: number;
  /** Delay before the first run, to spread many jobs over the interval. */
  initialDelayMs?: number;
  /**
   * Delay from the first run to the second, when shorter than the interval: rates such as CPU %
   * need two readings, and the first screen should not wait a whole interval for them.
   */
  secondRunAfterMs?: number;
  run(signal: AbortSignal): Promise<void>;
  onError?(err: unknown): void;
}

interface JobState {
  spec: JobSpec;
  timer: TimerHandle | null;
  running: boolean;
  stopped: boolean;
  nextAt: number;
  runs: number;
}

export class Scheduler {
  private jobs = new Map<string, JobState>();

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  add(spec: JobSpec): void {
    this.remove(spec.id);
    const state: JobState = { spec, timer: null, running: false, stopped: false, nextAt: this.clock.now() + (spec.initialDelayMs ?? 0), runs: 0 };
    this.jobs.set(spec.id, state);
    this.arm(state);
  }

  remove(id: string): void {
    const state = this.jobs.get(id);
    if (!state) return;
    state.stopped = true;
    if (state.timer) this.clock.clearTimeout(state.timer);
    this.jobs.delete(id);
  }

  has(id: string): boolean {
    return this.jobs.has(id);
  }

  stopAll(): void {
    for (const id of [...this.jobs.keys()]) this.remove(id);
  }

  get size(): number {
    return this.jobs.size;
  }

  private arm(state: JobState): void {
    const delay = Math.max(0, state.nextAt - this.clock.now());
    state.timer = this.clock.setTimeout(() => void this.fire(state), delay);
  }

  private async fire(state: JobState): Promise<void> {
    state.timer = null;
    if (state.stopped) return;
    const { spec } = state;
    const startedAt = this.clock.now();
    state.running = true;
    try {
      await runWithDeadline(this.clock, spec.timeoutMs ?? spec.intervalMs, (signal) => spec.run(signal), spec.id);
    } catch (err) {
      if (spec.onError) spec.onError(err);
      else this.logger.log('warn', 'job-failed', { job: spec.id, error: String(err) });
    } finally {
      state.running = false;
    }
    if (state.stopped) return;
    state.runs += 1;
    // Fixed rate without catch-up bursts: the next slot after now.
    const gap = state.runs === 1 && spec.secondRunAfterMs !== undefined ? Math.min(spec.secondRunAfterMs, spec.intervalMs) : spec.intervalMs;
    state.nextAt = startedAt + gap;
    const now = this.clock.now();
    if (state.nextAt <= now) state.nextAt = now + Math.min(gap, 1000);
    this.arm(state);
  }
}

/** Races a task against a deadline; on timeout the task's signal is aborted and TIMEOUT thrown. */
export function runWithDeadline<T>(clock: Clock, timeoutMs: number, task: (signal: AbortSignal) => Promise<T>, what: string): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(() => {
      controller.abort();
      reject(new OpsError('TIMEOUT', `${what} did not finish within ${Math.round(timeoutMs / 100) / 10} s.`));
    }, timeoutMs);
    task(controller.signal).then(
      (value) => {
        clock.clearTimeout(timer);
        resolve(value);
      },
      (err) => {
        clock.clearTimeout(timer);
        reject(err);
      },
    );
  });
}
