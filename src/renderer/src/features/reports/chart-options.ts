// Pure: the echarts options of the report charts, from the engine's report. Kept apart from
// the components so the numbers and labels are unit-tested without a DOM.
import { availabilityPercent } from '../../i18n/format';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { SEVERITIES, type Severity } from '../../../../shared/incidents';
import type { IncidentReport } from '../../../../shared/incidents-contract';
import type { ThemeTokens } from '../../theme/tokens';

export type ReportChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface ChartStyle {
  colours: ThemeTokens['chart'];
  status: ThemeTokens['status'];
  textColour: string;
}

const minutes = (ms: number | null) => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10);

function frame(style: ChartStyle, categories: string[]): ReportChartOption {
  const { colours } = style;
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { fontFamily: 'inherit' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0, left: 0, textStyle: { color: style.textColour }, inactiveColor: colours.grid },
    tooltip: { trigger: 'axis', backgroundColor: colours.tooltipBg, borderColor: colours.grid, textStyle: { color: colours.tooltipText } },
    xAxis: { type: 'category', data: categories, axisLabel: { color: colours.axis }, axisLine: { lineStyle: { color: colours.grid } }, axisTick: { show: false } },
    yAxis: { type: 'value', min: 0, axisLabel: { color: colours.axis }, splitLine: { lineStyle: { color: colours.grid } } },
  };
}

/** Mean MTTA and MTTR per month, in minutes; a month without data is a gap, not 0. */
export function timesOption(report: IncidentReport, style: ChartStyle, names: { mtta: string; mttr: string }): ReportChartOption {
  const months = report.monthly.map((m) => m.month);
  const series: BarSeriesOption[] = [
    { type: 'bar', name: names.mtta, data: report.monthly.map((m) => minutes(m.mtta.meanMs)), color: style.colours.series[0] },
    { type: 'bar', name: names.mttr, data: report.monthly.map((m) => minutes(m.mttr.meanMs)), color: style.colours.series[1] },
  ];
  return { ...frame(style, months), series };
}

/** Severity colours follow the status palette: SEV1 the most alarming. */
function severityColour(style: ChartStyle, severity: Severity): string {
  return { SEV1: style.status.crit.border, SEV2: style.colours.series[1]!, SEV3: style.status.warn.border, SEV4: style.status.unknown.border }[severity];
}

/** Incidents per month, stacked by severity. */
export function severityOption(report: IncidentReport, style: ChartStyle, severityName: (s: Severity) => string): ReportChartOption {
  const months = report.monthly.map((m) => m.month);
  const count = (month: string, severity: Severity) => report.bySeverityMonth.find((r) => r.month === month && r.severity === severity)?.count ?? 0;
  const series: BarSeriesOption[] = SEVERITIES.map((severity) => ({
    type: 'bar',
    stack: 'incidents',
    name: severityName(severity),
    data: months.map((m) => count(m, severity)),
    color: severityColour(style, severity),
  }));
  const option = frame(style, months);
  return { ...option, yAxis: { ...(option.yAxis as object), minInterval: 1 }, series };
}

/** Availability per service in percent, lowest first; the axis starts near the lowest value so small dips show. */
export function availabilityOption(report: IncidentReport, style: ChartStyle, formatPercent: (v: number) => string): ReportChartOption {
  const rows = [...report.availability].sort((a, b) => a.availability - b.availability);
  // Truncated like the table, so a 99.9997 % bar never reads as 100 %.
  const values = rows.map((r) => availabilityPercent(r.availability));
  const floor = Math.max(0, Math.floor(Math.min(100, ...values) - 1));
  const option = frame(style, rows.map((r) => r.service));
  return {
    ...option,
    legend: { show: false },
    yAxis: { type: 'value', min: floor, max: 100, axisLabel: { color: style.colours.axis, formatter: (v: number) => formatPercent(v) }, splitLine: { lineStyle: { color: style.colours.grid } } },
    tooltip: { ...(option.tooltip as object), valueFormatter: (v) => formatPercent(Number(v)) },
    series: [{ type: 'bar', name: 'availability', data: values, color: style.colours.series[3] }],
  };
}
