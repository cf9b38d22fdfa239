// A Zabbix-fed host's chart, asked of Zabbix (OpsDeck stores no history for hosts it does not
// poll): history.get for ranges up to a day, trend.get's hourly averages beyond, as Zabbix's own
// graphs do. Series keys are OpsDeck's (cpu.usage...), mapped back to the item keys.
import { TIME_RANGES, type Series, type TimeRange } from '../../../shared/model';
import { ZABBIX_ITEM_SERIES } from '../parsers/zabbix-data';
import type { ZabbixRpc } from '../transport/zabbix-rpc';

/** At most this many points per series, whatever the range (history.get sorts newest first). */
const MAX_POINTS = 11_000;

export async function zabbixSeries(rpc: ZabbixRpc, hostid: string, keys: readonly string[], range: TimeRange, until: number): Promise<{ from: number; until: number; source: 'history' | 'trends'; series: Series[] }> {
  const from = until - TIME_RANGES[range];
  const wanted = new Map<string, string>();
  for (const [itemKey, map] of Object.entries(ZABBIX_ITEM_SERIES)) if (keys.includes(map.key)) wanted.set(itemKey, map.key);
  const items = wanted.size
    ? await rpc.call<Array<{ itemid: string; key_: string; value_type: string }>>('item.get', { output: ['itemid', 'key_', 'value_type'], hostids: [hostid], filter: { key_: [...wanted.keys()] } })
    : [];
  const useTrends = TIME_RANGES[range] > TIME_RANGES['24h'];
  const series: Series[] = [];
  for (const key of keys) {
    const item = items.find((i) => wanted.get(i.key_) === key);
    // Only numeric items (float 0, unsigned 3) chart; anything else is an empty series.
    if (!item || (item.value_type !== '0' && item.value_type !== '3')) {
      series.push({ key, points: [] });
      continue;
    }
    const transform = ZABBIX_ITEM_SERIES[item.key_]?.transform ?? ((v: number) => v);
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
    series.push({ key, points });
  }
  return { from, until, source: useTrends ? 'trends' : 'history', series };
}
