// Reconnect delays: exponential with "full jitter" (a uniformly random delay between 0 and the
// exponential cap), so hosts dropped at the same moment spread their reconnects instead of
// arriving at the sshd (and its MaxStartups) together.

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

export class Backoff {
  private attempt = 0;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;

  constructor(opts: BackoffOptions = {}) {
    this.baseMs = opts.baseMs ?? 1_000;
    this.maxMs = opts.maxMs ?? 60_000;
    this.random = opts.random ?? Math.random;
  }

  /** The delay before the next attempt; each call doubles the cap up to maxMs. */
  next(): number {
    const cap = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return Math.floor(this.random() * cap);
  }

  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
