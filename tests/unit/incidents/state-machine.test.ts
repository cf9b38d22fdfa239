import { describe, expect, it } from 'vitest';
import { emptyHostMetrics, type HostSnapshot } from '../../../src/shared/model';
import { parseIncidentCommand, type Incident } from '../../../src/shared/incidents';
import { DEFAULT_PLAYBOOK } from '../../../src/main/engine/incidents/default-playbook';
import { draftFromHostSnapshot } from '../../../src/main/engine/incidents/drafts';
import { applyIncidentCommand, applyIncidentCommands } from '../../../src/main/engine/incidents/state-machine';
import { apply, completeStage, ctx, deepFreeze, HOUR, MIN, openIncident, opsErrorOf, T0, walkTo } from './helpers';

const LAST_STAGE = DEFAULT_PLAYBOOK.stages.length - 1;

describe('starting an incident', () => {
  it('an incident opened by hand starts at stage 1, active, with one timeline entry by its author', () => {
    const inc = openIncident();
    expect(inc).toMatchObject({ id: 'inc-1', status: 'active', stageIndex: 0, severity: 'SEV2', detectedAt: T0, createdAt: T0, createdBy: 'kim', revision: 1 });
    expect(inc.acknowledgedAt).toBeNull();
    expect(inc.timeline).toEqual([
      { seq: 1, ts: T0, user: 'kim', kind: 'created', title: '결제 API 오류 증가', severity: 'SEV2', source: { kind: 'manual' }, snapshot: null },
    ]);
  });

  it('an incident started from a threshold breach carries the host, the metrics and the time the breach was seen', () => {
    const snapshot: HostSnapshot = {
      targetId: 'web-1',
      ts: T0 - 3 * MIN,
      metrics: { ...emptyHostMetrics(), 'cpu.usage': 97.26, 'mem.used': 40 },
      filesystems: [{ mount: '/var', device: '/dev/sda2', fsType: 'ext4', sizeBytes: 100, usedBytes: 91, usedPercent: 91 }],
      health: {},
      status: 'crit',
      reasons: [
        { code: 'THRESHOLD', metric: 'cpu.usage', value: 97.26, threshold: 95, status: 'crit' },
        { code: 'THRESHOLD', metric: 'fs.used:/var', value: 91, threshold: 85, status: 'warn' },
      ],
      facts: { hostname: 'web-1', os: null, kernel: null, arch: null },
    };
    const command = draftFromHostSnapshot(snapshot, { id: 'inc-7', hostName: 'web-1 (결제)' });
    expect(command).toMatchObject({ title: 'web-1 (결제): cpu.usage 97.3 ≥ 95', severity: 'SEV3', detectedAt: T0 - 3 * MIN });
    const inc = apply(null, command, T0);
    expect(inc.hosts).toEqual(['web-1']);
    expect(inc.source).toEqual({ kind: 'threshold', targetId: 'web-1', metric: 'cpu.usage', value: 97.26, threshold: 95, status: 'crit' });
    expect(inc.detectedAt).toBe(T0 - 3 * MIN);
    const created = inc.timeline[0]!;
    expect(created.kind === 'created' && created.snapshot?.metrics).toMatchObject({ 'cpu.usage': 97.26, 'mem.used': 40, 'fs.used:/var': 91, 'disk.used': null });
  });

  it('a host or service source is added to the incident hosts or services', () => {
    expect(openIncident({ source: { kind: 'host', targetId: 'db-1' }, hosts: ['web-1'] }).hosts).toEqual(['db-1', 'web-1']);
    expect(openIncident({ source: { kind: 'service', serviceId: 'login' }, services: [] }).services).toEqual(['login']);
  });

  it('refuses a detection time in the future, a second create, and commands without an incident', () => {
    expect(opsErrorOf(() => openIncident({ detectedAt: T0 + 1 })).code).toBe('INVALID_COMMAND');
    expect(opsErrorOf(() => apply(openIncident(), { type: 'create', id: 'x', title: 't', severity: 'SEV1', source: { kind: 'manual' } }, T0)).code).toBe(
      'INCIDENT_EXISTS',
    );
    expect(opsErrorOf(() => apply(null, { type: 'acknowledge' }, T0)).code).toBe('NOT_FOUND');
  });

  it('refuses a change without the name of the person making it', () => {
    expect(opsErrorOf(() => applyIncidentCommand(openIncident(), { type: 'acknowledge' }, ctx(T0, '  '))).code).toBe('INVALID_ARGUMENT');
  });

  it('a malformed command is refused with INVALID_COMMAND naming the path', () => {
    const err = opsErrorOf(() => parseIncidentCommand({ type: 'setSeverity', severity: 'SEV9' }));
    expect(err.code).toBe('INVALID_COMMAND');
    expect(err.message).toContain('severity');
    expect(opsErrorOf(() => parseIncidentCommand({ type: 'explode' })).code).toBe('INVALID_COMMAND');
  });
});

