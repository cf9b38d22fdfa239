// The values a notice needs, editable where it is composed: the playbook's shared fields (saved
// on the incident), the impact and services, the roles, the news of this update and the next
// update time. Values that come from events (recovery started, resolved) say which button fills them.
import { useState } from 'react';
import type { Incident, Playbook } from '../../../../shared/incidents';
import type { ComposedMessageView } from '../../../../shared/incidents-contract';
import { samePersonName } from '../../../../shared/incidents-people';
import { useI18n } from '../../i18n/use-i18n';
import { myName } from '../../store/people-slice';
import { useAppStore } from '../../store/react';
import type { RoomCommand } from '../../store/incidents-slice';
import { fieldKindOf, placeholderLabel, type FieldKind } from './composer-model';
import { fromLocalInput, splitList, toLocalInput } from './labels';

interface Props {
  incident: Incident;
  playbook: Playbook;
  message: ComposedMessageView;
  update: { value: string; set(v: string): void } | null;
  nextUpdateAt: { value: number | null; set(v: number | null): void };
}

export function ComposerFields({ incident, playbook, message, update, nextUpdateAt }: Props) {
  const { t, language } = useI18n();
  const missing = new Set([...message.missing, ...message.unknown]);
  const closed = incident.status === 'closed';
  const rows = message.uses
    .map((name) => ({ name, kind: fieldKindOf(name) }))
    // The stage's own fields and the news are always offered; a detail, a role or a time only while
    // it is missing (filled ones show in the preview, and the details panel edits them).
    .filter(({ name, kind }) => {
      if (kind.kind === 'custom' || kind.kind === 'update') return true;
      if (kind.kind === 'nextUpdateAt') return missing.has(name) || nextUpdateAt.value !== null;
      return kind.kind !== 'record' && missing.has(name);
    });
  if (rows.length === 0) return null;
  return (
    <div className="composer-fields" data-testid="compose-fields">
      <h3>{t('composer.fieldsTitle')}</h3>
      <ul>
        {rows.map(({ name, kind }) => (
          <li key={`${name}-${incident.revision}`} className={missing.has(name) ? 'compose-field compose-field-missing' : 'compose-field'} data-testid={`compose-field-${name}`} data-missing={missing.has(name)}>
            <FieldRow name={name} kind={kind} label={placeholderLabel(name, playbook, t, language)} missing={missing.has(name)} incident={incident} disabled={closed} update={update} nextUpdateAt={nextUpdateAt} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function FieldRow(props: { name: string; kind: FieldKind; label: string; missing: boolean; incident: Incident; disabled: boolean } & Pick<Props, 'update' | 'nextUpdateAt'>) {
  const { t } = useI18n();
  const { name, kind, label, missing, incident, disabled } = props;
  const id = `compose-input-${name}`;
  const note = missing ? <small className="field-error">▲ {t('composer.fieldNeeded')}</small> : null;
  switch (kind.kind) {
    case 'custom':
      return <SavedText id={id} label={label} note={note} missing={missing} disabled={disabled} initial={incident.fields[name] ?? ''} command={(value) => ({ type: 'setField', fieldId: name, value })} />;
    case 'detail':
      return <SavedText id={id} label={label} note={note} missing={missing} disabled={disabled} initial={incident[kind.field]} multiline={kind.field !== 'title'} command={(value) => ({ type: 'updateDetails', [kind.field]: value })} />;
    case 'services':
      return <SavedText id={id} label={label} note={note} missing={missing} disabled={disabled} initial={incident.services.join(', ')} command={(value) => ({ type: 'updateDetails', services: splitList(value) })} />;
    case 'role':
      return <RoleField id={id} label={label} note={note} missing={missing} disabled={disabled} incident={incident} role={kind.role} />;
    case 'update':
      return props.update ? (
        <label className="field">
          <span>{t('composer.update')}</span>
          <textarea id={id} rows={2} value={props.update.value} aria-invalid={missing} onChange={(e) => props.update!.set(e.target.value)} data-testid="compose-update" />
          {note}
          <small className="muted">{t('composer.updateHint')}</small>
        </label>
      ) : null;
    case 'nextUpdateAt':
      return <NextUpdateField id={id} label={label} note={note} missing={missing} value={props.nextUpdateAt.value} set={props.nextUpdateAt.set} />;
    case 'event':
      return (
        <p className="field">
          <span>{label}</span>
          <span className="muted">{t(`composer.eventHint.${kind.event}`)}</span>
        </p>
      );
    case 'record':
      return null;
  }
}

function SavedText(props: { id: string; label: string; note: React.ReactNode; missing: boolean; disabled: boolean; initial: string; multiline?: boolean; command(value: string): RoomCommand }) {
  const { t } = useI18n();
  const run = useAppStore((s) => s.runIncidentCommand);
  const pending = useAppStore((s) => s.room.pending);
  const [value, setValue] = useState(props.initial);
  const dirty = value !== props.initial;
  const save = () => {
    if (dirty) void run(props.command(value));
  };
  const input = props.multiline ? (
    <textarea id={props.id} rows={2} value={value} disabled={props.disabled} aria-invalid={props.missing} onChange={(e) => setValue(e.target.value)} data-testid={props.id} />
  ) : (
    <input id={props.id} value={value} disabled={props.disabled} aria-invalid={props.missing} onChange={(e) => setValue(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), save())} data-testid={props.id} />
  );
  return (
    <div className="field compose-field-row">
      <label htmlFor={props.id}>{props.label}</label>
      <div className="compose-field-input">
        {input}
        {!props.disabled && (
          <button type="button" className="btn btn-small" disabled={!dirty || pending} onClick={save} data-testid={`${props.id}-save`}>
            {t('details.save')}
          </button>
        )}
      </div>
      {props.note}
    </div>
  );
}

function RoleField(props: { id: string; label: string; note: React.ReactNode; missing: boolean; disabled: boolean; incident: Incident; role: 'commander' | 'communications' | 'scribe' | 'resolver' }) {
  const { t } = useI18n();
  const run = useAppStore((s) => s.runIncidentCommand);
  const pending = useAppStore((s) => s.room.pending);
  const people = useAppStore((s) => s.people);
  const meId = useAppStore((s) => s.meId);
  const user = useAppStore((s) => s.room.detail?.user ?? '');
  const me = myName(people, meId, user);
  const [name, setName] = useState('');
  const held = props.role === 'resolver' ? props.incident.roles.resolvers : props.incident.roles[props.role] ? [props.incident.roles[props.role]!] : [];
  const assign = (person: string) => void run({ type: 'assignRole', role: props.role, person }).then((ok) => ok && setName(''));
  const typed = name.trim();
  return (
    <div className="field compose-field-row">
      <label htmlFor={props.id}>{props.label}</label>
      {held.length > 0 && <span className="compose-field-value">{held.join(', ')}</span>}
      {!props.disabled && (
        <div className="compose-field-input">
          <input id={props.id} value={name} list="people-names" placeholder={t('roles.pick')} aria-invalid={props.missing} onChange={(e) => setName(e.target.value)} data-testid={props.id} />
          <button type="button" className="btn btn-small" disabled={!typed || pending} onClick={() => assign(people?.people.find((p) => samePersonName(p.name, typed))?.name ?? typed)} data-testid={`${props.id}-save`}>
            {t('roles.assign')}
          </button>
          {!held.includes(me) && (
            <button type="button" className="btn btn-small btn-ghost" disabled={pending} onClick={() => assign(me)} data-testid={`${props.id}-me`}>
              {t('roles.me', { user: me })}
            </button>
          )}
        </div>
      )}
      {props.note}
    </div>
  );
}

function NextUpdateField(props: { id: string; label: string; note: React.ReactNode; missing: boolean; value: number | null; set(v: number | null): void }) {
  const { t } = useI18n();
  const [text, setText] = useState(props.value === null ? '' : toLocalInput(props.value));
  const pick = (ts: number | null) => {
    setText(ts === null ? '' : toLocalInput(ts));
    props.set(ts);
  };
  const inMinutes = (m: number) => pick(Math.ceil((Date.now() + m * 60_000) / 60_000) * 60_000);
  return (
    <div className="field compose-field-row">
      <label htmlFor={props.id}>{props.label}</label>
      <div className="compose-field-input">
        <input id={props.id} type="datetime-local" value={text} aria-invalid={props.missing} onChange={(e) => (setText(e.target.value), props.set(fromLocalInput(e.target.value)))} data-testid={props.id} />
        <button type="button" className="btn btn-small" onClick={() => inMinutes(30)} data-testid={`${props.id}-30`}>
          {t('composer.inMinutes', { minutes: 30 })}
        </button>
        <button type="button" className="btn btn-small" onClick={() => inMinutes(60)} data-testid={`${props.id}-60`}>
          {t('composer.inMinutes', { minutes: 60 })}
        </button>
      </div>
      <small className="muted">{t('composer.nextUpdateHint')}</small>
      {props.note}
    </div>
  );
}
