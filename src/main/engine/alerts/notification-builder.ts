// Turns a planned notification (a group, an event, alert ids) into the AlertNotification the
// channels deliver: every alert with its words, the service with its owner, whom to call at
// this escalation level, the glossary's one-liners, a link back.
import { randomUUID } from 'node:crypto';
import type { AlertRule, AlertSettings } from '../../../shared/alerts';
import type { HealthStatus, Target } from '../../../shared/model';
import type { AlertNotification, NotifiedAlert, NotifiedService } from '../../../shared/notifications';
import type { PlannedNotification } from '../rules/notification-plan';
import { stateOf, type LiveAlert } from './live-alert';
import { seriesInfo } from './series-info';

export interface BuildContext {
  now: number;
  settings: AlertSettings;
  rule(id: string): AlertRule | undefined;
  target(id: string): Target | undefined;
  service(id: string): NotifiedService | null;
  /** Who holds an incident role, for escalation levels that name one. */
  roleHolder(incidentId: string | null, role: string): string | null;
  glossaryLine(id: string): { ko: string; en: string } | null;
  link(alertId: string): string | null;
}

const STATUS: Record<string, HealthStatus> = { critical: 'crit', warning: 'warn', info: 'ok' };

function notifiedAlert(a: LiveAlert, ctx: BuildContext): NotifiedAlert {
  const target = ctx.target(a.targetId);
  const info = a.seriesKey ? seriesInfo(target?.kind ?? '', a.seriesKey) : null;
  const state = stateOf(a) ?? 'resolved';
  return {
    alertId: a.id,
    ruleName: ctx.rule(a.ruleId)?.label ?? a.ruleId,
    severity: a.severity,
    state: state === 'unknown' ? 'unknown' : state,
    target: { id: a.targetId, name: target?.name ?? a.targetId, kind: target?.kind ?? 'unknown' },
    series: a.seriesKey ? { key: a.seriesKey, glossaryId: info?.glossaryId ?? null, unit: info?.unit ?? null, label: info?.label ?? null } : null,
    value: a.machine.lastValue,
    threshold: a.threshold,
    direction: a.direction,
    firingSince: a.machine.firingSince,
    resolvedAt: a.resolvedAt,
    acknowledgedBy: a.acknowledgedBy,
    note: a.ackNote,
    detail: { ...a.detail, ...(ctx.rule(a.ruleId)?.description ? { description: ctx.rule(a.ruleId)!.description } : {}) },
  };
}

export function contactsAt(level: number, service: NotifiedService | null, incidentId: string | null, ctx: BuildContext): AlertNotification['contacts'] {
  const step = ctx.settings.escalation[Math.min(level, ctx.settings.escalation.length - 1)];
  if (!step) return [];
  switch (step.kind) {
    case 'service-owner':
      return service && (service.owner || service.contact) ? [{ name: service.owner || service.name, role: 'owner', contact: service.contact || null }] : [];
    case 'incident-role': {
      const name = ctx.roleHolder(incidentId, step.role);
      return name ? [{ name, role: step.role, contact: null }] : [];
    }
    case 'person':
      return [{ name: step.name, role: null, contact: step.contact || null }];
  }
}

export function buildNotification(planned: PlannedNotification, alerts: readonly LiveAlert[], ctx: BuildContext): AlertNotification {
  const service = planned.group === 'none' ? null : ctx.service(planned.group);
  const notified = alerts.map((a) => notifiedAlert(a, ctx));
  const worst = planned.event === 'resolved' ? 'ok' : planned.event === 'unknown' ? 'unknown' : worstOf(alerts.map((a) => STATUS[a.severity] ?? 'warn'));
  const glossary: AlertNotification['glossary'] = {};
  for (const n of notified) {
    const id = n.series?.glossaryId ?? (n.state === 'unknown' ? 'status-unknown' : null);
    const line = id ? ctx.glossaryLine(id) : null;
    if (id && line) glossary[id] = line;
  }
  const incidentId = alerts.find((a) => a.incidentId)?.incidentId ?? null;
  return {
    id: randomUUID(),
    event: planned.event,
    at: ctx.now,
    service,
    status: worst,
    alerts: notified,
    escalationLevel: planned.escalationLevel,
    contacts: contactsAt(planned.escalationLevel, service, incidentId, ctx),
    glossary,
    link: ctx.link(alerts[0]?.id ?? ''),
    incidentId,
  };
}

const ORDER: HealthStatus[] = ['ok', 'warn', 'unknown', 'crit'];
const worstOf = (list: HealthStatus[]): HealthStatus => list.reduce((w, s) => (ORDER.indexOf(s) > ORDER.indexOf(w) ? s : w), 'ok' as HealthStatus);
