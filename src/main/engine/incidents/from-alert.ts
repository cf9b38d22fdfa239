// An incident opened from a firing critical alert, with stage 1 filled in: detection time (the
// alert's first firing, which MTTA and MTTR count from), the current state, the suspected cause
// (the rule's description, or what the rule watches) and a suggested severity. Pure. The share
// fields are written in Korean, the playbook's first language; people edit them in the room.
import type { CreateIncidentArgs } from '../../../shared/incidents-contract';
import type { IncidentSource, MetricSnapshot, Severity } from '../../../shared/incidents';

export interface AlertIncidentInput {
  serviceId: string;
  targetId: string;
  targetName: string;
  ruleId: string;
  ruleLabel: string | null;
  /** The series, e.g. mem.used or fs.used:/; null for nodata alerts. */
  metric: string | null;
  seriesLabel: string | null;
  value: number | null;
  threshold: number | null;
  firingSince: number;
  description: string | null;
  snapshot: MetricSnapshot | null;
}

export interface AlertIncidentPlan {
  create: Extract<CreateIncidentArgs, { from: 'manual' }> & { source: IncidentSource; snapshot?: MetricSnapshot };
  fields: Array<{ fieldId: string; value: string }>;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** A critical alert on a service suggests SEV2 (a core function at risk); people adjust it. */
export const SUGGESTED_SEVERITY: Severity = 'SEV2';

export function incidentFromAlert(a: AlertIncidentInput): AlertIncidentPlan {
  const what = a.seriesLabel ?? a.metric ?? a.ruleLabel ?? a.ruleId;
  const reading = a.value !== null && a.metric ? `${what} ${round(a.value)}${a.threshold !== null ? ` (기준 ${round(a.threshold)})` : ''}` : `${what}: 데이터 없음`;
  const source: IncidentSource =
    a.metric && a.value !== null && a.threshold !== null
      ? { kind: 'threshold', targetId: a.targetId, metric: a.metric, value: a.value, threshold: a.threshold, status: 'crit' }
      : { kind: 'service', serviceId: a.serviceId };
  return {
    create: {
      from: 'manual',
      title: `${a.targetName}: ${a.ruleLabel ?? a.ruleId}`,
      severity: SUGGESTED_SEVERITY,
      services: [a.serviceId],
      hosts: [a.targetId],
      detectedAt: a.firingSince,
      source,
      ...(a.snapshot ? { snapshot: a.snapshot } : {}),
    },
    fields: [
      { fieldId: 'currentState', value: `${a.targetName}: ${reading} — 경보 "${a.ruleLabel ?? a.ruleId}" 울림` },
      { fieldId: 'suspectedCause', value: a.description ?? `경보 규칙 "${a.ruleLabel ?? a.ruleId}"이(가) 감시하는 ${what} 이상` },
    ],
  };
}
