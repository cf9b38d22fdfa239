// The collector for a Linux host reached over SSH. Every poll runs the fast composite script
// (procfs) on the host's persistent connection; the slow one (filesystems, top processes, OS
// facts) rides along when its interval is due, in the same round trip. Between slow runs the
// last slow reading is reused.

import { OpsError } from '../../../shared/errors';
import type { FilesystemUsage, HostFacts, TopProcesses } from '../../../shared/model';
import type { Clock } from '../core/clock';
import { filesystemsFromDf } from '../parsers/df-filesystems';
import { topProcesses } from '../parsers/ps';
import { hostFacts } from '../parsers/uname';
import { FAST_SECTIONS, SLOW_SECTIONS } from '../transport/composite-script';
import type { SshConnection } from '../transport/ssh-connection';
import { createProcMetricsReader } from './proc-metrics-reader';
import type { HostKind } from './check-kind';
import { hostDescriptor } from './host-descriptor';
import type { Collector, HostCollectResult } from './types';

export interface SshCollectorOptions {
  connection: SshConnection;
  clock: Clock;
  /** Deadline of one poll, login included when the connection has to be (re)opened. */
  pollTimeoutMs?: number;
  /** How often filesystems, top processes and facts are refreshed. */
  slowIntervalMs?: number;
}

export interface SshCollectResult extends HostCollectResult {
  /** null until the slow cadence has run once, or when ps is unusable on the host. */
  topProcesses: TopProcesses | null;
  /** Forks on the host since boot, from /proc/stat (null when unreadable). */
  remoteForks: number | null;
  via: 'shell' | 'exec';
}

export interface SshCollector extends Collector {
  collect(): Promise<SshCollectResult>;
  close(): Promise<void>;
}

interface SlowReading {
  ts: number;
  filesystems: FilesystemUsage[];
  facts: HostFacts;
  topProcesses: TopProcesses | null;
}

/** One list for both cadences, so the transport's per-list request cache hits every slow poll too. */
const ALL_SECTIONS = [...FAST_SECTIONS, ...SLOW_SECTIONS];

const NO_FACTS: HostFacts = { hostname: null, os: null, kernel: null, arch: null };

export function createSshCollector(opts: SshCollectorOptions): SshCollector {
  const { connection, clock } = opts;
  const pollTimeoutMs = opts.pollTimeoutMs ?? 5_000;
  const slowIntervalMs = opts.slowIntervalMs ?? 60_000;
  const readProc = createProcMetricsReader();
  let slow: SlowReading | null = null;

  async function collectOnce(): Promise<SshCollectResult> {
    const slowDue = !slow || clock.now() - slow.ts >= slowIntervalMs;
    const { sections, via } = await connection.poll(slowDue ? ALL_SECTIONS : FAST_SECTIONS, pollTimeoutMs);
    const ts = clock.now();
    const text = (name: string): string | null => sections.get(name) ?? null;

    const { metrics, sectionsRead, forks } = readProc(
      {
        stat: text('/proc/stat'),
        meminfo: text('/proc/meminfo'),
        loadavg: text('/proc/loadavg'),
        diskstats: text('/proc/diskstats'),
        netDev: text('/proc/net/dev'),
        uptime: text('/proc/uptime'),
      },
      ts,
    );
    if (slowDue) {
      slow = { ts, filesystems: filesystemsFromDf(text('df')), facts: hostFacts(text('uname'), text('os-release')), topProcesses: topProcesses(text('ps')) };
    }
    if (sectionsRead === 0) {
      throw new OpsError(
        'COLLECT_FAILED',
        `${connection.target} answered, but none of /proc/stat, meminfo, loadavg, diskstats, net/dev or uptime could be read. ` +
          'OpsDeck needs a Linux host with /proc mounted and readable by the login user.',
      );
    }
    const filesystems = slow?.filesystems ?? [];
    metrics['disk.used'] = filesystems.length > 0 ? Math.max(...filesystems.map((fs) => fs.usedPercent)) : null;
    return { ts, metrics, filesystems, facts: slow?.facts ?? NO_FACTS, topProcesses: slow?.topProcesses ?? null, remoteForks: forks, via };
  }

  // Overlapping calls share one reading: two polls advancing the same baselines at once would
  // turn one interval into two half-intervals of noise.
  let inFlight: Promise<SshCollectResult> | null = null;
  return {
    collect() {
      inFlight ??= collectOnce().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    close: () => connection.close(),
  };
}

/** A server over SSH as a kind: the inventory owns its login (shared, trusted, jump hosts). */
export const sshKind: HostKind = {
  kind: 'ssh',
  managedBy: 'inventory',
  descriptor: hostDescriptor('ssh', { ko: 'SSH 서버', en: 'SSH server' }, 5_000),
  defaultRules: [],
};
