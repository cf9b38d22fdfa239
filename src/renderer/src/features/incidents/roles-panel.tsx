// Who wears which hat. Anyone can take a role; handing it over records who had it before.
import { useState, type FormEvent } from 'react';
import { INCIDENT_ROLES, type Incident, type IncidentRole } from '../../../../shared/incidents';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { roleLabel } from './labels';

export function RolesPanel({ incident, user }: { incident: Incident; user: string }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="roles-title" data-testid="roles">
      <h2 id="roles-title">{t('roles.title')}</h2>
      <p className="muted small">{t('roles.hint')}</p>
      <ul className="roles">
        {INCIDENT_ROLES.map((role) => (
          <RoleRow key={role} role={role} incident={incident} user={user} />
        ))}
      </ul>
    </section>
  );
}

function RoleRow({ role, incident, user }: { role: IncidentRole; incident: Incident; user: string }) {
  const { t } = useI18n();
  const run = useAppStore((s) => s.runIncidentCommand);
  const pending = useAppStore((s) => s.room.pending);
  const [name, setName] = useState('');
  const holders = role === 'resolver' ? incident.roles.resolvers : incident.roles[role] ? [incident.roles[role]!] : [];
  const editable = incident.status !== 'closed' && !pending;
  const assign = (person: string) => void run({ type: 'assignRole', role, person }).then((ok) => ok && setName(''));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) assign(name.trim());
  };
  return (
    <li className="role" data-testid={`role-${role}`}>
      <span className="role-name">{roleLabel(t, role)}</span>
      <span className="role-holders">
        {holders.length === 0 && <span className="muted">{t('roles.unassigned')}</span>}
        {holders.map((p) => (
          <span key={p} className="holder">
            {p}
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
          <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} aria-label={t('roles.name', { role: roleLabel(t, role) })} data-testid={`role-${role}-input`} />
          <button type="submit" className="btn btn-small" disabled={!name.trim()} data-testid={`role-${role}-assign`}>
            {t('roles.assign')}
          </button>
          {!holders.includes(user) && (
            <button type="button" className="btn btn-small btn-ghost" onClick={() => assign(user)} data-testid={`role-${role}-me`}>
              {t('roles.me', { user })}
            </button>
          )}
        </form>
      )}
    </li>
  );
}
