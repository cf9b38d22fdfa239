import { memo } from 'react';
import type { HealthStatus, TargetId } from '../../../../shared/model';
import { isHostKind, kindName } from '../../domain/kinds';
import { definitionOf } from '../../domain/metrics';
import { CheckTile } from '../checks/check-tile';
import { findStaleReason, metricLabel, STATUS_SHAPES } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { routeToHash } from '../../routing/routes';
import { useAppStore } from '../../store/react';
import { GlossaryButton } from '../../ui/glossary-button';
import { ReasonList } from '../../ui/reason-list';
import { StatusBadge } from '../../ui/status-badge';
import { Sparkline } from '../../widgets/sparkline/sparkline';
import { TILE_METRICS } from './tile-metrics';

interface Props {
  targetId: TargetId;
  /** 'wall': larger, no links or buttons (a NOC screen has no keyboard). */
  variant?: 'desk' | 'wall';
  /** The page has had no data for this tile this long (the wall's own staleness check): shown grey/unknown. */
  staleForMs?: number | null;
}

/**
 * Memoized: a tile reads its own data from the store, so the list around it (which re-renders
 * as the virtualizer measures rows, and as filters change) need not re-render every tile.
 */
export const HostTile = memo(function HostTile({ targetId, variant = 'desk', staleForMs = null }: Props) {
  const tile = useAppStore((s) => s.tiles[targetId]);
  const { t, fmt, language } = useI18n();
  const sourceKind = useAppStore((s) => (tile?.target.source ? s.kinds[tile.target.source.kind] : undefined));
  if (!tile) return null;
  if (!isHostKind(tile.target.kind)) return <CheckTile targetId={targetId} variant={variant} />;
  const interactive = variant === 'desk';
  const { target, snapshot } = tile;
  // No data reached the page for a while: whatever the last answer said, the state is unknown now.
  const status = staleForMs === null ? tile.status : 'unknown';
  const nameId = `tile-name-${targetId}`;
  const stale = findStaleReason(snapshot?.reasons) !== null;

  return (
    <article className={`tile tile-${variant} tile-status-${status}`} data-testid={`tile-${targetId}`} data-target-id={targetId} data-status={status} data-stale={stale || staleForMs !== null || undefined} data-page-stale={staleForMs !== null || undefined} aria-labelledby={nameId}>
      <header className="tile-head">
        <h2 className="tile-name" id={nameId}>
          {interactive ? (
            <a className="tile-link" href={routeToHash({ name: 'host', targetId })} aria-label={t('overview.openHost', { name: target.name })}>
              {target.name}
            </a>
          ) : (
            target.name
          )}
          {target.kind === 'local' && <span className="tile-kind">{t('target.thisComputer')}</span>}
          {target.source && (
            // Where a fed host's data comes from: OpsDeck does not poll it itself.
            <span className="tile-kind tile-source" data-testid="tile-source" data-source-kind={target.source.kind}>
              {t('tile.source', { kind: kindName(language, sourceKind, target.source.kind), name: target.source.name })}
            </span>
          )}
          {target.alsoFrom && target.alsoFrom.length > 0 && (
            // One fleet: other sources know this machine too; the host page says which reading is shown.
            <span className="tile-kind tile-also" data-testid="tile-also-from">
              {t('tile.alsoFrom', { names: target.alsoFrom.map((s) => s.name).join(', ') })}
            </span>
          )}
        </h2>
        <StatusBadge status={status} testId="tile-status" size={variant === 'wall' ? 'large' : 'normal'} glossary={interactive} />
      </header>
      {staleForMs !== null && (
        <p className="tile-no-data" data-testid="tile-no-data" role="status">
          {t('wall.noData', { age: fmt.duration(Math.floor(staleForMs / 1000)) })}
        </p>
      )}
      <ReasonList status={status} reasons={snapshot?.reasons ?? []} receivedAt={tile.receivedAt} hasSnapshot={snapshot !== null && !snapshot.neverAnswered} limit={variant === 'wall' ? 2 : 3} interactive={interactive} brief />
      <dl className="tile-metrics">
        {TILE_METRICS.map((metric) => {
          const value = snapshot?.metrics[metric.key] ?? null;
          const label = metricLabel(t, metric.key);
          const def = definitionOf(metric.key);
          const health: HealthStatus | undefined = snapshot?.health[metric.key]?.status;
          const flagged = health === 'warn' || health === 'crit';
          return (
            <div className={`tile-metric${flagged ? ` metric-${health}` : ''}`} key={metric.key}>
              <dt>
                {label}
                {interactive && <GlossaryButton glossaryId={def.glossaryId} term={label} />}
              </dt>
              <dd>
                <span className="metric-reading">
                  <span className="metric-value" data-testid={`metric-${metric.key}`} title={value === null ? t('value.missing') : undefined}>
                    {fmt.metric(def.unit, value)}
                  </span>
                  {flagged && (
                    <span className="metric-flag" aria-label={t(`status.${health}`)}>
                      {STATUS_SHAPES[health]}
                    </span>
                  )}
                </span>
                <span className="spark-slot">
                  {metric.sparkline && <Sparkline values={tile.sparklines[metric.key]} {...(metric.max === undefined ? {} : { max: metric.max })} />}
                </span>
              </dd>
            </div>
          );
        })}
      </dl>
    </article>
  );
});
