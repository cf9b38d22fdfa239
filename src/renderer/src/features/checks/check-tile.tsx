import './checks.css';
// The overview and wall tile of a check of another kind (a database): its status, reasons and
// the series its descriptor picks for a tile, each with a sparkline.
import { useEffect } from 'react';
import type { HealthStatus, TargetId } from '../../../../shared/model';
import { seriesDefinition, textIn } from '../../domain/kinds';
import { findStaleReason, STATUS_SHAPES } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { routeToHash } from '../../routing/routes';
import { useAppStore } from '../../store/react';
import { GlossaryButton } from '../../ui/glossary-button';
import { ReasonList } from '../../ui/reason-list';
import { StatusBadge } from '../../ui/status-badge';
import { Sparkline } from '../../widgets/sparkline/sparkline';

export function CheckTile({ targetId, variant = 'desk' }: { targetId: TargetId; variant?: 'desk' | 'wall' }) {
  const tile = useAppStore((s) => s.tiles[targetId]);
  const descriptor = useAppStore((s) => (tile ? s.kinds[tile.target.kind] : undefined));
  const parent = useAppStore((s) => (tile?.target.parentId ? s.tiles[tile.target.parentId]?.target.name : undefined));
  const ensureChecks = useAppStore((s) => s.ensureChecks);
  const { t, fmt, language } = useI18n();
  // The descriptors come with the checks list; a tile of a kind is the first to need them.
  useEffect(() => ensureChecks(), [ensureChecks]);
  if (!tile) return null;
  const interactive = variant === 'desk';
  const { target, snapshot, status } = tile;
  const nameId = `tile-name-${targetId}`;
  const stale = findStaleReason(snapshot?.reasons) !== null;

  return (
    <article className={`tile tile-${variant} tile-status-${status} tile-check`} data-testid={`tile-${targetId}`} data-target-id={targetId} data-kind={target.kind} data-status={status} data-stale={stale || undefined} aria-labelledby={nameId}>
      <header className="tile-head">
        <h2 className="tile-name" id={nameId}>
          {interactive ? (
            <a className="tile-link" href={routeToHash({ name: 'check', targetId })} aria-label={t('overview.openHost', { name: target.name })}>
              {target.name}
            </a>
          ) : (
            target.name
          )}
          {descriptor && <span className="tile-kind">{textIn(language, descriptor.name)}</span>}
        </h2>
        <StatusBadge status={status} testId="tile-status" size={variant === 'wall' ? 'large' : 'normal'} glossary={interactive} />
      </header>
      {parent && <p className="tile-parent muted">{t('check.runsOn')} {parent}</p>}
      <ReasonList status={status} reasons={snapshot?.reasons ?? []} receivedAt={tile.receivedAt} hasSnapshot={snapshot !== null} limit={variant === 'wall' ? 2 : 3} interactive={interactive} brief />
      <dl className="tile-metrics">
        {(descriptor?.tile ?? []).map((key) => {
          const def = seriesDefinition(descriptor, key);
          if (!def) return null;
          const value = snapshot?.metrics[key] ?? null;
          const label = textIn(language, def.label);
          const health: HealthStatus | undefined = snapshot?.health[key]?.status;
          const flagged = health === 'warn' || health === 'crit';
          return (
            <div className={`tile-metric${flagged ? ` metric-${health}` : ''}`} key={key}>
              <dt>
                {label}
                {interactive && <GlossaryButton glossaryId={def.glossaryId} term={label} />}
              </dt>
              <dd>
                <span className="metric-reading">
                  <span className="metric-value" data-testid={`metric-${key}`} title={value === null ? t('value.missing') : undefined}>
                    {fmt.metric(def.unit, value)}
                  </span>
                  {flagged && (
                    <span className="metric-flag" aria-label={t(`status.${health}`)}>
                      {STATUS_SHAPES[health]}
                    </span>
                  )}
                </span>
                <span className="spark-slot">
                  <Sparkline values={tile.sparklines[key]} {...(def.unit === 'percent' ? { max: 100 } : {})} />
                </span>
              </dd>
            </div>
          );
        })}
      </dl>
    </article>
  );
}
