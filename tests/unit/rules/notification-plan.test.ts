import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLAP_HISTORY, flapPercent } from '../../../src/main/engine/rules/flap-detection';
import { FRESH_MARK, planNotifications, type PlannerAlert } from '../../../src/main/engine/rules/notification-plan';
import { PLAN, rule, series, simulate, type SimStep } from './alert-sim';

const T0 = Date.UTC(2026, 0, 1);

function alert(id: string, patch: Partial<PlannerAlert> = {}): PlannerAlert {
  return { id, group: 'svc', severity: 'warning', state: 'firing', firingSince: T0, evaluations: 1, flapping: false, inhibitKey: `${id}|k`, suppressedBy: null, mark: FRESH_MARK, ...patch };
}

describe('the notification plan', () => {
  it('collects alerts of one service for the group wait, then sends them in one notification', () => {
    const plan = { ...PLAN, groupWaitMs: 30_000 };
    const first = planNotifications(T0, [alert('a')], new Map(), plan);
    expect(first.notifications).toEqual([]);
    expect(first.batches.get('svc')).toBe(T0);
    const later = planNotifications(T0 + 10_000, [alert('a'), alert('b')], first.batches, plan);
    expect(later.notifications).toEqual([]);
    const due = planNotifications(T0 + 30_000, [alert('a'), alert('b')], later.batches, plan);
    expect(due.notifications).toEqual([{ group: 'svc', event: 'firing', alertIds: ['a', 'b'], escalationLevel: 0 }]);
    expect(due.batches.has('svc')).toBe(false);
  });

  it('an alert that resolves within the group wait is never sent', () => {
    const plan = { ...PLAN, groupWaitMs: 30_000 };
    const run = simulate([...series([90, 90, 10], 10_000), ...series([10, 10], 10_000, T0 + 30_000)], rule(), plan);
    expect(run.sent).toEqual([]);
  });

  it('repeats a firing, unacknowledged alert every repeat interval, and never an acknowledged one', () => {
    const steps: SimStep[] = series(Array(10).fill(90), 3_600_000);
    const run = simulate(steps, rule());
    expect(run.sent.map((s) => s.event)).toEqual(['firing', 'escalated', 'repeat', 'repeat']);
    expect(run.sent.filter((s) => s.event === 'repeat').map((s) => (s.ts - T0) / 3_600_000)).toEqual([5, 9]);
    const acked = simulate(steps.map((s, i) => ({ ...s, acknowledge: i >= 0 })), rule());
    expect(acked.sent.map((s) => s.event)).toEqual([]);
    const ackedLater = simulate(steps.map((s, i) => ({ ...s, acknowledge: i >= 1 })), rule());
    expect(ackedLater.sent.map((s) => s.event)).toEqual(['firing', 'acknowledged']);
  });

  it('escalates an unacknowledged alert once per level after the escalation delay', () => {
    const plan = { ...PLAN, escalateAfterMs: 60_000, escalationLevels: 2 };
    const run = simulate(series(Array(8).fill(90), 30_000), rule(), plan);
    expect(run.sent.map((s) => [s.event, s.escalationLevel, (s.ts - T0) / 1000])).toEqual([
      ['firing', 0, 0],
      ['escalated', 1, 60],
      ['escalated', 2, 120],
    ]);
  });

  it('a more severe alert on the same series inhibits the milder one', () => {
    const warn = alert('w', { inhibitKey: 't|mem', severity: 'warning' });
    const crit = alert('c', { inhibitKey: 't|mem', severity: 'critical' });
    const r = planNotifications(T0, [warn, crit], new Map(), PLAN);
    expect(r.notifications.map((n) => n.alertIds)).toEqual([['c']]);
    expect(r.suppressed).toEqual([{ alertId: 'w', reason: 'inhibited' }]);
  });

  it('an unreachable target sends no new problem, but its recovery still goes out', () => {
    const fresh = planNotifications(T0, [alert('a', { suppressedBy: 'unreachable' })], new Map(), PLAN);
    expect(fresh.notifications).toEqual([]);
    const told = { ...FRESH_MARK, announced: 'firing' as const, lastAnnouncedAt: T0 };
    const recovered = planNotifications(T0 + 1, [alert('a', { state: 'inactive', suppressedBy: 'unreachable', mark: told })], new Map(), PLAN);
    expect(recovered.notifications.map((n) => n.event)).toEqual(['resolved']);
  });

  it('a firing alert in maintenance is told once the window is over, and one that ended inside it never', () => {
    const r = rule();
    const inside = simulate(series([90, 90, 10, 10]).map((s) => ({ ...s, maintenance: true })), r);
    expect(inside.sent).toEqual([]);
    const outlasting = simulate(series([90, 90, 90, 90]).map((s, i) => ({ ...s, maintenance: i < 2 })), r);
    expect(outlasting.sent.map((s) => [s.event, (s.ts - T0) / 1000])).toEqual([['firing', 2]]);
  });
});

