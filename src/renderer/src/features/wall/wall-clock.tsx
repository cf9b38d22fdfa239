import { useI18n } from '../../i18n/use-i18n';
import { useNow } from '../../ui/use-now';

export function WallClock() {
  const { t, fmt } = useI18n();
  const now = useNow(1000);
  return (
    <time className="wall-clock" data-testid="wall-clock" aria-label={t('wall.clock')} dateTime={new Date(now).toISOString()}>
      {fmt.time(now, true)}
    </time>
  );
}
