import { describe, expect, it } from 'vitest';
import { appendSparklines, countByStatus, orderTiles, SPARKLINE_MAX_POINTS, type TileState } from '../../../../src/renderer/src/store/tiles';
import { makeSnapshot, makeTile } from '../support/snapshots';

const state = (tile: ReturnType<typeof makeTile>): TileState => ({ ...tile, receivedAt: 0 });

describe('tiles', () => {
  it('orders crit, unknown, warn, ok (STATUS_SEVERITY)', () => {
    const tiles = Object.fromEntries(
      (['ok', 'warn', 'unknown', 'crit'] as const).map((s) => [s, state(makeTile(s, s))]),
    );
    expect(orderTiles(tiles, 'en-US')).toEqual(['crit', 'unknown', 'warn', 'ok']);
  });

  it('caps a growing sparkline and keeps the engine length when it sent more', () => {
    let sparklines: TileState['sparklines'] = {};
    for (let i = 0; i < SPARKLINE_MAX_POINTS + 10; i++) sparklines = appendSparklines(sparklines, makeSnapshot('a'));
    expect(sparklines['cpu.usage']).toHaveLength(SPARKLINE_MAX_POINTS);
    const long = { 'cpu.usage': Array.from({ length: 120 }, () => 1) };
    expect(appendSparklines(long, makeSnapshot('a'))['cpu.usage']).toHaveLength(120);
  });

  it('counts tiles per status', () => {
    const tiles = { a: state(makeTile('a', 'ok')), b: state(makeTile('b', 'ok')), c: state(makeTile('c', 'crit')) };
    expect(countByStatus(tiles)).toEqual({ crit: 1, unknown: 0, warn: 0, ok: 2 });
  });
});
