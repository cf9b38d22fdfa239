// Property-based checks of the stage machine: any sequence of commands, valid or not, from any
// user at any (even backwards-stepping) time, keeps the incident's invariants. Refused commands
// throw an OpsError with a known code and change nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OpsError } from '../../../src/shared/errors';
import {
  AUDIENCES,
  INCIDENT_ERROR_CODES,
  INCIDENT_LANGS,
  INCIDENT_ROLES,
  IncidentSchema,
  SEVERITIES,
  type Incident,
  type IncidentCommand,
} from '../../../src/shared/incidents';
import { DEFAULT_PLAYBOOK } from '../../../src/main/engine/incidents/default-playbook';
import { missingRequiredItems } from '../../../src/main/engine/incidents/playbook';
import { applyIncidentCommand } from '../../../src/main/engine/incidents/state-machine';
import { composeMessage } from '../../../src/main/engine/incidents/templates';
import { dueTimers } from '../../../src/main/engine/incidents/timers';
import { deepFreeze, MIN, openIncident, T0 } from './helpers';

const PB = DEFAULT_PLAYBOOK;
const ITEM_IDS = PB.stages.flatMap((s) => s.checklist.map((i) => i.id));
const STAGE_IDS = PB.stages.map((s) => s.id);
const REQUIRED = new Set(PB.stages.flatMap((s) => s.checklist.filter((i) => i.required).map((i) => i.id)));
const KNOWN_CODES: ReadonlySet<string> = new Set(INCIDENT_ERROR_CODES);

const person = fc.constantFrom('kim', 'lee', 'park');
const itemId = fc.constantFrom(...ITEM_IDS, 'no-such-item');
const maybeReason = fc.option(fc.constantFrom('', '   ', '원인 미상, 다음 단계에서 확인', 'vendor confirmed'), { nil: undefined });

/** 'complete' ticks the current stage's open required items: it steers runs towards the end. */
type Step = { cmd: IncidentCommand | { type: 'complete' }; dt: number; user: string };

const command: fc.Arbitrary<Step['cmd']> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ type: 'complete' as const }) },
  { weight: 6, arbitrary: fc.constant({ type: 'advanceStage' as const }) },
  { weight: 4, arbitrary: fc.constant({ type: 'acknowledge' as const }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('setSeverity' as const), severity: fc.constantFrom(...SEVERITIES), reason: maybeReason }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('assignRole' as const), role: fc.constantFrom(...INCIDENT_ROLES), person }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('releaseRole' as const), role: fc.constantFrom(...INCIDENT_ROLES), person }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('checkItem' as const), itemId }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('skipItem' as const), itemId, reason: maybeReason }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('uncheckItem' as const), itemId, reason: maybeReason }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('addNote' as const), text: fc.string({ maxLength: 20 }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('postUpdate' as const), audience: fc.constantFrom(...AUDIENCES), message: fc.constantFrom('', '진행 중', 'update {{impact}}') }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('setField' as const), fieldId: fc.constantFrom('suspectedCause', 'dataLoss', 'severity', 'nope'), value: fc.constantFrom('', '설정 오류') }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('updateDetails' as const), impact: fc.option(fc.constantFrom('결제 실패', ''), { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.constant({ type: 'markRecoveryStarted' as const }) },
  { weight: 2, arbitrary: fc.constant({ type: 'resolve' as const }) },
  { weight: 2, arbitrary: fc.constant({ type: 'close' as const }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('reopen' as const), toStageId: fc.constantFrom(...STAGE_IDS, 'nowhere'), reason: fc.constantFrom('', '재발') }) },
);

// Mostly forward in time, sometimes backwards (a corrected system clock).
const step: fc.Arbitrary<Step> = fc.record({ cmd: command, dt: fc.integer({ min: -5 * MIN, max: 40 * MIN }), user: person });

function expand(cmd: Step['cmd'], incident: Incident): IncidentCommand[] {
  if (cmd.type !== 'complete') return [cmd];
  return missingRequiredItems(incident, PB).map((i) => ({ type: 'checkItem' as const, itemId: i.id }));
}

/** Fails the property with a message (cheaper than expect() in a hot loop). */
function must(ok: boolean, what: string): void {
  if (!ok) throw new Error(`invariant broken: ${what}`);
}

