// `opsdeck probe <target>`: one complete health snapshot, then exit.
import { OpsError } from '../../shared/errors';
import { METRICS, type HostSnapshot, type MetricKey, type MetricUnit, type Target } from '../../shared/model';
import { createLocalCollector } from '../engine/collectors/local';
import { systemClock } from '../engine/core/clock';
import { localTarget } from '../engine/engine';
import { DEFAULT_RULES } from '../engine/rules/default-rules';
import { buildSnapshot } from '../engine/target-monitor';

export interface ProbeReport {
  target: { id: string; name: string; kind: string };
  ts: number;
  time: string;
  /** When the first of the two readings behind CPU % and rates was taken (local probes). */
  sampledFrom?: number;
  status: HostSnapshot['status'];
  reasons: HostSnapshot['reasons'];
  metrics: Record<string, { value: number | null; unit: MetricUnit; status: string | null }>;
  filesystems: HostSnapshot['filesystems'];
  facts: HostSnapshot['facts'];
}

/** Rates and CPU % need two readings; the gap is the sampling window. */
export async function probe(targetSpec: string, sampleMs: number): Promise<ProbeReport> {
  if (targetSpec !== 'local') {
    throw new OpsError('UNKNOWN_TARGET', `Unknown target "${targetSpec}". Use "local" for this computer, or ssh://user@host[:port].`, { target: targetSpec });
  }
  const collector = createLocalCollector({ clock: systemClock });
  const first = await collector.collect();
  await new Promise((r) => setTimeout(r, sampleMs));
  const result = await collector.collect();
  const target = localTarget(2_000);
  return { ...reportFromSnapshot(target, buildSnapshot(target, result, DEFAULT_RULES)), sampledFrom: first.ts };
}

/** The printed shape of one snapshot, the same for every kind of target. */
export function reportFromSnapshot(target: Target, snapshot: HostSnapshot): ProbeReport {
  return {
    target: { id: target.id, name: target.name, kind: target.kind },
    ts: snapshot.ts,
    time: new Date(snapshot.ts).toISOString(),
    status: snapshot.status,
    reasons: snapshot.reasons,
    metrics: Object.fromEntries(
      METRICS.map((m) => [m.key, { value: snapshot.metrics[m.key] ?? null, unit: m.unit, status: snapshot.health[m.key]?.status ?? null }]),
    ),
    filesystems: snapshot.filesystems,
    facts: snapshot.facts,
  };
}

/** What each metric is called in the text report (the JSON keeps the stable keys). */
const TEXT_LABELS: Record<MetricKey, string> = {
  'cpu.usage': 'CPU usage',
  'cpu.iowait': 'I/O wait',
  'cpu.steal': 'CPU steal',
  'cpu.cores': 'CPU cores',
  'mem.used': 'Memory used',
  'mem.usedBytes': 'Memory in use',
  'mem.totalBytes': 'Memory total',
  'swap.used': 'Swap used',
  'swap.usedBytes': 'Swap in use',
  'swap.totalBytes': 'Swap total',
  'load.1': 'Load (1 min)',
  'load.5': 'Load (5 min)',
  'load.15': 'Load (15 min)',
  'load.perCore': 'Load per core',
  'disk.used': 'Fullest disk',
  'disk.readBps': 'Disk reads',
  'disk.writeBps': 'Disk writes',
  'disk.readIops': 'Disk read IOPS',
  'disk.writeIops': 'Disk write IOPS',
  'net.rxBps': 'Network in',
  'net.txBps': 'Network out',
  uptime: 'Up for',
};

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Binary multiples, labelled as such (1 GiB = 1024³ bytes). */
export function formatBinaryBytes(bytes: number): string {
  let v = bytes;
  let unit = 0;
  while (Math.abs(v) >= 1024 && unit < BINARY_UNITS.length - 1) {
    v /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${v} B` : `${v.toFixed(Math.abs(v) >= 100 ? 0 : 1)} ${BINARY_UNITS[unit]}`;
}

/** The two largest units of a duration: "3 d 4 h", "4 h 12 min", "23 min", "45 s". */
export function formatUptime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const parts: Array<[number, string]> = [
    [Math.floor(s / 86_400), 'd'],
    [Math.floor((s % 86_400) / 3_600), 'h'],
    [Math.floor((s % 3_600) / 60), 'min'],
    [s % 60, 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first === -1) return '0 s';
  return parts
    .slice(first, first + 2)
    .filter(([n], i) => i === 0 || n > 0)
    .map(([n, unit]) => `${n} ${unit}`)
    .join(' ');
}

export function formatProbeText(report: ProbeReport): string {
  const fmt = (v: number | null, unit: MetricUnit) => {
    if (v === null) return '-';
    switch (unit) {
      case 'percent':
        return `${v.toFixed(1)} %`;
      case 'bytes':
        return formatBinaryBytes(v);
      case 'bytesPerSecond':
        return `${formatBinaryBytes(v)}/s`;
      case 'opsPerSecond':
        return `${v.toFixed(1)} /s`;
      case 'seconds':
        return formatUptime(v);
      case 'count':
        return String(v);
      default:
        return v.toFixed(2);
    }
  };
  const lines = [`${report.target.name} (${report.target.id})  ${report.status.toUpperCase()}  ${report.time}`];
  for (const [key, m] of Object.entries(report.metrics)) {
    const label = TEXT_LABELS[key as MetricKey] ?? key;
    lines.push(`  ${label.padEnd(16)} ${fmt(m.value, m.unit).padStart(14)}${m.status && m.status !== 'ok' ? `  ${m.status.toUpperCase()}` : ''}`);
  }
  if ((report.filesystems ?? []).length > 0) {
    lines.push(`  ${'Filesystem'.padEnd(16)} ${'Size'.padStart(10)} ${'Used'.padStart(10)} ${'Available'.padStart(10)} ${'Use%'.padStart(7)}  Type`);
    for (const fs of report.filesystems ?? []) {
      const avail = fs.availableBytes === undefined ? '-' : formatBinaryBytes(fs.availableBytes);
      lines.push(
        `  ${fs.mount.padEnd(16)} ${formatBinaryBytes(fs.sizeBytes).padStart(10)} ${formatBinaryBytes(fs.usedBytes).padStart(10)} ${avail.padStart(10)} ${`${fs.usedPercent.toFixed(0)} %`.padStart(7)}  ${fs.fsType}`,
      );
    }
  }
  return lines.join('\n');
}
