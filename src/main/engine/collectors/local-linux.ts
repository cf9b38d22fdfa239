// Linux readings from procfs. Each file is its own section: a file that cannot be read or
// parsed nulls only the metrics it feeds. The metric and rate math is the one SSH hosts use
// (parsers/proc-metrics.ts); this reader adds reading the files and statfs of local filesystems.

import { readFile } from 'node:fs/promises';
import type { FilesystemUsage, HostMetrics } from '../../../shared/model';
import type { Clock } from '../core/clock';
import { parseMounts, selectLocalFilesystems } from '../parsers/mounts';
import { measureFilesystem } from './local-statfs';
import { createProcMetricsReader } from './proc-metrics-reader';

export const PROC_SECTIONS = ['stat', 'meminfo', 'loadavg', 'diskstats', 'net/dev', 'uptime', 'mounts'] as const;
type Section = (typeof PROC_SECTIONS)[number];

export interface LinuxReading {
  metrics: HostMetrics;
  filesystems: FilesystemUsage[];
  /** Sections that were read and parsed; 0 means the host could not be read at all. */
  sectionsRead: number;
}

/** A reader that remembers the last counters; call it with the time of each poll. */
export function createProcReader(procRoot: string, clock: Clock): (ts: number) => Promise<LinuxReading> {
  const readProcMetrics = createProcMetricsReader();

  const read = (section: Section): Promise<string | null> =>
    readFile(`${procRoot}/${section}`, 'utf8').catch(() => null);

  return async (ts) => {
    const [stat, meminfo, loadavg, diskstats, netDev, uptime, mountsText] = await Promise.all([
      read('stat'), read('meminfo'), read('loadavg'), read('diskstats'), read('net/dev'), read('uptime'), read('mounts'),
    ]);
    const reading = readProcMetrics({ stat, meminfo, loadavg, diskstats, netDev, uptime }, ts);
    const { metrics } = reading;
    let { sectionsRead } = reading;

    let filesystems: FilesystemUsage[] = [];
    const mounts = mountsText === null ? null : parseMounts(mountsText);
    if (mounts) {
      sectionsRead++;
      const measured = await Promise.all(selectLocalFilesystems(mounts).map((m) => measureFilesystem(m, clock)));
      filesystems = measured.filter((fs): fs is FilesystemUsage => fs !== null);
      metrics['disk.used'] = filesystems.length > 0 ? Math.max(...filesystems.map((fs) => fs.usedPercent)) : null;
    }

    return { metrics, filesystems, sectionsRead };
  };
}
