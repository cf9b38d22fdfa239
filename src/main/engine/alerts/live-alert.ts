// One alert as the engine holds it: the rule x target x series it watches, the pure machine's
// state, what people were told, and the person's acknowledgement. Converts to the stored row
// and to the view the screens get.
import type { AlertRule, AlertSeverity, AlertState, AlertView, SuppressionReason } from '../../../shared/alerts';
import type { Target } from '../../../shared/model';
import { INITIAL_MACHINE, type AlertMachineState } from '../rules/alert-machine';
import { FRESH_MARK, type NotifyMark, type PlannerState } from '../rules/notification-plan';
import type { StoredAlert } from '../store/alerts-tables';

export interface LiveAlert {
  id: string;
  ruleId: string;
  targetId: string;
  seriesKey: string | null;
  severity: AlertSeverity;
  machine: AlertMachineState;
  mark: NotifyMark;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  ackNote: string | null;
  resolvedAt: number | null;
  incidentId: string | null;
  incidentProposed: boolean;
  /** Threshold and direction in force at the last evaluation (after overrides). */
  threshold: number | null;
  direction: 'above' | 'below' | null;
  detail: Record<string, string | number | null>;
  suppressed: SuppressionReason | null;
  /** The row exists in the database. */
  stored: boolean;
  /** Changed since the last checkpoint (evaluation state only). */
  dirty: boolean;
  lastSeq: number;
}

export const alertIdOf = (ruleId: string, targetId: string, seriesKey: string | null) => `${ruleId}|${targetId}|${seriesKey ?? '*'}`;

export function newAlert(ruleId: string, targetId: string, seriesKey: string | null, severity: AlertSeverity): LiveAlert {
  return {
    id: alertIdOf(ruleId, targetId, seriesKey),
    ruleId,
    targetId,
    seriesKey,
    severity,
    machine: INITIAL_MACHINE,
    mark: FRESH_MARK,
    acknowledgedAt: null,
    acknowledgedBy: null,
    ackNote: null,
    resolvedAt: null,
    incidentId: null,
    incidentProposed: false,
    threshold: null,
    direction: null,
    detail: {},
    suppressed: null,
    stored: false,
    dirty: false,
    lastSeq: 0,
  };
}

/** The state a person sees. A machine back at rest after firing is `resolved`. */
export function stateOf(a: LiveAlert): AlertState | null {
  switch (a.machine.phase) {
    case 'pending':
      return 'pending';
    case 'firing':
      return a.acknowledgedAt !== null ? 'acknowledged' : 'firing';
    case 'unknown':
      return 'unknown';
    case 'inactive':
      return a.resolvedAt !== null ? 'resolved' : null;
  }
}

export function plannerStateOf(a: LiveAlert): PlannerState {
  if (a.machine.phase === 'firing' && a.acknowledgedAt !== null) return 'acknowledged';
  return a.machine.phase;
}

export function toStored(a: LiveAlert, now: number): StoredAlert {
  return {
    id: a.id,
    ruleId: a.ruleId,
    targetId: a.targetId,
    seriesKey: a.seriesKey,
    state: stateOf(a) ?? 'ok',
    severity: a.severity,
    activeSince: a.machine.activeSince,
    firingSince: a.machine.firingSince,
    acknowledgedAt: a.acknowledgedAt,
    acknowledgedBy: a.acknowledgedBy,
    ackNote: a.ackNote,
    resolvedAt: a.resolvedAt,
    incidentId: a.incidentId,
    incidentProposed: a.incidentProposed,
    machine: a.machine,
    mark: a.mark,
    detail: { ...a.detail, threshold: a.threshold, direction: a.direction },
    updatedAt: now,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A stored row back into memory; null when its JSON is not ours (logged by the caller). */
export function fromStored(row: StoredAlert, lastSeq: number): LiveAlert | null {
  if (!isObject(row.machine) || !isObject(row.mark) || typeof row.machine.phase !== 'string') return null;
  const detail = isObject(row.detail) ? row.detail : {};
  const { threshold, direction, ...rest } = detail;
  return {
    ...newAlert(row.ruleId, row.targetId, row.seriesKey, (row.severity as AlertSeverity) ?? 'warning'),
    id: row.id,
    machine: { ...INITIAL_MACHINE, ...(row.machine as Partial<AlertMachineState>) },
    mark: { ...FRESH_MARK, ...(row.mark as Partial<NotifyMark>) },
    acknowledgedAt: row.acknowledgedAt,
    acknowledgedBy: row.acknowledgedBy,
    ackNote: row.ackNote,
    resolvedAt: row.resolvedAt,
    incidentId: row.incidentId,
    incidentProposed: row.incidentProposed,
    threshold: typeof threshold === 'number' ? threshold : null,
    direction: direction === 'above' || direction === 'below' ? direction : null,
    detail: rest as LiveAlert['detail'],
    stored: true,
    lastSeq,
  };
}

export function toView(a: LiveAlert, rule: AlertRule | undefined, target: Target | undefined, serviceIds: string[]): AlertView {
  return {
    id: a.id,
    ruleId: a.ruleId,
    ruleLabel: rule?.label ?? null,
    severity: a.severity,
    state: stateOf(a) ?? 'resolved',
    target: { id: a.targetId, name: target?.name ?? a.targetId, kind: target?.kind ?? 'unknown' },
    seriesKey: a.seriesKey,
    conditionKind: rule?.condition.kind ?? 'threshold',
    value: a.machine.lastValue,
    threshold: a.threshold,
    direction: a.direction,
    activeSince: a.machine.activeSince ?? a.machine.firingSince ?? a.resolvedAt ?? a.machine.lastTs ?? 0,
    firingSince: a.machine.firingSince,
    acknowledgedAt: a.acknowledgedAt,
    acknowledgedBy: a.acknowledgedBy,
    note: a.ackNote,
    resolvedAt: a.resolvedAt,
    lastEvaluatedAt: a.machine.lastTs ?? 0,
    serviceIds,
    suppressed: a.suppressed,
    flapping: a.machine.flap.flapping,
    flapPercent: Math.round(a.machine.flap.percent * 10) / 10,
    escalationLevel: a.mark.escalationLevel,
    incidentId: a.incidentId,
    incidentProposed: a.incidentProposed,
    detail: a.detail,
  };
}
