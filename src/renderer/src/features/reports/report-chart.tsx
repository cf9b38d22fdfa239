import { useEChart } from '../../widgets/echart/use-echart';
import type { ReportChartOption } from './chart-options';
import { init } from './echarts';

export function ReportChart({ option, label, testId, height = 240 }: { option: ReportChartOption; label: string; testId: string; height?: number }) {
  const elementRef = useEChart(init, option);
  return <div ref={elementRef} className="report-chart" role="img" aria-label={label} style={{ height }} data-testid={testId} />;
}
