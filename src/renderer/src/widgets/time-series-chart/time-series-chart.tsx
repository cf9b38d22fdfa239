import { useEffect, useRef } from 'react';
import { init, type EChartsType } from './echarts';
import type { TimeSeriesOption } from './options';

interface Props {
  option: TimeSeriesOption;
  /** Text alternative: what a screen reader says instead of the picture. */
  label: string;
  height?: number;
}

/** Owns one echarts instance for the lifetime of the element; options replace, never merge. */
export function TimeSeriesChart({ option, label, height = 220 }: Props) {
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

  return <div ref={elementRef} className="ts-chart" role="img" aria-label={label} style={{ height }} />;
}
