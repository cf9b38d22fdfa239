import { describe, expect, it } from 'vitest';
import { pageStaleForMs, staleAfterMs, wallOptions, wallPages } from '../../../../src/renderer/src/features/wall/page-staleness';

describe('staleness judged in the page', () => {
  it('turns a tile unknown within 3 poll intervals of its last data, and not before 2', () => {
    for (const interval of [1_000, 2_000, 5_000, 60_000]) {
      expect(staleAfterMs(interval)).toBeLessThan(3 * interval);
      expect(staleAfterMs(interval)).toBeGreaterThanOrEqual(2 * interval);
    }
    expect(pageStaleForMs(10_000, 12_000, 1_000)).toBeNull();
    expect(pageStaleForMs(10_000, 12_600, 1_000)).toBe(2_600);
  });

  it('reads rotation and sound from the wall link, refusing silly values', () => {
    expect(wallOptions('?mode=wall&rotate=30&sound=1')).toEqual({ rotateSeconds: 30, sound: true });
    expect(wallOptions('?rotate=1').rotateSeconds).toBeNull();
    expect(wallOptions('?rotate=abc').rotateSeconds).toBeNull();
    expect(wallOptions('').sound).toBe(false);
  });

  it('rotates through all services, active incidents and each service with hosts', () => {
    expect(wallPages([{ id: 's1', name: 'Pay', hostIds: ['h1'] }, { id: 's2', name: 'Empty', hostIds: [] }]).map((p) => p.kind)).toEqual(['all', 'incidents', 'service']);
  });
});
