// Fast-cadence metrics from the raw procfs texts of one remote poll. Each text feeds only its
// own metrics (a missing or garbled one leaves them null). Rates and CPU % come from the
// difference with the last poll in which the same section was readable; when the host's boot
// time changes (a reboot, or the address now points at another machine) every baseline is
// dropped, so a reset never turns into a negative or wrap-sized rate.

import { emptyHostMetrics, type HostMetrics } from '../../../shared/model';
import { cpuPercentages, sumRatePerSecond } from '../parsers/counters';
import { parseDiskstats } from '../parsers/diskstats';
import { parseLoadavg } from '../parsers/loadavg';
import { memoryUsage, parseMeminfo } from '../parsers/meminfo';
import { countsTowardHostTraffic, parseNetDev } from '../parsers/net-dev';
import { parseProcStat, type CpuTimes } from '../parsers/proc-stat';
import { parseUptime } from '../parsers/uptime';

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

interface Baseline<T> {
  ts: number;
  value: T;
}

type CounterMaps = Record<string, Map<string, number>>;

function rate(prev: Baseline<CounterMaps> | null, cur: Baseline<CounterMaps>, key: string): number | null {
  const before = prev?.value[key];
  const now = cur.value[key];
  if (!prev || !before || !now) return null;
  return sumRatePerSecond(before, now, cur.ts - prev.ts);
}

export function createProcMetricsReader(): (texts: ProcTexts, ts: number) => ProcReading {
  let bootTime: number | null = null;
  let prevUptime: number | null = null;
  let prevCpu: CpuTimes | null = null;
  let prevDisk: Baseline<CounterMaps> | null = null;
  let prevNet: Baseline<CounterMaps> | null = null;

  const parse = <T>(text: string | null, parser: (s: string) => T | null): T | null => (text === null ? null : parser(text));

  return (texts, ts) => {
    const metrics = emptyHostMetrics();
    let sectionsRead = 0;

    const stat = parse(texts.stat, parseProcStat);
    const uptime = parse(texts.uptime, parseUptime);
    // btime is whole seconds computed from the wall clock, so allow it to wobble by a second.
    const rebooted =
      (stat?.bootTime != null && bootTime !== null && Math.abs(stat.bootTime - bootTime) > 1) ||
      (uptime !== null && prevUptime !== null && uptime.uptimeSeconds < prevUptime);
    if (rebooted) prevCpu = prevDisk = prevNet = null;
    if (stat?.bootTime != null) bootTime = stat.bootTime;
    if (uptime) prevUptime = uptime.uptimeSeconds;

    if (stat) {
      sectionsRead++;
      metrics['cpu.cores'] = stat.cpuCount;
      if (prevCpu) {
        const cpu = cpuPercentages(prevCpu, stat.cpu);
        metrics['cpu.usage'] = cpu.usage;
        metrics['cpu.iowait'] = cpu.iowait;
        metrics['cpu.steal'] = cpu.steal;
      }
      prevCpu = stat.cpu;
    }

    const mem = parse(texts.meminfo, parseMeminfo);
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

    const load = parse(texts.loadavg, parseLoadavg);
    if (load) {
      sectionsRead++;
      metrics['load.1'] = load.load1;
      metrics['load.5'] = load.load5;
      metrics['load.15'] = load.load15;
      const cores = metrics['cpu.cores'];
      metrics['load.perCore'] = cores ? load.load1 / cores : null;
    }

    const disks = parse(texts.diskstats, parseDiskstats);
    if (disks) {
      sectionsRead++;
      const cur: Baseline<CounterMaps> = {
        ts,
        value: {
          readBytes: new Map(disks.map((d) => [d.name, d.readBytes])),
          writeBytes: new Map(disks.map((d) => [d.name, d.writeBytes])),
          reads: new Map(disks.map((d) => [d.name, d.readsCompleted])),
          writes: new Map(disks.map((d) => [d.name, d.writesCompleted])),
        },
      };
      metrics['disk.readBps'] = rate(prevDisk, cur, 'readBytes');
      metrics['disk.writeBps'] = rate(prevDisk, cur, 'writeBytes');
      metrics['disk.readIops'] = rate(prevDisk, cur, 'reads');
      metrics['disk.writeIops'] = rate(prevDisk, cur, 'writes');
      prevDisk = cur;
    }

    const interfaces = parse(texts.netDev, parseNetDev);
    if (interfaces) {
      sectionsRead++;
      const counted = interfaces.filter((i) => countsTowardHostTraffic(i.name));
      const cur: Baseline<CounterMaps> = {
        ts,
        value: { rx: new Map(counted.map((i) => [i.name, i.rxBytes])), tx: new Map(counted.map((i) => [i.name, i.txBytes])) },
      };
      metrics['net.rxBps'] = rate(prevNet, cur, 'rx');
      metrics['net.txBps'] = rate(prevNet, cur, 'tx');
      prevNet = cur;
    }

    if (uptime) {
      sectionsRead++;
      metrics.uptime = uptime.uptimeSeconds;
    }

    return { metrics, sectionsRead, forks: stat?.processes ?? null };
  };
}
