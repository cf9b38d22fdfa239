import { useMemo } from 'react';
import { RESOLUTION_STEP_MS, type SeriesKey, type SeriesResult, type TimeRange } from '../../../../shared/model';
import type { HostChartDefinition } from '../../domain/host-charts';
import { describeError, metricLabel } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { THEMES } from '../../theme/tokens';
import { GlossaryButton } from '../../ui/glossary-button';
import { EmptyState, ErrorState, LoadingState } from '../../ui/state-views';
import { buildTimeSeriesOption, type TimeSeriesLine } from '../../widgets/time-series-chart/options';
import { TimeSeriesChart } from '../../widgets/time-series-chart/time-series-chart';
import { useChartOverlays } from '../alerts/chart-overlays';

const LONG_RANGES: ReadonlySet<TimeRange> = new Set<TimeRange>(['24h', '7d']);
const NO_POINTS: Array<[number, number | null]> = [];

function pointsOf(result: SeriesResult | null, key: SeriesKey) {
  return result?.series.find((s) => s.key === key)?.points ?? NO_POINTS;
}

function lastValue(points: ReadonlyArray<[number, number | null]>): number | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const value = (points[i] as [number, number | null])[1];
    if (value !== null) return value;
  }
  return null;
}

interface Props {
  chart: HostChartDefinition;
  mounts: readonly string[];
}

export function ChartCard({ chart, mounts }: Props) {
  const { t, fmt } = useI18n();
  const result = useAppStore((s) => s.host.series);
  const status = useAppStore((s) => s.host.seriesStatus);
  const error = useAppStore((s) => s.host.seriesError);
  const range = useAppStore((s) => s.host.range);
  const theme = useAppStore((s) => s.theme);
  const hostKind = useAppStore((s) => s.hostKind);
  const refreshSeries = useAppStore((s) => s.refreshSeries);
  const title = t(chart.titleKey);

  // The alert engine's forecast trend (disk) and usual range (CPU, memory), when it has them.
  const overlay = useChartOverlays(chart.name, result);
  const lines: TimeSeriesLine[] = useMemo(
    () => [
      ...chart.series(mounts).map((s) => ({
        name: s.labelKey ? t(s.labelKey) : metricLabel(t, s.key),
        points: pointsOf(result, s.key),
        ...(s.reference ? { reference: true } : {}),
      })),
      ...overlay.lines,
    ],
    [chart, mounts, result, t, overlay.lines],
  );
  // Readings on the fullest line: what the chart actually draws (also read by the e2e tests).
  const pointCount = lines.slice(0, lines.length - overlay.lines.length).reduce((n, line) => Math.max(n, line.points.filter(([, v]) => v !== null).length), 0);
  const hasData = pointCount > 0;

  const option = useMemo(() => {
    if (!result) return null;
    const tokens = THEMES[theme];
    const long = LONG_RANGES.has(range);
    return buildTimeSeriesOption({
      lines,
      from: result.from,
      until: result.until,
      ...(chart.yMax === undefined ? {} : { yMax: chart.yMax }),
      ...(RESOLUTION_STEP_MS[result.resolution] ? { stepMs: RESOLUTION_STEP_MS[result.resolution] } : {}),
      binaryAxis: chart.unit === 'bytes' || chart.unit === 'bytesPerSecond',
      colours: tokens.chart,
      textColour: tokens.text,
      formatAxisValue: (v) => fmt.axis(chart.unit, v),
      formatValue: (v) => fmt.metric(chart.unit, v),
      formatTime: (ts) => (long ? fmt.dateTime(ts) : fmt.time(ts, true)),
      formatAxisTime: (ts) => (long ? fmt.dateTime(ts) : fmt.time(ts)),
    });
  }, [result, theme, range, lines, chart, fmt]);

  const summary = t('chart.summary', {
    title,
    values: lines.map((line) => `${line.name} ${fmt.metric(chart.unit, lastValue(line.points))}`).join(', '),
  });

  let body;
  if (!result && status === 'error' && error) {
    body = <ErrorState message={describeError(t, error, hostKind)} onRetry={() => void refreshSeries()} testId={`chart-error-${chart.name}`} />;
  } else if (!result || !option) {
    body = <LoadingState text={t('chart.loading')} testId={`chart-loading-${chart.name}`} />;
  } else if (!hasData) {
    body = <EmptyState title={t('chart.noData')} hint={t(`range.${range}`)} testId={`chart-empty-${chart.name}`} />;
  } else {
    body = <TimeSeriesChart option={option} label={summary} />;
  }

  return (
    <figure className="panel chart-card" data-testid={`chart-${chart.name}`} data-state={!result ? status : hasData ? 'ready' : 'empty'} data-points={result ? pointCount : undefined}>
      <figcaption className="chart-title">
        <h3>{title}</h3>
        <GlossaryButton glossaryId={chart.glossaryId} term={title} />
        {result && result.resolution !== 'raw' && <span className="chart-note">{t(result.resolution === '10m' ? 'chart.rollup10m' : 'chart.rollup')}</span>}
        {overlay.note && <span className="chart-note" data-testid={`chart-forecast-${chart.name}`}>{overlay.note}</span>}
      </figcaption>
      {body}
    </figure>
  );
}
