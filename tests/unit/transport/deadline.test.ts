import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { Deadline } from '../../../src/main/engine/transport/deadline';

const never = () => new Promise<never>(() => undefined);

describe('Deadline', () => {
  it('rejects every race still running with the expiry error, and later races at once', async () => {
    const clock = new FakeClock();
    const deadline = new Deadline(clock, 1_000, () => new Error('too slow'));
    const a = deadline.race(never());
    const b = deadline.race(never());
    clock.advance(999);
    expect(deadline.expired).toBe(false);
    clock.advance(1);
    await expect(a).rejects.toThrow('too slow');
    await expect(b).rejects.toThrow('too slow');
    expect(deadline.expired).toBe(true);
    await expect(deadline.race(Promise.resolve(1))).rejects.toBe(deadline.expiredReason);
  });

  it('settled races are not rejected later, and a signal taken before or after expiry is aborted', async () => {
    const clock = new FakeClock();
    const deadline = new Deadline(clock, 100, () => new Error('late'));
    await expect(deadline.race(Promise.resolve('ok'))).resolves.toBe('ok');
    await expect(deadline.race(Promise.reject(new Error('own')))).rejects.toThrow('own');
    const early = deadline.signal;
    expect(early.aborted).toBe(false);
    clock.advance(100);
    expect(early.aborted).toBe(true);
    expect(early.reason).toBe(deadline.expiredReason);

    const other = new Deadline(clock, 10, () => new Error('gone'));
    clock.advance(10);
    expect(other.signal.aborted).toBe(true);
    expect((other.signal.reason as Error).message).toBe('gone');
  });

  it('dispose() cancels the timer: nothing expires afterwards', () => {
    const clock = new FakeClock();
    const deadline = new Deadline(clock, 100, () => new Error('x'));
    deadline.dispose();
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(200);
    expect(deadline.expired).toBe(false);
  });
});