describe('acknowledging and roles', () => {
  it('acknowledging records the time once and ticks the linked checklist item automatically', () => {
    const inc = apply(openIncident(), { type: 'acknowledge' }, T0 + 4 * MIN, 'lee');
    expect(inc.acknowledgedAt).toBe(T0 + 4 * MIN);
    expect(inc.checklist['take-ownership']).toEqual({ state: 'done', at: T0 + 4 * MIN, by: 'lee', reason: null, auto: true });
    expect(inc.timeline.slice(1).map((e) => e.kind)).toEqual(['acknowledged', 'item-checked']);
    expect(opsErrorOf(() => apply(inc, { type: 'acknowledge' }, T0 + 5 * MIN)).code).toBe('ALREADY_ACKNOWLEDGED');
  });

  it('a new commander is a handoff that names the previous one; resolvers are a list', () => {
    let inc = apply(openIncident(), { type: 'assignRole', role: 'commander', person: 'park' }, T0);
    inc = apply(inc, { type: 'assignRole', role: 'commander', person: 'choi' }, T0 + MIN);
    expect(inc.roles.commander).toBe('choi');
    expect(inc.timeline.at(-1)).toMatchObject({ kind: 'role-assigned', role: 'commander', person: 'choi', previous: 'park' });
    inc = apply(inc, { type: 'assignRole', role: 'resolver', person: 'han' }, T0 + MIN);
    inc = apply(inc, { type: 'assignRole', role: 'resolver', person: 'jung' }, T0 + MIN);
    expect(inc.roles.resolvers).toEqual(['han', 'jung']);
    inc = apply(inc, { type: 'releaseRole', role: 'resolver', person: 'han' }, T0 + 2 * MIN);
    expect(inc.roles.resolvers).toEqual(['jung']);
    expect(opsErrorOf(() => apply(inc, { type: 'assignRole', role: 'commander', person: 'choi' }, T0)).code).toBe('NO_CHANGE');
    expect(opsErrorOf(() => apply(inc, { type: 'releaseRole', role: 'scribe', person: 'choi' }, T0)).code).toBe('ROLE_NOT_HELD');
  });

  it('a severity change records both levels and the reason', () => {
    const inc = apply(openIncident(), { type: 'setSeverity', severity: 'SEV1', reason: '전체 고객 결제 불가' }, T0 + MIN);
    expect(inc.severity).toBe('SEV1');
    expect(inc.timeline.at(-1)).toMatchObject({ kind: 'severity-changed', from: 'SEV2', to: 'SEV1', reason: '전체 고객 결제 불가' });
    expect(opsErrorOf(() => apply(inc, { type: 'setSeverity', severity: 'SEV1' }, T0)).code).toBe('NO_CHANGE');
  });
});

