// The overview for a fleet: tiles grouped by service under a health roll-up, searchable and
// filterable by status, worst first, and virtualized by rows so hundreds of hosts stay smooth
// (only the rows near the viewport are in the DOM).
import './fleet.css';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { HealthStatus } from '../../../../shared/model';
import { STATUS_SHAPES, statusLabel } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { StatusBadge } from '../../ui/status-badge';
import { useElementSize } from '../../ui/use-element-size';
import { HostTile } from '../overview/host-tile';
import { fleetRows, groupTiles, type FleetGroup } from './fleet-groups';

const MIN_TILE_PX = 320;
const GAP_PX = 16;
const STATUSES: readonly HealthStatus[] = ['crit', 'unknown', 'warn', 'ok'];

function GroupHeader({ group }: { group: FleetGroup }) {
  const { t } = useI18n();
  const s = group.service;
  const meta = s?.owner ? t('overview.serviceMeta', { count: group.total, owner: s.owner }) : t('overview.serviceMetaNoOwner', { count: group.total });
  return (
    <div className={`fleet-group-head fleet-group-${group.worst}`} data-testid={`group-${group.key || 'none'}`} data-worst={group.worst}>
      <h2 className="fleet-group-name">{s ? s.name : t('overview.noService')}</h2>
      <span className="fleet-group-meta">
        {meta}
        {s?.contact ? ` · ${s.contact}` : ''}
      </span>
      <span className="fleet-group-rollup" aria-label={t('overview.serviceHealth', { status: statusLabel(t, group.worst) })}>
        <StatusBadge status={group.worst} glossary={false} testId={`group-status-${group.key || 'none'}`} />
        {STATUSES.filter((st) => group.counts[st] > 0).map((st) => (
          <span key={st} className={`fleet-count summary-${st}`}>
            <span aria-hidden="true">{STATUS_SHAPES[st]}</span> {group.counts[st]}
          </span>
        ))}
      </span>
    </div>
  );
}

export function FleetOverview() {
  const { t, locale } = useI18n();
  const order = useAppStore((s) => s.tileOrder);
  const tiles = useAppStore((s) => s.tiles);
  const inventory = useAppStore((s) => s.inventory);
  const filter = useAppStore((s) => s.overviewFilter);
  const setFilter = useAppStore((s) => s.setOverviewFilter);
  const listRef = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(listRef);
  const [scrollMargin, setScrollMargin] = useState(0);
  // Where the rows start on the page; content above (banners, filters) may move it.
  useLayoutEffect(() => setScrollMargin((listRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY));

  const columns = Math.max(1, Math.floor((width + GAP_PX) / (MIN_TILE_PX + GAP_PX)));
  const groups = useMemo(
    () => groupTiles(order, tiles, inventory?.services ?? [], inventory?.hosts ?? [], filter, locale),
    [order, tiles, inventory, filter, locale],
  );
  const rows = useMemo(() => fleetRows(groups, columns), [groups, columns]);
  const shown = groups.reduce((n, g) => n + g.tileIds.length, 0);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (i) => (rows[i]?.kind === 'header' ? 52 : 300),
    overscan: 4,
    scrollMargin,
    getItemKey: (i) => {
      const row = rows[i]!;
      return row.kind === 'header' ? `h:${row.group.key}` : `r:${row.groupKey}:${row.tileIds[0]}`;
    },
  });

  return (
    <div className="fleet">
      <div className="fleet-filters" role="search">
        <label className="fleet-search">
          <span className="visually-hidden">{t('overview.search')}</span>
          <input type="search" value={filter.query} placeholder={t('overview.searchPlaceholder')} aria-label={t('overview.search')} onChange={(e) => setFilter({ query: e.target.value })} data-testid="overview-search" />
        </label>
        <label className="fleet-status-filter">
          <span>{t('overview.filterStatus')}</span>
          <select value={filter.status ?? ''} onChange={(e) => setFilter({ status: (e.target.value || null) as HealthStatus | null })} data-testid="overview-status-filter">
            <option value="">{t('overview.filterAll')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_SHAPES[s]} {statusLabel(t, s)}
              </option>
            ))}
          </select>
        </label>
        <span className="fleet-shown" data-testid="overview-shown">
          {t('overview.shown', { shown, total: order.length })}
        </span>
      </div>
      {rows.length === 0 && <p className="fleet-empty">{t('overview.noMatch')}</p>}
      <div ref={listRef} className="fleet-rows" style={{ height: virtualizer.getTotalSize() }} data-testid="fleet-rows">
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="fleet-row"
              style={{ transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
            >
              {row.kind === 'header' ? (
                <GroupHeader group={row.group} />
              ) : (
                <div className="fleet-tiles" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
                  {row.tileIds.map((id) => (
                    <HostTile key={id} targetId={id} />
                  ))}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
