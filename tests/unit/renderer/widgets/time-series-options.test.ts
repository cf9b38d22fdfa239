import { describe, expect, it } from 'vitest';
import type { LineSeriesOption } from 'echarts/charts';
import { THEMES } from '../../../../src/renderer/src/theme/tokens';
import { breakLongSilences, typicalStepMs } from '../../../../src/renderer/src/widgets/time-series-chart/gaps';
import { buildTimeSeriesOption, type TimeSeriesInput } from '../../../../src/renderer/src/widgets/time-series-chart/options';
import { createFormatter } from '../../../../src/renderer/src/i18n/format';

const fmt = createFormatter('ko');

function input(overrides: Partial<TimeSeriesInput> = {}): TimeSeriesInput {
  return {
    lines: [
      { name: 'CPU 사용률', points: [[0, 10], [5_000, null], [10_000, 30]] },
      { name: '코어 수', points: [[0, 4], [10_000, 4]], reference: true },
    ],
    from: 0,
    until: 10_000,
    yMax: 100,
    colours: THEMES.dark.chart,
    textColour: THEMES.dark.text,
    formatAxisValue: (v) => fmt.axis('percent', v),
    formatValue: (v) => fmt.percent(v),
    formatTime: (ts) => String(ts),
    formatAxisTime: (ts) => String(ts),
    ...overrides,
  };
}

const seriesOf = (option: ReturnType<typeof buildTimeSeriesOption>) => option.series as LineSeriesOption[];

describe('buildTimeSeriesOption', () => {
  it('never connects across a missing reading', () => {
    const [cpu] = seriesOf(buildTimeSeriesOption(input()));
    expect(cpu!.connectNulls).toBe(false);
    expect(cpu!.data).toEqual([[0, 10], [5_000, null], [10_000, 30]]);
  });

  it('pins the time axis to the requested window and a percent axis to 0–100', () => {
    const option = buildTimeSeriesOption(input());
    expect(option.xAxis).toMatchObject({ type: 'time', min: 0, max: 10_000 });
    expect(option.yAxis).toMatchObject({ min: 0, max: 100 });
  });

  it('lets the value axis follow the data when no maximum is given', () => {
    const { yMax: _omit, ...rest } = input();
    expect(buildTimeSeriesOption(rest).yAxis).not.toHaveProperty('max');
  });

  it('labels the value axis and the tooltip with units', () => {
    const option = buildTimeSeriesOption(input());
    const axis = option.yAxis as { axisLabel: { formatter: (v: number) => string } };
    expect(axis.axisLabel.formatter(50)).toBe('50 %');
    const tooltip = option.tooltip as { valueFormatter: (v: unknown) => string };
    expect(tooltip.valueFormatter(92.34)).toBe('92.3 %');
    expect(tooltip.valueFormatter(null)).toBe('—');
    expect(tooltip.valueFormatter('-')).toBe('—');
  });

  it('draws reference lines dashed and without area, in the theme colours', () => {
    const [cpu, cores] = seriesOf(buildTimeSeriesOption(input({ colours: THEMES.light.chart })));
    expect(cores!.lineStyle).toMatchObject({ type: 'dashed' });
    expect(cores!.areaStyle).toBeUndefined();
    expect(cpu!.color).toBe(THEMES.light.chart.series[0]);
    expect(cores!.color).toBe(THEMES.light.chart.series[1]);
  });
});

describe('gaps', () => {
  it('finds the typical spacing of samples', () => {
    expect(typicalStepMs([[0, 1], [5_000, 1], [10_000, 1], [40_000, 1]])).toBe(5_000);
    expect(typicalStepMs([[0, 1]])).toBeNull();
  });

  it('breaks the line where the engine was silent for much longer than usual', () => {
    const points: Array<[number, number | null]> = [[0, 1], [5_000, 2], [10_000, 3], [300_000, 4], [305_000, 5]];
    expect(breakLongSilences(points, 5_000)).toEqual([[0, 1], [5_000, 2], [10_000, 3], [15_000, null], [300_000, 4], [305_000, 5]]);
  });

  it('leaves regular data and existing gaps alone', () => {
    const points: Array<[number, number | null]> = [[0, 1], [60_000, null], [120_000, 3]];
    expect(breakLongSilences(points, 60_000)).toEqual(points);
  });
});
