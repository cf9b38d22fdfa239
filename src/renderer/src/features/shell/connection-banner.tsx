import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';

/** Shown while the link to the engine is down; the wall variant has no button (no keyboard). */
export function ConnectionBanner({ interactive = true }: { interactive?: boolean }) {
  const { t } = useI18n();
  const connection = useAppStore((s) => s.connection);
  const retry = useAppStore((s) => s.retryConnection);
  // With nothing on screen the page's own error state already says this, with its own Retry.
  const pageShowsError = useAppStore((s) => (s.route.name === 'overview' || s.route.name === 'wall') && s.tileOrder.length === 0 && s.overviewStatus === 'error');
  if (connection === 'connected' || connection === 'connecting' || pageShowsError) return null;
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
