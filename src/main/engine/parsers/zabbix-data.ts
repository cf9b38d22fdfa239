// PURE: Zabbix API rows (host.get, item.get, problem.get, event.get) into OpsDeck's readings.
// Items map onto the same series names the SSH host kind yields, so rules, the glossary and
// charts read a Zabbix-fed host like any other; a missing item stays null, never 0.
import type { ExternalAlertReading } from '../../../shared/external-alerts';
import { zabbixSeverity } from '../../../shared/external-alerts';

export interface ZabbixHostRow {
  hostid: string;
  host: string;
  name?: string;
  status?: string;
  maintenance_status?: string;
}

export interface ZabbixItemRow {
  itemid: string;
  hostid: string;
  key_: string;
  lastvalue?: string;
  lastclock?: string;
  units?: string;
}

export interface ZabbixProblemRow {
  eventid: string;
  objectid: string;
  clock: string;
  name: string;
  severity: string;
  acknowledged: string;
  suppressed?: string;
}

export interface ZabbixEventHostsRow {
  eventid: string;
  hosts?: Array<{ hostid: string; host: string; name?: string }>;
}

/** Zabbix agent keys (as the shipped Linux templates name them) and the OpsDeck series they feed. */
export const ZABBIX_ITEM_SERIES: Readonly<Record<string, { key: string; transform?: (v: number) => number }>> = {
  'system.cpu.util': { key: 'cpu.usage' },
  'system.cpu.util[,iowait]': { key: 'cpu.iowait' },
  'system.cpu.util[,steal]': { key: 'cpu.steal' },
  'system.cpu.num': { key: 'cpu.cores' },
  'vm.memory.utilization': { key: 'mem.used' },
  'vm.memory.size[total]': { key: 'mem.totalBytes' },
  'system.cpu.load[all,avg1]': { key: 'load.1' },
  'system.cpu.load[all,avg5]': { key: 'load.5' },
  'system.cpu.load[all,avg15]': { key: 'load.15' },
  'system.swap.size[,pfree]': { key: 'swap.used', transform: (v) => 100 - v },
  'vfs.fs.size[/,pused]': { key: 'disk.used' },
  'system.uptime': { key: 'uptime' },
};

export const ZABBIX_ITEM_KEYS = Object.keys(ZABBIX_ITEM_SERIES);

export interface ZabbixHostReading {
  hostid: string;
  host: string;
  name: string;
  inMaintenance: boolean;
  metrics: Record<string, number | null>;
  /** When the newest mapped item was read by Zabbix (ms), null when none has a value. */
  lastClock: number | null;
  problems: number;
}

export function hostReadings(hosts: ZabbixHostRow[], items: ZabbixItemRow[], problemsByHost: ReadonlyMap<string, number>): ZabbixHostReading[] {
  const byHost = new Map<string, ZabbixItemRow[]>();
  for (const item of items) {
    const list = byHost.get(item.hostid) ?? [];
    list.push(item);
    byHost.set(item.hostid, list);
  }
  return hosts.map((h) => {
    const metrics: Record<string, number | null> = Object.fromEntries(Object.values(ZABBIX_ITEM_SERIES).map((s) => [s.key, null]));
    let lastClock: number | null = null;
    for (const item of byHost.get(h.hostid) ?? []) {
      const map = ZABBIX_ITEM_SERIES[item.key_];
      const clock = Number(item.lastclock ?? 0);
      // lastclock 0: Zabbix never received a value; lastvalue is then '0', not a reading.
      if (!map || !clock) continue;
      const value = Number(item.lastvalue);
      if (!Number.isFinite(value)) continue;
      metrics[map.key] = map.transform ? map.transform(value) : value;
      lastClock = Math.max(lastClock ?? 0, clock * 1000);
    }
    return { hostid: h.hostid, host: h.host, name: h.name || h.host, inMaintenance: h.maintenance_status === '1', metrics, lastClock, problems: problemsByHost.get(h.hostid) ?? 0 };
  });
}

/** problem.get rows (with the hosts event.get named for them) as external alerts. */
export function problemReadings(problems: ZabbixProblemRow[], hostsOf: ReadonlyMap<string, Array<{ hostid: string; host: string; name?: string }>>): ExternalAlertReading[] {
  return problems.map((p) => {
    const hosts = hostsOf.get(p.eventid) ?? [];
    return {
      externalId: p.eventid,
      ...zabbixSeverity(Number(p.severity)),
      acknowledged: p.acknowledged === '1',
      startedAt: Number(p.clock) * 1000,
      text: p.name,
      host: hosts.length ? hosts.map((h) => h.name || h.host).join(', ') : null,
      suppressed: p.suppressed === '1',
    };
  });
}

export function problemsPerHost(hostsOf: ReadonlyMap<string, Array<{ hostid: string }>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const hosts of hostsOf.values()) for (const h of hosts) out.set(h.hostid, (out.get(h.hostid) ?? 0) + 1);
  return out;
}
