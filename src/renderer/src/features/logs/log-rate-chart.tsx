// Errors and warnings per minute of one source over a chosen range (around a moment when the
// page was opened by "jump to this time"), with the totals in the window written out.
import { useMemo } from 'react';
import { RESOLUTION_STEP_MS, TIME_RANGES, type TimeRange } from '../../../../shared/model';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { THEMES } from '../../theme/tokens';
import { GlossaryButton } from '../../ui/glossary-button';
import { EmptyState, LoadingState } from '../../ui/state-views';
import { buildTimeSeriesOption } from '../../widgets/time-series-chart/options';
import { TimeSeriesChart } from '../../widgets/time-series-chart/time-series-chart';
import { totalsOf } from './log-filter';

const RANGES = Object.keys(TIME_RANGES) as TimeRange[];
const NONE: Array<[number, number | null]> = [];

export function LogRateChart({ intervalMs }: { intervalMs: number }) {
  const { t, fmt } = useI18n();
  const series = useAppStore((s) => s.logs.series);
  const status = useAppStore((s) => s.logs.seriesStatus);
  const range = useAppStore((s) => s.logs.range);
  const at = useAppStore((s) => s.logs.at);
  const theme = useAppStore((s) => s.theme);
  const setRange = useAppStore((s) => s.setLogRange);
  const errors = series?.series.find((x) => x.key === 'log.errors')?.points ?? NONE;
  const warnings = series?.series.find((x) => x.key === 'log.warnings')?.points ?? NONE;
  const spacing = (series && RESOLUTION_STEP_MS[series.resolution]) ?? intervalMs;
  const long = range === '24h' || range === '7d';
  const title = t('logs.chart.title');
  const option = useMemo(() => {
    if (!series) return null;
    const tokens = THEMES[theme];
    return buildTimeSeriesOption({
      lines: [
        { name: t('logs.level.error'), points: errors },
        { name: t('logs.level.warn'), points: warnings },
      ],
      from: series.from,
      until: series.until,
      integerAxis: true,
      ...(RESOLUTION_STEP_MS[series.resolution] ? { stepMs: RESOLUTION_STEP_MS[series.resolution] } : {}),
      colours: tokens.chart,
      textColour: tokens.text,
      formatAxisValue: (v) => fmt.axis('count', v),
      formatValue: (v) => fmt.metric('count', v),
      formatTime: (ts) => (long ? fmt.dateTime(ts) : fmt.time(ts, true)),
      formatAxisTime: (ts) => (long ? fmt.dateTime(ts) : fmt.time(ts)),
    });
  }, [series, theme, errors, warnings, fmt, long, t]);
  const errorTotal = totalsOf(errors, spacing);
  const warningTotal = totalsOf(warnings, spacing);
  const points = errors.filter(([, v]) => v !== null).length;

  return (
    <figure className="panel chart-card log-chart" data-testid="log-chart" data-state={status} data-points={points} data-errors={errorTotal} data-warnings={warningTotal}>
      <figcaption className="chart-title">
        <h3>{title}</h3>
        <GlossaryButton glossaryId="log-error-rate" term={title} />
        {at !== null && <span className="chart-note">{t('logs.chart.jumpedTo', { time: fmt.dateTime(at) })}</span>}
        <div className="segmented" role="group" aria-label={t('host.range')}>
          {RANGES.map((r) => (
            <button key={r} type="button" className="segment" data-testid={`log-range-${r}`} aria-pressed={r === range} onClick={() => void setRange(r)}>
              {t(`range.${r}`)}
            </button>
          ))}
        </div>
      </figcaption>
      {!series || !option ? (
        <LoadingState text={t('chart.loading')} testId="log-chart-loading" />
      ) : points === 0 ? (
        <EmptyState title={t('chart.noData')} hint={t(`range.${range}`)} testId="log-chart-empty" />
      ) : (
        <TimeSeriesChart option={option} label={`${title}: ${t('logs.chart.total', { errors: errorTotal, warnings: warningTotal })}`} height={180} />
      )}
      <p className="muted" data-testid="log-chart-total">
        {t('logs.chart.total', { errors: fmt.number(errorTotal), warnings: fmt.number(warningTotal) })}
      </p>
    </figure>
  );
}
