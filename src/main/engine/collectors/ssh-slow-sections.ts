// Slow-cadence readings of a remote host: filesystems (df), top processes (ps) and facts
// (uname, os-release). Pure functions of the section texts; a missing or unreadable section
// gives an empty list or nulls, never an error.

import type { FilesystemUsage, HostFacts, ProcessUsage, TopProcesses } from '../../../shared/model';
import { parseDf } from '../parsers/df';
import { selectLocalFilesystems, type MountEntry } from '../parsers/mounts';
import { fields, parseCounter, parseDecimal } from '../parsers/numbers';
import { parseOsReleaseName } from '../parsers/os-release';

export type { ProcessUsage, TopProcesses };

export const TOP_PROCESS_COUNT = 10;

/** Local data filesystems from `df -kPT[l]`, one per device (see parsers/mounts.ts). */
export function filesystemsFromDf(text: string | null): FilesystemUsage[] {
  const entries = text === null ? null : parseDf(text);
  if (!entries) return [];
  const byMount = new Map(entries.map((e) => [e.mount, e]));
  const mounts: MountEntry[] = entries.map((e) => ({ device: e.device, mount: e.mount, fsType: e.fsType ?? 'unknown', options: [] }));
  const out: FilesystemUsage[] = [];
  for (const m of selectLocalFilesystems(mounts)) {
    const e = byMount.get(m.mount);
    if (!e || e.usedPercent === null) continue;
    out.push({ mount: e.mount, device: e.device, fsType: m.fsType, sizeBytes: e.sizeBytes, usedBytes: e.usedBytes, usedPercent: e.usedPercent });
  }
  return out;
}

/** `ps -eo pid=,pcpu=,pmem=,comm=` lines; the command is the rest of the line (it may hold spaces). */
export function parseProcessList(text: string): ProcessUsage[] {
  const out: ProcessUsage[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s*(\d+)\s+(\S+)\s+(\S+)\s+(.+?)\s*$/.exec(line);
    if (!match) continue;
    const pid = parseCounter(match[1]);
    const cpu = parseDecimal(match[2]);
    const mem = parseDecimal(match[3]);
    if (pid === null || cpu === null || mem === null || mem > 100) continue;
    out.push({ pid, command: match[4] ?? '', cpuPercent: cpu, memPercent: mem });
  }
  return out;
}

export function topProcesses(text: string | null, count = TOP_PROCESS_COUNT): TopProcesses | null {
  const all = text === null ? [] : parseProcessList(text);
  if (all.length === 0) return null;
  return {
    byCpu: [...all].sort((a, b) => b.cpuPercent - a.cpuPercent).slice(0, count),
    byMemory: [...all].sort((a, b) => b.memPercent - a.memPercent).slice(0, count),
  };
}

// uname -m names, translated to Node's os.arch() names so local and remote facts read alike.
const ARCH_NAMES: Record<string, string> = {
  x86_64: 'x64', amd64: 'x64', i386: 'ia32', i486: 'ia32', i586: 'ia32', i686: 'ia32',
  aarch64: 'arm64', arm64: 'arm64', armv6l: 'arm', armv7l: 'arm', ppc64le: 'ppc64', s390x: 's390x', riscv64: 'riscv64',
};

/** Facts from `uname -snrm` ("Linux web1 6.1.0-18-amd64 x86_64") and /etc/os-release. */
export function hostFacts(uname: string | null, osRelease: string | null): HostFacts {
  const [sysname, nodename, release, machine] = fields(uname?.split('\n')[0] ?? '');
  const distribution = osRelease === null ? null : parseOsReleaseName(osRelease);
  return {
    hostname: nodename ?? null,
    os: distribution ?? (sysname && release ? `${sysname} ${release}` : null),
    kernel: release ?? null,
    arch: machine ? (ARCH_NAMES[machine] ?? machine) : null,
  };
}
