// The Alerts screen: firing, pending, acknowledged and silenced alerts, worst first, filtered by
// state and service; acknowledge with a note, silence for a while, open the proposed incident.
// Stable test ids: alert-row (data-alert-id, data-state), alert-ack, alert-ack-note, alert-ack-confirm.
import { useMemo, useState } from 'react';
import type { AlertView } from '../../../../shared/alerts';
import type { InventoryService } from '../../../../shared/inventory-contract';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { EmptyState, ErrorState, LoadingState } from '../../ui/state-views';
import { useNow } from '../../ui/use-now';
import { describeAlertError } from './alert-errors';
import { AlertRow } from './alert-row';
import { AlertDetailPanel } from './alert-detail';
import './alerts.css';

/** One empty list, so the selector returns the same value while the inventory loads. */
const NO_SERVICES: readonly InventoryService[] = [];

type StateFilter = 'all' | 'firing' | 'pending' | 'acknowledged' | 'silenced';
const STATE_FILTERS: StateFilter[] = ['all', 'firing', 'pending', 'acknowledged', 'silenced'];

function matches(a: AlertView, f: StateFilter): boolean {
  const silenced = a.suppressed === 'silenced' || a.suppressed === 'maintenance';
  switch (f) {
    case 'all':
      return true;
    case 'silenced':
      return silenced;
    case 'firing':
      return (a.state === 'firing' || a.state === 'unknown') && !silenced;
    default:
      return a.state === f && !silenced;
  }
}

export function AlertsScreen() {
  const { t } = useI18n();
  const alerts = useAppStore((s) => s.alerts);
  const status = useAppStore((s) => s.alertsStatus);
  const error = useAppStore((s) => s.alertsError);
  const hostKind = useAppStore((s) => s.hostKind);
  const services = useAppStore((s) => s.inventory?.services ?? NO_SERVICES);
  const loadAlerts = useAppStore((s) => s.loadAlerts);
  const route = useAppStore((s) => s.route);
  const openId = route.name === 'alerts' ? route.alertId : null;
  const [stateFilter, setStateFilter] = useState<StateFilter>('all');
  const [service, setService] = useState<string>('');
  const now = useNow(5_000);

  const shown = useMemo(
    () => alerts.filter((a) => matches(a, stateFilter) && (service === '' || (service === '-' ? a.serviceIds.length === 0 : a.serviceIds.includes(service)))),
    [alerts, stateFilter, service],
  );
  const counts = useMemo(() => Object.fromEntries(STATE_FILTERS.map((f) => [f, alerts.filter((a) => matches(a, f)).length])), [alerts]);

  let body;
  if (status === 'error' && error && alerts.length === 0) body = <ErrorState message={describeAlertError(t, error, hostKind)} onRetry={() => void loadAlerts()} testId="alerts-error" />;
  else if (status !== 'ready' && alerts.length === 0) body = <LoadingState text={t('alerts.loading')} testId="alerts-loading" />;
  else if (shown.length === 0) body = <EmptyState title={t('alerts.empty')} hint={t('alerts.emptyHint')} testId="alerts-empty" />;
  else
    body = (
      <table className="alerts-table" data-testid="alerts-table">
        <thead>
          <tr>
            <th>{t('alerts.col.alert')}</th>
            <th>{t('alerts.col.target')}</th>
            <th className="num">{t('alerts.col.value')}</th>
            <th>{t('alerts.col.since')}</th>
            <th>{t('alerts.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((a) => (
            <AlertRow key={a.id} alert={a} now={now} serviceNames={Object.fromEntries(services.map((s) => [s.id, s.name]))} />
          ))}
        </tbody>
      </table>
    );

  return (
    <section className="alerts-screen" data-testid="alerts-screen" aria-labelledby="alerts-title">
      <header className="screen-header">
        <h1 id="alerts-title">{t('alerts.title')}</h1>
        <p className="muted">{t('alerts.intro')}</p>
      </header>
      <div className="alerts-filters panel">
        <div className="segmented" role="group" aria-label={t('alerts.filter.state')}>
          {STATE_FILTERS.map((f) => (
            <button key={f} type="button" className="btn btn-small" aria-pressed={stateFilter === f} onClick={() => setStateFilter(f)} data-testid={`alerts-filter-${f}`}>
              {f === 'all' ? t('alerts.filter.all') : t(`alerts.state.${f}`)} <span className="count">{counts[f]}</span>
            </button>
          ))}
        </div>
        <label className="alerts-service-filter">
          {t('alerts.filter.service')}{' '}
          <select value={service} onChange={(e) => setService(e.target.value)} data-testid="alerts-filter-service">
            <option value="">{t('alerts.filter.allServices')}</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
            <option value="-">{t('alerts.filter.noService')}</option>
          </select>
        </label>
      </div>
      {openId && <AlertDetailPanel alertId={openId} />}
      {body}
    </section>
  );
}
