// Prometheus answers as OpsDeck host readings (pure: JSON in, members out). One instant query
// yields every series of every node_exporter target, each tagged with `opsdeck_key`; this file
// groups them by instance and applies the same rules as SSH hosts: whole physical disks only,
// no loopback or virtual switching in network totals, local data filesystems only, and a
// missing reading is null, never 0.
import type { FilesystemUsage, HostMetrics } from '../../../shared/model';
import { emptyHostMetrics } from '../../../shared/model';
import { isWholePhysicalDisk } from './diskstats';
import { selectLocalFilesystems, type MountEntry } from './mounts';
import { countsTowardHostTraffic } from './net-dev';

export interface PromTarget {
  labels?: Record<string, string>;
  scrapePool?: string;
  scrapeUrl?: string;
  health?: string;
  lastError?: string;
  lastScrape?: string;
  scrapeInterval?: string;
}

export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** One node_exporter target as a host reading, or as DOWN with the scrape error. */
export interface FleetMember {
  /** The target's `instance` label: stable across polls, the member's identity in its source. */
  instance: string;
  job: string;
  up: boolean;
  lastError: string | null;
  metrics: HostMetrics;
  filesystems: FilesystemUsage[];
  facts: Record<string, string | null>;
}

/** Prometheus durations as the API writes them ("15s", "1m30s", "500ms") in ms, or null. */
export function parsePromDuration(text: string | undefined): number | null {
  if (!text) return null;
  const re = /(\d+(?:\.\d+)?)(ms|y|w|d|h|m|s)/g;
  const unit: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    total += Number(m[1]) * unit[m[2]!]!;
    consumed += m[0].length;
  }
  return consumed === text.length && consumed > 0 ? total : null;
}

/** The rate() window: four scrapes (Prometheus needs two samples; four ride out one missed scrape). */
export function rateWindowSeconds(scrapeIntervalMs: number): number {
  return Math.max(2, Math.ceil((4 * scrapeIntervalMs) / 1000));
}

const NUMBER = (s: string | undefined): number | null => {
  if (s === undefined) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};

/** The instant query that reads every host series at once, each operand tagged with its key. */
export function fleetQuery(windowSeconds: number): string {
  const w = `[${windowSeconds}s]`;
  const parts: Array<[string, string]> = [
    ['cpu.busy', `sum by (instance, job) (rate(node_cpu_seconds_total{mode!~"idle|iowait"}${w}))`],
    ['cpu.all', `sum by (instance, job) (rate(node_cpu_seconds_total${w}))`],
    ['cpu.iowait', `sum by (instance, job) (rate(node_cpu_seconds_total{mode="iowait"}${w}))`],
    ['cpu.steal', `sum by (instance, job) (rate(node_cpu_seconds_total{mode="steal"}${w}))`],
    ['cpu.cores', `count by (instance, job) (node_cpu_seconds_total{mode="idle"})`],
    ['mem.total', 'node_memory_MemTotal_bytes'],
    ['mem.avail', 'node_memory_MemAvailable_bytes'],
    ['swap.total', 'node_memory_SwapTotal_bytes'],
    ['swap.free', 'node_memory_SwapFree_bytes'],
    ['load.1', 'node_load1'],
    ['load.5', 'node_load5'],
    ['load.15', 'node_load15'],
    ['boot', 'node_boot_time_seconds'],
    ['disk.readBps', `rate(node_disk_read_bytes_total${w})`],
    ['disk.writeBps', `rate(node_disk_written_bytes_total${w})`],
    ['disk.readIops', `rate(node_disk_reads_completed_total${w})`],
    ['disk.writeIops', `rate(node_disk_writes_completed_total${w})`],
    ['net.rxBps', `rate(node_network_receive_bytes_total${w})`],
    ['net.txBps', `rate(node_network_transmit_bytes_total${w})`],
    ['fs.size', 'node_filesystem_size_bytes'],
    ['fs.free', 'node_filesystem_free_bytes'],
    ['fs.avail', 'node_filesystem_avail_bytes'],
    ['uname', 'node_uname_info'],
    ['os', 'node_os_info'],
  ];
  return parts.map(([key, expr]) => `label_replace(${expr}, "opsdeck_key", "${key}", "", "")`).join(' or ');
}

interface Acc {
  scalars: Map<string, number>;
  disks: Map<string, Partial<Record<string, number>>>;
  nets: Map<string, Partial<Record<string, number>>>;
  fs: Map<string, { device: string; fsType: string; size?: number; free?: number; avail?: number }>;
  facts: Record<string, string | null>;
  job: string;
}

function newAcc(job: string): Acc {
  return { scalars: new Map(), disks: new Map(), nets: new Map(), fs: new Map(), facts: {}, job };
}

const pct = (part: number | null, whole: number | null): number | null => (part === null || whole === null || whole <= 0 ? null : Math.min(100, Math.max(0, (100 * part) / whole)));

