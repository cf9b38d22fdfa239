// macOS and Windows readings through Node's os module: no procfs there, and spawning vm_stat
// or typeperf every few seconds would cost more than the reading is worth. There is no iowait,
// steal, swap, disk or network counter here, so those stay null.

import os from 'node:os';
import { emptyHostMetrics, type FilesystemUsage, type HostMetrics } from '../../../shared/model';
import type { Clock } from '../core/clock';
import { cpuPercentages } from '../parsers/counters';
import { clampPercent } from '../parsers/numbers';
import type { CpuTimes } from '../parsers/proc-stat';
import { measureFilesystem } from './local-statfs';

export interface PortableReading {
  metrics: HostMetrics;
  filesystems: FilesystemUsage[];
}

/** All cores' times summed (milliseconds), shaped like /proc/stat so the same math applies. */
function summedCpuTimes(cpus: os.CpuInfo[]): CpuTimes | null {
  if (cpus.length === 0) return null;
  const sum = { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 };
  for (const { times } of cpus) {
    sum.user += times.user;
    sum.nice += times.nice;
    sum.sys += times.sys;
    sum.idle += times.idle;
    sum.irq += times.irq;
  }
  return {
    user: sum.user,
    nice: sum.nice,
    system: sum.sys,
    idle: sum.idle,
    iowait: null,
    irq: sum.irq,
    softirq: null,
    steal: null,
    guest: null,
    guestNice: null,
  };
}

function systemDrive(platform: NodeJS.Platform): { mount: string; device: string } {
  if (platform !== 'win32') return { mount: '/', device: '/' };
  const drive = process.env.SystemDrive ?? 'C:';
  return { mount: `${drive}\\`, device: drive };
}

export function createPortableReader(platform: NodeJS.Platform, clock: Clock): () => Promise<PortableReading> {
  let prevCpu: CpuTimes | null = null;

  return async () => {
    const metrics = emptyHostMetrics();

    const cpus = os.cpus();
    const cpu = summedCpuTimes(cpus);
    if (cpu) {
      metrics['cpu.cores'] = cpus.length;
      if (prevCpu) metrics['cpu.usage'] = cpuPercentages(prevCpu, cpu).usage;
      prevCpu = cpu;
    }

    // On macOS freemem() counts only free pages, not reclaimable cache, so this reads higher
    // than Activity Monitor's "memory used"; it is still the best figure Node offers.
    const total = os.totalmem();
    const free = os.freemem();
    if (total > 0 && free <= total) {
      metrics['mem.totalBytes'] = total;
      metrics['mem.usedBytes'] = total - free;
      metrics['mem.used'] = clampPercent(((total - free) / total) * 100);
    }

    // Windows has no load average: os.loadavg() returns zeros there, which would read as idle.
    if (platform !== 'win32') {
      const [one, five, fifteen] = os.loadavg();
      metrics['load.1'] = one ?? null;
      metrics['load.5'] = five ?? null;
      metrics['load.15'] = fifteen ?? null;
      const cores = metrics['cpu.cores'];
      metrics['load.perCore'] = one !== undefined && cores ? one / cores : null;
    }

    const uptime = os.uptime();
    metrics.uptime = uptime > 0 ? uptime : null;

    const root = await measureFilesystem({ ...systemDrive(platform), fsType: 'unknown' }, clock);
    const filesystems = root ? [root] : [];
    metrics['disk.used'] = root?.usedPercent ?? null;

    return { metrics, filesystems };
  };
}
