// Linux readings from procfs. Each file is its own section: a file that cannot be read or
// parsed nulls only the metrics it feeds. Rates and CPU % come from the difference between
// this poll and the last one in which the same section was readable.

import { readFile } from 'node:fs/promises';
import { emptyHostMetrics, type FilesystemUsage, type HostMetrics } from '../../../shared/model';
import type { Clock } from '../core/clock';
import { cpuPercentages, sumRatePerSecond } from '../parsers/counters';
import { parseDiskstats } from '../parsers/diskstats';
import { parseLoadavg } from '../parsers/loadavg';
import { memoryUsage, parseMeminfo } from '../parsers/meminfo';
import { parseMounts, selectLocalFilesystems } from '../parsers/mounts';
import { countsTowardHostTraffic, parseNetDev } from '../parsers/net-dev';
import { parseProcStat, type CpuTimes } from '../parsers/proc-stat';
import { parseUptime } from '../parsers/uptime';
import { measureFilesystem } from './local-statfs';

export const PROC_SECTIONS = ['stat', 'meminfo', 'loadavg', 'diskstats', 'net/dev', 'uptime', 'mounts'] as const;
type Section = (typeof PROC_SECTIONS)[number];

interface Reading<T> {
  ts: number;
  value: T;
}

type CounterMaps = Record<string, Map<string, number>>;

export interface LinuxReading {
  metrics: HostMetrics;
  filesystems: FilesystemUsage[];
  /** Sections that were read and parsed; 0 means the host could not be read at all. */
  sectionsRead: number;
}

function rates(prev: Reading<CounterMaps> | null, cur: Reading<CounterMaps>, key: string): number | null {
  const before = prev?.value[key];
  const now = cur.value[key];
  if (!prev || !before || !now) return null;
  return sumRatePerSecond(before, now, cur.ts - prev.ts);
}

/** A reader that remembers the last counters; call it with the time of each poll. */
export function createProcReader(procRoot: string, clock: Clock): (ts: number) => Promise<LinuxReading> {
  let prevCpu: Reading<CpuTimes> | null = null;
  let prevDisk: Reading<CounterMaps> | null = null;
  let prevNet: Reading<CounterMaps> | null = null;

  const read = (section: Section): Promise<string | null> =>
    readFile(`${procRoot}/${section}`, 'utf8').catch(() => null);

  return async (ts) => {
    const texts = await Promise.all(PROC_SECTIONS.map(read));
    const text = (section: Section): string | null => texts[PROC_SECTIONS.indexOf(section)] ?? null;
    const parse = <T>(section: Section, parser: (s: string) => T | null): T | null => {
      const raw = text(section);
      return raw === null ? null : parser(raw);
    };

    const metrics = emptyHostMetrics();
    let sectionsRead = 0;

    const stat = parse('stat', parseProcStat);
    if (stat) {
      sectionsRead++;
      metrics['cpu.cores'] = stat.cpuCount;
      if (prevCpu) {
        const cpu = cpuPercentages(prevCpu.value, stat.cpu);
        metrics['cpu.usage'] = cpu.usage;
        metrics['cpu.iowait'] = cpu.iowait;
        metrics['cpu.steal'] = cpu.steal;
      }
      prevCpu = { ts, value: stat.cpu };
    }

    const mem = parse('meminfo', parseMeminfo);
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

    const load = parse('loadavg', parseLoadavg);
    if (load) {
      sectionsRead++;
      metrics['load.1'] = load.load1;
      metrics['load.5'] = load.load5;
      metrics['load.15'] = load.load15;
      const cores = metrics['cpu.cores'];
      metrics['load.perCore'] = cores ? load.load1 / cores : null;
    }

    const disks = parse('diskstats', parseDiskstats);
    if (disks) {
      sectionsRead++;
      const cur: Reading<CounterMaps> = {
        ts,
        value: {
          readBytes: new Map(disks.map((d) => [d.name, d.readBytes])),
          writeBytes: new Map(disks.map((d) => [d.name, d.writeBytes])),
          reads: new Map(disks.map((d) => [d.name, d.readsCompleted])),
          writes: new Map(disks.map((d) => [d.name, d.writesCompleted])),
        },
      };
      metrics['disk.readBps'] = rates(prevDisk, cur, 'readBytes');
      metrics['disk.writeBps'] = rates(prevDisk, cur, 'writeBytes');
      metrics['disk.readIops'] = rates(prevDisk, cur, 'reads');
      metrics['disk.writeIops'] = rates(prevDisk, cur, 'writes');
      prevDisk = cur;
    }

    const interfaces = parse('net/dev', parseNetDev);
    if (interfaces) {
      sectionsRead++;
      const counted = interfaces.filter((i) => countsTowardHostTraffic(i.name));
      const cur: Reading<CounterMaps> = {
        ts,
        value: {
          rx: new Map(counted.map((i) => [i.name, i.rxBytes])),
          tx: new Map(counted.map((i) => [i.name, i.txBytes])),
        },
      };
      metrics['net.rxBps'] = rates(prevNet, cur, 'rx');
      metrics['net.txBps'] = rates(prevNet, cur, 'tx');
      prevNet = cur;
    }

    const uptime = parse('uptime', parseUptime);
    if (uptime) {
      sectionsRead++;
      metrics.uptime = uptime.uptimeSeconds;
    }

    let filesystems: FilesystemUsage[] = [];
    const mounts = parse('mounts', parseMounts);
    if (mounts) {
      sectionsRead++;
      const measured = await Promise.all(selectLocalFilesystems(mounts).map((m) => measureFilesystem(m, clock)));
      filesystems = measured.filter((fs): fs is FilesystemUsage => fs !== null);
      metrics['disk.used'] = filesystems.length > 0 ? Math.max(...filesystems.map((fs) => fs.usedPercent)) : null;
    }

    return { metrics, filesystems, sectionsRead };
  };
}
