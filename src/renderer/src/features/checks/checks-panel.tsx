import './checks.css';
// The inventory's databases, endpoints and data sources: every check of one category of kinds, with its state,
// where it connects (through which server, or which address), and add / edit / pause / delete.
import { useState } from 'react';
import { textIn } from '../../domain/kinds';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { routeToHash } from '../../routing/routes';
import { useAppStore } from '../../store/react';
import { ErrorState, LoadingState } from '../../ui/state-views';
import { StatusBadge } from '../../ui/status-badge';
import { CheckForm } from './check-form';
import { draftFromCheck, secretShown, type CheckDraft } from './check-form-model';

type PanelCategory = 'database' | 'endpoint' | 'source';

const WORDS = {
  database: { id: 'checks', title: 'checks.title', intro: 'checks.intro', add: 'checks.add', loading: 'checks.loading', empty: 'checks.empty', noSecret: 'checks.noPassword' },
  endpoint: { id: 'endpoints', title: 'endpoint.panel.title', intro: 'endpoint.panel.intro', add: 'endpoint.panel.add', loading: 'endpoint.panel.loading', empty: 'endpoint.panel.empty', noSecret: 'endpoint.panel.noSecret' },
  source: { id: 'sources', title: 'sources.title', intro: 'sources.intro', add: 'sources.add', loading: 'sources.loading', empty: 'sources.empty', noSecret: 'sources.noSecret' },
} as const;

/** Where a check connects, as the person typed it: a URL, or an address and port. */
function whereText(config: Record<string, string | number | boolean | null>): string {
  if (typeof config.url === 'string') return config.url;
  return `${String(config.address ?? '')}:${String(config.port ?? '')}`;
}

export function ChecksPanel({ category = 'database' }: { category?: PanelCategory }) {
  const words = WORDS[category];
  const { t, language } = useI18n();
  const allChecks = useAppStore((s) => s.checks);
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
  const formKinds = Object.values(kinds).filter((k) => k.category === category && k.form.length > 0);
  // A check of a kind this screen does not know stays in the databases list, where it always was.
  const checks = allChecks?.filter((c) => (kinds[c.kind]?.category ?? 'database') === category) ?? null;

  let body;
  if (checks === null) {
    body = status === 'error' && error ? <ErrorState message={describeError(t, error, hostKind)} onRetry={() => void reload()} testId={`${words.id}-error`} /> : <LoadingState text={t(words.loading)} testId={`${words.id}-loading`} />;
  } else if (checks.length === 0) {
    body = (
      <p className="inv-muted" data-testid={`${words.id}-empty`}>
        {t(words.empty)}
      </p>
    );
  } else {
    body = (
      <table className="data-table" data-testid={`${words.id}-list`}>
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
            const where = `${via ? `${via.name} → ` : ''}${whereText(c.config)}`;
            const needsSecret = !c.hasSecret && (!descriptor || secretShown(draftFromCheck(c, descriptor), descriptor));
            return (
              <tr key={c.id} data-testid={`check-row-${c.id}`}>
                <td>
                  <a href={routeToHash({ name: 'check', targetId: c.id })}>{c.name}</a>
                  {needsSecret && <small className="field-error"> {t(words.noSecret)}</small>}
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
    <section className="panel checks-panel" data-testid={`${words.id}-panel`} aria-labelledby={`${words.id}-title`}>
      <div className="section-head">
        <h2 id={`${words.id}-title`}>{t(words.title)}</h2>
        {formKinds.length > 0 && (
          <button type="button" className="btn btn-primary" onClick={() => setForm({ draft: null })} data-testid={`${words.id}-add`}>
            {t(words.add)}
          </button>
        )}
      </div>
      <p className="inv-muted">{t(words.intro)}</p>
      {body}
      {form && formKinds.length > 0 && <CheckForm kinds={formKinds} initial={form.draft} onClose={() => setForm(null)} />}
    </section>
  );
}
