// Rate math on raw kernel counters. Counters only grow; when one goes backwards the host
// rebooted, a device was re-created or a 32-bit counter wrapped, and the honest answer for
// that interval is "unknown" (null), never a negative or a wrap-sized spike.

import { clampPercent } from './numbers';
import type { CpuTimes } from './proc-stat';

export interface CpuPercentages {
  /** % of the interval busy: everything except idle and iowait. */
  usage: number | null;
  /** null when the kernel has no iowait column. */
  iowait: number | null;
  /** null when the kernel has no steal column. */
  steal: number | null;
}

const NO_CPU_READING: CpuPercentages = { usage: null, iowait: null, steal: null };

/** Counters that must never decrease: a drop means a reboot or a CPU went offline. */
const MONOTONIC = ['user', 'nice', 'system', 'idle', 'irq', 'softirq'] as const;

/**
 * Converts two readings of the aggregate cpu line into percentages of the elapsed ticks.
 * guest and guest_nice are already inside user and nice, so they are not added again.
 */
export function cpuPercentages(prev: CpuTimes, cur: CpuTimes): CpuPercentages {
  const delta = (a: number | null, b: number | null): number => (a === null || b === null ? 0 : b - a);

  for (const key of MONOTONIC) {
    const d = delta(prev[key], cur[key]);
    if (!Number.isFinite(d) || d < 0) return NO_CPU_READING;
  }
  // proc(5) documents that iowait can decrease, and steal has jumped backwards after VM
  // migrations: a glitch in either is treated as zero instead of hiding the whole reading.
  const iowait = Math.max(0, delta(prev.iowait, cur.iowait));
  const steal = Math.max(0, delta(prev.steal, cur.steal));
  if (!Number.isFinite(iowait) || !Number.isFinite(steal)) return NO_CPU_READING;

  const idle = delta(prev.idle, cur.idle);
  const busy =
    delta(prev.user, cur.user) +
    delta(prev.nice, cur.nice) +
    delta(prev.system, cur.system) +
    delta(prev.irq, cur.irq) +
    delta(prev.softirq, cur.softirq) +
    steal;
  const total = busy + idle + iowait;
  if (!(total > 0) || !Number.isFinite(total)) return NO_CPU_READING;

  const hasColumn = (key: 'iowait' | 'steal'): boolean => prev[key] !== null && cur[key] !== null;
  return {
    usage: clampPercent((busy / total) * 100),
    iowait: hasColumn('iowait') ? clampPercent((iowait / total) * 100) : null,
    steal: hasColumn('steal') ? clampPercent((steal / total) * 100) : null,
  };
}

/** Units per second between two readings of one counter; null when it cannot be known. */
export function ratePerSecond(prevValue: number, curValue: number, dtMs: number): number | null {
  if (!Number.isFinite(prevValue) || !Number.isFinite(curValue) || !Number.isFinite(dtMs)) return null;
  if (dtMs <= 0 || prevValue < 0 || curValue < prevValue) return null;
  const rate = ((curValue - prevValue) * 1000) / dtMs;
  return Number.isFinite(rate) ? rate : null;
}

/**
 * Sum of the rates of several counters (for example bytes read on every disk). Only keys
 * present in both readings count: a device that appeared has no baseline yet. If any shared
 * counter went backwards the sum is null, because a partial total would look like a dip.
 */
export function sumRatePerSecond(
  prev: ReadonlyMap<string, number>,
  cur: ReadonlyMap<string, number>,
  dtMs: number,
): number | null {
  return sumRatePerSecondOf(prev, cur, (value) => value, dtMs);
}

/** sumRatePerSecond over one counter of each device, so one map of devices serves every counter. */
export function sumRatePerSecondOf<T>(
  prev: ReadonlyMap<string, T>,
  cur: ReadonlyMap<string, T>,
  counter: (device: T) => number,
  dtMs: number,
): number | null {
  let sum = 0;
  let shared = 0;
  for (const [key, curDevice] of cur) {
    const prevDevice = prev.get(key);
    if (prevDevice === undefined) continue;
    const rate = ratePerSecond(counter(prevDevice), counter(curDevice), dtMs);
    if (rate === null) return null;
    sum += rate;
    shared++;
  }
  return shared > 0 && Number.isFinite(sum) ? sum : null;
}