describe('checklists and stages', () => {
  const acked = () => apply(openIncident(), { type: 'acknowledge' }, T0 + MIN);

  it('advancing is blocked while required items are open, and the error lists exactly those items', () => {
    const err = opsErrorOf(() => apply(acked(), { type: 'advanceStage' }, T0 + 2 * MIN));
    expect(err.code).toBe('STAGE_INCOMPLETE');
    for (const id of ['confirm-symptom', 'estimate-impact', 'first-cause', 'set-severity']) expect(err.message).toContain(id);
    expect(err.message).not.toContain('take-ownership'); // ticked by the acknowledgement
    expect(err.message).not.toContain('attach-evidence'); // optional
  });

  it('advancing needs an acknowledgement even when the checklist is done', () => {
    const inc = completeStage(openIncident(), T0);
    expect(opsErrorOf(() => apply(inc, { type: 'advanceStage' }, T0)).code).toBe('NOT_ACKNOWLEDGED');
  });

  it('a required item can be skipped only with a written reason', () => {
    const inc = acked();
    expect(opsErrorOf(() => apply(inc, { type: 'skipItem', itemId: 'first-cause' }, T0 + 2 * MIN)).code).toBe('REASON_REQUIRED');
    expect(opsErrorOf(() => apply(inc, { type: 'skipItem', itemId: 'first-cause', reason: '   ' }, T0 + 2 * MIN)).code).toBe('REASON_REQUIRED');
    const skipped = apply(inc, { type: 'skipItem', itemId: 'first-cause', reason: '  최근 변경 없음, 원인 분석은 2단계에서  ' }, T0 + 2 * MIN);
    expect(skipped.checklist['first-cause']).toMatchObject({ state: 'skipped', reason: '최근 변경 없음, 원인 분석은 2단계에서' });
    expect(skipped.timeline.at(-1)).toMatchObject({ kind: 'item-skipped', stageId: 'detect-assess', itemId: 'first-cause', reason: '최근 변경 없음, 원인 분석은 2단계에서' });
  });

  it('an optional item can be skipped without a reason', () => {
    const inc = apply(acked(), { type: 'skipItem', itemId: 'attach-evidence' }, T0 + 2 * MIN);
    expect(inc.checklist['attach-evidence']).toMatchObject({ state: 'skipped', reason: null });
  });

  it('skipped required items count as settled, so the stage can advance', () => {
    let inc = acked();
    inc = apply(inc, { type: 'skipItem', itemId: 'first-cause', reason: '원인 미상' }, T0 + 2 * MIN);
    inc = completeStage(inc, T0 + 3 * MIN);
    inc = apply(inc, { type: 'advanceStage' }, T0 + 4 * MIN);
    expect(inc.stageIndex).toBe(1);
    expect(inc.stageEnteredAt).toBe(T0 + 4 * MIN);
    expect(inc.timeline.at(-1)).toMatchObject({ kind: 'stage-advanced', from: 'detect-assess', to: 'announce-recover' });
  });

  it('an item cannot be done twice; a skipped item can still be done; an unknown item is refused', () => {
    let inc = apply(acked(), { type: 'checkItem', itemId: 'confirm-symptom', note: '5xx 비율 12%' }, T0 + 2 * MIN);
    expect(opsErrorOf(() => apply(inc, { type: 'checkItem', itemId: 'confirm-symptom' }, T0)).code).toBe('ITEM_ALREADY_DONE');
    expect(opsErrorOf(() => apply(inc, { type: 'skipItem', itemId: 'confirm-symptom', reason: 'x' }, T0)).code).toBe('ITEM_ALREADY_DONE');
    inc = apply(inc, { type: 'skipItem', itemId: 'attach-evidence' }, T0 + 2 * MIN);
    inc = apply(inc, { type: 'checkItem', itemId: 'attach-evidence' }, T0 + 3 * MIN);
    expect(inc.checklist['attach-evidence']?.state).toBe('done');
    expect(opsErrorOf(() => apply(inc, { type: 'checkItem', itemId: 'no-such-item' }, T0)).code).toBe('UNKNOWN_ITEM');
  });

  it('unchecking an item reopens it and blocks the stage again', () => {
    let inc = completeStage(acked(), T0 + 2 * MIN);
    inc = apply(inc, { type: 'uncheckItem', itemId: 'estimate-impact', reason: '영향 범위 다시 추정' }, T0 + 3 * MIN);
    expect(inc.checklist['estimate-impact']).toBeUndefined();
    expect(opsErrorOf(() => apply(inc, { type: 'advanceStage' }, T0 + 4 * MIN)).message).toContain('estimate-impact');
    expect(opsErrorOf(() => apply(inc, { type: 'uncheckItem', itemId: 'estimate-impact' }, T0)).code).toBe('ITEM_NOT_DONE');
  });

  it('events tick their linked items: an internal update, the start of recovery, a customer update', () => {
    let inc = walkTo(openIncident(), 1, T0 + MIN);
    inc = apply(inc, { type: 'postUpdate', audience: 'internal', message: '사내 전파 공지 발송' }, T0 + 5 * MIN);
    inc = apply(inc, { type: 'markRecoveryStarted', note: '결제 서버 재시작' }, T0 + 6 * MIN);
    inc = apply(inc, { type: 'postUpdate', audience: 'customer', message: '결제 장애 안내', phase: 'investigating' }, T0 + 7 * MIN);
    expect(inc.checklist['company-notice']?.auto).toBe(true);
    expect(inc.checklist['start-recovery']).toMatchObject({ state: 'done', at: T0 + 6 * MIN, auto: true });
    expect(inc.checklist['customer-notice']?.auto).toBe(true);
    expect(inc.recoveryStartedAt).toBe(T0 + 6 * MIN);
    expect(inc.lastStatusUpdateAt).toBe(T0 + 7 * MIN);
    expect(opsErrorOf(() => apply(inc, { type: 'markRecoveryStarted' }, T0)).code).toBe('RECOVERY_ALREADY_STARTED');
    expect(opsErrorOf(() => apply(inc, { type: 'postUpdate', audience: 'internal', message: ' ' }, T0)).code).toBe('INVALID_COMMAND');
  });

  it('the last stage has no next stage', () => {
    const inc = completeStage(walkTo(openIncident(), LAST_STAGE, T0), T0);
    expect(opsErrorOf(() => apply(inc, { type: 'advanceStage' }, T0)).code).toBe('NO_NEXT_STAGE');
  });
});

