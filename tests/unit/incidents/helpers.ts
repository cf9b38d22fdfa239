// Builders shared by the incident tests: a fixed start time, a context, and short ways to run
// commands and walk stages.
import { expect } from 'vitest';
import { OpsError } from '../../../src/shared/errors';
import type { Incident, IncidentCommand, Playbook } from '../../../src/shared/incidents';
import { DEFAULT_PLAYBOOK } from '../../../src/main/engine/incidents/default-playbook';
import { missingRequiredItems } from '../../../src/main/engine/incidents/playbook';
import { applyIncidentCommand } from '../../../src/main/engine/incidents/state-machine';

/** 2026-03-02 09:00 KST (00:00 UTC), a Monday. */
export const T0 = Date.UTC(2026, 2, 2, 0, 0);
export const MIN = 60_000;
export const HOUR = 60 * MIN;

export const ctx = (now: number, user = 'kim', playbook: Playbook = DEFAULT_PLAYBOOK) => ({ now, user, playbook });

export function apply(incident: Incident | null, command: IncidentCommand, now: number, user = 'kim'): Incident {
  return applyIncidentCommand(incident, command, ctx(now, user)).incident;
}

export function openIncident(overrides: Partial<Extract<IncidentCommand, { type: 'create' }>> = {}, now = T0): Incident {
  return apply(
    null,
    {
      type: 'create',
      id: 'inc-1',
      title: '결제 API 오류 증가',
      severity: 'SEV2',
      source: { kind: 'manual' },
      services: ['payments'],
      impact: '일부 고객의 카드 결제가 실패합니다.',
      ...overrides,
    },
    now,
  );
}

/** Ticks every required item of the current stage that is still open. */
export function completeStage(incident: Incident, now: number): Incident {
  let inc = incident;
  for (const item of missingRequiredItems(inc, DEFAULT_PLAYBOOK)) inc = apply(inc, { type: 'checkItem', itemId: item.id }, now);
  return inc;
}

/** Acknowledges and walks the incident to a stage index, ticking required items on the way. */
export function walkTo(incident: Incident, stageIndex: number, now: number): Incident {
  let inc = incident.acknowledgedAt === null ? apply(incident, { type: 'acknowledge' }, now) : incident;
  while (inc.stageIndex < stageIndex) inc = apply(completeStage(inc, now), { type: 'advanceStage' }, now);
  return inc;
}

/** Runs fn and returns the OpsError it throws (failing the test if it throws nothing else). */
export function opsErrorOf(fn: () => unknown): OpsError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(OpsError);
    return err as OpsError;
  }
  throw new Error('expected an OpsError, but nothing was thrown');
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
