import './host.css';
import { useEffect } from 'react';
import { HOST_CHARTS, mountsOf } from '../../domain/host-charts';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { routeToHash } from '../../routing/routes';
import { useAppStore, useAppStoreShallow } from '../../store/react';
import { ReasonList } from '../../ui/reason-list';
import { ErrorState, LoadingState } from '../../ui/state-views';
import { StatusBadge } from '../../ui/status-badge';
import { HostChecks } from '../checks/host-checks';
import { HostLogs } from '../logs/host-logs';
import { StartIncidentButton } from '../incidents/start-incident-button';
import { ChartCard } from './chart-card';
import { CurrentValues } from './current-values';
import { FilesystemsTable } from './filesystems-table';
import { FleetNote } from './fleet-note';
import { HostFacts } from './host-facts';
import { NeverAnswered } from './never-answered';
import { RangeButtons } from './range-buttons';
import { TopProcesses } from './top-processes';

export function HostPage() {
  const { t } = useI18n();
  const targetId = useAppStore((s) => s.host.targetId);
  const snapshotStatus = useAppStore((s) => s.host.snapshotStatus);
  const snapshotError = useAppStore((s) => s.host.snapshotError);
  const snapshot = useAppStore((s) => s.host.snapshot);
  const hostKind = useAppStore((s) => s.hostKind);
  const openHost = useAppStore((s) => s.openHost);
  const ensureInventory = useAppStore((s) => s.ensureInventory);
  // The never-answered panel names the address being tried, which only the inventory knows.
  useEffect(() => ensureInventory(), [ensureInventory]);

  const back = (
    <a className="back-link" href={routeToHash({ name: 'overview' })} data-testid="back-link">
      <span aria-hidden="true">← </span>
      {t('action.backToOverview')}
    </a>
  );

  if (targetId === null) return <LoadingState text={t('host.loading')} testId="host-loading" />;

  if (snapshotStatus === 'error' && snapshotError) {
    return (
      <div className="host-page" data-testid="host-page" data-state="error">
        {back}
        <ErrorState message={describeError(t, snapshotError, hostKind)} onRetry={() => void openHost(targetId)} testId="host-error" />
      </div>
    );
  }

  if (snapshotStatus === 'loading' && snapshot === null) {
    return (
      <div className="host-page" data-testid="host-page" data-state="loading">
        {back}
        <LoadingState text={t('host.loading')} testId="host-loading" />
      </div>
    );
  }

  return (
    <div className="host-page" data-testid="host-page" data-state="ready" data-target={targetId}>
      {back}
      <HostHeader targetId={targetId} />
      {snapshot === null || snapshot.neverAnswered ? (
        // Nothing ever arrived: no facts, values or charts to show, only what is tried and what to check.
        <NeverAnswered targetId={targetId} snapshot={snapshot} />
      ) : (
        <>
          <div className="host-top">
            <HostFacts snapshot={snapshot} />
            <CurrentValues snapshot={snapshot} />
          </div>
          <HostTrends />
          <FilesystemsTable snapshot={snapshot} />
          <TopProcesses snapshot={snapshot} />
        </>
      )}
      <HostChecks hostId={targetId} />
      <HostLogs hostId={targetId} />
    </div>
  );
}

function HostHeader({ targetId }: { targetId: string }) {
  const { t, fmt } = useI18n();
  const tile = useAppStore((s) => s.tiles[targetId]);
  const snapshot = useAppStore((s) => s.host.snapshot);
  const receivedAt = useAppStore((s) => s.host.snapshotReceivedAt);
  // The overview may know newer staleness than the snapshot we fetched: show the fresher one.
  const tileIsNewer = tile !== undefined && tile.receivedAt >= receivedAt;
  const status = tileIsNewer ? tile.status : (snapshot?.status ?? 'unknown');
  const reasons = (tileIsNewer ? tile.snapshot?.reasons : snapshot?.reasons) ?? [];
  const name = tile?.target.name ?? targetId;

  return (
    <header className="host-header">
      <div className="host-title">
        <h1>
          {name}
          {tile?.target.kind === 'local' && <span className="tile-kind">{t('target.thisComputer')}</span>}
        </h1>
        <StatusBadge status={status} testId="host-status" size="large" />
        <StartIncidentButton targetId={targetId} />
      </div>
      {tile && <FleetNote target={tile.target} />}
      <ReasonList status={status} reasons={reasons} receivedAt={tileIsNewer ? tile.receivedAt : receivedAt} hasSnapshot={snapshot !== null && !snapshot.neverAnswered} limit={6} brief={snapshot?.neverAnswered === true} />
      {snapshot && !snapshot.neverAnswered && (
        <p className="muted" data-testid="host-sampled-at">
          {t('host.sampledAt', { time: fmt.time(snapshot.ts, true) })}
        </p>
      )}
    </header>
  );
}

function HostTrends() {
  const { t } = useI18n();
  const mounts = useAppStoreShallow((s) => mountsOf(s.host.snapshot));
  return (
    <section className="trends" aria-labelledby="trends-title">
      <div className="section-head">
        <h2 id="trends-title">{t('host.trends')}</h2>
        <RangeButtons />
      </div>
      <div className="chart-grid">
        {HOST_CHARTS.map((chart) => (
          <ChartCard key={chart.name} chart={chart} mounts={mounts} />
        ))}
      </div>
    </section>
  );
}