function hostMetrics(acc: Acc, evalTs: number): { metrics: HostMetrics; filesystems: FilesystemUsage[] } {
  const m = emptyHostMetrics();
  const s = (k: string) => acc.scalars.get(k) ?? null;
  const all = s('cpu.all');
  m['cpu.usage'] = pct(s('cpu.busy'), all);
  m['cpu.iowait'] = pct(s('cpu.iowait'), all);
  m['cpu.steal'] = all === null ? null : pct(s('cpu.steal') ?? 0, all);
  m['cpu.cores'] = s('cpu.cores');
  const total = s('mem.total');
  const avail = s('mem.avail');
  m['mem.totalBytes'] = total;
  m['mem.usedBytes'] = total !== null && avail !== null ? total - avail : null;
  m['mem.used'] = pct(m['mem.usedBytes'], total);
  const swapTotal = s('swap.total');
  const swapFree = s('swap.free');
  m['swap.totalBytes'] = swapTotal;
  m['swap.usedBytes'] = swapTotal !== null && swapFree !== null ? swapTotal - swapFree : null;
  m['swap.used'] = swapTotal ? pct(m['swap.usedBytes'], swapTotal) : null;
  m['load.1'] = s('load.1');
  m['load.5'] = s('load.5');
  m['load.15'] = s('load.15');
  m['load.perCore'] = m['load.1'] !== null && m['cpu.cores'] ? m['load.1'] / m['cpu.cores'] : null;
  const boot = s('boot');
  m.uptime = boot === null ? null : Math.max(0, Math.round(evalTs / 1000 - boot));

  const listed = new Set(acc.disks.keys());
  const diskSum = (k: string): number | null => {
    let sum: number | null = null;
    for (const [device, v] of acc.disks) if (isWholePhysicalDisk(device, listed) && v[k] !== undefined) sum = (sum ?? 0) + v[k]!;
    return sum;
  };
  m['disk.readBps'] = diskSum('disk.readBps');
  m['disk.writeBps'] = diskSum('disk.writeBps');
  m['disk.readIops'] = diskSum('disk.readIops');
  m['disk.writeIops'] = diskSum('disk.writeIops');
  const netSum = (k: string): number | null => {
    let sum: number | null = null;
    for (const [device, v] of acc.nets) if (countsTowardHostTraffic(device) && v[k] !== undefined) sum = (sum ?? 0) + v[k]!;
    return sum;
  };
  m['net.rxBps'] = netSum('net.rxBps');
  m['net.txBps'] = netSum('net.txBps');

  const entries: MountEntry[] = [...acc.fs.entries()].map(([mount, f]) => ({ mount, device: f.device, fsType: f.fsType, options: [] }));
  const filesystems: FilesystemUsage[] = [];
  for (const e of selectLocalFilesystems(entries)) {
    const f = acc.fs.get(e.mount)!;
    if (f.size === undefined || f.free === undefined || f.avail === undefined || f.size <= 0) continue;
    const used = f.size - f.free;
    filesystems.push({ mount: e.mount, device: f.device, fsType: f.fsType, sizeBytes: f.size, usedBytes: used, availableBytes: f.avail, usedPercent: used + f.avail > 0 ? (100 * used) / (used + f.avail) : 0 });
  }
  m['disk.used'] = filesystems.length > 0 ? Math.max(...filesystems.map((f) => f.usedPercent)) : null;
  return { metrics: m, filesystems };
}

/**
 * The fleet: every active target that is a node_exporter (its job yields node metrics, or is
 * named for it), up with its readings or down with its scrape error. One entry per instance.
 */
export function fleetFromResponses(targets: readonly PromTarget[], samples: readonly PromSample[], evalTs: number): FleetMember[] {
  const byInstance = new Map<string, Acc>();
  for (const sample of samples) {
    const { instance, opsdeck_key: key } = sample.metric;
    if (!instance || !key) continue;
    let acc = byInstance.get(instance);
    if (!acc) byInstance.set(instance, (acc = newAcc(sample.metric.job ?? '')));
    const value = NUMBER(sample.value[1]);
    if (key === 'uname') {
      acc.facts.hostname = sample.metric.nodename ?? null;
      acc.facts.kernel = sample.metric.release ?? null;
      acc.facts.arch = sample.metric.machine ?? null;
      acc.facts.os ??= sample.metric.sysname ?? null;
    } else if (key === 'os') {
      acc.facts.os = sample.metric.pretty_name ?? sample.metric.name ?? acc.facts.os ?? null;
    } else if (value === null) {
      continue;
    } else if (key.startsWith('disk.')) {
      const device = sample.metric.device ?? '';
      acc.disks.set(device, { ...acc.disks.get(device), [key]: value });
    } else if (key.startsWith('net.')) {
      const device = sample.metric.device ?? '';
      acc.nets.set(device, { ...acc.nets.get(device), [key]: value });
    } else if (key.startsWith('fs.')) {
      const mount = sample.metric.mountpoint ?? '';
      const f = acc.fs.get(mount) ?? { device: sample.metric.device ?? '', fsType: sample.metric.fstype ?? '' };
      f[key.slice(3) as 'size' | 'free' | 'avail'] = value;
      acc.fs.set(mount, f);
    } else {
      acc.scalars.set(key, value);
    }
  }
  const nodeJobs = new Set([...byInstance.values()].map((a) => a.job));
  const members = new Map<string, FleetMember>();
  for (const t of targets) {
    const instance = t.labels?.instance;
    const job = t.labels?.job ?? t.scrapePool ?? '';
    if (!instance || members.has(instance)) continue;
    const acc = byInstance.get(instance);
    if (!acc && !nodeJobs.has(job) && !/node/i.test(job)) continue;
    const up = t.health === 'up';
    const reading = acc ? hostMetrics(acc, evalTs) : { metrics: emptyHostMetrics(), filesystems: [] };
    members.set(instance, { instance, job, up, lastError: up ? null : t.lastError || null, metrics: reading.metrics, filesystems: reading.filesystems, facts: acc?.facts ?? {} });
  }
  return [...members.values()];
}

/** Grafana's step rule: the range over the chart's width, never finer than a scrape, and under Prometheus's 11,000 points. */
export function chooseStepSeconds(rangeMs: number, widthPx: number, scrapeIntervalMs: number): number {
  const byWidth = rangeMs / 1000 / Math.max(1, widthPx);
  const byLimit = rangeMs / 1000 / 11_000;
  return Math.max(1, Math.ceil(Math.max(byWidth, byLimit, scrapeIntervalMs / 1000)));
}
