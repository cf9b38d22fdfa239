import { useEChart } from '../echart/use-echart';
import { init } from './echarts';
import type { TimeSeriesOption } from './options';

interface Props {
  option: TimeSeriesOption;
  /** Text alternative: what a screen reader says instead of the picture. */
  label: string;
  height?: number;
}

export function TimeSeriesChart({ option, label, height = 220 }: Props) {
  const elementRef = useEChart(init, option);
  return <div ref={elementRef} className="ts-chart" role="img" aria-label={label} style={{ height }} />;
}
