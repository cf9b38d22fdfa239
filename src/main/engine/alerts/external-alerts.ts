// Alerts a data source raised (Zabbix problems; Prometheus's /api/v1/alerts the same way),
// kept per source as the last poll read them and shown as AlertViews beside OpsDeck's own.
// The source owns their lifecycle: no pending, no notifications, no acknowledging from here.
import type { AlertView } from '../../../shared/alerts';
import { externalAlertId, type ExternalAlertInfo, type ExternalAlertReading } from '../../../shared/external-alerts';
import type { Target } from '../../../shared/model';

export class ExternalAlertBook {
  private readonly bySource = new Map<string, { target: Target; alerts: ExternalAlertInfo[]; readAt: number }>();

  /** Replaces what a source raised; returns the ids of alerts that appeared, changed or went away. */
  update(target: Target, readings: readonly ExternalAlertReading[], now: number): string[] {
    const before = new Map((this.bySource.get(target.id)?.alerts ?? []).map((a) => [a.externalId, a]));
    const alerts: ExternalAlertInfo[] = readings.map((r) => ({ ...r, sourceId: target.id, sourceKind: target.kind, sourceLabel: target.name }));
    this.bySource.set(target.id, { target, alerts, readAt: now });
    const changed: string[] = [];
    for (const a of alerts) {
      const old = before.get(a.externalId);
      if (!old || old.acknowledged !== a.acknowledged || old.severity !== a.severity || old.suppressed !== a.suppressed || Boolean(old.pending) !== Boolean(a.pending) || old.text !== a.text) changed.push(externalAlertId(target.id, a.externalId));
      before.delete(a.externalId);
    }
    for (const gone of before.keys()) changed.push(externalAlertId(target.id, gone));
    return changed;
  }

  /** The views of every source still watched (a removed source's alerts go with it). */
  views(watched: ReadonlySet<string>, servicesOf: (target: Target) => string[]): AlertView[] {
    const out: AlertView[] = [];
    for (const [id, entry] of this.bySource) {
      if (!watched.has(id)) continue;
      for (const a of entry.alerts) out.push(toExternalView(a, entry.target, entry.readAt, servicesOf(entry.target)));
    }
    return out;
  }

  get(alertId: string, watched: ReadonlySet<string>, servicesOf: (target: Target) => string[]): AlertView | null {
    return this.views(watched, servicesOf).find((v) => v.id === alertId) ?? null;
  }
}

export function toExternalView(a: ExternalAlertInfo, target: Target, readAt: number, serviceIds: string[]): AlertView {
  return {
    id: externalAlertId(target.id, a.externalId),
    ruleId: `external:${a.sourceKind}`,
    ruleLabel: a.text,
    severity: a.severity,
    state: a.acknowledged ? 'acknowledged' : a.pending ? 'pending' : 'firing',
    target: { id: target.id, name: target.name, kind: target.kind },
    seriesKey: null,
    conditionKind: 'external',
    value: null,
    threshold: null,
    direction: null,
    activeSince: a.startedAt,
    firingSince: a.pending ? null : a.startedAt,
    acknowledgedAt: null,
    acknowledgedBy: null,
    note: null,
    resolvedAt: null,
    lastEvaluatedAt: readAt,
    serviceIds,
    suppressed: a.suppressed ? 'maintenance' : null,
    flapping: false,
    flapPercent: 0,
    escalationLevel: 0,
    incidentId: null,
    incidentProposed: false,
    detail: {},
    external: a,
  };
}
