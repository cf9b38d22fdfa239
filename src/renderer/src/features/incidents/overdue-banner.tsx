// On the overview: a banner naming every incident deadline that has passed, with a link to
// the incident. Ticks every second so it appears the moment a deadline passes.
import './overdue-banner.css';
import { useI18n } from '../../i18n/use-i18n';
import { routeToHash } from '../../routing/routes';
import { useAppStore } from '../../store/react';
import { useNow } from '../../ui/use-now';
import { inLanguage } from './labels';
import { lateTimers } from './overdue';

export function OverdueBanner() {
  const { t, fmt, language } = useI18n();
  const list = useAppStore((s) => s.incidentList);
  const now = useNow(1000);
  const late = lateTimers(list, now);
  if (late.length === 0) return null;
  const items = late
    .slice(0, 3)
    .map((l) => t('overdue.item', { id: l.incidentId, label: inLanguage(l.timer.label, language), late: fmt.duration(l.lateMs / 1000) }))
    .join(', ');
  return (
    <div className="banner banner-crit overdue-banner" role="alert" data-testid="overdue-banner" data-count={late.length}>
      <span className="banner-shape" aria-hidden="true">
        ■
      </span>
      <span className="banner-text">{t('overdue.banner', { count: late.length, items: late.length > 3 ? `${items}, …` : items })}</span>
      <a className="btn btn-small" href={routeToHash({ name: 'incident', id: late[0]!.incidentId })} data-testid="overdue-open">
        {t('overdue.open')}
      </a>
    </div>
  );
}

/** Beside "Incidents" in the header: how many incident deadlines have passed, if any. */
export function OverdueCount() {
  const { t } = useI18n();
  const list = useAppStore((s) => s.incidentList);
  const now = useNow(1000);
  const count = lateTimers(list, now).length;
  if (count === 0) return null;
  return (
    <span className="nav-count" data-testid="nav-overdue-count" title={t('incidents.overdueBadge', { count })}>
      <span aria-hidden="true">■ </span>
      {count}
    </span>
  );
}
