// Runs the pure alert machine and the notification planner together over a series, on a fake
// clock (timestamps only): what a person would have been sent, and when.
import type { RuleCondition } from '../../../src/shared/alerts';
import { INITIAL_MACHINE, stepAlert, type AlertMachineState, type EffectiveRule } from '../../../src/main/engine/rules/alert-machine';
import { FRESH_MARK, planNotifications, type NotifyMark, type PlannedNotification, type PlanSettings, type PlannerAlert } from '../../../src/main/engine/rules/notification-plan';

export const above = (threshold: number, recovery: number | null = null): RuleCondition => ({ kind: 'threshold', direction: 'above', threshold, recovery });

export function rule(overrides: Partial<EffectiveRule> = {}): EffectiveRule {
  return {
    condition: above(80),
    forMs: 0,
    recoverForMs: 0,
    keepFiringForMs: 0,
    noDataAfterMs: 60_000,
    flapStartPercent: 30,
    flapStopPercent: 25,
    ...overrides,
  };
}

export const PLAN: PlanSettings = { groupWaitMs: 0, repeatIntervalMs: 4 * 3_600_000, escalateAfterMs: 15 * 60_000, escalationLevels: 1 };

export interface SimStep {
  ts: number;
  value: number | null;
  maintenance?: boolean;
  acknowledge?: boolean;
}

export interface Sent extends PlannedNotification {
  ts: number;
  maintenance: boolean;
}

/** Feeds the steps one by one; the planner runs after each reading. */
export function simulate(steps: readonly SimStep[], r: EffectiveRule, plan: PlanSettings = PLAN): { sent: Sent[]; machine: AlertMachineState; mark: NotifyMark } {
  let machine = INITIAL_MACHINE;
  let mark = FRESH_MARK;
  let acknowledged = false;
  let batches = new Map<string, number>();
  const sent: Sent[] = [];
  for (const step of steps) {
    const result = stepAlert(machine, { ts: step.ts, value: step.value }, r);
    machine = result.state;
    if (result.transitions.some((t) => t.kind === 'firing' && !t.resumed)) acknowledged = false;
    if (step.acknowledge && machine.phase === 'firing') acknowledged = true;
    const alert: PlannerAlert = {
      id: 'a',
      group: 'svc',
      severity: 'warning',
      state: machine.phase === 'firing' ? (acknowledged ? 'acknowledged' : 'firing') : machine.phase,
      firingSince: machine.firingSince,
      evaluations: machine.evaluations,
      flapping: machine.flap.flapping,
      inhibitKey: 't|s',
      suppressedBy: step.maintenance ? 'maintenance' : null,
      mark,
    };
    const plan_ = planNotifications(step.ts, [alert], batches, plan);
    batches = plan_.batches;
    mark = plan_.marks.get('a') ?? mark;
    for (const n of plan_.notifications) sent.push({ ...n, ts: step.ts, maintenance: step.maintenance === true });
  }
  return { sent, machine, mark };
}

/** Readings every `everyMs` from t0. */
export function series(values: ReadonlyArray<number | null>, everyMs = 1_000, t0 = Date.UTC(2026, 0, 1)): SimStep[] {
  return values.map((value, i) => ({ ts: t0 + i * everyMs, value }));
}
