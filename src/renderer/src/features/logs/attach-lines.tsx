// Picked lines to an incident's timeline as evidence (the playbook's "attach logs" step).
import { useEffect, useState } from 'react';
import type { ErrorPayload } from '../../../../shared/errors';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';

export function AttachLines() {
  const { t } = useI18n();
  const selected = useAppStore((s) => s.logs.selected.length);
  const incidents = useAppStore((s) => s.incidentList);
  const listStatus = useAppStore((s) => s.incidentListStatus);
  const loadIncidents = useAppStore((s) => s.loadIncidents);
  const attach = useAppStore((s) => s.attachLogLines);
  const clear = useAppStore((s) => s.clearLogSelection);
  const hostKind = useAppStore((s) => s.hostKind);
  const [incidentId, setIncidentId] = useState('');
  const [done, setDone] = useState<{ count: number; id: string } | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  useEffect(() => {
    if (selected > 0 && listStatus === 'idle') void loadIncidents();
  }, [selected, listStatus, loadIncidents]);
  const open = incidents.filter((i) => i.status !== 'closed');
  const chosen = incidentId || open[0]?.id || '';

  if (selected === 0) {
    return done ? (
      <p className="inv-ok" role="status" data-testid="log-attached">
        ✓ {t('logs.attached', { count: done.count, incident: done.id })}
      </p>
    ) : null;
  }
  return (
    <div className="log-attach" data-testid="log-attach">
      <span>{t('logs.selected', { count: selected })}</span>
      {open.length === 0 ? (
        <span className="muted">{t('logs.attachNone')}</span>
      ) : (
        <>
          <label>
            <span className="visually-hidden">{t('logs.attachTo')}</span>
            <select value={chosen} onChange={(e) => setIncidentId(e.target.value)} data-testid="log-attach-incident">
              {open.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.id} · {i.title}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="log-attach-button"
            onClick={() => {
              setError(null);
              attach(chosen)
                .then((id) => setDone({ count: selected, id }))
                .catch((err: ErrorPayload) => setError(err));
            }}
          >
            {t('logs.attach')}
          </button>
        </>
      )}
      <button type="button" className="btn btn-small" onClick={clear}>
        {t('logs.clearSelection')}
      </button>
      {error && (
        <span className="inline-error" role="alert">
          {describeError(t, error, hostKind)}
        </span>
      )}
    </div>
  );
}
