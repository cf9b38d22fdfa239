import './overview.css';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { routeToHash } from '../../routing/routes';
import { useAppStore } from '../../store/react';
import { CodeText, EmptyState, ErrorState, LoadingState } from '../../ui/state-views';
import { OverdueBanner } from '../incidents/overdue-banner';
import { FleetOverview } from '../inventory/fleet-overview';
import { StatusSummary } from './status-summary';

export function OverviewScreen() {
  const { t } = useI18n();
  const order = useAppStore((s) => s.tileOrder);
  const status = useAppStore((s) => s.overviewStatus);
  const error = useAppStore((s) => s.overviewError);
  const hostKind = useAppStore((s) => s.hostKind);
  const retry = useAppStore((s) => s.retryConnection);

  if (order.length === 0) {
    if (status === 'error' && error) return <ErrorState message={describeError(t, error, hostKind)} onRetry={retry} testId="overview-error" />;
    if (status === 'ready') return <EmptyState title={t('overview.emptyTitle')} hint={t('overview.emptyHint')} testId="overview-empty" />;
    return <LoadingState text={t('overview.loading')} testId="overview-loading" />;
  }

  return (
    <section className="overview" data-testid="overview" aria-labelledby="overview-title">
      <div className="section-head">
        <h1 id="overview-title">{t('overview.title')}</h1>
        <StatusSummary />
      </div>
      <OverdueBanner />
      <FirstRunHint />
      {error && (
        <p className="inline-error" role="alert" data-testid="overview-refresh-error">
          <span aria-hidden="true">▲ </span>
          <CodeText text={describeError(t, error, hostKind)} />
        </p>
      )}
      <FleetOverview />
    </section>
  );
}

/**
 * A fresh install watches only this computer: say how to add the servers people came for. Once
 * anything else has a tile (a database, an endpoint, a data source's hosts), the hint would be untrue.
 */
function FirstRunHint() {
  const { t } = useI18n();
  const inventory = useAppStore((s) => s.inventory);
  const tileCount = useAppStore((s) => s.tileOrder.length);
  if (!inventory || inventory.hosts.length > 0 || tileCount > 1) return null;
  return (
    <div className="first-run" role="note" data-testid="first-run-hint">
      <div>
        <p className="first-run-title">{t('overview.firstRun.title')}</p>
        <p className="muted">{t('overview.firstRun.hint')}</p>
      </div>
      <a className="btn btn-primary" href={routeToHash({ name: 'inventory' })} data-testid="first-run-add">
        {t('overview.firstRun.action')}
      </a>
    </div>
  );
}
