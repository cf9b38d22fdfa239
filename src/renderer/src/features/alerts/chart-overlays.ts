// What the alert engine adds to the host page's charts: on the disk chart, each filling
// filesystem's forecast trend (dashed) and when it will be full; on the CPU and memory charts,
// the usual range of an enabled "unusual for this host" rule. A small hook the chart card calls.
import { useEffect, useMemo } from 'react';
import type { SeriesResult } from '../../../../shared/model';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import type { TimeSeriesLine } from '../../widgets/time-series-chart/options';

const BAND_CHARTS: Record<string, string> = { cpu: 'cpu.usage', memory: 'mem.used' };

export function useChartOverlays(chartName: string, result: SeriesResult | null): { lines: TimeSeriesLine[]; note: string | null } {
  const { t, fmt } = useI18n();
  const targetId = useAppStore((s) => s.host.targetId);
  const range = useAppStore((s) => s.host.range);
  const overlays = useAppStore((s) => s.hostOverlays);
  const load = useAppStore((s) => s.loadHostOverlays);
  const minute = result ? Math.floor(result.until / 60_000) : 0;
  const wanted = chartName === 'disk' || chartName in BAND_CHARTS;
  useEffect(() => {
    // The disk chart loads them for the page; once a minute is often enough for a trend.
    if (chartName === 'disk' && targetId) void load(targetId, range);
  }, [chartName, targetId, range, minute, load]);

  return useMemo(() => {
    if (!wanted || !result || !overlays || overlays.targetId !== targetId) return { lines: [], note: null };
    if (chartName === 'disk') {
      const filling = overlays.forecasts.filter((f) => f.fullAt !== null && f.slopePerHour > 0);
      const lines = filling.map((f) => {
        const at = (ts: number) => Math.min(100, f.valueAtEnd + (f.slopePerHour * (ts - f.fittedUntil)) / 3_600_000);
        const start = Math.max(result.from, f.fittedFrom);
        return { name: t('chart.forecastLine', { mount: f.mount }), points: [[start, at(start)], [result.until, at(result.until)]] as Array<[number, number | null]>, reference: true };
      });
      const soonest = filling.reduce<number | null>((min, f) => (min === null || f.fullAt! < min ? f.fullAt! : min), null);
      return { lines, note: soonest === null ? null : t('chart.forecast', { duration: fmt.duration(Math.max(0, (soonest - result.until) / 1000)) }) };
    }
    const band = overlays.bands[BAND_CHARTS[chartName]!];
    if (!band) return { lines: [], note: null };
    return {
      lines: [
        { name: t('chart.baselineLow'), points: band.points.map(([ts, lo]) => [ts, lo]), reference: true },
        { name: t('chart.baselineHigh'), points: band.points.map(([ts, , hi]) => [ts, hi]), reference: true },
      ],
      note: null,
    };
  }, [wanted, result, overlays, targetId, chartName, t, fmt]);
}
