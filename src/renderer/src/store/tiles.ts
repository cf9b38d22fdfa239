// Pure helpers for overview tiles: ordering worst first and folding a live sample into a tile.
import type { HealthStatus, HostSnapshot, MetricKey, OverviewTile, TargetId } from '../../../shared/model';
import { STATUS_SEVERITY } from '../../../shared/model';

export interface TileState extends OverviewTile {
  /** When this tile's data arrived, on this machine's clock (for ticking "N s ago"). */
  receivedAt: number;
}

/** Sparklines every tile draws, even when the engine sent none yet. */
export const SPARKLINE_KEYS: readonly MetricKey[] = ['cpu.usage', 'mem.used'];
export const SPARKLINE_MAX_POINTS = 60;

/** localeCompare builds a collator per call; ordering 1,000 tiles makes ~10,000 comparisons. */
const collators = new Map<string, Intl.Collator>();
function collatorFor(locale: string): Intl.Collator {
  let collator = collators.get(locale);
  if (!collator) collators.set(locale, (collator = new Intl.Collator(locale)));
  return collator;
}

export function compareTiles(a: TileState, b: TileState, locale: string): number {
  const bySeverity = STATUS_SEVERITY[b.status] - STATUS_SEVERITY[a.status];
  if (bySeverity !== 0) return bySeverity;
  const byName = collatorFor(locale).compare(a.target.name, b.target.name);
  return byName !== 0 ? byName : a.target.id < b.target.id ? -1 : a.target.id > b.target.id ? 1 : 0;
}

/** Worst first; returns `previous` itself when nothing moved, so selectors stay stable. */
export function orderTiles(tiles: Record<TargetId, TileState>, locale: string, previous: readonly TargetId[] = []): TargetId[] {
  const next = Object.values(tiles)
    .sort((a, b) => compareTiles(a, b, locale))
    .map((t) => t.target.id);
  const unchanged = next.length === previous.length && next.every((id, i) => id === previous[i]);
  return unchanged ? (previous as TargetId[]) : next;
}

export function appendSparklines(
  sparklines: OverviewTile['sparklines'],
  snapshot: HostSnapshot,
): OverviewTile['sparklines'] {
  const keys = new Set<MetricKey>([...SPARKLINE_KEYS, ...(Object.keys(sparklines) as MetricKey[])]);
  const next: OverviewTile['sparklines'] = {};
  for (const key of keys) {
    const points = sparklines[key] ?? [];
    const limit = Math.max(points.length, SPARKLINE_MAX_POINTS);
    next[key] = [...points, snapshot.metrics[key] ?? null].slice(-limit);
  }
  return next;
}

export function tileWithSample(tile: TileState, snapshot: HostSnapshot, receivedAt: number): TileState {
  return { ...tile, snapshot, status: snapshot.status, sparklines: appendSparklines(tile.sparklines, snapshot), receivedAt };
}

export function countByStatus(tiles: Record<TargetId, TileState>): Record<HealthStatus, number> {
  const counts: Record<HealthStatus, number> = { crit: 0, unknown: 0, warn: 0, ok: 0 };
  for (const tile of Object.values(tiles)) counts[tile.status] += 1;
  return counts;
}
