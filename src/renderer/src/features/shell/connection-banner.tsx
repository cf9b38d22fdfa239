import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { useNow } from '../../ui/use-now';

/** Shown while the link to the engine is down; the wall variant has no button (no keyboard). */
export function ConnectionBanner({ interactive = true }: { interactive?: boolean }) {
  const { t } = useI18n();
  const connection = useAppStore((s) => s.connection);
  const engineRestart = useAppStore((s) => s.engineRestart);
  const retry = useAppStore((s) => s.retryConnection);
  // With nothing on screen the page's own error state already says this, with its own Retry.
  const pageShowsError = useAppStore((s) => (s.route.name === 'overview' || s.route.name === 'wall') && s.tileOrder.length === 0 && s.overviewStatus === 'error');
  if (connection === 'connected' || (connection === 'connecting' && !engineRestart) || pageShowsError) return null;
  if (engineRestart) return <EngineRestartBanner attempt={engineRestart.attempt} dueAt={engineRestart.dueAt} interactive={interactive} onRetry={retry} />;
  const offline = connection === 'offline';
  return (
    <div className={`banner banner-${offline ? 'crit' : 'warn'}`} role="status" aria-live="polite" data-testid="connection-banner" data-state={connection}>
      <span className="banner-shape" aria-hidden="true">
        {offline ? '■' : '▲'}
      </span>
      <span className="banner-text">{offline ? t('connection.offline') : t('connection.reconnecting')}</span>
      {offline && interactive && (
        <button type="button" className="btn btn-small" onClick={retry} data-testid="banner-retry">
          {t('action.retry')}
        </button>
      )}
    </div>
  );
}

/** Desktop app: the engine's process ended unexpectedly and the shell starts it again, waiting longer each time. */
function EngineRestartBanner({ attempt, dueAt, interactive, onRetry }: { attempt: number; dueAt: number; interactive: boolean; onRetry(): void }) {
  const { t } = useI18n();
  const now = useNow(1_000);
  const seconds = Math.max(0, Math.ceil((dueAt - now) / 1000));
  return (
    <div className="banner banner-crit" role="status" aria-live="polite" data-testid="engine-restart-banner" data-attempt={attempt}>
      <span className="banner-shape" aria-hidden="true">
        ■
      </span>
      <span className="banner-text">{seconds > 0 ? t('connection.engineRestarting', { attempt, seconds }) : t('connection.engineStarting', { attempt })}</span>
      {interactive && seconds > 0 && (
        <button type="button" className="btn btn-small" onClick={onRetry} data-testid="banner-restart-now">
          {t('connection.restartNow')}
        </button>
      )}
    </div>
  );
}
