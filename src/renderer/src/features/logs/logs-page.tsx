import '../host/host.css';
import '../checks/checks.css';
import './logs.css';
// A server's logs page: its log sources, the error-rate chart of the one selected, what was
// kept around a moment when opened from an alert or an incident ("jump to this time"), and the
// live tail. Route: #/logs/<server>?source=<check>&at=<ms>.
import { useMemo, useState } from 'react';
import type { KindDescriptor } from '../../../../shared/checks';
import { kindName } from '../../domain/kinds';
import { useI18n } from '../../i18n/use-i18n';
import { routeToHash } from '../../routing/routes';
import { useAppStore } from '../../store/react';
import { LOG_KINDS } from '../../store/logs-slice';
import { LoadingState } from '../../ui/state-views';
import { StatusBadge } from '../../ui/status-badge';
import { CheckForm } from '../checks/check-form';
import { emptyCheckDraft, type CheckDraft } from '../checks/check-form-model';
import { KeptEvents } from './kept-events';
import { LogRateChart } from './log-rate-chart';
import { LogView } from './log-view';

export function LogsPage() {
  const { t, language } = useI18n();
  const route = useAppStore((s) => s.route);
  const hostId = route.name === 'logs' ? route.hostId : null;
  const sourceId = useAppStore((s) => s.logs.sourceId);
  const allChecks = useAppStore((s) => s.checks);
  const kinds = useAppStore((s) => s.kinds);
  const tiles = useAppStore((s) => s.tiles);
  const navigate = useAppStore((s) => s.navigate);
  const [form, setForm] = useState<CheckDraft | null>(null);
  const sources = useMemo(() => (allChecks ?? []).filter((c) => c.parentId === hostId && LOG_KINDS.has(c.kind)), [allChecks, hostId]);
  const logKinds = useMemo(() => Object.values(kinds).filter((k): k is KindDescriptor => k.category === 'log'), [kinds]);
  if (!hostId) return null;
  const hostName = tiles[hostId]?.target.name ?? hostId;
  const source = sources.find((c) => c.id === sourceId) ?? null;
  const addSource = () => {
    const kind = logKinds[0];
    if (kind) setForm({ ...emptyCheckDraft(kind), fields: { ...emptyCheckDraft(kind).fields, via: hostId } });
  };

  return (
    <div className="logs-page" data-testid="logs-page" data-host={hostId} data-source={sourceId ?? ''}>
      <a className="back-link" href={routeToHash({ name: 'host', targetId: hostId })} data-testid="back-link">
        <span aria-hidden="true">← </span>
        {t('logs.backToHost', { host: hostName })}
      </a>
      <header className="host-header">
        <div className="host-title">
          <h1>{t('logs.titleOf', { host: hostName })}</h1>
        </div>
      </header>
      <nav className="panel log-sources" aria-labelledby="log-sources-title">
        <div className="section-head">
          <h2 id="log-sources-title">{t('logs.sources')}</h2>
          {logKinds.length > 0 && (
            <button type="button" className="btn" onClick={addSource} data-testid="log-add-source">
              {t('logs.add')}
            </button>
          )}
        </div>
        {allChecks === null ? (
          <LoadingState text={t('logs.loading')} testId="log-sources-loading" />
        ) : sources.length === 0 ? (
          <p className="muted" data-testid="log-sources-empty">
            {t('logs.noSources')}
          </p>
        ) : (
          <ul className="log-source-tabs" role="list">
            {sources.map((c) => (
              <li key={c.id}>
                <a
                  href={routeToHash({ name: 'logs', hostId, sourceId: c.id, at: null })}
                  aria-current={c.id === sourceId ? 'page' : undefined}
                  data-testid={`log-source-${c.id}`}
                >
                  <StatusBadge status={c.enabled ? (tiles[c.id]?.status ?? 'unknown') : 'unknown'} glossary={false} />
                  <span>{c.name}</span>
                  <span className="tile-kind">{kindName(language, kinds[c.kind], c.kind)}</span>
                  <code>{String(c.config.path ?? c.config.unit ?? '')}</code>
                </a>
              </li>
            ))}
          </ul>
        )}
      </nav>
      {source && (
        <>
          <LogRateChart intervalMs={source.intervalMs} />
          <KeptEvents onBackToNow={() => navigate({ name: 'logs', hostId, sourceId: source.id, at: null })} />
          <LogView key={source.id} />
        </>
      )}
      {form && <CheckForm kinds={logKinds} initial={form} onClose={() => setForm(null)} />}
    </div>
  );
}