/** Runs of the same raw state, each 1-4 readings long: a series that keeps changing. */
const flappingRuns = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 12, maxLength: 40 });
const ruleParams = fc.record({
  forMs: fc.constantFrom(0, 1_000, 2_000),
  recoverForMs: fc.constantFrom(0, 1_000, 3_000),
  keepFiringForMs: fc.constantFrom(0, 2_000),
  groupWaitMs: fc.constantFrom(0, 1_000, 5_000),
});

describe('properties of the plan over a fake clock', () => {
  it('a flapping series yields at most two notifications per flap window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), flappingRuns, ruleParams, (calm, runs, p) => {
        // A calm prefix (OK), then a segment whose every 21-reading window counts as flapping.
        const raw: boolean[] = Array(calm).fill(false);
        let state = true;
        for (const n of runs) {
          raw.push(...Array(n).fill(state));
          state = !state;
        }
        const segmentStart = calm;
        for (let end = segmentStart + FLAP_HISTORY; end <= raw.length; end++) fc.pre(flapPercent(raw.slice(end - FLAP_HISTORY, end)) > 30);
        fc.pre(raw.length - segmentStart >= FLAP_HISTORY);
        const r = rule({ forMs: p.forMs, recoverForMs: p.recoverForMs, keepFiringForMs: p.keepFiringForMs });
        const run = simulate(series(raw.map((b) => (b ? 95 : 10))), r, { ...PLAN, groupWaitMs: p.groupWaitMs });
        const inSegment = run.sent.filter((s) => s.ts >= T0 + segmentStart * 1_000);
        expect(inSegment.length).toBeLessThanOrEqual(2);
      }),
      { numRuns: 400 },
    );
  });

  it('no notification is ever sent during maintenance', () => {
    const step = fc.record({ value: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(null)), maintenance: fc.boolean(), acknowledge: fc.boolean() });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 120 }), ruleParams, fc.integer({ min: 1, max: 120 }), (steps, p, everySec) => {
        const r = rule({ forMs: p.forMs, recoverForMs: p.recoverForMs, keepFiringForMs: p.keepFiringForMs, noDataAfterMs: 5_000 });
        const plan = { ...PLAN, groupWaitMs: p.groupWaitMs, repeatIntervalMs: 60_000, escalateAfterMs: 30_000, escalationLevels: 2 };
        const run = simulate(steps.map((s, i) => ({ ...s, ts: T0 + i * everySec * 1_000 })), r, plan);
        expect(run.sent.filter((s) => s.maintenance)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('once a series settles, the last thing sent matches its state (nothing is lost by the holds)', () => {
    fc.assert(
      fc.property(flappingRuns, fc.boolean(), ruleParams, (runs, endsFiring, p) => {
        const raw: boolean[] = [];
        let state = true;
        for (const n of runs) {
          raw.push(...Array(n).fill(state));
          state = !state;
        }
        raw.push(...Array(3 * FLAP_HISTORY).fill(endsFiring));
        const r = rule({ forMs: p.forMs, recoverForMs: p.recoverForMs, keepFiringForMs: p.keepFiringForMs });
        const run = simulate(series(raw.map((b) => (b ? 95 : 10))), r, { ...PLAN, groupWaitMs: p.groupWaitMs });
        const told = run.sent.filter((s) => s.event === 'firing' || s.event === 'resolved').at(-1)?.event ?? 'resolved';
        expect(told).toBe(endsFiring ? 'firing' : 'resolved');
      }),
      { numRuns: 300 },
    );
  });
});
