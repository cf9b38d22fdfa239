// The responder list on the incident screen: who can take the four roles, their team and how
// to reach them, and who "me" is at this desk. Kept in the engine's data folder; exported and
// imported as one JSON file so another desk can use the same list.
import { useRef, useState, type FormEvent } from 'react';
import type { ErrorPayload } from '../../../../shared/errors';
import { samePersonName, type Person } from '../../../../shared/incidents-people';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { errorPayloadOf } from '../../store/errors';
import { useAppStore } from '../../store/react';
import { downloadTextFile } from '../../ui/download';
import { FieldError } from '../../ui/field-error';

interface Draft {
  id?: string;
  name: string;
  team: string;
  contact: string;
}

const EMPTY: Draft = { name: '', team: '', contact: '' };

export function PeoplePanel() {
  const { t } = useI18n();
  const view = useAppStore((s) => s.people);
  const status = useAppStore((s) => s.peopleStatus);
  const meId = useAppStore((s) => s.meId);
  const setMe = useAppStore((s) => s.setMe);
  const remove = useAppStore((s) => s.deletePerson);
  const exportPeople = useAppStore((s) => s.exportPeople);
  const importPeople = useAppStore((s) => s.importPeople);
  const [editing, setEditing] = useState<Draft | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const people = view?.people ?? [];

  const fail = (err: unknown) => setNotice({ ok: false, text: describeError(t, errorPayloadOf(err)) });
  const onImport = async (file: File | undefined) => {
    if (!file) return;
    try {
      const next = await importPeople(await file.text());
      setNotice({ ok: true, text: t('people.imported', { count: next.people.length }) });
    } catch (err) {
      fail(err);
    }
  };

  return (
    <section className="panel people-panel" aria-labelledby="people-title" data-testid="people-panel">
      <div className="section-head">
        <h2 id="people-title">{t('people.title')}</h2>
        <div className="button-row">
          <button type="button" className="btn btn-small" onClick={() => setEditing({ ...EMPTY })} data-testid="person-add">
            {t('people.add')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={people.length === 0}
            onClick={() =>
              void exportPeople().then(
                (f) => (downloadTextFile(f), setNotice({ ok: true, text: t('file.saved', { name: f.filename }) })),
                fail,
              )
            }
            data-testid="people-export"
          >
            {t('people.export')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => fileInput.current?.click()}>
            {t('people.import')}
          </button>
          <input ref={fileInput} type="file" accept=".json,application/json" hidden onChange={(e) => void onImport(e.target.files?.[0])} data-testid="people-import" />
        </div>
      </div>
      <p className="muted small">{t('people.intro')}</p>
      {view?.problem && <p className="inline-error">{describeError(t, { code: view.problem })}</p>}
      {notice && (
        <p className={notice.ok ? 'notice' : 'inline-error'} role="status" data-testid="people-notice">
          {notice.text}
        </p>
      )}
      {status === 'loading' && !view && <p className="muted">{t('people.loading')}</p>}
      {view && people.length === 0 && <p className="muted" data-testid="people-empty">{t('people.empty', { user: view.osUser })}</p>}
      {people.length > 0 && (
        <table className="people-table" data-testid="people-table">
          <thead>
            <tr>
              <th scope="col">{t('people.name')}</th>
              <th scope="col">{t('people.team')}</th>
              <th scope="col">{t('people.contact')}</th>
              <th scope="col">{t('people.me')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('inventory.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id} data-testid={`person-${p.name}`}>
                <th scope="row">{p.name}</th>
                <td>{p.team || <span className="muted">—</span>}</td>
                <td>{p.contact || <span className="muted">—</span>}</td>
                <td>
                  <input type="radio" name="people-me" checked={meId === p.id} onChange={() => setMe(p.id)} aria-label={t('people.thisIsMe', { name: p.name })} data-testid={`person-me-${p.name}`} />
                </td>
                <td className="row-actions">
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => setEditing({ ...p })}>
                    {t('inventory.edit')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    onClick={() => {
                      if (window.confirm(t('people.confirmDelete', { name: p.name }))) void remove(p.id).then(() => meId === p.id && setMe(null), fail);
                    }}
                  >
                    {t('inventory.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view && people.length > 0 && (
        <label className="inv-check small">
          <input type="radio" name="people-me" checked={meId === null || !people.some((p) => p.id === meId)} onChange={() => setMe(null)} data-testid="person-me-os" />{' '}
          {t('people.meIsOsUser', { user: view.osUser })}
        </label>
      )}
      {editing && <PersonForm draft={editing} people={people} onDone={(text) => (setEditing(null), text && setNotice({ ok: true, text }))} />}
    </section>
  );
}

function PersonForm({ draft: initial, people, onDone }: { draft: Draft; people: Person[]; onDone(text: string | null): void }) {
  const { t } = useI18n();
  const save = useAppStore((s) => s.savePerson);
  const [draft, setDraft] = useState(initial);
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const name = draft.name.trim();
  const nameProblem = name === '' ? t('form.required') : people.some((p) => p.id !== draft.id && samePersonName(p.name, name)) ? t('people.duplicate', { name }) : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (nameProblem) return;
    try {
      await save({ ...(draft.id ? { id: draft.id } : {}), name, team: draft.team.trim(), contact: draft.contact.trim() });
      onDone(t('people.saved', { name }));
    } catch (err) {
      setError(errorPayloadOf(err));
    }
  };
  const showName = tried && nameProblem !== null;
  return (
    // The app checks the fields itself (noValidate): the browser's own bubble is English-only.
    <form className="person-form" onSubmit={(e) => void submit(e)} noValidate data-testid="person-form">
      <label className="field">
        <span>{t('people.name')} *</span>
        <input value={draft.name} maxLength={100} aria-invalid={showName} aria-describedby={showName ? 'person-name-error' : undefined} onChange={(e) => setDraft({ ...draft, name: e.target.value })} autoFocus data-testid="person-name" />
        {showName && <FieldError id="person-name-error" text={nameProblem} />}
      </label>
      <label className="field">
        <span>{t('people.team')}</span>
        <input value={draft.team} maxLength={100} onChange={(e) => setDraft({ ...draft, team: e.target.value })} data-testid="person-team" />
      </label>
      <label className="field">
        <span>{t('people.contact')}</span>
        <input value={draft.contact} maxLength={200} placeholder={t('people.contactHint')} onChange={(e) => setDraft({ ...draft, contact: e.target.value })} data-testid="person-contact" />
      </label>
      {error && <p className="inline-error" role="alert">{describeError(t, error)}</p>}
      <div className="button-row">
        <button type="button" className="btn btn-small" onClick={() => onDone(null)}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="btn btn-small btn-primary" data-testid="person-save">
          {t('details.save')}
        </button>
      </div>
    </form>
  );
}

/** The responder names for inputs that take a person (`list="people-names"`). */
export function PeopleNames() {
  const people = useAppStore((s) => s.people?.people ?? []);
  return (
    <datalist id="people-names">
      {people.map((p) => (
        <option key={p.id} value={p.name}>
          {p.team}
        </option>
      ))}
    </datalist>
  );
}
