// Who wears which hat. Roles go to people on the responder list (name, team, contact), picked or
// typed; "me" is the person chosen at this desk, the OS account only by default. Handing a role
// over records who had it before.
import { useState, type FormEvent } from 'react';
import { INCIDENT_ROLES, type Incident, type IncidentRole } from '../../../../shared/incidents';
import { samePersonName, type Person } from '../../../../shared/incidents-people';
import { useI18n } from '../../i18n/use-i18n';
import { routeToHash } from '../../routing/routes';
import { myName } from '../../store/people-slice';
import { useAppStore } from '../../store/react';
import { roleLabel } from './labels';
import { PeopleNames } from './people-panel';

export function RolesPanel({ incident, user }: { incident: Incident; user: string }) {
  const { t } = useI18n();
  const people = useAppStore((s) => s.people);
  const meId = useAppStore((s) => s.meId);
  const me = myName(people, meId, user);
  return (
    <section className="panel" aria-labelledby="roles-title" data-testid="roles">
      <h2 id="roles-title">{t('roles.title')}</h2>
      <p className="muted small">{t('roles.hint')}</p>
      <PeopleNames />
      <ul className="roles">
        {INCIDENT_ROLES.map((role) => (
          <RoleRow key={role} role={role} incident={incident} me={me} people={people?.people ?? []} />
        ))}
      </ul>
      <p className="muted small">
        {people && people.people.length === 0 ? t('roles.noPeople') : t('roles.peopleNote')}{' '}
        <a href={`${routeToHash({ name: 'incidents' })}`} data-testid="roles-manage-people">
          {t('roles.managePeople')}
        </a>
      </p>
    </section>
  );
}

function Holder({ name, people }: { name: string; people: Person[] }) {
  const person = people.find((p) => samePersonName(p.name, name));
  return (
    <span className="holder-name">
      <span>{name}</span>
      {person && (person.team || person.contact) && <span className="holder-meta">{[person.team, person.contact].filter(Boolean).join(' · ')}</span>}
    </span>
  );
}

function RoleRow({ role, incident, me, people }: { role: IncidentRole; incident: Incident; me: string; people: Person[] }) {
  const { t } = useI18n();
  const run = useAppStore((s) => s.runIncidentCommand);
  const pending = useAppStore((s) => s.room.pending);
  const [name, setName] = useState('');
  const holders = role === 'resolver' ? incident.roles.resolvers : incident.roles[role] ? [incident.roles[role]!] : [];
  const editable = incident.status !== 'closed' && !pending;
  const assign = (person: string) => void run({ type: 'assignRole', role, person }).then((ok) => ok && setName(''));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // A name typed in another case or with spaces is the listed person, written as listed.
    const typed = name.trim();
    if (typed) assign(people.find((p) => samePersonName(p.name, typed))?.name ?? typed);
  };
  return (
    <li className="role" data-testid={`role-${role}`}>
      <span className="role-name">{roleLabel(t, role)}</span>
      <span className="role-holders">
        {holders.length === 0 && <span className="muted">{t('roles.unassigned')}</span>}
        {holders.map((p) => (
          <span key={p} className="holder" data-testid={`role-${role}-holder`}>
            <Holder name={p} people={people} />
            {editable && (
              <button type="button" className="holder-x" aria-label={t('roles.release', { person: p })} onClick={() => void run({ type: 'releaseRole', role, person: p })}>
                ×
              </button>
            )}
          </span>
        ))}
      </span>
      {editable && (
        <form className="role-form" onSubmit={submit}>
          <input
            value={name}
            maxLength={100}
            list="people-names"
            placeholder={t('roles.pick')}
            onChange={(e) => setName(e.target.value)}
            aria-label={t('roles.name', { role: roleLabel(t, role) })}
            data-testid={`role-${role}-input`}
          />
          <button type="submit" className="btn btn-small" disabled={!name.trim()} data-testid={`role-${role}-assign`}>
            {t('roles.assign')}
          </button>
          {!holders.includes(me) && (
            <button type="button" className="btn btn-small btn-ghost" onClick={() => assign(me)} data-testid={`role-${role}-me`}>
              {t('roles.me', { user: me })}
            </button>
          )}
        </form>
      )}
    </li>
  );
}
