import { useEffect, useRef, type RefObject } from 'react';

interface ChartInstance {
  setOption(option: unknown, opts: { notMerge: boolean; lazyUpdate: boolean }): void;
  resize(): void;
  dispose(): void;
}

/**
 * Owns one echarts instance for the lifetime of the element; options replace, never merge.
 * `init` comes from the caller's own echarts build, so each widget registers only the chart
 * types it draws.
 */
export function useEChart<O>(
  init: (element: HTMLDivElement, theme: null, opts: { renderer: 'canvas' }) => ChartInstance,
  option: O,
): RefObject<HTMLDivElement | null> {
  const elementRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ChartInstance | null>(null);
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
  }, [init]);
  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);
  return elementRef;
}
