import { describe, expect, it } from 'vitest';
import { sparklinePath } from '../../../../src/renderer/src/widgets/sparkline/sparkline-path';

describe('sparklinePath', () => {
  it('draws a line scaled to a fixed maximum', () => {
    expect(sparklinePath([0, 50, 100], { width: 100, height: 20, max: 100 })).toBe('M0 20L50 10L100 0');
  });

  it('lifts the pen over a missing reading instead of drawing it as 0', () => {
    expect(sparklinePath([10, null, 10], { width: 10, height: 10, max: 10 })).toBe('M0 0M10 0');
  });

  it('is empty for no data and does not divide by zero for all-zero data', () => {
    expect(sparklinePath([], { width: 10, height: 10 })).toBe('');
    expect(sparklinePath([0, 0], { width: 10, height: 10 })).toBe('M0 10L10 10');
  });

  it('clamps values above the scale to the top', () => {
    expect(sparklinePath([150], { width: 10, height: 10, max: 100 })).toBe('M10 0');
  });
});
