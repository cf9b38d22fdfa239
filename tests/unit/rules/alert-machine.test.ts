import { describe, expect, it } from 'vitest';
import { INITIAL_MACHINE, stepAlert } from '../../../src/main/engine/rules/alert-machine';
import { above, rule, series, simulate } from './alert-sim';

const events = (values: Array<number | null>, r = rule(), every = 1_000) => simulate(series(values, every), r).sent.map((s) => s.event);

describe('the alert machine', () => {
  it('fires on the first breaching reading when the rule has no pending time', () => {
    expect(events([10, 90])).toEqual(['firing']);
  });

  it('stays pending for `for` and fires only once the condition held that long', () => {
    const r = rule({ forMs: 5_000 });
    const run = simulate(series([90, 90, 90, 90, 90]), r);
    expect(run.machine.phase).toBe('pending');
    expect(run.sent).toEqual([]);
    const longer = simulate(series([90, 90, 90, 90, 90, 90]), r);
    expect(longer.machine.phase).toBe('firing');
    expect(longer.sent.map((s) => s.event)).toEqual(['firing']);
  });

  it('a blip shorter than `for` goes back to OK and nobody is told', () => {
    expect(events([90, 90, 10, 90, 90, 10], rule({ forMs: 3_000 }))).toEqual([]);
  });

  it('does not resolve between the threshold and the recovery value (hysteresis)', () => {
    const r = rule({ condition: above(80, 70) });
    const run = simulate(series([90, 79, 75, 71, 72]), r);
    expect(run.machine.phase).toBe('firing');
    expect(events([90, 79, 75, 71, 69], r)).toEqual(['firing', 'resolved']);
  });

  it('resolves only after the value stayed recovered for the minimum recovery time', () => {
    const r = rule({ recoverForMs: 3_000 });
    expect(events([90, 10, 10, 10], r)).toEqual(['firing']);
    expect(events([90, 10, 10, 10, 10], r)).toEqual(['firing', 'resolved']);
    // A new breach restarts the recovery clock.
    expect(events([90, 10, 10, 90, 10, 10, 10], r)).toEqual(['firing']);
  });

  it('keeps firing for keep-firing-for after the condition was last met', () => {
    const r = rule({ keepFiringForMs: 4_000 });
    expect(events([90, 10, 10, 10], r)).toEqual(['firing']);
    expect(events([90, 10, 10, 10, 10], r)).toEqual(['firing', 'resolved']);
  });

  it('a missing reading never resolves a firing alert; a long gap makes it UNKNOWN, never OK', () => {
    const r = rule({ noDataAfterMs: 3_000 });
    const run = simulate(series([90, null, null]), r);
    expect(run.machine.phase).toBe('firing');
    const gap = simulate(series([90, null, null, null, null]), r);
    expect(gap.machine.phase).toBe('unknown');
    expect(gap.sent.map((s) => s.event)).toEqual(['firing', 'unknown']);
    // Data back and recovered: resolved.
    expect(events([90, null, null, null, null, 10], r)).toEqual(['firing', 'unknown', 'resolved']);
    expect(events([90, null, null, null, null, 95], r)).toEqual(['firing', 'unknown', 'firing']);
  });

  it('a missing reading never starts or completes a pending period on its own', () => {
    const r = rule({ forMs: 2_000 });
    const run = simulate(series([90, null, null, null]), r);
    expect(run.machine.phase).toBe('pending');
    expect(run.sent).toEqual([]);
  });

  it('below-thresholds work the other way round', () => {
    const r = rule({ condition: { kind: 'threshold', direction: 'below', threshold: 90, recovery: 95 } });
    expect(events([99, 80, 93, 96], r)).toEqual(['firing', 'resolved']);
  });

  it('nodata rules fire while the target has no data and resolve when data comes back', () => {
    const r = rule({ condition: { kind: 'nodata' }, forMs: 2_000 });
    expect(events([0, 1, 1, 1, 0], r)).toEqual(['firing', 'resolved']);
  });

  it('unusual rules learn the usual level first, then fire on a reading far from it', () => {
    const r = rule({ condition: { kind: 'unusual', deviations: 3, halfLifeMs: 3_600_000, warmupSamples: 10 } });
    const usual = Array.from({ length: 30 }, (_, i) => 50 + (i % 2 ? 1 : -1));
    expect(events([...usual, 51, 49], r)).toEqual([]);
    expect(events([...usual, 80], r)).toEqual(['firing']);
  });

  it('ignores readings older than the last one (a restart replaying a snapshot)', () => {
    const first = stepAlert(INITIAL_MACHINE, { ts: 2_000, value: 90 }, rule());
    const old = stepAlert(first.state, { ts: 1_000, value: 10 }, rule());
    expect(old.state).toBe(first.state);
    expect(old.transitions).toEqual([]);
  });
});
