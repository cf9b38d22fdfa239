// One alert on the Alerts screen: what, where, how bad, since when, why it is not being sent,
// and what a person can do (acknowledge with a note, silence, open the proposed incident).
import { useState } from 'react';
import type { AlertView } from '../../../../shared/alerts';
import type { ErrorPayload } from '../../../../shared/errors';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { myName } from '../../store/people-slice';
import { conditionText, forecastSentence, formatValue, ruleName, seriesName } from './alert-text';
import { describeAlertError } from './alert-errors';
import { ExternalAlertLines } from './external-alert-lines';
import { sourceBrand } from './source-name';

const SILENCE_MS = { '1h': 3_600_000, '4h': 4 * 3_600_000, '24h': 24 * 3_600_000 } as const;
type SilenceLength = keyof typeof SILENCE_MS;

interface Props {
  alert: AlertView;
  now: number;
  serviceNames: Record<string, string>;
}

export function AlertRow({ alert: a, now, serviceNames }: Props) {
  const { t, fmt } = useI18n();
  const hostKind = useAppStore((s) => s.hostKind);
  const acknowledge = useAppStore((s) => s.acknowledgeAlert);
  const people = useAppStore((s) => s.people);
  const meId = useAppStore((s) => s.meId);
  const saveSilence = useAppStore((s) => s.saveSilence);
  const openIncident = useAppStore((s) => s.openIncidentFromAlert);
  const navigate = useAppStore((s) => s.navigate);
  const [mode, setMode] = useState<'idle' | 'ack' | 'silence'>('idle');
  const [note, setNote] = useState('');
  const [length, setLength] = useState<SilenceLength>('1h');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      setMode('idle');
    } catch (err) {
      setError(err as ErrorPayload);
    } finally {
      setBusy(false);
    }
  };

  const silenced = a.suppressed === 'silenced' || a.suppressed === 'maintenance';
  const stateKey = silenced ? 'silenced' : a.state;
  const forecast = forecastSentence(t, fmt, a, now);
  const since = a.firingSince ?? a.activeSince;
  const ext = a.external ?? null;
  // A data source's alert is acknowledged and silenced in that source, not here.
  const canAck = !ext && (a.state === 'firing' || a.state === 'unknown');

  return (
    <>
      <tr className={`alert-row alert-${a.severity} alert-state-${a.state}${ext ? ' alert-external' : ''}`} data-testid="alert-row" data-alert-id={a.id} data-state={a.state} data-rule={a.ruleId} data-source={ext?.sourceKind}>
        <td>
          <span className={`alert-severity sev-${a.severity}`}>{t(`alerts.severity.${a.severity}`)}</span>{' '}
          <span className={`alert-state state-${stateKey}`} data-testid="alert-state">
            {t(`alerts.state.${stateKey}`)}
          </span>
          <div className="alert-name">
            <a href={`#/alerts/${encodeURIComponent(a.id)}`} data-testid="alert-open">
              {ruleName(t, { id: a.ruleId, label: a.ruleLabel })}
            </a>
          </div>
          {ext ? (
            <ExternalAlertLines alert={ext} />
          ) : (
            <div className="muted small">
              {seriesName(t, a.seriesKey)} · {conditionText(t, fmt, { kind: a.conditionKind }, a.seriesKey, a.threshold, a.direction)}
            </div>
          )}
          {forecast && <div className="alert-forecast">{forecast}</div>}
          {a.suppressed && !ext && <div className="alert-suppressed muted small">{t(`alerts.suppressed.${a.suppressed}`)}</div>}
          {a.flapping && <div className="muted small">{t('alerts.flapping', { percent: fmt.number(a.flapPercent, 0) })}</div>}
          {a.acknowledgedBy && (
            <div className="alert-ack small" data-testid="alert-ack-by">
              {a.note ? t('alerts.ackBy', { who: a.acknowledgedBy, note: a.note }) : t('alerts.ackByNoNote', { who: a.acknowledgedBy })}
            </div>
          )}
          {a.escalationLevel > 0 && <div className="muted small">{t('alerts.escalated', { level: a.escalationLevel })}</div>}
        </td>
        <td>
          <a href={a.target.kind === 'local' || a.target.kind === 'ssh' ? `#/host/${encodeURIComponent(a.target.id)}` : `#/check/${encodeURIComponent(a.target.id)}`}>{a.target.name}</a>
          {a.serviceIds.length > 0 && <div className="muted small">{a.serviceIds.map((id) => serviceNames[id] ?? id).join(', ')}</div>}
        </td>
        <td className="num" data-testid="alert-value">
          {ext ? '' : formatValue(fmt, a.seriesKey, a.value)}
        </td>
        <td>
          <div>{fmt.dateTime(since)}</div>
          <div className="muted small">{a.state === 'pending' ? t('alerts.pendingFor', { duration: fmt.duration((now - since) / 1000) }) : a.state === 'resolved' ? '' : t('alerts.firingFor', { duration: fmt.duration((now - since) / 1000) })}</div>
        </td>
        <td className="alert-actions">
          {canAck && (
            <button type="button" className="btn btn-small btn-primary" onClick={() => setMode(mode === 'ack' ? 'idle' : 'ack')} data-testid="alert-ack" aria-expanded={mode === 'ack'}>
              {t('alerts.acknowledge')}
            </button>
          )}
          {ext && <span className="muted small" data-testid="alert-handle-there">{ext.sourceKind === 'prometheus' ? t('alerts.external.handleThere.prometheus') : t('alerts.external.handleThere', { kind: sourceBrand(ext.sourceKind) })}</span>}
          {!ext && a.state !== 'resolved' && !silenced && (
            <button type="button" className="btn btn-small" onClick={() => setMode(mode === 'silence' ? 'idle' : 'silence')} data-testid="alert-silence" aria-expanded={mode === 'silence'}>
              {t('alerts.silence')}
            </button>
          )}
          {a.incidentId ? (
            <a className="btn btn-small" href={`#/incidents/${encodeURIComponent(a.incidentId)}`} data-testid="alert-incident">
              {t('alerts.incident', { id: a.incidentId })}
            </a>
          ) : (
            a.incidentProposed && (
              <button
                type="button"
                className="btn btn-small"
                title={t('alerts.incidentProposed')}
                disabled={busy}
                onClick={() => void run(async () => navigate({ name: 'incident', id: await openIncident(a.id) }))}
                data-testid="alert-open-incident"
              >
                {t('alerts.openIncident')}
              </button>
            )
          )}
        </td>
      </tr>
      {mode !== 'idle' && (
        <tr className="alert-form-row">
          <td colSpan={5}>
            {mode === 'ack' ? (
              <form
                className="inline-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void run(() => acknowledge(a.id, note, myName(people, meId, '') || undefined));
                }}
              >
                <label>
                  {t('alerts.ackNote')}
                  <input type="text" value={note} maxLength={2000} placeholder={t('alerts.ackNotePlaceholder')} onChange={(e) => setNote(e.target.value)} data-testid="alert-ack-note" autoFocus />
                </label>
                <button type="submit" className="btn btn-primary" disabled={busy} data-testid="alert-ack-confirm">
                  {t('alerts.ackConfirm')}
                </button>
                <button type="button" className="btn" onClick={() => setMode('idle')}>
                  {t('alerts.cancel')}
                </button>
              </form>
            ) : (
              <form
                className="inline-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void run(() => saveSilence({ matcher: { ruleId: a.ruleId, targetId: a.target.id }, endsAt: Date.now() + SILENCE_MS[length], reason: reason.trim() || t('alerts.silence') }));
                }}
              >
                <label>
                  {t('alerts.silenceFor')}
                  <select value={length} onChange={(e) => setLength(e.target.value as SilenceLength)} data-testid="alert-silence-length">
                    {(Object.keys(SILENCE_MS) as SilenceLength[]).map((k) => (
                      <option key={k} value={k}>
                        {t(`alerts.silence.${k}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('alerts.silenceReason')}
                  <input type="text" value={reason} maxLength={500} placeholder={t('alerts.silenceReasonPlaceholder')} onChange={(e) => setReason(e.target.value)} data-testid="alert-silence-reason" />
                </label>
                <button type="submit" className="btn btn-primary" disabled={busy} data-testid="alert-silence-confirm">
                  {t('alerts.silenceConfirm')}
                </button>
                <button type="button" className="btn" onClick={() => setMode('idle')}>
                  {t('alerts.cancel')}
                </button>
              </form>
            )}
            {error && (
              <p className="form-error" role="alert" data-testid="alert-action-error">
                {describeAlertError(t, error, hostKind)}
              </p>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
