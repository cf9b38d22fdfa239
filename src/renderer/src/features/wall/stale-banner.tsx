import { useRef } from 'react';
import { findStaleReason } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStoreShallow } from '../../store/react';
import { ClockIcon } from '../../ui/icons';
import { useHeld } from './use-held';

/** A stale mark that comes and goes with each overview refresh must not make the banner blink. */
const HOLD_MS = 15_000;

const NAMES_SHOWN = 5;

/** On a wall nobody hovers a tile: say in one line which targets show old data. */
export function StaleBanner() {
  const { t } = useI18n();
  const staleNames = useAppStoreShallow((s) =>
    s.tileOrder.filter((id) => findStaleReason(s.tiles[id]?.snapshot?.reasons) !== null).map((id) => s.tiles[id]?.target.name ?? id),
  );
  const last = useRef<string[]>([]);
  if (staleNames.length > 0) last.current = staleNames;
  const shown = useHeld(staleNames.length > 0, HOLD_MS);
  if (!shown || last.current.length === 0) return null;
  const list = staleNames.length > 0 ? staleNames : last.current;
  const names = list.slice(0, NAMES_SHOWN).join(', ') + (list.length > NAMES_SHOWN ? ', …' : '');
  return (
    <div className="banner banner-unknown" role="status" data-testid="stale-banner" data-count={list.length}>
      <span className="banner-shape">
        <ClockIcon />
      </span>
      <span className="banner-text">{t('wall.staleBanner', { count: list.length, names })}</span>
    </div>
  );
}
