// Prefilled create commands: an incident started from a host tile or a threshold breach
// carries what was seen (metrics, time, host), so nobody retypes it under pressure.
import type { IncidentCommand, MetricSnapshot, Severity } from '../../../shared/incidents';
import type { HostSnapshot } from '../../../shared/model';
import { filesystemSeriesKey } from '../../../shared/model';

type CreateCommand = Extract<IncidentCommand, { type: 'create' }>;

export interface HostDraftOptions {
  /** The new incident's id, chosen by the engine. */
  id: string;
  /** Display name of the host; defaults to the target id. */
  hostName?: string;
  /** Defaults to SEV3 for a critical breach and SEV4 otherwise; the person adjusts it. */
  severity?: Severity;
}

/** The metrics of a snapshot as an incident keeps them, filesystems included. */
export function metricSnapshotOf(snapshot: HostSnapshot): MetricSnapshot {
  const metrics: Record<string, number | null> = { ...snapshot.metrics };
  for (const fs of snapshot.filesystems ?? []) metrics[filesystemSeriesKey(fs.mount)] = fs.usedPercent;
  return { targetId: snapshot.targetId, ts: snapshot.ts, metrics };
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * A create command for a problem seen on a host. The worst threshold breach, if any, becomes
 * the source and the title; the detection time is the sample's time.
 */
export function draftFromHostSnapshot(snapshot: HostSnapshot, opts: HostDraftOptions): CreateCommand {
  const name = opts.hostName ?? snapshot.targetId;
  const breaches = snapshot.reasons.flatMap((r) => (r.code === 'THRESHOLD' && (r.status === 'warn' || r.status === 'crit') ? [r] : []));
  const worst = breaches.find((b) => b.status === 'crit') ?? breaches[0];
  const base = { type: 'create' as const, id: opts.id, hosts: [snapshot.targetId], detectedAt: snapshot.ts, snapshot: metricSnapshotOf(snapshot) };
  if (!worst) {
    return { ...base, title: `${name}: ${snapshot.status}`, severity: opts.severity ?? 'SEV4', source: { kind: 'host', targetId: snapshot.targetId } };
  }
  return {
    ...base,
    title: `${name}: ${worst.metric} ${round(worst.value)} ≥ ${round(worst.threshold)}`,
    severity: opts.severity ?? (worst.status === 'crit' ? 'SEV3' : 'SEV4'),
    source: { kind: 'threshold', targetId: snapshot.targetId, metric: worst.metric, value: worst.value, threshold: worst.threshold, status: worst.status as 'warn' | 'crit' },
  };
}
