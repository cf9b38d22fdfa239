// Fast-cadence host metrics from the raw procfs texts of one poll, for this computer and for
// SSH hosts alike. Each text feeds only its own metrics (a missing or garbled one leaves them
// null). Rates and CPU % come from the difference with the last poll in which the same section
// was readable; the caller keeps the returned baselines and hands them back on the next poll.
// When the boot time moves or uptime goes backwards (a reboot, or the address now points at
// another machine) every baseline is dropped, so a reset never turns into a negative or
// wrap-sized rate: the first interval after it is null, never a fabricated 0.

import { emptyHostMetrics, type HostMetrics } from '../../../shared/model';
import { cpuPercentages, sumRatePerSecondOf } from './counters';
import { parseDiskstats, type DiskCounters } from './diskstats';
import { parseLoadavg } from './loadavg';
import { memoryUsage, parseMeminfo } from './meminfo';
import { countsTowardHostTraffic, parseNetDev, type NetCounters } from './net-dev';
import { parseProcStat, type CpuTimes } from './proc-stat';
import { parseUptime } from './uptime';

/** The procfs files one poll read; null for a file that could not be read. */
export interface ProcTexts {
  stat: string | null;
  meminfo: string | null;
  loadavg: string | null;
  diskstats: string | null;
  netDev: string | null;
  uptime: string | null;
}

export interface ProcReading {
  metrics: HostMetrics;
  /** Sections that were present and parsed; 0 means nothing at all could be read. */
  sectionsRead: number;
  /** Forks since boot (the `processes` line), for counting what a poll starts remotely. */
  forks: number | null;
}

/** Counters of one poll by device or interface name (the last line of a name wins), with the time they were read. */
interface CounterSnapshot<T> {
  ts: number;
  devices: ReadonlyMap<string, T>;
}

type DiskSnapshot = CounterSnapshot<DiskCounters>;
type NetSnapshot = CounterSnapshot<NetCounters>;

/** What the next poll is compared with. */
export interface ProcBaselines {
  /** `btime` of /proc/stat: whole seconds since the epoch. */
  bootTime: number | null;
  uptimeSeconds: number | null;
  cpu: CpuTimes | null;
  disk: DiskSnapshot | null;
  net: NetSnapshot | null;
}

export const NO_PROC_BASELINES: ProcBaselines = { bootTime: null, uptimeSeconds: null, cpu: null, disk: null, net: null };

function rate<T>(before: CounterSnapshot<T> | null, now: CounterSnapshot<T>, counter: (device: T) => number): number | null {
  return before ? sumRatePerSecondOf(before.devices, now.devices, counter, now.ts - before.ts) : null;
}

// One map per poll holds every counter of a device: a map per counter cost 4+2 per poll.
const readBytes = (d: DiskCounters): number => d.readBytes;
const writeBytes = (d: DiskCounters): number => d.writeBytes;
const reads = (d: DiskCounters): number => d.readsCompleted;
const writes = (d: DiskCounters): number => d.writesCompleted;
const rxBytes = (i: NetCounters): number => i.rxBytes;
const txBytes = (i: NetCounters): number => i.txBytes;

const parsed = <T>(text: string | null, parser: (s: string) => T | null): T | null => (text === null ? null : parser(text));

/** Metrics of the poll read at `ts`, and the baselines to pass in with the next poll. */
export function procMetrics(texts: ProcTexts, ts: number, before: ProcBaselines): { reading: ProcReading; baselines: ProcBaselines } {
  const metrics = emptyHostMetrics();
  let sectionsRead = 0;

  const stat = parsed(texts.stat, parseProcStat);
  const uptime = parsed(texts.uptime, parseUptime);
  // btime is whole seconds computed from the wall clock, so allow it to wobble by a second.
  const rebooted =
    (stat?.bootTime != null && before.bootTime !== null && Math.abs(stat.bootTime - before.bootTime) > 1) ||
    (uptime !== null && before.uptimeSeconds !== null && uptime.uptimeSeconds < before.uptimeSeconds);
  const prev = rebooted ? NO_PROC_BASELINES : before;
  const after: ProcBaselines = {
    ...prev,
    bootTime: stat?.bootTime ?? before.bootTime,
    uptimeSeconds: uptime?.uptimeSeconds ?? before.uptimeSeconds,
  };

  if (stat) {
    sectionsRead++;
    metrics['cpu.cores'] = stat.cpuCount;
    if (prev.cpu) {
      const cpu = cpuPercentages(prev.cpu, stat.cpu);
      metrics['cpu.usage'] = cpu.usage;
      metrics['cpu.iowait'] = cpu.iowait;
      metrics['cpu.steal'] = cpu.steal;
    }
    after.cpu = stat.cpu;
  }

  const mem = parsed(texts.meminfo, parseMeminfo);
  if (mem) {
    sectionsRead++;
    const usage = memoryUsage(mem);
    metrics['mem.used'] = usage.usedPercent;
    metrics['mem.usedBytes'] = usage.usedBytes;
    metrics['mem.totalBytes'] = usage.totalBytes;
    metrics['swap.used'] = usage.swapUsedPercent;
    metrics['swap.usedBytes'] = usage.swapUsedBytes;
    metrics['swap.totalBytes'] = usage.swapTotalBytes;
  }

  const load = parsed(texts.loadavg, parseLoadavg);
  if (load) {
    sectionsRead++;
    metrics['load.1'] = load.load1;
    metrics['load.5'] = load.load5;
    metrics['load.15'] = load.load15;
    const cores = metrics['cpu.cores'];
    metrics['load.perCore'] = cores ? load.load1 / cores : null;
  }

  const disks = parsed(texts.diskstats, parseDiskstats);
  if (disks) {
    sectionsRead++;
    const devices = new Map<string, DiskCounters>();
    for (const disk of disks) devices.set(disk.name, disk);
    const now: DiskSnapshot = { ts, devices };
    metrics['disk.readBps'] = rate(prev.disk, now, readBytes);
    metrics['disk.writeBps'] = rate(prev.disk, now, writeBytes);
    metrics['disk.readIops'] = rate(prev.disk, now, reads);
    metrics['disk.writeIops'] = rate(prev.disk, now, writes);
    after.disk = now;
  }

  const interfaces = parsed(texts.netDev, parseNetDev);
  if (interfaces) {
    sectionsRead++;
    const devices = new Map<string, NetCounters>();
    for (const i of interfaces) if (countsTowardHostTraffic(i.name)) devices.set(i.name, i);
    const now: NetSnapshot = { ts, devices };
    metrics['net.rxBps'] = rate(prev.net, now, rxBytes);
    metrics['net.txBps'] = rate(prev.net, now, txBytes);
    after.net = now;
  }

  if (uptime) {
    sectionsRead++;
    metrics.uptime = uptime.uptimeSeconds;
  }

  return { reading: { metrics, sectionsRead, forks: stat?.processes ?? null }, baselines: after };
}
