import './checks.css';
// The inventory's databases: every check of a database kind, with its state, the server it is
// reached through, and add / edit / pause / delete.
import { useMemo, useState } from 'react';
import { textIn } from '../../domain/kinds';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { routeToHash } from '../../routing/routes';
import { useAppStore } from '../../store/react';
import { ErrorState, LoadingState } from '../../ui/state-views';
import { StatusBadge } from '../../ui/status-badge';
import { CheckForm } from './check-form';
import { draftFromCheck, type CheckDraft } from './check-form-model';

export function ChecksPanel() {
  const { t, language } = useI18n();
  // Databases only: log sources have their own section on each server's page.
  const allChecks = useAppStore((s) => s.checks);
  const kindsById = useAppStore((s) => s.kinds);
  const checks = useMemo(() => allChecks?.filter((c) => kindsById[c.kind]?.category !== 'log') ?? null, [allChecks, kindsById]);
  const status = useAppStore((s) => s.checksStatus);
  const error = useAppStore((s) => s.checksError);
  const kinds = useAppStore((s) => s.kinds);
  const tiles = useAppStore((s) => s.tiles);
  const hosts = useAppStore((s) => s.inventory?.hosts ?? []);
  const hostKind = useAppStore((s) => s.hostKind);
  const reload = useAppStore((s) => s.loadChecks);
  const setEnabled = useAppStore((s) => s.setCheckEnabled);
  const deleteCheck = useAppStore((s) => s.deleteCheck);
  const [form, setForm] = useState<{ draft: CheckDraft | null } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const databaseKinds = Object.values(kinds).filter((k) => k.category === 'database' && k.form.length > 0);

  let body;
  if (checks === null) {
    body = status === 'error' && error ? <ErrorState message={describeError(t, error, hostKind)} onRetry={() => void reload()} testId="checks-error" /> : <LoadingState text={t('checks.loading')} testId="checks-loading" />;
  } else if (checks.length === 0) {
    body = (
      <p className="inv-muted" data-testid="checks-empty">
        {t('checks.empty')}
      </p>
    );
  } else {
    body = (
      <table className="data-table" data-testid="checks-list">
        <thead>
          <tr>
            <th scope="col">{t('checks.col.name')}</th>
            <th scope="col">{t('checks.col.kind')}</th>
            <th scope="col">{t('checks.col.where')}</th>
            <th scope="col">{t('checks.col.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('checks.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {checks.map((c) => {
            const descriptor = kinds[c.kind];
            const via = hosts.find((h) => h.id === c.parentId);
            const where = `${via ? `${via.name} → ` : ''}${String(c.config.address ?? '')}:${String(c.config.port ?? '')}`;
            return (
              <tr key={c.id} data-testid={`check-row-${c.id}`}>
                <td>
                  <a href={routeToHash({ name: 'check', targetId: c.id })}>{c.name}</a>
                  {!c.hasSecret && <small className="field-error"> {t('checks.noPassword')}</small>}
                </td>
                <td>{descriptor ? textIn(language, descriptor.name) : c.kind}</td>
                <td>
                  <code>{where}</code>
                </td>
                <td>{c.enabled ? <StatusBadge status={tiles[c.id]?.status ?? 'unknown'} glossary={false} /> : <span className="muted">{t('checks.paused')}</span>}</td>
                <td className="button-row">
                  {descriptor && (
                    <button type="button" className="btn btn-small" onClick={() => setForm({ draft: draftFromCheck(c, descriptor) })} data-testid={`check-edit-${c.id}`}>
                      {t('checks.edit')}
                    </button>
                  )}
                  <button type="button" className="btn btn-small" onClick={() => void setEnabled(c.id, !c.enabled)} data-testid={`check-toggle-${c.id}`}>
                    {c.enabled ? t('checks.pause') : t('checks.resume')}
                  </button>
                  {confirming === c.id ? (
                    <button type="button" className="btn btn-small btn-danger" onClick={() => void deleteCheck(c.id).finally(() => setConfirming(null))} data-testid={`check-delete-confirm-${c.id}`}>
                      {t('checks.deleteConfirm')}
                    </button>
                  ) : (
                    <button type="button" className="btn btn-small" onClick={() => setConfirming(c.id)} data-testid={`check-delete-${c.id}`}>
                      {t('checks.delete')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    );
  }

  return (
    <section className="panel checks-panel" data-testid="checks-panel" aria-labelledby="checks-title">
      <div className="section-head">
        <h2 id="checks-title">{t('checks.title')}</h2>
        {databaseKinds.length > 0 && (
          <button type="button" className="btn btn-primary" onClick={() => setForm({ draft: null })} data-testid="checks-add">
            {t('checks.add')}
          </button>
        )}
      </div>
      <p className="inv-muted">{t('checks.intro')}</p>
      {body}
      {form && databaseKinds.length > 0 && <CheckForm kinds={databaseKinds} initial={form.draft} onClose={() => setForm(null)} />}
    </section>
  );
}
