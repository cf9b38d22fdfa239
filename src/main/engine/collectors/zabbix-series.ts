// A Zabbix-fed host's chart, asked of Zabbix (OpsDeck stores no history for hosts it does not
// poll): history.get for ranges up to a day, trend.get's hourly averages beyond, as Zabbix's own
// graphs do. Series keys are OpsDeck's (cpu.usage...), mapped back to the item keys.
import { TIME_RANGES, type Series, type TimeRange } from '../../../shared/model';
import { ZABBIX_CHART_ITEMS } from '../parsers/zabbix-host-items';
import type { ZabbixRpc } from '../transport/zabbix-rpc';

/** At most this many points per series, whatever the range (history.get sorts newest first). */
const MAX_POINTS = 11_000;

interface ChartItem {
  itemid: string;
  key_: string;
  value_type: string;
  lastvalue?: string;
}

/** Which item draws a series, and how its values turn into OpsDeck's: the first candidate the host has. */
function pickItem(key: string, items: readonly ChartItem[]): { item: ChartItem; transform: (v: number) => number } | null {
  const numeric = (i: ChartItem) => i.value_type === '0' || i.value_type === '3';
  for (const c of ZABBIX_CHART_ITEMS[key] ?? []) {
    const item = items.find((i) => i.key_ === c.itemKey && numeric(i));
    if (item) return { item, transform: c.transform === 'inverse-percent' ? (v) => 100 - v : (v) => v };
  }
  // Load per core without the per-CPU item: the whole-host load over today's number of CPUs.
  if (key === 'load.perCore') {
    const cores = Number(items.find((i) => i.key_ === 'system.cpu.num')?.lastvalue);
    const load = items.find((i) => (i.key_ === 'system.cpu.load[all,avg1]' || i.key_ === 'system.cpu.load[,avg1]') && numeric(i));
    if (load && Number.isFinite(cores) && cores > 0) return { item: load, transform: (v) => v / cores };
  }
  return null;
}

export async function zabbixSeries(rpc: ZabbixRpc, hostid: string, keys: readonly string[], range: TimeRange, until: number): Promise<{ from: number; until: number; source: 'history' | 'trends'; series: Series[] }> {
  const from = until - TIME_RANGES[range];
  const itemKeys = new Set<string>();
  for (const key of keys) for (const c of ZABBIX_CHART_ITEMS[key] ?? []) itemKeys.add(c.itemKey);
  if (keys.includes('load.perCore')) ['system.cpu.num', 'system.cpu.load[all,avg1]', 'system.cpu.load[,avg1]'].forEach((k) => itemKeys.add(k));
  const items = itemKeys.size
    ? await rpc.call<ChartItem[]>('item.get', { output: ['itemid', 'key_', 'value_type', 'lastvalue'], hostids: [hostid], filter: { key_: [...itemKeys] } })
    : [];
  const useTrends = TIME_RANGES[range] > TIME_RANGES['24h'];
  const series = await Promise.all(
    keys.map(async (key): Promise<Series> => {
      // Only numeric items (float 0, unsigned 3) chart; a series the host has no item for is empty, not zeros.
      const picked = pickItem(key, items);
      if (!picked) return { key, points: [] };
      const { item, transform } = picked;
      const common = { itemids: [item.itemid], time_from: Math.floor(from / 1000), time_till: Math.ceil(until / 1000), limit: MAX_POINTS };
      const rows = useTrends
        ? await rpc.call<Array<{ clock: string; value_avg: string }>>('trend.get', { ...common, output: ['clock', 'value_avg'] })
        : await rpc.call<Array<{ clock: string; value: string }>>('history.get', { ...common, history: Number(item.value_type), output: ['clock', 'value'], sortfield: 'clock', sortorder: 'ASC' });
      const points = rows
        .map((r): [number, number | null] => {
          const v = Number('value_avg' in r ? r.value_avg : r.value);
          return [Number(r.clock) * 1000, Number.isFinite(v) ? transform(v) : null];
        })
        .sort((a, b) => a[0] - b[0]);
      return { key, points };
    }),
  );
  return { from, until, source: useTrends ? 'trends' : 'history', series };
}
