// The incident room's live health of the affected services (issue 12): each service's status
// and its targets', the alerts tied to the incident, and, once they are all resolved and stayed
// OK for the set time, the proposal to tick stage 4's "normal operation confirmed" with the time
// it was measured.
import { useEffect, useState } from 'react';
import type { IncidentHealth } from '../../../../shared/alerts';
import type { Incident } from '../../../../shared/incidents';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { StatusBadge } from '../../ui/status-badge';
import { ruleName } from './alert-text';
import './alerts.css';

const REFRESH_MS = 10_000;

export function IncidentLiveHealth({ incident }: { incident: Incident }) {
  const { t, fmt } = useI18n();
  const getHealth = useAppStore((s) => s.getIncidentHealth);
  const alertsVersion = useAppStore((s) => s.alerts);
  const run = useAppStore((s) => s.runIncidentCommand);
  const [health, setHealth] = useState<IncidentHealth | null>(null);

  useEffect(() => {
    let live = true;
    const load = () => void getHealth(incident.id).then((h) => live && setHealth(h), () => live && setHealth(null));
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [incident.id, incident.revision, alertsVersion, getHealth]);

  if (!health) return null;
  const confirmed = incident.checklist['confirm-normal']?.state === 'done';
  const recovery = health.recovery;
  return (
    <section className="panel incident-health" data-testid="incident-live-health" aria-labelledby="incident-health-title">
      <h2 id="incident-health-title">{t('incidentHealth.title')}</h2>
      {health.services.length === 0 && <p className="muted">{t('incidentHealth.none')}</p>}
      {health.services.map((s) => (
        <div key={s.id} className="health-service" data-testid="incident-health-service" data-status={s.status}>
          <StatusBadge status={s.status} glossary={false} />
          <strong>{s.name}</strong>
          {/* A host named on the incident outside any service is its own line: no member list. */}
          {!s.id.startsWith('host:') && <span className="muted small">{s.targets.map((x) => `${x.name} (${t(`status.${x.status}`)})`).join(', ')}</span>}
        </div>
      ))}
      {health.alerts.length > 0 && (
        <>
          <p className="muted small">{t('incidentHealth.alerts', { count: health.alerts.length })}</p>
          <ul className="small">
            {health.alerts.map((a) => (
              <li key={a.id}>
                <a href={`#/alerts/${encodeURIComponent(a.id)}`}>{ruleName(t, { id: a.ruleId, label: a.ruleLabel })}</a> · {a.target.name} · {t(`alerts.state.${a.state}`)}
              </li>
            ))}
          </ul>
        </>
      )}
      {recovery && !confirmed && (
        <div className="plain-words" data-testid="incident-recovery" data-proposed={recovery.proposed}>
          {recovery.proposed
            ? t('incidentHealth.recoveryProposed', { time: fmt.dateTime(recovery.okSince), duration: fmt.duration(recovery.okForMs / 1000) })
            : t('incidentHealth.recovery', { time: fmt.dateTime(recovery.okSince), duration: fmt.duration(recovery.okForMs / 1000) })}
          {recovery.proposed && (
            <div>
              <button
                type="button"
                className="btn btn-small btn-primary"
                data-testid="incident-recovery-confirm"
                onClick={() => void run({ type: 'checkItem', itemId: 'confirm-normal', note: t('incidentHealth.recoveryProposed', { time: fmt.dateTime(recovery.okSince), duration: fmt.duration(recovery.okForMs / 1000) }) })}
              >
                {t('incidentHealth.confirm')}
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
