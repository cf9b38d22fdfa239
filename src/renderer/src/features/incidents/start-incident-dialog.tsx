// Starting an incident, by hand or from a host. From a host the form is filled with what was
// seen (the worst breach as the title, its time, the readings) so nobody retypes under stress.
import './incidents.css';
import { useEffect, useState, type FormEvent } from 'react';
import type { ErrorPayload } from '../../../../shared/errors';
import { SEVERITIES, type Severity } from '../../../../shared/incidents';
import type { IncidentDraft } from '../../../../shared/incidents-contract';
import type { SeriesKey } from '../../../../shared/model';
import { unitOf } from '../../domain/metrics';
import type { Translate } from '../../i18n/catalogue';
import { metricLabel } from '../../i18n/describe';
import type { Formatter } from '../../i18n/format';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { Dialog } from '../../ui/dialog';
import { FieldError } from '../../ui/field-error';
import { LoadingState } from '../../ui/state-views';
import { fromLocalInput, inLanguage, severityLabel, splitList, toLocalInput } from './labels';
import { describeError } from '../../i18n/describe';

export type StartFrom = { kind: 'manual' } | { kind: 'host'; targetId: string };

export function StartIncidentDialog({ from, onClose }: { from: StartFrom; onClose(): void }) {
  const { t, fmt } = useI18n();
  const draftIncident = useAppStore((s) => s.draftIncident);
  const createIncident = useAppStore((s) => s.createIncident);
  const navigate = useAppStore((s) => s.navigate);
  const ensurePlaybook = useAppStore((s) => s.ensurePlaybook);
  const [draft, setDraft] = useState<IncidentDraft | null>(null);
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('SEV3');
  const [impact, setImpact] = useState('');
  const [services, setServices] = useState('');
  const [detected, setDetected] = useState(() => toLocalInput(Date.now()));
  const [busy, setBusy] = useState(from.kind === 'host');
  const [error, setError] = useState<ErrorPayload | null>(null);

  useEffect(() => {
    ensurePlaybook();
    if (from.kind !== 'host') return;
    let live = true;
    draftIncident(from.targetId).then(
      (d) => {
        if (!live) return;
        setDraft(d);
        setTitle(draftTitle(d, t, fmt));
        setSeverity(d.severity);
        setDetected(toLocalInput(d.detectedAt));
        setBusy(false);
      },
      (err: ErrorPayload) => live && (setError(err), setBusy(false)),
    );
    return () => {
      live = false;
    };
  }, [from, draftIncident, ensurePlaybook, t, fmt]);

  const [tried, setTried] = useState(false);
  const titleMissing = title.trim() === '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (titleMissing) return;
    setBusy(true);
    setError(null);
    const detectedAt = fromLocalInput(detected) ?? undefined;
    const common = { title: title.trim(), severity, impact: impact.trim() || undefined, services: splitList(services), detectedAt };
    try {
      const created = await createIncident(from.kind === 'host' ? { from: 'host', targetId: from.targetId, ...common } : { from: 'manual', ...common });
      onClose();
      navigate({ name: 'incident', id: created.incident.id });
    } catch (err) {
      setError(err as ErrorPayload);
      setBusy(false);
    }
  };

  return (
    <Dialog title={from.kind === 'host' ? t('start.titleHost') : t('start.titleManual')} onClose={onClose} testId="start-dialog" wide>
      {from.kind === 'host' && draft === null && busy ? (
        <LoadingState text={t('start.creating')} />
      ) : (
        <form className="form" onSubmit={(e) => void submit(e)} noValidate>
          {draft && (
            <p className="notice" data-testid="start-prefill">
              {t('start.fromHost', { host: draft.hostName, time: fmt.time(draft.detectedAt, true) })}
            </p>
          )}
          {draft?.snapshot && <Readings draft={draft} />}
          <label className="field">
            <span>{t('start.field.title')} *</span>
            <input
              aria-required
              aria-invalid={tried && titleMissing}
              aria-describedby={tried && titleMissing ? 'start-title-error' : undefined}
              maxLength={200}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              data-testid="start-title"
            />
            {tried && titleMissing && <FieldError id="start-title-error" text={t('form.required')} />}
          </label>
          <SeverityChoice value={severity} onChange={setSeverity} />
          <label className="field">
            <span>{t('start.field.impact')}</span>
            <textarea rows={2} value={impact} onChange={(e) => setImpact(e.target.value)} data-testid="start-impact" />
            <small className="muted">{t('start.field.impactHint')}</small>
          </label>
          <div className="field-row">
            <label className="field">
              <span>{t('start.field.services')}</span>
              <input value={services} onChange={(e) => setServices(e.target.value)} data-testid="start-services" />
            </label>
            <label className="field">
              <span>{t('start.field.detected')}</span>
              <input type="datetime-local" value={detected} max={toLocalInput(Date.now())} onChange={(e) => setDetected(e.target.value)} data-testid="start-detected" />
            </label>
          </div>
          {error && (
            <p className="inline-error" role="alert" data-testid="start-error">
              {t('room.refused', { message: describeError(t, error) })}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={onClose}>
              {t('start.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="start-submit">
              {busy ? t('start.creating') : t('start.submit')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

function SeverityChoice({ value, onChange }: { value: Severity; onChange(s: Severity): void }) {
  const { t, language } = useI18n();
  const playbook = useAppStore((s) => s.playbookInfo?.playbook ?? null);
  return (
    <fieldset className="field severity-choice" data-testid="start-severity">
      <legend>{t('start.field.severity')}</legend>
      <small className="muted">{playbook ? inLanguage(playbook.severityGuidance, language) : t('start.severityHint')}</small>
      {SEVERITIES.map((sev) => {
        const def = playbook?.severities.find((s) => s.id === sev);
        return (
          <label key={sev} className={`severity-option sev-${sev}`}>
            <input type="radio" name="severity" value={sev} checked={value === sev} onChange={() => onChange(sev)} data-testid={`start-severity-${sev}`} />
            <span>
              <strong>{def ? inLanguage(def.name, language) : severityLabel(t, sev)}</strong>
              {def && <span className="muted"> — {inLanguage(def.definition, language)}</span>}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

/** "db-01: 디스크 사용률 97.3 % ≥ 95 %": the breach in the reader's words, not metric keys. */
function draftTitle(draft: IncidentDraft, t: Translate, fmt: Formatter): string {
  const { source } = draft;
  // Without a breach the engine's draft says only the host and its status: word the status.
  if (source.kind !== 'threshold') {
    const status = draft.title.slice(draft.hostName.length + 2);
    return status === 'ok' || status === 'warn' || status === 'crit' || status === 'unknown' ? `${draft.hostName}: ${t(`status.${status}`)}` : draft.title;
  }
  const key = source.metric as SeriesKey;
  const unit = unitOf(key);
  return `${draft.hostName}: ${t('reason.threshold', { metric: metricLabel(t, key), value: fmt.metric(unit, source.value), threshold: fmt.metric(unit, source.threshold) })}`;
}

const SHOWN_READINGS = ['cpu.usage', 'mem.used', 'disk.used', 'load.perCore'] as const;

function Readings({ draft }: { draft: IncidentDraft }) {
  const { t, fmt } = useI18n();
  const metrics = draft.snapshot?.metrics ?? {};
  const breach = draft.source.kind === 'threshold' ? draft.source.metric : null;
  const keys = [...new Set([...(breach ? [breach] : []), ...SHOWN_READINGS])];
  return (
    <dl className="readings" aria-label={t('start.metrics')} data-testid="start-readings">
      {keys.map((key) => (
        <div key={key} className={key === breach ? 'reading reading-breach' : 'reading'}>
          <dt>{key.startsWith('fs.used:') ? t('metric.fs.used', { mount: key.slice('fs.used:'.length) }) : t(`metric.${key}` as never)}</dt>
          <dd>{key === 'load.perCore' ? fmt.ratio(metrics[key] ?? null) : fmt.percent(metrics[key] ?? null)}</dd>
        </div>
      ))}
    </dl>
  );
}
