import './checks.css';
// On a server's page: the databases that run on it, each linking to its own page.
import { useEffect } from 'react';
import type { TargetId } from '../../../../shared/model';
import { kindName } from '../../domain/kinds';
import { useI18n } from '../../i18n/use-i18n';
import { routeToHash } from '../../routing/routes';
import { useAppStore, useAppStoreShallow } from '../../store/react';
import { StatusBadge } from '../../ui/status-badge';

export function HostChecks({ hostId }: { hostId: TargetId }) {
  const { t, language } = useI18n();
  const ensureChecks = useAppStore((s) => s.ensureChecks);
  const kinds = useAppStore((s) => s.kinds);
  const tiles = useAppStore((s) => s.tiles);
  // Log sources have their own section (features/logs/host-logs.tsx).
  const onHost = useAppStoreShallow((s) => (s.checks ?? []).filter((c) => c.parentId === hostId && s.kinds[c.kind]?.category !== 'log'));
  useEffect(() => ensureChecks(), [ensureChecks]);
  if (onHost.length === 0) return null;
  return (
    <section className="panel host-checks" data-testid="host-checks" aria-labelledby="host-checks-title">
      <h2 id="host-checks-title">{t('host.databases')}</h2>
      <ul className="host-checks-list">
        {onHost.map((c) => (
          <li key={c.id}>
            <a href={routeToHash({ name: 'check', targetId: c.id })}>{c.name}</a>
            <span className="tile-kind">{kindName(language, kinds[c.kind], c.kind)}</span>
            <StatusBadge status={c.enabled ? (tiles[c.id]?.status ?? 'unknown') : 'unknown'} glossary={false} />
          </li>
        ))}
      </ul>
    </section>
  );
}