describe('details and share fields', () => {
  it('a playbook field is set and cleared; record values are read-only here; unknown fields are refused', () => {
    let inc = apply(openIncident(), { type: 'setField', fieldId: 'suspectedCause', value: '09:20 배포된 결제 모듈' }, T0 + MIN);
    expect(inc.fields).toEqual({ suspectedCause: '09:20 배포된 결제 모듈' });
    inc = apply(inc, { type: 'setField', fieldId: 'suspectedCause', value: '' }, T0 + 2 * MIN);
    expect(inc.fields).toEqual({});
    expect(opsErrorOf(() => apply(inc, { type: 'setField', fieldId: 'severity', value: 'SEV1' }, T0)).code).toBe('FIELD_READ_ONLY');
    expect(opsErrorOf(() => apply(inc, { type: 'setField', fieldId: 'favouriteColour', value: 'x' }, T0)).code).toBe('UNKNOWN_FIELD');
  });

  it('a details change records each changed field with its old and new value', () => {
    const inc = apply(openIncident(), { type: 'updateDetails', impact: '모든 카드 결제가 실패합니다.', services: ['payments', 'checkout'], title: '결제 API 오류 증가' }, T0 + MIN);
    expect(inc.timeline.at(-1)).toMatchObject({
      kind: 'details-updated',
      changes: [
        { field: 'impact', from: '일부 고객의 카드 결제가 실패합니다.', to: '모든 카드 결제가 실패합니다.' },
        { field: 'services', from: 'payments', to: 'payments, checkout' },
      ],
    });
    expect(opsErrorOf(() => apply(inc, { type: 'updateDetails', title: '결제 API 오류 증가' }, T0)).code).toBe('NO_CHANGE');
  });
});

