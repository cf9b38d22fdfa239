// /proc/stat: CPU time counters (in USER_HZ ticks), the per-cpu count and the fork counter.
// Column count depends on the kernel: 4 before 2.5.41, 7 with iowait/irq/softirq, 8 with
// steal (2.6.11), 9 with guest (2.6.24), 10 with guest_nice (2.6.33). Columns the kernel
// does not report are null, so a consumer can tell "no such counter" from "zero".

import { fields, parseCounter } from './numbers';

export interface CpuTimes {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number | null;
  irq: number | null;
  softirq: number | null;
  steal: number | null;
  /** Already included in user: never add it to a total. */
  guest: number | null;
  /** Already included in nice: never add it to a total. */
  guestNice: number | null;
}

export interface ProcStat {
  /** The aggregate `cpu` line: the sum over all online CPUs. */
  cpu: CpuTimes;
  /** Number of `cpuN` lines, that is online CPUs; null if the kernel listed none. */
  cpuCount: number | null;
  /** Forks since boot (`processes`). */
  processes: number | null;
  procsRunning: number | null;
  procsBlocked: number | null;
  /** Boot time in seconds since the epoch (`btime`). */
  bootTime: number | null;
}

const WANTED_LABEL = /^\s*(cpu\d*|processes|procs_running|procs_blocked|btime)[ \t]/;

// A per-CPU line that parseCpuTimes would accept (a label, then at least 4 counters). Those are
// only counted, so a test replaces splitting and parsing up to hundreds of them every poll.
const VALID_CPU_N_LINE = /^\s*cpu\d+(?:[ \t]+\d{1,20}){4,}\s*$/;

const OPTIONAL_COLUMNS = ['iowait', 'irq', 'softirq', 'steal', 'guest', 'guestNice'] as const;

/** Parses the counters after a `cpu` or `cpuN` label; null unless at least 4 are valid. */
export function parseCpuTimes(values: string[]): CpuTimes | null {
  const numbers: number[] = [];
  for (const token of values) {
    const n = parseCounter(token);
    if (n === null) return null;
    numbers.push(n);
  }
  const [user, nice, system, idle] = numbers;
  if (user === undefined || nice === undefined || system === undefined || idle === undefined) return null;
  const times: CpuTimes = {
    user,
    nice,
    system,
    idle,
    iowait: null,
    irq: null,
    softirq: null,
    steal: null,
    guest: null,
    guestNice: null,
  };
  OPTIONAL_COLUMNS.forEach((key, i) => {
    times[key] = numbers[4 + i] ?? null;
  });
  return times;
}

export function parseProcStat(text: string): ProcStat | null {
  let cpu: CpuTimes | null = null;
  let cpuCount = 0;
  let processes: number | null = null;
  let procsRunning: number | null = null;
  let procsBlocked: number | null = null;
  let bootTime: number | null = null;

  for (const line of text.split('\n')) {
    // `intr` and `softirq` carry thousands of counters on big machines: look at the label
    // before splitting a line.
    if (!WANTED_LABEL.test(line)) continue;
    if (/^\s*cpu\d/.test(line)) {
      if (VALID_CPU_N_LINE.test(line)) cpuCount++;
      continue;
    }
    const [label, ...rest] = fields(line);
    if (label === undefined) continue;
    if (label === 'cpu') cpu = parseCpuTimes(rest);
    else if (label === 'processes') processes = parseCounter(rest[0]);
    else if (label === 'procs_running') procsRunning = parseCounter(rest[0]);
    else if (label === 'procs_blocked') procsBlocked = parseCounter(rest[0]);
    else if (label === 'btime') bootTime = parseCounter(rest[0]);
  }

  if (!cpu) return null;
  return { cpu, cpuCount: cpuCount > 0 ? cpuCount : null, processes, procsRunning, procsBlocked, bootTime };
}
