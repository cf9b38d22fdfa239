// One deadline shared by every step of a poll (login, waiting for the shell, the script
// itself). Waiting can be abandoned through `signal`; race() gives up on a promise without
// leaving a listener behind.
// race() keeps its own rejecters instead of AbortSignal listeners, and the AbortController is
// made only when a step asks for `signal`: at 1,000 hosts the listener bookkeeping of two races
// per poll was 4 % of the engine's CPU (bench:fleet profile).

import type { Clock, TimerHandle } from '../core/clock';

export class Deadline {
  private controller: AbortController | null = null;
  private readonly timer: TimerHandle;
  private readonly endsAt: number;
  private reason: Error | null = null;
  private readonly racers = new Set<(err: Error) => void>();

  constructor(
    private readonly clock: Clock,
    ms: number,
    private readonly onExpire: () => Error,
  ) {
    this.endsAt = clock.now() + ms;
    this.timer = clock.setTimeout(() => this.expire(), ms);
  }

  /** The error this deadline rejects with, for a step whose own timer fired a moment earlier. */
  expiredError(): Error {
    return this.onExpire();
  }

  /** True once the deadline has passed (what `signal.aborted` says, without making a signal). */
  get expired(): boolean {
    return this.reason !== null;
  }

  /** The error the deadline expired with; null while it runs. */
  get expiredReason(): Error | null {
    return this.reason;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.reason) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  remaining(): number {
    return Math.max(0, this.endsAt - this.clock.now());
  }

  race<T>(work: Promise<T>): Promise<T> {
    if (this.reason) {
      work.catch(() => undefined);
      return Promise.reject(this.reason);
    }
    return new Promise<T>((resolve, reject) => {
      this.racers.add(reject);
      work.then(
        (value) => {
          this.racers.delete(reject);
          resolve(value);
        },
        (err) => {
          this.racers.delete(reject);
          reject(err);
        },
      );
    });
  }

  dispose(): void {
    this.clock.clearTimeout(this.timer);
  }

  private expire(): void {
    const reason = this.onExpire();
    this.reason = reason;
    for (const reject of this.racers) reject(reason);
    this.racers.clear();
    this.controller?.abort(reason);
  }
}
