import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { dueTimers, overdueTimers } from '../../../src/main/engine/incidents/timers';
import { DEFAULT_PLAYBOOK } from '../../../src/main/engine/incidents/default-playbook';
import { apply, MIN, openIncident, T0, walkTo } from './helpers';

const statusTimer = (inc: Parameters<typeof dueTimers>[0], now: number) => dueTimers(inc, DEFAULT_PLAYBOOK, now).find((t) => t.kind === 'status-update');

describe('status-update timer', () => {
  it('a SEV1 update falls due 30 minutes after acknowledgement and is overdue one moment later', () => {
    const clock = new FakeClock(T0);
    let inc = openIncident({ severity: 'SEV1' }, clock.now());
    clock.advance(2 * MIN);
    inc = apply(inc, { type: 'acknowledge' }, clock.now());

    clock.advance(30 * MIN - 1);
    expect(statusTimer(inc, clock.now())).toMatchObject({ dueAt: T0 + 32 * MIN, overdue: false, overdueByMs: 0 });
    clock.advance(1);
    expect(statusTimer(inc, clock.now())).toMatchObject({ overdue: false, overdueByMs: 0 }); // due now, not yet late
    clock.advance(1);
    expect(statusTimer(inc, clock.now())).toMatchObject({ overdue: true, overdueByMs: 1 });
    clock.advance(5 * MIN);
    expect(overdueTimers(inc, DEFAULT_PLAYBOOK, clock.now()).map((t) => [t.id, t.overdueByMs])).toEqual([['status-update', 5 * MIN + 1]]);
  });

  it('before acknowledgement the clock runs from creation', () => {
    const inc = openIncident({ severity: 'SEV2' });
    expect(statusTimer(inc, T0)?.dueAt).toBe(T0 + 60 * MIN);
  });

  it('posting an update restarts the clock', () => {
    let inc = apply(openIncident({ severity: 'SEV1' }), { type: 'acknowledge' }, T0);
    const late = T0 + 45 * MIN;
    expect(statusTimer(inc, late)?.overdue).toBe(true);
    inc = apply(inc, { type: 'postUpdate', audience: 'internal', message: '원인 파악 중' }, late);
    expect(statusTimer(inc, late)).toMatchObject({ dueAt: late + 30 * MIN, overdue: false });
    // A customer update counts too.
    inc = apply(inc, { type: 'postUpdate', audience: 'customer', message: '안내' }, late + 20 * MIN);
    expect(statusTimer(inc, late + 20 * MIN)?.dueAt).toBe(late + 50 * MIN);
  });

  it('the cadence follows the severity: SEV2 60, SEV3 120 minutes, SEV4 none', () => {
    const base = apply(openIncident({ severity: 'SEV2' }), { type: 'acknowledge' }, T0);
    expect(statusTimer(base, T0)?.dueAt).toBe(T0 + 60 * MIN);
    expect(statusTimer(apply(base, { type: 'setSeverity', severity: 'SEV3' }, T0), T0)?.dueAt).toBe(T0 + 120 * MIN);
    const sev4 = apply(base, { type: 'setSeverity', severity: 'SEV4' }, T0);
    expect(statusTimer(sev4, T0 + 24 * 60 * MIN)).toBeUndefined();
  });

  it('raising the severity can make an update overdue at once', () => {
    const inc = apply(openIncident({ severity: 'SEV3' }), { type: 'acknowledge' }, T0);
    const raised = apply(inc, { type: 'setSeverity', severity: 'SEV1' }, T0 + 40 * MIN);
    expect(statusTimer(raised, T0 + 40 * MIN)).toMatchObject({ overdue: true, overdueByMs: 10 * MIN });
  });

  it('a resolved incident has no running timers; reopening restarts the update clock', () => {
    let inc = apply(walkTo(openIncident({ severity: 'SEV1' }), 2, T0), { type: 'resolve' }, T0 + 10 * MIN);
    expect(dueTimers(inc, DEFAULT_PLAYBOOK, T0 + 5 * 60 * MIN)).toEqual([]);
    inc = apply(inc, { type: 'reopen', toStageId: 'announce-recover', reason: '재발' }, T0 + 5 * 60 * MIN);
    expect(statusTimer(inc, T0 + 5 * 60 * MIN)).toMatchObject({ dueAt: T0 + 5 * 60 * MIN + 30 * MIN, overdue: false });
  });
});

describe('acknowledge and checklist timers', () => {
  it('an unacknowledged SEV1 is overdue 5 minutes after detection, counted from the alert time', () => {
    const inc = openIncident({ severity: 'SEV1', detectedAt: T0 - 3 * MIN });
    const ack = dueTimers(inc, DEFAULT_PLAYBOOK, T0 + 2 * MIN + 1).find((t) => t.kind === 'acknowledge');
    expect(ack).toMatchObject({ dueAt: T0 + 2 * MIN, overdue: true, overdueByMs: 1 });
    const acked = apply(inc, { type: 'acknowledge' }, T0 + 3 * MIN);
    expect(dueTimers(acked, DEFAULT_PLAYBOOK, T0 + 3 * MIN).some((t) => t.kind === 'acknowledge')).toBe(false);
  });

  it('the first customer notice of a SEV1 is due 5 minutes into stage 3 and stops once posted', () => {
    let inc = walkTo(openIncident({ severity: 'SEV1' }), 2, T0 + 10 * MIN);
    const notice = () => dueTimers(inc, DEFAULT_PLAYBOOK, T0 + 16 * MIN).find((t) => t.id === 'first-customer-notice');
    expect(notice()).toMatchObject({ kind: 'checklist', itemId: 'customer-notice', dueAt: T0 + 15 * MIN, overdue: true, overdueByMs: MIN });
    inc = apply(inc, { type: 'postUpdate', audience: 'customer', message: '결제 장애 안내' }, T0 + 16 * MIN);
    expect(notice()).toBeUndefined();
  });

  it('timers come soonest first', () => {
    const inc = openIncident({ severity: 'SEV1' });
    expect(dueTimers(inc, DEFAULT_PLAYBOOK, T0).map((t) => t.kind)).toEqual(['acknowledge', 'status-update']);
  });
});