describe('resolving, closing and reopening', () => {
  function resolvedAtLastStage(): Incident {
    let inc = walkTo(openIncident(), LAST_STAGE, T0 + 5 * MIN);
    inc = apply(inc, { type: 'resolve', note: '결제 모듈 롤백 후 정상' }, T0 + HOUR);
    return inc;
  }

  it('resolving records the time, ticks "confirm normal operation" and refuses to resolve twice', () => {
    const inc = resolvedAtLastStage();
    expect(inc).toMatchObject({ status: 'resolved', resolvedAt: T0 + HOUR });
    expect(inc.checklist['confirm-normal']?.auto).toBe(true);
    expect(opsErrorOf(() => apply(inc, { type: 'resolve' }, T0 + HOUR)).code).toBe('ALREADY_RESOLVED');
    expect(opsErrorOf(() => apply(inc, { type: 'markRecoveryStarted' }, T0 + HOUR)).code).toBe('ALREADY_RESOLVED');
  });

  it('post-incident work goes on after resolving; closing needs the last stage complete', () => {
    let inc = resolvedAtLastStage();
    expect(opsErrorOf(() => apply(inc, { type: 'close' }, T0 + 2 * HOUR)).code).toBe('STAGE_INCOMPLETE');
    inc = completeStage(inc, T0 + 2 * HOUR);
    inc = apply(inc, { type: 'close' }, T0 + 3 * HOUR);
    expect(inc).toMatchObject({ status: 'closed', closedAt: T0 + 3 * HOUR });
    expect(opsErrorOf(() => apply(inc, { type: 'checkItem', itemId: 'attach-evidence' }, T0 + 3 * HOUR)).code).toBe('INCIDENT_CLOSED');
    expect(apply(inc, { type: 'addNote', text: '회고 자료 링크 추가' }, T0 + 4 * HOUR).timeline.at(-1)?.kind).toBe('note');
  });

  it('an active incident cannot be closed, and a resolved one is not closed before its last stage', () => {
    const active = walkTo(openIncident(), 1, T0);
    expect(opsErrorOf(() => apply(active, { type: 'close' }, T0)).code).toBe('NOT_RESOLVED');
    const early = apply(active, { type: 'resolve' }, T0 + MIN);
    expect(opsErrorOf(() => apply(early, { type: 'close' }, T0 + MIN)).message).toContain('last stage');
  });

  it("a later stage's item cannot be ticked or skipped by hand before the incident reaches it; events still tick it", () => {
    const inc = apply(openIncident(), { type: 'acknowledge' }, T0);
    const refused = opsErrorOf(() => apply(inc, { type: 'checkItem', itemId: 'root-cause' }, T0));
    expect(refused.code).toBe('ITEM_NOT_REACHED');
    expect(refused.data).toEqual({ stage: 4 });
    expect(opsErrorOf(() => apply(inc, { type: 'skipItem', itemId: 'root-cause', reason: '나중에' }, T0)).code).toBe('ITEM_NOT_REACHED');
    // Resolving in stage 1 is real (a quick fix); it ticks stage 4's "confirm normal operation" itself.
    const resolved = apply(inc, { type: 'resolve' }, T0 + MIN);
    expect(resolved.checklist['confirm-normal']).toMatchObject({ state: 'done', auto: true });
  });

  it('reopening needs a reason and a stage the incident has reached', () => {
    const inc = resolvedAtLastStage();
    expect(opsErrorOf(() => apply(inc, { type: 'reopen', toStageId: 'announce-recover', reason: '' }, T0 + 2 * HOUR)).code).toBe('REASON_REQUIRED');
    expect(opsErrorOf(() => apply(inc, { type: 'reopen', toStageId: 'nowhere', reason: '재발' }, T0 + 2 * HOUR)).code).toBe('UNKNOWN_STAGE');
    const early = walkTo(openIncident(), 1, T0);
    expect(opsErrorOf(() => apply(early, { type: 'reopen', toStageId: 'recover-review', reason: '재발' }, T0)).code).toBe('STAGE_NOT_REACHED');
    expect(opsErrorOf(() => apply(early, { type: 'reopen', toStageId: 'announce-recover', reason: '재발' }, T0)).code).toBe('NO_CHANGE');
  });

  it('reopening a closed incident goes back to the chosen stage, clears that stage on, and keeps the history', () => {
    let inc = completeStage(resolvedAtLastStage(), T0 + 2 * HOUR);
    inc = apply(inc, { type: 'close' }, T0 + 2 * HOUR);
    const before = inc.timeline;
    inc = apply(inc, { type: 'reopen', toStageId: 'announce-recover', reason: '같은 오류가 다시 발생' }, T0 + 5 * HOUR, 'park');
    expect(inc).toMatchObject({ status: 'active', stageIndex: 1, resolvedAt: null, closedAt: null, reopenCount: 1, lastReopenedAt: T0 + 5 * HOUR, stageEnteredAt: T0 + 5 * HOUR });
    expect(inc.timeline.slice(0, before.length)).toEqual(before);
    expect(inc.timeline.at(-1)).toMatchObject({ kind: 'reopened', fromStatus: 'closed', fromStage: 'recover-review', toStage: 'announce-recover', reason: '같은 오류가 다시 발생', user: 'park' });
    // Stage 1 stays done; stages 2-4 are walked again.
    expect(inc.checklist['confirm-symptom']?.state).toBe('done');
    for (const stage of DEFAULT_PLAYBOOK.stages.slice(1)) for (const item of stage.checklist) expect(inc.checklist[item.id]).toBeUndefined();
    // Detection and first recovery keep their times; the next resolution is a new one.
    expect(inc.detectedAt).toBe(T0);
    inc = apply(inc, { type: 'resolve' }, T0 + 6 * HOUR);
    expect(inc.resolvedAt).toBe(T0 + 6 * HOUR);
  });

  it('an active incident can go back a stage', () => {
    const inc = apply(walkTo(openIncident(), 2, T0), { type: 'reopen', toStageId: 'detect-assess', reason: '영향 범위가 더 넓음' }, T0 + MIN);
    expect(inc.stageIndex).toBe(0);
    expect(inc.checklist['confirm-symptom']).toBeUndefined();
    expect(inc.acknowledgedAt).toBe(T0);
  });
});

