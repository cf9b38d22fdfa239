import { describe, expect, it } from 'vitest';
import { FLAP_HISTORY, flapPercent, NO_FLAPS, recordState } from '../../../src/main/engine/rules/flap-detection';

describe('flap detection (Icinga)', () => {
  it('a steady state has no changes; a state that changes every check is 100 %', () => {
    expect(flapPercent(Array(FLAP_HISTORY).fill(true))).toBe(0);
    const alternating = Array.from({ length: FLAP_HISTORY }, (_, i) => i % 2 === 0);
    expect(flapPercent(alternating)).toBeCloseTo(100, 6);
  });

  it('weighs newer changes more than older ones (0.8 to 1.2)', () => {
    const oldChange = [true, false, ...Array(FLAP_HISTORY - 2).fill(false)];
    const newChange = [...Array(FLAP_HISTORY - 1).fill(true), false];
    expect(flapPercent(oldChange)).toBeCloseTo((0.8 / 20) * 100, 6);
    expect(flapPercent(newChange)).toBeCloseTo((1.2 / 20) * 100, 6);
  });

  it('starts above the start threshold and stops only below the stop threshold', () => {
    let s = NO_FLAPS;
    for (let i = 0; i < FLAP_HISTORY; i++) s = recordState(s, i % 2 === 0, 30, 25);
    expect(s.flapping).toBe(true);
    // Calm down: stays flapping while the share is between the thresholds.
    const seen: boolean[] = [];
    for (let i = 0; i < FLAP_HISTORY; i++) {
      s = recordState(s, true, 30, 25);
      seen.push(s.flapping);
      if (s.percent >= 25) expect(s.flapping).toBe(true);
    }
    expect(s.flapping).toBe(false);
    expect(seen).toContain(true);
  });
});
