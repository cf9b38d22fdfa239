// The incident list: active incidents first with their deadlines (late ones in red), then
// past ones. "Open incident" starts one by hand.
import './incidents.css';
import { useState } from 'react';
import type { IncidentListItem } from '../../../../shared/incidents-contract';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { routeToHash } from '../../routing/routes';
import { useAppStore } from '../../store/react';
import { EmptyState, ErrorState, LoadingState } from '../../ui/state-views';
import { useNow } from '../../ui/use-now';
import { inLanguage } from './labels';
import { isLate, nextDue } from './overdue';
import { PeoplePanel } from './people-panel';
import { IncidentStatusBadge, SeverityBadge } from './severity-badge';
import { StartIncidentDialog, type StartFrom } from './start-incident-dialog';

const BY_HAND: StartFrom = { kind: 'manual' };

export function IncidentList() {
  const { t } = useI18n();
  const list = useAppStore((s) => s.incidentList);
  const status = useAppStore((s) => s.incidentListStatus);
  const error = useAppStore((s) => s.incidentListError);
  const hostKind = useAppStore((s) => s.hostKind);
  const reload = useAppStore((s) => s.loadIncidents);
  const [starting, setStarting] = useState(false);

  const active = list.filter((i) => i.status === 'active');
  const past = list.filter((i) => i.status !== 'active');
  let body;
  if (list.length === 0 && (status === 'loading' || status === 'idle')) body = <LoadingState text={t('incidents.loading')} testId="incidents-loading" />;
  else if (list.length === 0 && status === 'error' && error) body = <ErrorState message={describeError(t, error, hostKind)} onRetry={() => void reload()} testId="incidents-error" />;
  else if (list.length === 0) body = <EmptyState title={t('incidents.emptyTitle')} hint={t('incidents.emptyHint')} testId="incidents-empty" />;
  else
    body = (
      <>
        <h2 className="list-heading">{t('incidents.active')}</h2>
        {active.length === 0 ? <p className="muted">{t('incidents.noActive')}</p> : <IncidentRows items={active} />}
        {past.length > 0 && (
          <>
            <h2 className="list-heading">{t('incidents.past')}</h2>
            <IncidentRows items={past} />
          </>
        )}
      </>
    );

  return (
    <section className="incidents-page" data-testid="incidents-page" aria-labelledby="incidents-title">
      <div className="section-head">
        <h1 id="incidents-title">{t('incidents.title')}</h1>
        <button type="button" className="btn btn-primary" onClick={() => setStarting(true)} data-testid="incident-new">
          {t('incidents.new')}
        </button>
      </div>
      {body}
      <PeoplePanel />
      {starting && <StartIncidentDialog from={BY_HAND} onClose={() => setStarting(false)} />}
    </section>
  );
}

function IncidentRows({ items }: { items: IncidentListItem[] }) {
  const { t, fmt, language } = useI18n();
  const now = useNow(1000);
  return (
    <ul className="incident-rows">
      {items.map((i) => {
        const late = i.status === 'active' ? i.timers.filter((tm) => isLate(tm, now)) : [];
        const next = i.status === 'active' ? nextDue(i.timers, now) : null;
        return (
          <li key={i.id} className={`incident-row${late.length > 0 ? ' incident-row-late' : ''}`} data-testid={`incident-row-${i.id}`}>
            <a className="incident-link" href={routeToHash({ name: 'incident', id: i.id })} aria-label={t('incidents.open', { id: i.id })}>
              <span className="incident-id mono">{i.id}</span>
              <span className="incident-title">{i.title}</span>
            </a>
            <SeverityBadge severity={i.severity} />
            <IncidentStatusBadge status={i.status} />
            <span className="muted" title={`${i.stageIndex + 1}/${i.stageCount}`}>
              {inLanguage(i.stageName, language)}
            </span>
            <span className="muted">{t('incidents.detected', { time: fmt.dateTime(i.detectedAt) })}</span>
            {late.length > 0 && (
              <span className="badge badge-crit" data-testid="incident-overdue">
                <span aria-hidden="true">■</span> {t('incidents.overdueBadge', { count: late.length })}
              </span>
            )}
            {late.length === 0 && next && <span className="muted">{t('incidents.nextDue', { time: fmt.time(next.dueAt) })}</span>}
          </li>
        );
      })}
    </ul>
  );
}