describe('the timeline', () => {
  it('every change appends entries with a time and a user, numbered in order, and bumps the revision', () => {
    const result = applyIncidentCommand(openIncident(), { type: 'acknowledge' }, ctx(T0 + MIN, 'lee'));
    expect(result.timelineEntries.map((e) => [e.seq, e.ts, e.user, e.kind])).toEqual([
      [2, T0 + MIN, 'lee', 'acknowledged'],
      [3, T0 + MIN, 'lee', 'item-checked'],
    ]);
    expect(result.incident.timeline.slice(1)).toEqual(result.timelineEntries);
    expect(result.incident.revision).toBe(2);
  });

  it('a clock that steps back never puts an entry before the previous one', () => {
    const inc = apply(openIncident(), { type: 'addNote', text: '시계가 뒤로 감' }, T0 - 10 * MIN);
    expect(inc.timeline.at(-1)?.ts).toBe(T0);
  });

  it('never changes the incident it was given', () => {
    const inc = deepFreeze(walkTo(openIncident(), 1, T0));
    const copy = structuredClone(inc);
    applyIncidentCommand(inc, { type: 'checkItem', itemId: 'assign-roles' }, ctx(T0 + MIN));
    applyIncidentCommand(inc, { type: 'reopen', toStageId: 'detect-assess', reason: 'x' }, ctx(T0 + MIN));
    expect(inc).toEqual(copy);
  });

  it('a recorded list of commands replays to the same incident', () => {
    const c = ctx(T0);
    const replayed = applyIncidentCommands(
      null,
      [
        { type: 'create', id: 'inc-2', title: '로그인 지연', severity: 'SEV3', source: { kind: 'manual' } },
        { type: 'acknowledge' },
        { type: 'addNote', text: '확인 중' },
      ],
      c,
    );
    expect(replayed.timeline.map((e) => e.kind)).toEqual(['created', 'acknowledged', 'item-checked', 'note']);
    expect(replayed.revision).toBe(3);
  });
});
