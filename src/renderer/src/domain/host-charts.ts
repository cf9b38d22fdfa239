// Which time series the host page shows, grouped per chart. Shared by the store (which keys
// to fetch) and the host page (how to draw them), so the two cannot drift apart.
import type { HostSnapshot, MetricUnit, SeriesKey } from '../../../shared/model';
import { filesystemSeriesKey } from '../../../shared/model';
import type { MessageKey } from '../i18n/catalogue';

export type HostChartName = 'cpu' | 'memory' | 'load' | 'disk' | 'disk-io' | 'network';

export interface HostChartSeries {
  key: SeriesKey;
  /** Legend label; omitted means the metric's own label. */
  labelKey?: MessageKey;
  /** A reference line (the core count next to load) rather than a measurement. */
  reference?: boolean;
}

export interface HostChartDefinition {
  name: HostChartName;
  titleKey: MessageKey;
  unit: MetricUnit;
  glossaryId: string;
  /** Fixed axis maximum (100 for percentages); otherwise the axis follows the data. */
  yMax?: number;
  /** Series of this chart for a host with these mounted filesystems. */
  series(mounts: readonly string[]): HostChartSeries[];
}

// The wire accepts up to 64 keys per query; 13 fixed ones leave room for this many mounts.
export const MAX_FILESYSTEM_SERIES = 48;

export const HOST_CHARTS: readonly HostChartDefinition[] = [
  {
    name: 'cpu',
    titleKey: 'chart.cpu',
    unit: 'percent',
    glossaryId: 'cpu-usage',
    yMax: 100,
    series: () => [{ key: 'cpu.usage' }, { key: 'cpu.iowait' }, { key: 'cpu.steal' }],
  },
  {
    name: 'memory',
    titleKey: 'chart.memory',
    unit: 'percent',
    glossaryId: 'memory-usage',
    yMax: 100,
    series: () => [{ key: 'mem.used' }, { key: 'swap.used' }],
  },
  {
    name: 'load',
    titleKey: 'chart.load',
    unit: 'ratio',
    glossaryId: 'load-average',
    series: () => [
      { key: 'load.1' },
      { key: 'load.5' },
      { key: 'load.15' },
      { key: 'cpu.cores', labelKey: 'chart.series.cores', reference: true },
    ],
  },
  {
    name: 'disk',
    titleKey: 'chart.disk',
    unit: 'percent',
    glossaryId: 'disk-usage',
    yMax: 100,
    series: (mounts) => mounts.slice(0, MAX_FILESYSTEM_SERIES).map((mount) => ({ key: filesystemSeriesKey(mount) })),
  },
  {
    name: 'disk-io',
    titleKey: 'chart.diskIo',
    unit: 'bytesPerSecond',
    glossaryId: 'disk-io',
    series: () => [{ key: 'disk.readBps' }, { key: 'disk.writeBps' }],
  },
  {
    name: 'network',
    titleKey: 'chart.network',
    unit: 'bytesPerSecond',
    glossaryId: 'network-throughput',
    series: () => [{ key: 'net.rxBps' }, { key: 'net.txBps' }],
  },
];

/** Every key the host page needs for one snapshot, without duplicates, in chart order. */
export function hostSeriesKeys(snapshot: HostSnapshot | null): SeriesKey[] {
  const mounts = mountsOf(snapshot);
  return [...new Set(HOST_CHARTS.flatMap((chart) => chart.series(mounts).map((s) => s.key)))];
}

export function mountsOf(snapshot: HostSnapshot | null): string[] {
  return (snapshot?.filesystems ?? []).map((fs) => fs.mount);
}
