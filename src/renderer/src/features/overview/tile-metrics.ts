import type { MetricKey } from '../../../../shared/model';

export interface TileMetric {
  key: MetricKey;
  /** Draw the sparkline from OverviewTile.sparklines. */
  sparkline?: boolean;
  /** Fixed sparkline scale (percentages). */
  max?: number;
}

/** The key numbers on every tile, in reading order. */
export const TILE_METRICS: readonly TileMetric[] = [
  { key: 'cpu.usage', sparkline: true, max: 100 },
  { key: 'mem.used', sparkline: true, max: 100 },
  { key: 'disk.used' },
  { key: 'load.perCore' },
  { key: 'cpu.iowait' },
];
