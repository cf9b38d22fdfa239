import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';

/** On every screen, the wall included: history is not being saved, why, and what to do. */
export function StorageBanner() {
  const { t } = useI18n();
  const health = useAppStore((s) => s.storageHealth);
  if (!health || health.status === 'ok') return null;
  const key = health.status === 'full' ? 'storage.full' : health.status === 'read-only' ? 'storage.readOnly' : 'storage.io';
  return (
    <div className="banner banner-crit" role="alert" data-testid="storage-banner" data-status={health.status}>
      <span className="banner-shape" aria-hidden="true">
        ■
      </span>
      <span className="banner-text">{t(key, { dir: health.dataDir, pending: health.pendingSamples })}</span>
    </div>
  );
}
