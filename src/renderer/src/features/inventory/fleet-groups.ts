// The overview's grouping: tiles under their services (a server may be in several), the rest
// under "no service", each group with its health roll-up; search and status filter; worst
// first within and across groups. Pure, so it is tested without a DOM.
import type { InventoryHost, InventoryService } from '../../../../shared/inventory-contract';
import { STATUS_SEVERITY, type HealthStatus, type TargetId } from '../../../../shared/model';
import type { TileState } from '../../store/tiles';
import type { OverviewFilter } from '../../store/inventory-slice';

export interface FleetGroup {
  /** The service id, or '' for servers in no service. */
  key: string;
  service: InventoryService | null;
  /** Tiles shown after the filter, worst first. */
  tileIds: TargetId[];
  /** Roll-up over every member, filtered or not: the service's own health. */
  worst: HealthStatus;
  counts: Record<HealthStatus, number>;
  total: number;
}

function matches(tile: TileState, host: InventoryHost | undefined, filter: OverviewFilter): boolean {
  if (filter.status !== null && tile.status !== filter.status) return false;
  const q = filter.query.trim().toLowerCase();
  if (q === '') return true;
  const haystack = [tile.target.name, host?.address ?? '', host?.user ?? '', ...(host?.tags ?? [])].join(' ').toLowerCase();
  return q.split(/\s+/).every((word) => haystack.includes(word));
}

function rollUp(ids: TargetId[], tiles: Record<TargetId, TileState>): Pick<FleetGroup, 'worst' | 'counts' | 'total'> {
  const counts: Record<HealthStatus, number> = { crit: 0, unknown: 0, warn: 0, ok: 0 };
  for (const id of ids) counts[tiles[id]!.status] += 1;
  const worst = (['crit', 'unknown', 'warn', 'ok'] as const).find((s) => counts[s] > 0) ?? 'ok';
  return { worst, counts, total: ids.length };
}

/** `order` is the overview's worst-first order of every tile. */
export function groupTiles(
  order: readonly TargetId[],
  tiles: Record<TargetId, TileState>,
  services: readonly InventoryService[],
  hosts: readonly InventoryHost[],
  filter: OverviewFilter,
  locale: string,
): FleetGroup[] {
  const hostById = new Map(hosts.map((h) => [h.id, h]));
  const present = order.filter((id) => tiles[id]);
  const shown = new Set(present.filter((id) => matches(tiles[id]!, hostById.get(id), filter)));
  const grouped = new Set<TargetId>();
  const groups: FleetGroup[] = [];
  for (const service of services) {
    // A database sits with the server it runs on.
    const members = present.filter((id) => service.hostIds.includes(id) || service.hostIds.includes(tiles[id]!.target.parentId ?? ''));
    members.forEach((id) => grouped.add(id));
    const visible = members.filter((id) => shown.has(id));
    if (visible.length > 0) groups.push({ key: service.id, service, tileIds: visible, ...rollUp(members, tiles) });
  }
  groups.sort((a, b) => STATUS_SEVERITY[b.worst] - STATUS_SEVERITY[a.worst] || a.service!.name.localeCompare(b.service!.name, locale));
  const rest = present.filter((id) => !grouped.has(id));
  const restVisible = rest.filter((id) => shown.has(id));
  if (restVisible.length > 0) groups.push({ key: '', service: null, tileIds: restVisible, ...rollUp(rest, tiles) });
  return groups;
}

export type FleetRow = { kind: 'header'; group: FleetGroup } | { kind: 'tiles'; groupKey: string; tileIds: TargetId[] };

/** Rows for the virtualizer: a header per group, then its tiles `columns` to a row. */
export function fleetRows(groups: readonly FleetGroup[], columns: number): FleetRow[] {
  const rows: FleetRow[] = [];
  const perRow = Math.max(1, columns);
  for (const group of groups) {
    rows.push({ kind: 'header', group });
    for (let i = 0; i < group.tileIds.length; i += perRow) rows.push({ kind: 'tiles', groupKey: group.key, tileIds: group.tileIds.slice(i, i + perRow) });
  }
  return rows;
}
