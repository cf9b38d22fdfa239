// The navigation's badge: how many alerts are firing (acknowledged and silenced ones are taken).
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';

export function FiringCount() {
  const { t } = useI18n();
  const count = useAppStore((s) => s.alerts.filter((a) => a.state === 'firing' && a.suppressed !== 'silenced' && a.suppressed !== 'maintenance').length);
  if (count === 0) return null;
  return (
    <span className="nav-count" data-testid="nav-alerts-badge" title={t('nav.alertsBadge', { count })} aria-label={t('nav.alertsBadge', { count })}>
      <span aria-hidden="true">▲ </span>
      {count}
    </span>
  );
}
