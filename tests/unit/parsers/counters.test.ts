import { describe, expect, it } from 'vitest';
import { cpuPercentages, ratePerSecond, sumRatePerSecond } from '../../../src/main/engine/parsers/counters';
import type { CpuTimes } from '../../../src/main/engine/parsers/proc-stat';

const base: CpuTimes = { user: 1000, nice: 10, system: 500, idle: 8000, iowait: 100, irq: 5, softirq: 20, steal: 3, guest: 0, guestNice: 0 };

function later(d: Partial<Record<keyof CpuTimes, number>>, from: CpuTimes = base): CpuTimes {
  const out = { ...from };
  for (const [key, delta] of Object.entries(d) as Array<[keyof CpuTimes, number]>) out[key] = (from[key] ?? 0) + delta;
  return out;
}

describe('cpuPercentages', () => {
  it('splits the elapsed ticks into usage, iowait and steal', () => {
    const cur = later({ user: 100, system: 50, idle: 800, iowait: 40, steal: 10 });
    expect(cpuPercentages(base, cur)).toEqual({ usage: 16, iowait: 4, steal: 1 });
  });

  it('does not count guest time twice: it is already inside user', () => {
    const cur = later({ user: 100, guest: 100, idle: 900 });
    expect(cpuPercentages(base, cur).usage).toBe(10);
  });

  it('counts irq, softirq and nice as busy time', () => {
    const cur = later({ nice: 10, irq: 10, softirq: 20, idle: 960 });
    expect(cpuPercentages(base, cur).usage).toBe(4);
  });

  it('reports iowait and steal as null when the kernel has no such column', () => {
    const old: CpuTimes = { ...base, iowait: null, irq: null, softirq: null, steal: null, guest: null, guestNice: null };
    expect(cpuPercentages(old, later({ user: 25, idle: 75 }, old))).toEqual({ usage: 25, iowait: null, steal: null });
  });

  it('is all null after a reboot, when the counters start again from zero', () => {
    const rebooted: CpuTimes = { ...base, user: 10, system: 5, idle: 80 };
    expect(cpuPercentages(base, rebooted)).toEqual({ usage: null, iowait: null, steal: null });
  });

  it('is all null when no time passed between the readings', () => {
    expect(cpuPercentages(base, base)).toEqual({ usage: null, iowait: null, steal: null });
  });

  it('treats an iowait counter that went backwards as zero instead of hiding usage', () => {
    const cur = later({ user: 50, idle: 150, iowait: -30 });
    expect(cpuPercentages(base, cur)).toEqual({ usage: 25, iowait: 0, steal: 0 });
  });
});

describe('ratePerSecond', () => {
  it('divides the counter delta by the elapsed seconds', () => {
    expect(ratePerSecond(1_000, 6_000, 2_500)).toBe(2_000);
    expect(ratePerSecond(7, 7, 1_000)).toBe(0);
  });

  it('is null when the counter went backwards (reboot or 32-bit wrap), never negative or wrap-sized', () => {
    expect(ratePerSecond(4_294_967_000, 100, 1_000)).toBeNull();
  });

  it('is null when no time or negative time elapsed', () => {
    expect(ratePerSecond(1, 2, 0)).toBeNull();
    expect(ratePerSecond(1, 2, -5)).toBeNull();
  });

  it('is null for values that are not numbers', () => {
    expect(ratePerSecond(Number.NaN, 2, 1_000)).toBeNull();
    expect(ratePerSecond(1, Number.POSITIVE_INFINITY, 1_000)).toBeNull();
    expect(ratePerSecond(-3, 2, 1_000)).toBeNull();
  });
});

describe('sumRatePerSecond', () => {
  it('sums the rates of the devices present in both readings', () => {
    const prev = new Map([['sda', 0], ['sdb', 1_000]]);
    const cur = new Map([['sda', 2_000], ['sdb', 3_000], ['sdc', 9_999_999]]);
    expect(sumRatePerSecond(prev, cur, 1_000)).toBe(4_000);
  });

  it('is null when one device counter went backwards', () => {
    const prev = new Map([['eth0', 5_000], ['tun0', 9_000]]);
    const cur = new Map([['eth0', 6_000], ['tun0', 10]]);
    expect(sumRatePerSecond(prev, cur, 1_000)).toBeNull();
  });

  it('is null when the readings share no device', () => {
    expect(sumRatePerSecond(new Map([['a', 1]]), new Map([['b', 2]]), 1_000)).toBeNull();
    expect(sumRatePerSecond(new Map(), new Map(), 1_000)).toBeNull();
  });
});
