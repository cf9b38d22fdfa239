// The page of a check of any kind (a database first): status and reasons, facts, what the
// collector wants the person to know, charts and tables, all drawn from the kind's descriptor.
import '../host/host.css';
import './checks.css';
import type { FactDefinition } from '../../../../shared/checks';
import type { CheckNote } from '../../../../shared/model';
import { textIn } from '../../domain/kinds';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { routeToHash } from '../../routing/routes';
import { useAppStore } from '../../store/react';
import { GlossaryButton } from '../../ui/glossary-button';
import { ReasonList } from '../../ui/reason-list';
import { ErrorState, LoadingState } from '../../ui/state-views';
import { StatusBadge } from '../../ui/status-badge';
import { RangeButtons } from '../host/range-buttons';
import { StartIncidentButton } from '../incidents/start-incident-button';
import { CheckChartCard } from './check-chart-card';
import { CheckTable } from './check-table';
import { noteText } from './note-text';

export function CheckPage() {
  const { t, fmt, language } = useI18n();
  const targetId = useAppStore((s) => s.host.targetId);
  const snapshotStatus = useAppStore((s) => s.host.snapshotStatus);
  const snapshotError = useAppStore((s) => s.host.snapshotError);
  const snapshot = useAppStore((s) => s.host.snapshot);
  const receivedAt = useAppStore((s) => s.host.snapshotReceivedAt);
  const hostKind = useAppStore((s) => s.hostKind);
  const openHost = useAppStore((s) => s.openHost);
  const tile = useAppStore((s) => (targetId ? s.tiles[targetId] : undefined));
  const check = useAppStore((s) => s.checks?.find((c) => c.id === targetId));
  const kinds = useAppStore((s) => s.kinds);
  const checksStatus = useAppStore((s) => s.checksStatus);
  const parent = useAppStore((s) => {
    const parentId = tile?.target.parentId ?? check?.parentId ?? null;
    return parentId ? (s.tiles[parentId]?.target ?? null) : null;
  });

  const back = (
    <a className="back-link" href={routeToHash({ name: 'overview' })} data-testid="back-link">
      <span aria-hidden="true">← </span>
      {t('action.backToOverview')}
    </a>
  );
  const kind = tile?.target.kind ?? check?.kind;
  const descriptor = kind ? kinds[kind] : undefined;

  if (targetId === null || (!descriptor && (checksStatus === 'loading' || checksStatus === 'idle'))) return <LoadingState text={t('check.loading')} testId="check-loading" />;
  if (snapshotStatus === 'error' && snapshotError) {
    return (
      <div className="check-page" data-testid="check-page" data-state="error">
        {back}
        <ErrorState message={describeError(t, snapshotError, hostKind)} onRetry={() => void openHost(targetId)} testId="check-error" />
      </div>
    );
  }
  if (!descriptor) {
    return (
      <div className="check-page" data-testid="check-page" data-state="error">
        {back}
        <ErrorState message={t('check.unknownKind')} testId="check-error" />
      </div>
    );
  }
  const tileIsNewer = tile !== undefined && tile.receivedAt >= receivedAt;
  const shown = tileIsNewer ? tile.snapshot : snapshot;
  const status = tileIsNewer ? tile.status : (snapshot?.status ?? 'unknown');
  const name = tile?.target.name ?? check?.name ?? targetId;
  const notes: CheckNote[] = shown?.notes ?? [];

  return (
    <div className="check-page" data-testid="check-page" data-state="ready" data-target={targetId} data-kind={descriptor.kind}>
      {back}
      <header className="host-header">
        <div className="host-title">
          <h1>
            {name}
            <span className="tile-kind">{textIn(language, descriptor.name)}</span>
          </h1>
          <GlossaryButton glossaryId={descriptor.glossaryId} term={textIn(language, descriptor.name)} />
          <StatusBadge status={status} testId="check-status" size="large" />
          <StartIncidentButton targetId={targetId} />
        </div>
        {parent && (
          <p className="muted" data-testid="check-parent">
            {t('check.runsOn')}{' '}
            <a href={routeToHash({ name: 'host', targetId: parent.id })}>{parent.name}</a>
            {descriptor.category === 'log' && (
              <>
                {' · '}
                <a href={routeToHash({ name: 'logs', hostId: parent.id, sourceId: targetId, at: null })} data-testid="check-open-logs">
                  {t('logs.open')}
                </a>
              </>
            )}
          </p>
        )}
        <ReasonList status={status} reasons={shown?.reasons ?? []} receivedAt={tileIsNewer ? tile.receivedAt : receivedAt} hasSnapshot={shown !== null} limit={6} />
        {shown && shown.reasons.every((r) => r.code !== 'COLLECT_FAILED') && (
          <p className="muted" data-testid="check-sampled-at">
            {t('host.sampledAt', { time: fmt.time(shown.ts, true) })}
          </p>
        )}
      </header>
      {notes.length > 0 && (
        <ul className="check-notes" data-testid="check-notes">
          {notes.map((note, i) => (
            <li key={i} className="notice" data-code={note.code}>
              {noteText(t, note)}
            </li>
          ))}
        </ul>
      )}
      {descriptor.facts.length > 0 && (
        <dl className="panel check-facts" data-testid="check-facts">
          {descriptor.facts.map((f) => (
            <div key={f.key}>
              <dt>{textIn(language, f.label)}</dt>
              <dd data-testid={`fact-${f.key}`}>{factText(t, fmt, f.key, shown?.facts[f.key] ?? null, f.format)}</dd>
            </div>
          ))}
        </dl>
      )}
      <section className="trends" aria-labelledby="check-trends-title">
        <div className="section-head">
          <h2 id="check-trends-title">{t('host.trends')}</h2>
          <RangeButtons />
        </div>
        <div className="chart-grid">
          {descriptor.charts.map((chart) => (
            <CheckChartCard key={chart.id} chart={chart} descriptor={descriptor} />
          ))}
        </div>
      </section>
      {descriptor.tables.map((table) => (
        <CheckTable key={table.id} definition={table} table={shown?.tables?.[table.id]} />
      ))}
    </div>
  );
}

function factText(t: ReturnType<typeof useI18n>['t'], fmt: ReturnType<typeof useI18n>['fmt'], key: string, value: string | null, format?: FactDefinition['format']): string {
  if (value === null) return '—';
  // A calendar date (UTC), the same in both languages: a certificate's last day.
  if (format === 'date') return /^\d{4}-\d\d-\d\d/.test(value) ? value.slice(0, 10) : value;
  // A moment (when a certificate was read), in the person's time zone.
  if (format === 'time') return Number.isFinite(Date.parse(value)) ? fmt.fullDateTime(Date.parse(value)) : value;
  if (key === 'connection') return value === 'reused' ? t('check.connection.reused') : t('check.connection.new');
  if (key === 'role') return value === 'replica' ? t('check.role.replica') : t('check.role.primary');
  if (key === 'auth') return value === 'user' ? t('check.auth.user') : t('check.auth.token');
  return value;
}
