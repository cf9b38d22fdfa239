// Refused logins back off in minutes, not seconds. fail2ban's default sshd jail bans a source
// after 5 failures in 10 minutes, and OpenSSH 9.8's PerSourcePenalties penalise repeated auth
// failures: a console that retries a wrong key every few seconds locks its own address out of
// a shared sshd or bastion. Pure: the schedule, and a ledger of failures per sshd.

export const MINUTE_MS = 60_000;
/** Waits after the 1st and 2nd refused login of one connection; after the 3rd it stops. */
export const AUTH_RETRY_DELAYS_MS: readonly number[] = [2 * MINUTE_MS, 6 * MINUTE_MS];
/** The most refused logins OpsDeck ever sends to one sshd within AUTH_WINDOW_MS, from all its hosts. */
export const MAX_FAILED_LOGINS_PER_WINDOW = 3;
export const AUTH_WINDOW_MS = 10 * MINUTE_MS;

/** The wait before the next try after `consecutive` refused logins, or null: stop until a person acts. */
export function authRetryDelayMs(consecutive: number): number | null {
  if (consecutive <= 0) return 0;
  return AUTH_RETRY_DELAYS_MS[consecutive - 1] ?? null;
}

/** Refused logins per sshd (host:port as dialled), over a sliding window, shared by every connection. */
export class AuthFailureLedger {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly maxPerWindow = MAX_FAILED_LOGINS_PER_WINDOW,
    readonly windowMs = AUTH_WINDOW_MS,
  ) {}

  record(target: string, now: number): void {
    const list = this.recent(target, now);
    list.push(now);
    this.failures.set(target, list);
  }

  /**
   * 0 when a login to `target` may be tried now, else the time from which it may. While the
   * window is full no login is tried at all: it could be one more failure.
   */
  nextAllowedAt(target: string, now: number): number {
    const list = this.recent(target, now);
    if (list.length === 0) this.failures.delete(target);
    if (list.length < this.maxPerWindow) return 0;
    return list[list.length - this.maxPerWindow]! + this.windowMs;
  }

  count(target: string, now: number): number {
    return this.recent(target, now).length;
  }

  private recent(target: string, now: number): number[] {
    const list = (this.failures.get(target) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.failures.set(target, list);
    return list;
  }
}

/** One ledger for the whole engine, like the handshake limiter. */
export const sharedAuthLedger = new AuthFailureLedger();
