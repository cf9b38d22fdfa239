// Services: a name, an owner, a contact and the servers in it. One inline form adds or edits.
import { useState } from 'react';
import type { ErrorPayload } from '../../../../shared/errors';
import type { InventoryHost, InventoryService } from '../../../../shared/inventory-contract';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { describeError } from '../../i18n/describe';
import { FieldError } from '../../ui/field-error';

interface Draft {
  id?: string;
  name: string;
  owner: string;
  contact: string;
  hostIds: string[];
}

const EMPTY: Draft = { name: '', owner: '', contact: '', hostIds: [] };

export function ServicesEditor({ services, hosts }: { services: InventoryService[]; hosts: InventoryHost[] }) {
  const { t } = useI18n();
  const saveService = useAppStore((s) => s.saveService);
  const deleteService = useAppStore((s) => s.deleteService);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const hostName = (id: string) => hosts.find((h) => h.id === id)?.name ?? id;

  const [tried, setTried] = useState(false);
  const nameMissing = draft !== null && draft.name.trim() === '';
  const save = async () => {
    if (!draft) return;
    setTried(true);
    if (nameMissing) return;
    setError(null);
    try {
      await saveService(draft);
      setDraft(null);
    } catch (err) {
      setError(err as ErrorPayload);
    }
  };

  return (
    <section className="inv-section" aria-labelledby="services-title" data-testid="services">
      <div className="section-head">
        <h2 id="services-title">{t('services.title')}</h2>
        <button type="button" className="btn" onClick={() => setDraft({ ...EMPTY })} data-testid="service-add">
          {t('services.add')}
        </button>
      </div>
      <p className="inv-muted">{t('services.intro')}</p>
      {services.length === 0 && !draft && <p>{t('services.empty')}</p>}
      <ul className="inv-services">
        {services.map((s) => (
          <li key={s.id} data-testid={`service-${s.id}`}>
            <div>
              <strong>{s.name}</strong>
              {(s.owner || s.contact) && (
                <span className="inv-muted">
                  {' '}
                  · {[s.owner, s.contact].filter(Boolean).join(' · ')}
                </span>
              )}
              <div className="inv-muted">{s.hostIds.map(hostName).join(', ') || '—'}</div>
            </div>
            <div className="inv-actions">
              <button type="button" className="btn btn-small" onClick={() => setDraft({ ...s })}>
                {t('inventory.edit')}
              </button>
              <button
                type="button"
                className="btn btn-small btn-danger"
                onClick={() => {
                  if (window.confirm(t('services.confirmDelete', { name: s.name }))) void deleteService(s.id).catch(() => undefined);
                }}
              >
                {t('inventory.delete')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {draft && (
        <form
          className="inv-form inv-service-form"
          data-testid="service-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="inv-form-grid">
            <label className="field">
              <span>{t('services.name')}</span>
              <input
                value={draft.name}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                aria-required
                aria-invalid={tried && nameMissing}
                aria-describedby={tried && nameMissing ? 'service-name-error' : undefined}
                data-testid="service-name"
              />
              {tried && nameMissing && <FieldError id="service-name-error" text={t('form.required')} />}
            </label>
            <label className="field">
              <span>{t('services.owner')}</span>
              <input value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: e.target.value })} data-testid="service-owner" />
            </label>
            <label className="field">
              <span>{t('services.contact')}</span>
              <input value={draft.contact} onChange={(e) => setDraft({ ...draft, contact: e.target.value })} data-testid="service-contact" />
            </label>
          </div>
          <fieldset className="field inv-members">
            <legend>{t('services.members')}</legend>
            {hosts.length === 0 && <p className="inv-muted">{t('services.noHosts')}</p>}
            {hosts.map((h) => (
              <label key={h.id}>
                <input
                  type="checkbox"
                  checked={draft.hostIds.includes(h.id)}
                  onChange={(e) => setDraft({ ...draft, hostIds: e.target.checked ? [...draft.hostIds, h.id] : draft.hostIds.filter((id) => id !== h.id) })}
                  data-testid={`service-member-${h.id}`}
                />{' '}
                {h.name}
              </label>
            ))}
          </fieldset>
          {error && (
            <p className="inline-error" role="alert">
              {describeError(t, error)}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => setDraft(null)}>
              {t('hostForm.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" data-testid="service-save">
              {t('hostForm.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
