// PURE: Zabbix API rows (host.get, item.get, problem.get, event.get) into OpsDeck's readings.
// Items map onto the same series names the SSH host kind yields, so rules, the glossary and
// charts read a Zabbix-fed host like any other; a missing item stays null, never 0.
import type { ExternalAlertReading } from '../../../shared/external-alerts';
import { zabbixSeverity } from '../../../shared/external-alerts';
import type { FilesystemUsage, HostMetrics } from '../../../shared/model';
import { agentUnavailable, zabbixHostAliases, zabbixHostItems, type ZabbixHostItems, type ZabbixInterfaceRow } from './zabbix-host-items';

export interface ZabbixHostRow {
  hostid: string;
  host: string;
  name?: string;
  status?: string;
  maintenance_status?: string;
  /** host.get's selectInterfaces: agent availability and Zabbix's error live here from 5.4. */
  interfaces?: ZabbixInterfaceRow[];
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

export interface ZabbixHostReading {
  hostid: string;
  host: string;
  name: string;
  inMaintenance: boolean;
  metrics: HostMetrics;
  facts: ZabbixHostItems['facts'];
  filesystems: FilesystemUsage[];
  /** When the newest mapped item was read by Zabbix (ms), null when none has a value. */
  lastClock: number | null;
  problems: number;
  /** Why Zabbix cannot read the agent (interface unavailable), null while it can. */
  unavailable: { error: string; address: string } | null;
  /** Names and addresses to match this machine with the same one from another source. */
  aliases: string[];
}

/** One item.get for every host: the rows grouped by host, then each host's items mapped (zabbix-host-items.ts). */
export function hostReadings(hosts: ZabbixHostRow[], items: ZabbixItemRow[], problemsByHost: ReadonlyMap<string, number>): ZabbixHostReading[] {
  const byHost = new Map<string, ZabbixItemRow[]>();
  for (const item of items) {
    const list = byHost.get(item.hostid) ?? [];
    list.push(item);
    byHost.set(item.hostid, list);
  }
  return hosts.map((h) => {
    const read = zabbixHostItems(byHost.get(h.hostid) ?? []);
    return {
      hostid: h.hostid,
      host: h.host,
      name: h.name || h.host,
      inMaintenance: h.maintenance_status === '1',
      metrics: read.metrics,
      facts: read.facts,
      filesystems: read.filesystems,
      lastClock: read.lastClock,
      problems: problemsByHost.get(h.hostid) ?? 0,
      unavailable: agentUnavailable(h.interfaces),
      aliases: zabbixHostAliases(h, h.interfaces),
    };
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
