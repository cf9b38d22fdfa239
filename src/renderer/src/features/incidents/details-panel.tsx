// What the incident is about (title, impact in plain words, workaround, services, hosts) and
// what the current stage shares. These fill the notices, so the composer reads them.
import { useState, type FormEvent } from 'react';
import { isBuiltinPlaceholder, type Incident, type Playbook, type ShareField } from '../../../../shared/incidents';
import type { Translate } from '../../i18n/catalogue';
import type { Formatter } from '../../i18n/format';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { inLanguage, severityLabel, splitList } from './labels';

export function DetailsPanel({ incident, playbook }: { incident: Incident; playbook: Playbook }) {
  const { t } = useI18n();
  const stage = playbook.stages[incident.stageIndex]!;
  return (
    <section className="panel" aria-labelledby="details-title" data-testid="details">
      <h2 id="details-title">{t('details.title')}</h2>
      {/* Keyed by revision: a saved change (here or elsewhere) refreshes the form. */}
      <DetailsForm key={incident.revision} incident={incident} />
      <h3 className="share-title">{t('details.shareTitle')}</h3>
      <ul className="share-fields">
        {stage.share.map((field) => (
          <ShareFieldRow key={`${field.id}-${incident.revision}`} field={field} incident={incident} playbook={playbook} />
        ))}
      </ul>
    </section>
  );
}

function DetailsForm({ incident }: { incident: Incident }) {
  const { t } = useI18n();
  const run = useAppStore((s) => s.runIncidentCommand);
  const pending = useAppStore((s) => s.room.pending);
  const [title, setTitle] = useState(incident.title);
  const [impact, setImpact] = useState(incident.impact);
  const [workaround, setWorkaround] = useState(incident.workaround);
  const [services, setServices] = useState(incident.services.join(', '));
  const [hosts, setHosts] = useState(incident.hosts.join(', '));
  const changes = {
    ...(title.trim() !== incident.title && title.trim() !== '' ? { title: title.trim() } : {}),
    ...(impact !== incident.impact ? { impact } : {}),
    ...(workaround !== incident.workaround ? { workaround } : {}),
    ...(splitList(services).join('\n') !== incident.services.join('\n') ? { services: splitList(services) } : {}),
    ...(splitList(hosts).join('\n') !== incident.hosts.join('\n') ? { hosts: splitList(hosts) } : {}),
  };
  const dirty = Object.keys(changes).length > 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (dirty) void run({ type: 'updateDetails', ...changes });
  };
  const closed = incident.status === 'closed';
  return (
    <form className="form" onSubmit={submit}>
      <label className="field">
        <span>{t('details.titleField')}</span>
        <input value={title} maxLength={200} disabled={closed} onChange={(e) => setTitle(e.target.value)} data-testid="details-title" />
      </label>
      <label className="field">
        <span>{t('details.impact')}</span>
        <textarea rows={2} value={impact} disabled={closed} onChange={(e) => setImpact(e.target.value)} data-testid="details-impact" />
      </label>
      <label className="field">
        <span>{t('details.workaround')}</span>
        <textarea rows={2} value={workaround} disabled={closed} onChange={(e) => setWorkaround(e.target.value)} data-testid="details-workaround" />
      </label>
      <div className="field-row">
        <label className="field">
          <span>{t('details.services')}</span>
          <input value={services} disabled={closed} onChange={(e) => setServices(e.target.value)} data-testid="details-services" />
        </label>
        <label className="field">
          <span>{t('details.hosts')}</span>
          <input value={hosts} disabled={closed} onChange={(e) => setHosts(e.target.value)} data-testid="details-hosts" />
        </label>
      </div>
      {!closed && (
        <button type="submit" className="btn" disabled={!dirty || pending} data-testid="details-save">
          {t('details.save')}
        </button>
      )}
    </form>
  );
}

function ShareFieldRow({ field, incident, playbook }: { field: ShareField; incident: Incident; playbook: Playbook }) {
  const { t, fmt, language } = useI18n();
  const run = useAppStore((s) => s.runIncidentCommand);
  const pending = useAppStore((s) => s.room.pending);
  const [value, setValue] = useState(incident.fields[field.id] ?? '');
  const label = inLanguage(field.label, language);
  if (isBuiltinPlaceholder(field.id)) {
    return (
      <li className="share-field" data-testid={`share-${field.id}`}>
        <span className="share-label">{label}</span>
        <span>{recordValue(field.id, incident, playbook, t, fmt) || <span className="muted">{t('details.empty')}</span>}</span>
        <small className="muted">{t('details.fromRecord')}</small>
      </li>
    );
  }
  const dirty = value !== (incident.fields[field.id] ?? '');
  return (
    <li className="share-field" data-testid={`share-${field.id}`}>
      <form
        className="share-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (dirty) void run({ type: 'setField', fieldId: field.id, value });
        }}
      >
        <label className="field">
          <span className="share-label">{label}</span>
          <input value={value} disabled={incident.status === 'closed'} onChange={(e) => setValue(e.target.value)} data-testid={`share-${field.id}-input`} />
        </label>
        {incident.status !== 'closed' && (
          <button type="submit" className="btn btn-small" disabled={!dirty || pending} data-testid={`share-${field.id}-save`}>
            {t('details.save')}
          </button>
        )}
      </form>
    </li>
  );
}

/** A built-in share field's value as a person reads it. */
function recordValue(id: string, incident: Incident, playbook: Playbook, t: Translate, fmt: Formatter): string {
  const time = (ts: number | null) => (ts === null ? '' : fmt.dateTime(ts));
  switch (id) {
    case 'detectedAt':
      return time(incident.detectedAt);
    case 'acknowledgedAt':
      return time(incident.acknowledgedAt);
    case 'recoveryStartedAt':
      return time(incident.recoveryStartedAt);
    case 'resolvedAt':
      return time(incident.resolvedAt);
    case 'severity':
      return severityLabel(t, incident.severity);
    case 'resolvers':
      return incident.roles.resolvers.join(', ');
    case 'commander':
    case 'communications':
    case 'scribe':
      return incident.roles[id] ?? '';
    case 'services':
      return incident.services.join(', ');
    case 'hosts':
      return incident.hosts.join(', ');
    case 'impact':
      return incident.impact;
    case 'updateCadence': {
      const timer = playbook.stages[incident.stageIndex]?.timers.find((tm) => tm.kind === 'status-update');
      const minutes = timer?.kind === 'status-update' ? timer.everyMinutes[incident.severity] : null;
      return minutes === null ? '' : t('playbook.every', { minutes });
    }
    default:
      return '';
  }
}
