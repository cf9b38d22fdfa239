// `opsdeck probe <target>`: one complete health snapshot, then exit.
import { OpsError } from '../../shared/errors';
import { METRICS, type HostSnapshot, type MetricUnit, type Target } from '../../shared/model';
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
    throw new OpsError('UNKNOWN_TARGET', `Unknown target "${targetSpec}". Use "local" for this computer, or ssh://user@host[:port].`);
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

export function formatProbeText(report: ProbeReport): string {
  const fmt = (v: number | null, unit: MetricUnit) => {
    if (v === null) return '-';
    switch (unit) {
      case 'percent':
        return `${v.toFixed(1)} %`;
      case 'bytes':
        return `${(v / 1024 ** 3).toFixed(2)} GiB`;
      case 'bytesPerSecond':
        return `${(v / 1024).toFixed(1)} KiB/s`;
      case 'opsPerSecond':
        return `${v.toFixed(1)} /s`;
      case 'seconds':
        return `${Math.floor(v / 86400)} d ${Math.floor((v % 86400) / 3600)} h`;
      default:
        return v.toFixed(2);
    }
  };
  const lines = [`${report.target.name} (${report.target.id})  ${report.status.toUpperCase()}  ${report.time}`];
  for (const [key, m] of Object.entries(report.metrics)) lines.push(`  ${key.padEnd(16)} ${fmt(m.value, m.unit).padStart(14)}${m.status && m.status !== 'ok' ? `  ${m.status.toUpperCase()}` : ''}`);
  for (const fs of report.filesystems ?? []) lines.push(`  fs ${fs.mount.padEnd(13)} ${`${fs.usedPercent.toFixed(1)} %`.padStart(14)}  ${fs.fsType}`);
  return lines.join('\n');
}
