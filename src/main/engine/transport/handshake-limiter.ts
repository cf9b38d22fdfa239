// Caps concurrent SSH handshakes per target sshd (host:port). OpenSSH drops new connections
// past MaxStartups (10 unauthenticated by default) and, since 9.8, penalises the source
// address; after a network blip a thousand connections must not retry at once.

import { Semaphore, type Release } from './semaphore';

export const MAX_HANDSHAKES_PER_TARGET = 8;

export class HandshakeLimiter {
  private readonly targets = new Map<string, Semaphore>();
  private readonly peaks = new Map<string, number>();

  constructor(readonly perTarget = MAX_HANDSHAKES_PER_TARGET) {}

  async acquire(target: string, signal?: AbortSignal): Promise<Release> {
    let gate = this.targets.get(target);
    if (!gate) {
      gate = new Semaphore(this.perTarget);
      this.targets.set(target, gate);
    }
    const release = await gate.acquire(signal);
    this.peaks.set(target, Math.max(this.peaks.get(target) ?? 0, gate.inUse));
    const used = gate;
    return () => {
      release();
      // Forget idle targets so a long-running engine does not keep one entry per host forever.
      if (used.inUse === 0 && used.waiting === 0 && this.targets.get(target) === used) this.targets.delete(target);
    };
  }

  inFlight(target: string): number {
    return this.targets.get(target)?.inUse ?? 0;
  }

  /** The most handshakes ever in flight at once for a target (for tests and the benchmark). */
  peak(target: string): number {
    return this.peaks.get(target) ?? 0;
  }
}

/** One limiter for the whole engine: every connection to the same sshd shares its cap. */
export const sharedHandshakeLimiter = new HandshakeLimiter();
