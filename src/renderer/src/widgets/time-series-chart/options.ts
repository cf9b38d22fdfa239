// Pure: builds the echarts option for one time-series panel. Kept apart from the component so
// units, gaps and colours are unit-tested without a DOM.
import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { ThemeTokens } from '../../theme/tokens';
import { binaryAxisScale } from './axis-scale';
import { breakLongSilences, typicalStepMs, type Point } from './gaps';

export type TimeSeriesOption = ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface TimeSeriesLine {
  name: string;
  points: readonly Point[];
  /** Drawn dashed and without area: a reference such as the core count, not a measurement. */
  reference?: boolean;
}

export interface TimeSeriesInput {
  lines: readonly TimeSeriesLine[];
  from: number;
  until: number;
  /** Fixed maximum of the value axis (100 for percentages). */
  yMax?: number;
  /** Byte quantities: ticks on whole binary units instead of decimal steps. */
  binaryAxis?: boolean;
  /** Whole things (sessions, connections): no tick between 0 and 1. */
  integerAxis?: boolean;
  /** Expected spacing of points ('1m' rollups: 60 000); otherwise the median step is used. */
  stepMs?: number;
  colours: ThemeTokens['chart'];
  textColour: string;
  formatAxisValue(value: number): string;
  formatValue(value: number | null): string;
  formatTime(ts: number): string;
  /** Axis tick label: the time of day, or date and time for windows longer than a day. */
  formatAxisTime(ts: number): string;
}

export function buildTimeSeriesOption(input: TimeSeriesInput): TimeSeriesOption {
  const { colours } = input;
  const series: LineSeriesOption[] = input.lines.map((line, i) => {
    const colour = colours.series[i % colours.series.length] as string;
    const step = input.stepMs ?? typicalStepMs(line.points);
    return {
      type: 'line',
      name: line.name,
      data: breakLongSilences(line.points, step),
      showSymbol: false,
      connectNulls: false,
      animation: false,
      color: colour,
      lineStyle: { width: line.reference ? 1.5 : 2, type: line.reference ? 'dashed' : 'solid', color: colour },
      ...(line.reference ? {} : { areaStyle: { opacity: 0.08, color: colour } }),
      emphasis: { disabled: true },
    };
  });

  const dataMax = Math.max(0, ...input.lines.flatMap((line) => line.points.map(([, v]) => (v !== null && Number.isFinite(v) ? v : 0))));
  const scale = input.yMax !== undefined ? { max: input.yMax } : input.binaryAxis ? binaryAxisScale(dataMax) : {};

  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { fontFamily: 'inherit' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: {
      top: 0,
      left: 0,
      icon: 'roundRect',
      itemWidth: 14,
      itemHeight: 4,
      textStyle: { color: input.textColour },
      inactiveColor: colours.grid,
    },
    tooltip: {
      trigger: 'axis',
      backgroundColor: colours.tooltipBg,
      borderColor: colours.grid,
      textStyle: { color: colours.tooltipText },
      axisPointer: { type: 'line', lineStyle: { color: colours.axis } },
      valueFormatter: (value) => input.formatValue(typeof value === 'number' && Number.isFinite(value) ? value : null),
    },
    xAxis: {
      type: 'time',
      min: input.from,
      max: input.until,
      axisLabel: { color: colours.axis, hideOverlap: true, formatter: (value: number) => input.formatAxisTime(value) },
      axisLine: { lineStyle: { color: colours.grid } },
      axisTick: { show: false },
      splitLine: { show: false },
      axisPointer: { label: { formatter: ({ value }: { value: unknown }) => input.formatTime(Number(value)) } },
    },
    yAxis: {
      type: 'value',
      min: 0,
      ...(input.integerAxis ? { minInterval: 1 } : {}),
      ...scale,
      axisLabel: { color: colours.axis, formatter: (value: number) => input.formatAxisValue(value) },
      splitLine: { lineStyle: { color: colours.grid } },
    },
    series,
  };
}
