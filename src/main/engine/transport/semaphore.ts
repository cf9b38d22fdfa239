// A counting semaphore with a FIFO queue. Used to cap channels per connection and concurrent
// handshakes per sshd; waiting can be abandoned through an AbortSignal.

export type Release = () => void;

export class Semaphore {
  private used = 0;
  private peak = 0;
  private readonly waiters: Array<(release: Release) => void> = [];

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('A semaphore needs a capacity of at least 1.');
  }

  get inUse(): number {
    return this.used;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** The most permits ever held at once. */
  get peakInUse(): number {
    return this.peak;
  }

  tryAcquire(): Release | null {
    if (this.used >= this.capacity) return null;
    return this.grant();
  }

  acquire(signal?: AbortSignal): Promise<Release> {
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);
    return new Promise<Release>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const waiter = (release: Release) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(release);
      };
      const onAbort = () => {
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private grant(): Release {
    this.used++;
    this.peak = Math.max(this.peak, this.used);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) {
        this.used--;
        next(this.grant());
      } else this.used--;
    };
  }
}
