// /proc/stat: CPU time counters (in USER_HZ ticks), the per-cpu count and the fork counter.
// Column count depends on the kernel: 4 before 2.5.41, 7 with iowait/irq/softirq, 8 with
// steal (2.6.11), 9 with guest (2.6.24), 10 with guest_nice (2.6.33). Columns the kernel
// does not report are null, so a consumer can tell "no such counter" from "zero".

import { lineEnd, parseCounter, TokenScanner } from './numbers';

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

const OPTIONAL_COLUMNS = ['iowait', 'irq', 'softirq', 'steal', 'guest', 'guestNice'] as const;
const COLUMNS = 4 + OPTIONAL_COLUMNS.length;

/** CpuTimes from the first `count` counters of a cpu line; null with fewer than 4. */
function cpuTimesOf(numbers: ArrayLike<number>, count: number): CpuTimes | null {
  if (count < 4) return null;
  const column = (i: number): number => numbers[i] ?? 0;
  const times: CpuTimes = {
    user: column(0),
    nice: column(1),
    system: column(2),
    idle: column(3),
    iowait: null,
    irq: null,
    softirq: null,
    steal: null,
    guest: null,
    guestNice: null,
  };
  OPTIONAL_COLUMNS.forEach((key, i) => {
    if (4 + i < count) times[key] = column(4 + i);
  });
  return times;
}

/** Parses the counters after a `cpu` or `cpuN` label; null unless at least 4 are valid. */
export function parseCpuTimes(values: string[]): CpuTimes | null {
  const numbers: number[] = [];
  for (const token of values) {
    const n = parseCounter(token);
    if (n === null) return null;
    numbers.push(n);
  }
  return cpuTimesOf(numbers, numbers.length);
}

/** Reads the rest of a cpu line into `n`; the number of counters, or -1 if a token is not one. */
function readCpuColumns(scan: TokenScanner, n: number[]): number {
  let count = 0;
  while (scan.next()) {
    const value = scan.counter();
    if (value === null) return -1;
    if (count < COLUMNS) n[count] = value;
    count++;
  }
  return count;
}

/** Whether the current token is "cpu" followed by one or more digits (a per-CPU line). */
function isCpuN(scan: TokenScanner): boolean {
  const { text, start, end } = scan;
  if (end - start < 4 || !text.startsWith('cpu', start)) return false;
  for (let i = start + 3; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function parseProcStat(text: string): ProcStat | null {
  let cpu: CpuTimes | null = null;
  let cpuCount = 0;
  let processes: number | null = null;
  let procsRunning: number | null = null;
  let procsBlocked: number | null = null;
  let bootTime: number | null = null;
  const scan = new TokenScanner(text);
  const n: number[] = new Array<number>(COLUMNS).fill(0);
  const nextCounter = (): number | null => (scan.next() ? scan.counter() : null);

  for (let from = 0, to = 0; from <= text.length; from = to + 1) {
    to = lineEnd(text, from);
    // Only the label is scanned before deciding: `intr` and `softirq` carry thousands of
    // counters on big machines. A label counts only when a space or tab follows it.
    if (!scan.reset(from, to).next()) continue;
    const separator = text.charCodeAt(scan.end);
    if (scan.end >= to || (separator !== 32 && separator !== 9)) continue;
    if (isCpuN(scan)) {
      if (readCpuColumns(scan, n) >= 4) cpuCount++;
    } else if (scan.is('cpu')) cpu = cpuTimesOf(n, readCpuColumns(scan, n));
    else if (scan.is('processes')) processes = nextCounter();
    else if (scan.is('procs_running')) procsRunning = nextCounter();
    else if (scan.is('procs_blocked')) procsBlocked = nextCounter();
    else if (scan.is('btime')) bootTime = nextCounter();
  }

  if (!cpu) return null;
  return { cpu, cpuCount: cpuCount > 0 ? cpuCount : null, processes, procsRunning, procsBlocked, bootTime };
}
