// One deadline shared by every step of a poll (login, waiting for the shell, the script
// itself). Waiting can be abandoned through `signal`; race() gives up on a promise without
// leaving a listener behind.

import type { Clock, TimerHandle } from '../core/clock';

export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: TimerHandle;
  private readonly endsAt: number;

  constructor(
    private readonly clock: Clock,
    ms: number,
    private readonly onExpire: () => Error,
  ) {
    this.endsAt = clock.now() + ms;
    this.timer = clock.setTimeout(() => this.controller.abort(onExpire()), ms);
  }

  /** The error this deadline rejects with, for a step whose own timer fired a moment earlier. */
  expiredError(): Error {
    return this.onExpire();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  remaining(): number {
    return Math.max(0, this.endsAt - this.clock.now());
  }

  race<T>(work: Promise<T>): Promise<T> {
    const { signal } = this;
    if (signal.aborted) {
      work.catch(() => undefined);
      return Promise.reject(signal.reason);
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (err) => {
          signal.removeEventListener('abort', onAbort);
          reject(err);
        },
      );
    });
  }

  dispose(): void {
    this.clock.clearTimeout(this.timer);
  }
}
