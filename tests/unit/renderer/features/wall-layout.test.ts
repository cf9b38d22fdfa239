import { describe, expect, it } from 'vitest';
import { WALL_TILE_EM, wallLayout } from '../../../../src/renderer/src/features/wall/wall-layout';

function fits(count: number, width: number, height: number) {
  const { columns, fontPx } = wallLayout(count, width, height);
  const rows = Math.ceil(count / columns);
  return {
    columns,
    fontPx,
    fitsWidth: columns * (WALL_TILE_EM.width + WALL_TILE_EM.gap) * fontPx <= width,
    fitsHeight: rows * (WALL_TILE_EM.height + WALL_TILE_EM.gap) * fontPx <= height,
  };
}

describe('wallLayout', () => {
  it('gives a single target the whole screen, up to the largest font', () => {
    expect(wallLayout(1, 1920, 1000)).toEqual({ columns: 1, fontPx: 36 });
  });

  it('fits six targets on a full-HD screen without scrolling', () => {
    const layout = fits(6, 1900, 950);
    expect(layout).toMatchObject({ fitsWidth: true, fitsHeight: true });
    expect(layout.fontPx).toBeGreaterThanOrEqual(18);
  });

  it('uses more columns as the fleet grows', () => {
    expect(wallLayout(4, 1900, 950).columns).toBeLessThan(wallLayout(30, 1900, 950).columns);
  });

  it('stops shrinking at a readable minimum and lets the wall scroll instead', () => {
    expect(wallLayout(500, 1900, 950).fontPx).toBe(11);
  });

  it('copes with a screen that has not been measured yet', () => {
    expect(wallLayout(3, 0, 0)).toEqual({ columns: 1, fontPx: 36 });
  });
});
