import { TIME_RANGES, type TimeRange } from '../../../../shared/model';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';

const RANGES = Object.keys(TIME_RANGES) as TimeRange[];

export function RangeButtons() {
  const { t } = useI18n();
  const range = useAppStore((s) => s.host.range);
  const setRange = useAppStore((s) => s.setRange);
  return (
    <div className="segmented" role="group" aria-label={t('host.range')}>
      {RANGES.map((r) => (
        <button key={r} type="button" className="segment" data-testid={`range-${r}`} aria-pressed={r === range} onClick={() => void setRange(r)}>
          {t(`range.${r}`)}
        </button>
      ))}
    </div>
  );
}
