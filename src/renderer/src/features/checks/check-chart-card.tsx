import { useMemo } from 'react';
import type { ChartDefinition, KindDescriptor } from '../../../../shared/checks';
import { RESOLUTION_STEP_MS, type MetricUnit, type SeriesKey, type SeriesResult, type TimeRange } from '../../../../shared/model';
import { seriesDefinition, textIn } from '../../domain/kinds';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { THEMES } from '../../theme/tokens';
import { GlossaryButton } from '../../ui/glossary-button';
import { EmptyState, ErrorState, LoadingState } from '../../ui/state-views';
import { buildTimeSeriesOption, type TimeSeriesLine } from '../../widgets/time-series-chart/options';
import { TimeSeriesChart } from '../../widgets/time-series-chart/time-series-chart';

const LONG_RANGES: ReadonlySet<TimeRange> = new Set<TimeRange>(['24h', '7d']);
const NO_POINTS: Array<[number, number | null]> = [];

function pointsOf(result: SeriesResult | null, key: SeriesKey) {
  return result?.series.find((s) => s.key === key)?.points ?? NO_POINTS;
}

/** One chart of a check's descriptor: its series share one unit. */
export function CheckChartCard({ chart, descriptor }: { chart: ChartDefinition; descriptor: KindDescriptor }) {
  const { t, fmt, language } = useI18n();
  const result = useAppStore((s) => s.host.series);
  const status = useAppStore((s) => s.host.seriesStatus);
  const error = useAppStore((s) => s.host.seriesError);
  const range = useAppStore((s) => s.host.range);
  const theme = useAppStore((s) => s.theme);
  const hostKind = useAppStore((s) => s.hostKind);
  const refreshSeries = useAppStore((s) => s.refreshSeries);
  const title = textIn(language, chart.title);
  const unit: MetricUnit = seriesDefinition(descriptor, chart.keys[0] ?? '')?.unit ?? 'count';

  const lines: TimeSeriesLine[] = useMemo(
    () =>
      chart.keys.map((key) => {
        const def = seriesDefinition(descriptor, key);
        return { name: def ? textIn(language, def.label) : key, points: pointsOf(result, key) };
      }),
    [chart, descriptor, language, result],
  );
  const pointCount = lines.reduce((n, line) => Math.max(n, line.points.filter(([, v]) => v !== null).length), 0);

  const option = useMemo(() => {
    if (!result) return null;
    const tokens = THEMES[theme];
    const long = LONG_RANGES.has(range);
    return buildTimeSeriesOption({
      lines,
      from: result.from,
      until: result.until,
      ...(unit === 'percent' ? { yMax: 100 } : {}),
      ...(RESOLUTION_STEP_MS[result.resolution] ? { stepMs: RESOLUTION_STEP_MS[result.resolution] } : {}),
      binaryAxis: unit === 'bytes' || unit === 'bytesPerSecond',
      integerAxis: unit === 'count',
      colours: tokens.chart,
      textColour: tokens.text,
      formatAxisValue: (v) => fmt.axis(unit, v),
      formatValue: (v) => fmt.metric(unit, v),
      formatTime: (ts) => (long ? fmt.dateTime(ts) : fmt.time(ts, true)),
      formatAxisTime: (ts) => (long ? fmt.dateTime(ts) : fmt.time(ts)),
    });
  }, [result, theme, range, lines, unit, fmt]);

  let body;
  if (!result && status === 'error' && error) {
    body = <ErrorState message={describeError(t, error, hostKind)} onRetry={() => void refreshSeries()} testId={`chart-error-${chart.id}`} />;
  } else if (!result || !option) {
    body = <LoadingState text={t('chart.loading')} testId={`chart-loading-${chart.id}`} />;
  } else if (pointCount === 0) {
    body = <EmptyState title={t('chart.noData')} hint={t(`range.${range}`)} testId={`chart-empty-${chart.id}`} />;
  } else {
    const summary = t('chart.summary', { title, values: lines.map((l) => `${l.name} ${fmt.metric(unit, [...l.points].reverse().find(([, v]) => v !== null)?.[1] ?? null)}`).join(', ') });
    body = <TimeSeriesChart option={option} label={summary} />;
  }

  return (
    <figure className="panel chart-card" data-testid={`chart-${chart.id}`} data-state={!result ? status : pointCount > 0 ? 'ready' : 'empty'} data-points={result ? pointCount : undefined}>
      <figcaption className="chart-title">
        <h3>{title}</h3>
        <GlossaryButton glossaryId={chart.glossaryId} term={title} />
        {result && result.resolution !== 'raw' && <span className="chart-note">{t(result.resolution === '10m' ? 'chart.rollup10m' : 'chart.rollup')}</span>}
      </figcaption>
      {body}
    </figure>
  );
}
