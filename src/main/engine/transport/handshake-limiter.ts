// Caps concurrent SSH handshakes per target sshd (host:port) and engine-wide. OpenSSH drops new
// connections past MaxStartups (10 unauthenticated by default) and, since 9.8, penalises the
// source address; after a network blip a thousand connections must not retry at once. The
// engine-wide cap keeps the recovery from one mass drop from flooding the event loop with key
// exchanges (each is a burst of asymmetric crypto on the engine's single thread).

import { Semaphore, type Release } from './semaphore';

/**
 * Below OpenSSH's MaxStartups (10 unauthenticated connections before it starts dropping new
 * ones): sshd still counts a connection for a moment after the client sees the login succeed,
 * and other clients (people, other tools) share the same allowance. At 8, a test logging 20
 * connections in at once now and then saw sshd drop one on a loaded machine.
 */
export const MAX_HANDSHAKES_PER_TARGET = 6;
/**
 * Engine-wide. A loopback handshake costs the engine a few milliseconds of CPU; 32 at once
 * recover 1,000 hosts in a few seconds while the loop keeps serving polls and the UI.
 */
export const MAX_HANDSHAKES_TOTAL = 32;

export class HandshakeLimiter {
  private readonly targets = new Map<string, Semaphore>();
  private readonly peaks = new Map<string, number>();
  private readonly all: Semaphore;

  constructor(
    readonly perTarget = MAX_HANDSHAKES_PER_TARGET,
    readonly total = MAX_HANDSHAKES_TOTAL,
  ) {
    this.all = new Semaphore(total);
  }

  /** Waits for a slot at the target first, then engine-wide, so a busy sshd holds no global slot. */
  async acquire(target: string, signal?: AbortSignal): Promise<Release> {
    let gate = this.targets.get(target);
    if (!gate) {
      gate = new Semaphore(this.perTarget);
      this.targets.set(target, gate);
    }
    const used = gate;
    const releaseTarget = await gate.acquire(signal);
    const forget = () => {
      releaseTarget();
      // Forget idle targets so a long-running engine does not keep one entry per host forever.
      if (used.inUse === 0 && used.waiting === 0 && this.targets.get(target) === used) this.targets.delete(target);
    };
    let releaseAll: Release;
    try {
      releaseAll = await this.all.acquire(signal);
    } catch (err) {
      forget();
      throw err;
    }
    this.peaks.set(target, Math.max(this.peaks.get(target) ?? 0, used.inUse));
    return () => {
      releaseAll();
      forget();
    };
  }

  inFlight(target: string): number {
    return this.targets.get(target)?.inUse ?? 0;
  }

  /** The most handshakes ever in flight at once for a target (for tests and the benchmark). */
  peak(target: string): number {
    return this.peaks.get(target) ?? 0;
  }

  /** Handshakes in flight engine-wide, and the most ever at once. */
  inFlightTotal(): number {
    return this.all.inUse;
  }

  peakTotal(): number {
    return this.all.peakInUse;
  }
}

/** One limiter for the whole engine: every connection to the same sshd shares its cap. */
export const sharedHandshakeLimiter = new HandshakeLimiter();
