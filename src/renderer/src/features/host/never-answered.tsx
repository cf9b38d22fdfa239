// A target that has not answered a single poll: say what OpsDeck is trying, why it fails and
// what to check, instead of empty charts and a "last sample" time that never was.
import type { HealthReason, HostSnapshot, TargetId } from '../../../../shared/model';
import { errorSentence, errorSubject } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { routeToHash } from '../../routing/routes';
import { useAppStore } from '../../store/react';

export function NeverAnswered({ targetId, snapshot }: { targetId: TargetId; snapshot: HostSnapshot | null }) {
  const { t, fmt } = useI18n();
  const host = useAppStore((s) => s.inventory?.hosts.find((h) => h.id === targetId));
  const tile = useAppStore((s) => s.tiles[targetId]);
  const hostKind = useAppStore((s) => s.hostKind);
  const failure = snapshot?.reasons.find((r): r is Extract<HealthReason, { code: 'COLLECT_FAILED' }> => r.code === 'COLLECT_FAILED');
  const intervalSeconds = Math.round((host?.intervalMs ?? tile?.target.intervalMs ?? 0) / 1000);
  const attempt = host
    ? t('host.never.trying', { target: `${host.user}@${host.address}:${host.port}`, seconds: fmt.count(intervalSeconds) })
    : t('host.never.tryingLocal', { seconds: fmt.count(intervalSeconds) });
  const subject = failure ? errorSubject({ code: failure.errorCode, data: failure.data }) : null;
  return (
    <section className="panel never-answered" aria-labelledby="never-title" data-testid="host-never-answered">
      <h2 id="never-title">{t(failure ? 'host.never.title' : 'host.never.titleWaiting')}</h2>
      <p>{attempt}</p>
      {host?.jumpHost && <p className="muted">{t('inventory.via', { jump: host.jumpHost })}</p>}
      {failure ? (
        <p className="inline-error" role="alert" data-testid="host-never-reason" data-code={failure.errorCode}>
          <strong>{t('host.never.lastAttempt', { time: fmt.time(snapshot!.ts, true) })}</strong> {errorSentence(t, { code: failure.errorCode, data: failure.data }, hostKind)}
          {subject && <code className="error-subject"> {subject}</code>}
        </p>
      ) : (
        <p className="muted">{t('host.never.waiting')}</p>
      )}
      {failure && <p className="muted">{t('host.never.whatNext')}</p>}
      {host && (
        <a className="btn" href={routeToHash({ name: 'inventory' })} data-testid="host-never-inventory">
          {t('host.never.openInventory')}
        </a>
      )}
    </section>
  );
}
