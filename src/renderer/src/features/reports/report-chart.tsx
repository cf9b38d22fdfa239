import { useEffect, useRef } from 'react';
import type { ReportChartOption } from './chart-options';
import { init, type EChartsType } from './echarts';

/** One echarts instance for the lifetime of the element; options replace, never merge. */
export function ReportChart({ option, label, testId, height = 240 }: { option: ReportChartOption; label: string; testId: string; height?: number }) {
  const elementRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  useEffect(() => {
    const element = elementRef.current;
    if (!element) return;
    const chart = init(element, null, { renderer: 'canvas' });
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);
  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);
  return <div ref={elementRef} className="report-chart" role="img" aria-label={label} style={{ height }} data-testid={testId} />;
}
