// Reconnect spacing and the caps that keep a fleet of reconnects polite to sshd.
import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../src/main/engine/transport/backoff';
import { HandshakeLimiter } from '../../../src/main/engine/transport/handshake-limiter';
import { Semaphore } from '../../../src/main/engine/transport/semaphore';

describe('Backoff (exponential, full jitter)', () => {
  it('doubles the cap from the base up to the maximum', () => {
    const backoff = new Backoff({ baseMs: 1_000, maxMs: 10_000, random: () => 0.999999 });
    expect(Array.from({ length: 6 }, () => backoff.next())).toEqual([999, 1_999, 3_999, 7_999, 9_999, 9_999]);
  });

  it('draws each delay uniformly between 0 and the cap', () => {
    const zero = new Backoff({ random: () => 0 });
    expect([zero.next(), zero.next(), zero.next()]).toEqual([0, 0, 0]);
    const real = new Backoff({ baseMs: 1_000, maxMs: 60_000 });
    for (let i = 0; i < 20; i++) {
      const cap = Math.min(60_000, 1_000 * 2 ** i);
      const delay = real.next();
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(cap);
    }
  });

  it('starts over after a successful login', () => {
    const backoff = new Backoff({ baseMs: 100, random: () => 0.5 });
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(50);
  });

  it('spreads 1,000 hosts dropped at once over the whole first window', () => {
    const delays = Array.from({ length: 1_000 }, () => new Backoff({ baseMs: 1_000 }).next());
    const perTenth = new Array(10).fill(0);
    for (const d of delays) perTenth[Math.floor(d / 100)]++;
    expect(Math.min(...perTenth)).toBeGreaterThan(50);
  });
});

describe('Semaphore', () => {
  it('grants up to its capacity and queues the rest in order', async () => {
    const gate = new Semaphore(2);
    const order: number[] = [];
    const r1 = await gate.acquire();
    const r2 = await gate.acquire();
    const third = gate.acquire().then((r) => (order.push(3), r));
    const fourth = gate.acquire().then((r) => (order.push(4), r));
    expect(gate.inUse).toBe(2);
    expect(gate.waiting).toBe(2);
    r1();
    r1(); // releasing twice frees one permit, not two
    const r3 = await third;
    expect(gate.inUse).toBe(2);
    r2();
    (await fourth)();
    r3();
    expect(order).toEqual([3, 4]);
    expect(gate.inUse).toBe(0);
    expect(gate.peakInUse).toBe(2);
  });

  it('drops a waiter whose signal aborts, without taking a permit', async () => {
    const gate = new Semaphore(1);
    const held = await gate.acquire();
    const controller = new AbortController();
    const waiting = gate.acquire(controller.signal);
    controller.abort(new Error('deadline'));
    await expect(waiting).rejects.toThrow('deadline');
    expect(gate.waiting).toBe(0);
    held();
    expect(gate.inUse).toBe(0);
  });
});

describe('HandshakeLimiter', () => {
  it('caps handshakes per target and lets other targets through', async () => {
    const limiter = new HandshakeLimiter(2);
    const a1 = await limiter.acquire('a:22');
    await limiter.acquire('a:22');
    let third = false;
    void limiter.acquire('a:22').then(() => (third = true));
    const b = await limiter.acquire('b:22');
    await Promise.resolve();
    expect(third).toBe(false);
    expect(limiter.inFlight('a:22')).toBe(2);
    a1();
    await new Promise((r) => setImmediate(r));
    expect(third).toBe(true);
    expect(limiter.peak('a:22')).toBe(2);
    b();
    expect(limiter.inFlight('b:22')).toBe(0);
  });

  it('caps handshakes engine-wide across targets, and a busy target holds no engine-wide slot', async () => {
    const limiter = new HandshakeLimiter(1, 3);
    const held = await Promise.all(['a:22', 'b:22', 'c:22'].map((t) => limiter.acquire(t)));
    expect(limiter.inFlightTotal()).toBe(3);
    let fourth = false;
    void limiter.acquire('d:22').then((release) => ((fourth = true), release()));
    // A second handshake to a:22 waits for a:22, not for the engine-wide cap.
    let secondA = false;
    void limiter.acquire('a:22').then((release) => ((secondA = true), release()));
    await new Promise((r) => setImmediate(r));
    expect(fourth).toBe(false);
    held[1]!(); // b:22 done: its engine-wide slot goes to d:22, the first in line
    await new Promise((r) => setImmediate(r));
    expect(fourth).toBe(true);
    expect(secondA).toBe(false);
    held[0]!();
    await new Promise((r) => setImmediate(r));
    expect(secondA).toBe(true);
    held[2]!();
    expect(limiter.inFlightTotal()).toBe(0);
    expect(limiter.peakTotal()).toBe(3);
  });

  it('gives the target slot back when waiting for the engine-wide cap is abandoned', async () => {
    const limiter = new HandshakeLimiter(2, 1);
    const first = await limiter.acquire('a:22');
    const abort = new AbortController();
    const waiting = limiter.acquire('b:22', abort.signal);
    await new Promise((r) => setImmediate(r));
    expect(limiter.inFlight('b:22')).toBe(1);
    abort.abort(new Error('deadline'));
    await expect(waiting).rejects.toThrow('deadline');
    expect(limiter.inFlight('b:22')).toBe(0);
    first();
    expect(limiter.inFlightTotal()).toBe(0);
  });
});
