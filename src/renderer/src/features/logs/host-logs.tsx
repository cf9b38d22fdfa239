import './logs.css';
// On a server's page: its log sources with this minute's errors and warnings, a link to the
// logs page, and adding one. A separate component so the host page changes by one line.
import { useEffect, useMemo } from 'react';
import type { TargetId } from '../../../../shared/model';
import { LABEL_GLOSSARY_IDS } from '../../domain/glossary-links';
import { useI18n } from '../../i18n/use-i18n';
import { routeToHash } from '../../routing/routes';
import { useAppStore } from '../../store/react';
import { LOG_KINDS } from '../../store/logs-slice';
import { GlossaryButton } from '../../ui/glossary-button';

export function HostLogs({ hostId }: { hostId: TargetId }) {
  const { t, fmt } = useI18n();
  const ensureChecks = useAppStore((s) => s.ensureChecks);
  const checks = useAppStore((s) => s.checks);
  const tiles = useAppStore((s) => s.tiles);
  useEffect(() => ensureChecks(), [ensureChecks]);
  const sources = useMemo(() => (checks ?? []).filter((c) => c.parentId === hostId && LOG_KINDS.has(c.kind)), [checks, hostId]);
  const title = t('logs.hostSection');
  // Logs are read over a server's SSH login: this computer and other kinds have none.
  if (tiles[hostId]?.target.kind !== 'ssh') return null;
  return (
    <section className="panel host-logs" data-testid="host-logs" aria-labelledby="host-logs-title">
      <div className="section-head">
        <h2 id="host-logs-title">{title}</h2>
        <GlossaryButton glossaryId={LABEL_GLOSSARY_IDS.logSource} term={title} />
        <a className="btn" href={routeToHash({ name: 'logs', hostId, sourceId: null, at: null })} data-testid="host-logs-open">
          {sources.length > 0 ? t('logs.openCount', { count: sources.length }) : t('logs.add')}
        </a>
      </div>
      <p className="muted">{t('logs.hostSectionIntro')}</p>
      {sources.length > 0 && (
        <ul className="host-checks-list">
          {sources.map((c) => {
            const m = tiles[c.id]?.snapshot?.metrics;
            const errors = m?.['log.errors'];
            return (
              <li key={c.id}>
                <a href={routeToHash({ name: 'logs', hostId, sourceId: c.id, at: null })} data-testid={`host-log-${c.id}`}>
                  {c.name}
                </a>
                <code>{String(c.config.path ?? c.config.unit ?? '')}</code>
                <span className="muted">
                  {errors === null || errors === undefined ? t('logs.errorsUnknown') : t('logs.errorsNow', { errors: fmt.number(errors), warnings: fmt.number(m?.['log.warnings'] ?? 0) })}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
