// Desktop notifications in a browser: the Notification API needs the person's permission,
// asked with a click. In the desktop app there is nothing to allow.
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';

export function DesktopPermission() {
  const { t } = useI18n();
  const hostKind = useAppStore((s) => s.hostKind);
  const permission = useAppStore((s) => s.desktopPermission);
  const request = useAppStore((s) => s.requestDesktopPermission);
  const text = hostKind === 'electron' ? t('desktop.electron') : t(`desktop.${permission}`);
  return (
    <div className="channels-desktop" data-testid="desktop-permission" data-permission={hostKind === 'electron' ? 'app' : permission}>
      <h3>{t('desktop.title')}</h3>
      <p className={permission === 'denied' ? 'inline-error' : 'inv-muted'}>{text}</p>
      {hostKind === 'browser' && permission === 'default' && (
        <button type="button" className="btn" onClick={() => void request()} data-testid="desktop-allow">
          {t('desktop.allow')}
        </button>
      )}
    </div>
  );
}
