import { findStaleReason } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStoreShallow } from '../../store/react';
import { ClockIcon } from '../../ui/icons';

const NAMES_SHOWN = 5;

/** On a wall nobody hovers a tile: say in one line which targets show old data. */
export function StaleBanner() {
  const { t } = useI18n();
  const staleNames = useAppStoreShallow((s) =>
    s.tileOrder.filter((id) => findStaleReason(s.tiles[id]?.snapshot?.reasons) !== null).map((id) => s.tiles[id]?.target.name ?? id),
  );
  if (staleNames.length === 0) return null;
  const names = staleNames.slice(0, NAMES_SHOWN).join(', ') + (staleNames.length > NAMES_SHOWN ? ', …' : '');
  return (
    <div className="banner banner-unknown" role="status" data-testid="stale-banner" data-count={staleNames.length}>
      <span className="banner-shape">
        <ClockIcon />
      </span>
      <span className="banner-text">{t('wall.staleBanner', { count: staleNames.length, names })}</span>
    </div>
  );
}
