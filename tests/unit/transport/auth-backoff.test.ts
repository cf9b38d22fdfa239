import { describe, expect, it } from 'vitest';
import { AUTH_WINDOW_MS, AuthFailureLedger, authRetryDelayMs, MINUTE_MS } from '../../../src/main/engine/transport/auth-backoff';

describe('refused logins back off in minutes', () => {
  it('waits 2, then 6 minutes, then stops until a person acts', () => {
    expect(authRetryDelayMs(0)).toBe(0);
    expect(authRetryDelayMs(1)).toBe(2 * MINUTE_MS);
    expect(authRetryDelayMs(2)).toBe(6 * MINUTE_MS);
    expect(authRetryDelayMs(3)).toBeNull();
    expect(authRetryDelayMs(10)).toBeNull();
  });

  it('one connection following the schedule sends at most 3 refused logins in any 10 minutes', () => {
    const times: number[] = [];
    let t = 0;
    for (let n = 1; ; n++) {
      times.push(t);
      const delay = authRetryDelayMs(n);
      if (delay === null) break;
      t += delay;
    }
    expect(times).toEqual([0, 2 * MINUTE_MS, 8 * MINUTE_MS]);
  });
});

describe('the ledger of refused logins per sshd', () => {
  it('lets no fourth login reach an sshd within 10 minutes, from any number of hosts', () => {
    const ledger = new AuthFailureLedger();
    const t0 = Date.UTC(2026, 0, 1);
    ledger.record('10.0.0.1:22', t0);
    ledger.record('10.0.0.1:22', t0 + MINUTE_MS);
    expect(ledger.nextAllowedAt('10.0.0.1:22', t0 + MINUTE_MS)).toBe(0);
    ledger.record('10.0.0.1:22', t0 + 3 * MINUTE_MS);
    expect(ledger.nextAllowedAt('10.0.0.1:22', t0 + 3 * MINUTE_MS)).toBe(t0 + AUTH_WINDOW_MS);
    expect(ledger.nextAllowedAt('10.0.0.1:22', t0 + AUTH_WINDOW_MS - 1)).toBe(t0 + AUTH_WINDOW_MS);
    expect(ledger.nextAllowedAt('10.0.0.1:22', t0 + AUTH_WINDOW_MS)).toBe(0);
    // Another sshd is not affected.
    expect(ledger.nextAllowedAt('10.0.0.2:22', t0 + 3 * MINUTE_MS)).toBe(0);
  });

  it('simulated with a fake clock: hosts retrying every minute never exceed 3 failures in a sliding 10-minute window', () => {
    const ledger = new AuthFailureLedger();
    const failures: number[] = [];
    const hosts = [{ refused: 0, next: 0 }, { refused: 0, next: 0 }, { refused: 0, next: 0 }];
    for (let now = 0; now <= 60 * MINUTE_MS; now += 15_000) {
      for (const h of hosts) {
        if (h.next > now || h.next === Infinity) continue;
        if (ledger.nextAllowedAt('bastion:22', now) > now) continue;
        ledger.record('bastion:22', now);
        failures.push(now);
        h.refused++;
        const d = authRetryDelayMs(h.refused);
        h.next = d === null ? Infinity : now + d;
      }
    }
    for (const t of failures) expect(failures.filter((u) => u >= t && u < t + AUTH_WINDOW_MS).length).toBeLessThanOrEqual(3);
    expect(failures.length).toBe(9); // every host got its three tries, spread out
  });
});