function checkInvariants(prev: Incident, next: Incident, now: number): void {
  // Append-only: the old entries are the very same objects, in place; new ones follow in order.
  must(next.timeline.length > prev.timeline.length, 'every change adds a timeline entry');
  prev.timeline.forEach((e, i) => must(next.timeline[i] === e, `entry ${i + 1} is untouched`));
  for (let i = prev.timeline.length; i < next.timeline.length; i++) {
    const e = next.timeline[i]!;
    must(e.seq === i + 1, 'entries are numbered in order');
    must(e.user.trim() !== '', 'every entry names its user');
    must(i === 0 || e.ts >= next.timeline[i - 1]!.ts, 'the timeline is in time order');
  }
  must(next.revision === prev.revision + 1, 'the revision goes up by one');

  must(next.stageIndex >= 0 && next.stageIndex < PB.stages.length, 'the stage index is in range');
  must(next.acknowledgedAt === null || next.acknowledgedAt >= next.detectedAt, 'acknowledgedAt >= detectedAt');
  must(next.resolvedAt === null || next.resolvedAt >= next.detectedAt, 'resolvedAt >= detectedAt');
  must(next.closedAt === null || (next.resolvedAt !== null && next.closedAt >= next.resolvedAt), 'closedAt >= resolvedAt');
  must((next.status === 'active') === (next.resolvedAt === null), 'active exactly when not resolved');
  must((next.status === 'closed') === (next.closedAt !== null), 'closed exactly when closedAt is set');

  for (const [id, state] of Object.entries(next.checklist)) {
    must(ITEM_IDS.includes(id), `checklist item ${id} is in the playbook`);
    must(state.state !== 'skipped' || !REQUIRED.has(id) || !!state.reason?.trim(), `skipped required item ${id} has a reason`);
  }
  for (const t of dueTimers(next, PB, now)) must(t.overdue === t.overdueByMs > 0, 'overdue means late by more than 0 ms');
  must(next.status === 'active' || dueTimers(next, PB, now).length === 0, 'only an active incident has running timers');
}

describe('stage machine properties', () => {
  const reached = { closed: 0, reopened: 0, lastStage: 0, refused: 0 };

  it('any sequence of commands keeps the invariants, and refusals change nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEVERITIES), fc.array(step, { minLength: 1, maxLength: 80, size: 'max' }), (severity, steps) => {
        let incident = deepFreeze(openIncident({ severity, detectedAt: T0 - 2 * MIN }, T0));
        let now = T0;
        for (const s of steps) {
          now = Math.max(0, now + s.dt);
          for (const cmd of expand(s.cmd, incident)) {
            // The incident is deep-frozen: any attempt to change it throws a TypeError and fails the run.
            try {
              const { incident: next, timelineEntries } = applyIncidentCommand(incident, cmd, { now, user: s.user, playbook: PB });
              checkInvariants(incident, next, now);
              must(next.timeline.length - incident.timeline.length === timelineEntries.length, 'timelineEntries are the appended entries');
              incident = deepFreeze(next);
            } catch (err) {
              if (!(err instanceof OpsError)) throw err;
              must(KNOWN_CODES.has(err.code), `refusal code ${err.code} is a documented one`);
              reached.refused++;
            }
          }
        }
        // Still valid plain data after JSON (what the store and IPC will do with it).
        expect(IncidentSchema.parse(JSON.parse(JSON.stringify(incident)))).toEqual(incident);
        if (incident.status === 'closed') reached.closed++;
        if (incident.reopenCount > 0) reached.reopened++;
        if (incident.stageIndex === PB.stages.length - 1) reached.lastStage++;
        // Composing any template never throws, whatever state the incident is in.
        for (const t of PB.templates) for (const lang of INCIDENT_LANGS) composeMessage(incident, PB, t.id, { lang, now });
      }),
      { numRuns: 300 },
    );
    // The generator is only useful if runs get deep into the playbook.
    expect(reached.lastStage).toBeGreaterThan(10);
    expect(reached.closed).toBeGreaterThan(0);
    expect(reached.reopened).toBeGreaterThan(10);
    expect(reached.refused).toBeGreaterThan(100);
  }, 30_000);
});
