import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { EventBus } from '../../../src/main/engine/core/event-bus';
import { MemoryLogger, redact } from '../../../src/main/engine/core/logger';
import { runWithDeadline, Scheduler } from '../../../src/main/engine/core/scheduler';

const flush = () => new Promise((r) => setImmediate(r));

describe('Scheduler', () => {
  it('runs a job at its interval from the first run', async () => {
    const clock = new FakeClock(0);
    const s = new Scheduler(clock, new MemoryLogger());
    const runs: number[] = [];
    s.add({ id: 'a', intervalMs: 2_000, run: async () => void runs.push(clock.now()) });
    for (let i = 0; i < 4; i++) {
      clock.advance(i === 0 ? 0 : 2_000);
      await flush();
    }
    expect(runs).toEqual([0, 2_000, 4_000, 6_000]);
    s.stopAll();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('runs the second time soon after the first when asked, then keeps its interval', async () => {
    const clock = new FakeClock(0);
    const s = new Scheduler(clock, new MemoryLogger());
    const runs: number[] = [];
    s.add({ id: 'rates', intervalMs: 2_000, secondRunAfterMs: 500, run: async () => void runs.push(clock.now()) });
    for (const step of [0, 500, 2_000, 2_000]) {
      clock.advance(step);
      await flush();
    }
    expect(runs).toEqual([0, 500, 2_500, 4_500]);
    s.stopAll();
  });

  it('never overlaps a slow run with itself, and a slow job does not delay another job', async () => {
    const clock = new FakeClock(0);
    const s = new Scheduler(clock, new MemoryLogger());
    let release: () => void = () => {};
    let slowRuns = 0;
    const fastRuns: number[] = [];
    s.add({ id: 'slow', intervalMs: 1_000, timeoutMs: 60_000, run: () => { slowRuns++; return new Promise<void>((r) => (release = r)); } });
    s.add({ id: 'fast', intervalMs: 1_000, run: async () => void fastRuns.push(clock.now()) });
    for (let t = 0; t < 5; t++) {
      clock.advance(t === 0 ? 0 : 1_000);
      await flush();
    }
    expect(slowRuns).toBe(1);
    expect(fastRuns).toEqual([0, 1_000, 2_000, 3_000, 4_000]);
    release();
    await flush();
    clock.advance(1_000);
    await flush();
    expect(slowRuns).toBe(2);
    s.stopAll();
  });

  it('a run past its deadline fails with TIMEOUT and the job keeps its cadence', async () => {
    const clock = new FakeClock(0);
    const errors: unknown[] = [];
    const s = new Scheduler(clock, new MemoryLogger());
    let runs = 0;
    s.add({ id: 'hang', intervalMs: 1_000, timeoutMs: 500, run: () => { runs++; return new Promise<void>(() => {}); }, onError: (e) => errors.push(e) });
    clock.advance(0);
    await flush();
    clock.advance(500);
    await flush();
    expect(errors).toHaveLength(1);
    expect((errors[0] as { code: string }).code).toBe('TIMEOUT');
    clock.advance(500);
    await flush();
    expect(runs).toBe(2);
    s.stopAll();
  });

  it('runWithDeadline aborts the task signal on timeout', async () => {
    const clock = new FakeClock(0);
    let aborted = false;
    const p = runWithDeadline(clock, 100, (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => { aborted = true; reject(new Error('x')); })), 'Polling test');
    clock.advance(100);
    await expect(p).rejects.toMatchObject({ code: 'TIMEOUT', message: 'Polling test did not finish within 0.1 s.' });
    expect(aborted).toBe(true);
  });
});

describe('EventBus', () => {
  it('a throwing listener is logged and does not stop other listeners', () => {
    const logger = new MemoryLogger();
    const bus = new EventBus<{ tick: number }>(logger);
    const seen: number[] = [];
    bus.on('tick', () => { throw new Error('boom'); });
    const off = bus.on('tick', (n) => seen.push(n));
    bus.emit('tick', 1);
    off();
    bus.emit('tick', 2);
    expect(seen).toEqual([1]);
    expect(logger.records[0]?.event).toBe('event-listener-failed');
    expect(bus.listenerCount('tick')).toBe(1);
  });
});

describe('logger redaction', () => {
  it('never keeps values under secret-looking keys, however deep', () => {
    expect(redact({ host: 'db1', password: 'hunter2', auth: { passphrase: 'x', privateKey: 'k', user: 'u' } })).toEqual({
      host: 'db1',
      password: '[redacted]',
      auth: { passphrase: '[redacted]', privateKey: '[redacted]', user: 'u' },
    });
  });
});
