// PURE: one Zabbix host's items (item.get rows, as the shipped "Linux by Zabbix agent" template
// names them) into OpsDeck's host readings: the same metric names and units an SSH host yields,
// so a Zabbix-fed tile is judged, worded and charted like any other. A missing item stays null.
import type { FilesystemUsage, HostMetrics } from '../../../shared/model';

export interface ZabbixItemValue {
  key_: string;
  lastvalue?: string;
  /** Epoch seconds of the last value; '0' when Zabbix never received one. */
  lastclock?: string;
  units?: string;
}

/** The item key prefixes a poll asks for (item.get `search` with `startSearch`): one call for every host. */
export const ZABBIX_HOST_ITEM_PREFIXES = [
  'system.cpu.util',
  'system.cpu.num',
  'system.cpu.load[',
  'vm.memory.',
  'system.swap.size[',
  'vfs.fs.size[',
  'net.if.in[',
  'net.if.out[',
  'vfs.dev.read.rate[',
  'vfs.dev.write.rate[',
  'system.uptime',
  'system.hostname',
  'system.sw.os',
  'system.sw.arch',
  'system.uname',
] as const;

/** An item key split into its name and parameters: `net.if.in["eth0",bytes]` -> net.if.in, [eth0, bytes]. */
export function parseItemKey(key: string): { name: string; params: string[] } {
  const open = key.indexOf('[');
  if (open < 0 || !key.endsWith(']')) return { name: key, params: [] };
  const params: string[] = [];
  let current = '';
  let quoted = false;
  let wasQuoted = false;
  const body = key.slice(open + 1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '\\' && body[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"' && current === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
    } else if (c === ',') {
      params.push(wasQuoted ? current : current.trim());
      current = '';
      wasQuoted = false;
    } else current += c;
  }
  params.push(wasQuoted ? current : current.trim());
  return { name: key.slice(0, open), params };
}

/** Interfaces that carry no host traffic of their own (the same list the Prometheus fleet query skips). */
const VIRTUAL_INTERFACE = /^(lo|veth.*|docker[0-9]+|br-.*|virbr.*|cni.*|flannel.*|cali.*|vnet.*|kube-.*)$/;

/** Series of one item, for a chart (history.get reads one item): OpsDeck's key and how to convert. */
export const ZABBIX_CHART_ITEMS: Readonly<Record<string, ReadonlyArray<{ itemKey: string; transform?: 'inverse-percent' }>>> = {
  'cpu.usage': [{ itemKey: 'system.cpu.util' }],
  'cpu.iowait': [{ itemKey: 'system.cpu.util[,iowait]' }],
  'cpu.steal': [{ itemKey: 'system.cpu.util[,steal]' }],
  'mem.used': [{ itemKey: 'vm.memory.utilization' }, { itemKey: 'vm.memory.size[pavailable]', transform: 'inverse-percent' }],
  'swap.used': [{ itemKey: 'system.swap.size[,pfree]', transform: 'inverse-percent' }],
  'load.1': [{ itemKey: 'system.cpu.load[all,avg1]' }, { itemKey: 'system.cpu.load[,avg1]' }],
  'load.5': [{ itemKey: 'system.cpu.load[all,avg5]' }, { itemKey: 'system.cpu.load[,avg5]' }],
  'load.15': [{ itemKey: 'system.cpu.load[all,avg15]' }, { itemKey: 'system.cpu.load[,avg15]' }],
  'load.perCore': [{ itemKey: 'system.cpu.load[percpu,avg1]' }],
  'disk.used': [{ itemKey: 'vfs.fs.size[/,pused]' }],
};

export interface ZabbixHostItems {
  metrics: HostMetrics;
  facts: { hostname: string | null; os: string | null; kernel: string | null; arch: string | null };
  filesystems: FilesystemUsage[];
  /** When Zabbix last received any of these items (ms), null when none has a value. */
  lastClock: number | null;
}

function emptyMetrics(): HostMetrics {
  return {
    'cpu.usage': null, 'cpu.iowait': null, 'cpu.steal': null, 'cpu.cores': null,
    'mem.used': null, 'mem.usedBytes': null, 'mem.totalBytes': null,
    'swap.used': null, 'swap.usedBytes': null, 'swap.totalBytes': null,
    'load.1': null, 'load.5': null, 'load.15': null, 'load.perCore': null,
    'disk.used': null, 'disk.readBps': null, 'disk.writeBps': null, 'disk.readIops': null, 'disk.writeIops': null,
    'net.rxBps': null, 'net.txBps': null, uptime: null,
  };
}

const clampPercent = (v: number) => Math.min(100, Math.max(0, v));

/** The template's net.if.in/out are bits per second ("bps"); OpsDeck counts bytes. A raw counter (no unit) is not a rate. */
function bytesPerSecond(value: number, units: string | undefined): number | null {
  if (units === 'bps') return value / 8;
  if (units === 'Bps' || units === 'B/s') return value;
  return null;
}

export function zabbixHostItems(items: readonly ZabbixItemValue[]): ZabbixHostItems {
  const m = emptyMetrics();
  const facts: ZabbixHostItems['facts'] = { hostname: null, os: null, kernel: null, arch: null };
  const num = new Map<string, number>();
  const fsParts = new Map<string, { total?: number; used?: number; pused?: number; free?: number }>();
  const sums = { rx: null as number | null, tx: null as number | null, readIops: null as number | null, writeIops: null as number | null };
  const add = (k: keyof typeof sums, v: number | null) => {
    if (v !== null) sums[k] = (sums[k] ?? 0) + v;
  };
  let lastClock: number | null = null;
  for (const item of items) {
    const clock = Number(item.lastclock ?? 0);
    // lastclock 0: Zabbix never received a value; its lastvalue is then '0' or '', not a reading.
    if (!Number.isFinite(clock) || clock <= 0) continue;
    lastClock = Math.max(lastClock ?? 0, clock * 1000);
    const raw = item.lastvalue ?? '';
    const { name, params } = parseItemKey(item.key_);
    const text = raw.trim() || null;
    if (item.key_ === 'system.hostname') facts.hostname = text;
    else if (item.key_ === 'system.sw.os') facts.os = text;
    else if (item.key_ === 'system.sw.arch') facts.arch = text;
    else if (item.key_ === 'system.uname') facts.kernel = text?.startsWith('Linux ') ? (text.split(/\s+/)[2] ?? null) : text;
    const value = raw.trim() === '' ? NaN : Number(raw);
    if (!Number.isFinite(value)) continue;
    if (name === 'vfs.fs.size' && params.length >= 1) {
      const mode = params[1] || 'total';
      if (mode === 'total' || mode === 'used' || mode === 'pused' || mode === 'free') {
        const parts = fsParts.get(params[0]!) ?? {};
        parts[mode] = value;
        fsParts.set(params[0]!, parts);
      }
    } else if ((name === 'net.if.in' || name === 'net.if.out') && params[0] && !VIRTUAL_INTERFACE.test(params[0]) && ['', 'bytes'].includes(params[1] ?? '')) {
      add(name === 'net.if.in' ? 'rx' : 'tx', bytesPerSecond(value, item.units));
    } else if (name === 'vfs.dev.read.rate' || name === 'vfs.dev.write.rate') {
      // The template's rates are operations per second (units "!r/s", "!w/s").
      if ((params[1] ?? '') === '' || params[1] === 'ops') add(name === 'vfs.dev.read.rate' ? 'readIops' : 'writeIops', value);
    } else {
      num.set(item.key_, value);
    }
  }
  const first = (...keys: string[]) => {
    for (const k of keys) if (num.has(k)) return num.get(k)!;
    return null;
  };
  m['cpu.usage'] = first('system.cpu.util', 'system.cpu.util[]', 'system.cpu.util[,]');
  m['cpu.iowait'] = first('system.cpu.util[,iowait]', 'system.cpu.util[all,iowait]');
  m['cpu.steal'] = first('system.cpu.util[,steal]', 'system.cpu.util[all,steal]');
  m['cpu.cores'] = first('system.cpu.num', 'system.cpu.num[online]');
  const memTotal = first('vm.memory.size[total]', 'vm.memory.size');
  const memAvailable = first('vm.memory.size[available]');
  const memPavailable = first('vm.memory.size[pavailable]');
  m['mem.totalBytes'] = memTotal;
  m['mem.usedBytes'] = memTotal !== null && memAvailable !== null ? Math.max(0, memTotal - memAvailable) : null;
  const memUtil = first('vm.memory.utilization');
  m['mem.used'] = memUtil !== null ? memUtil : memPavailable !== null ? clampPercent(100 - memPavailable) : memTotal && memAvailable !== null ? clampPercent((100 * (memTotal - memAvailable)) / memTotal) : null;
  const swapTotal = first('system.swap.size[,total]', 'system.swap.size[all,total]');
  const swapFree = first('system.swap.size[,free]', 'system.swap.size[all,free]');
  const swapPfree = first('system.swap.size[,pfree]', 'system.swap.size[all,pfree]');
  m['swap.totalBytes'] = swapTotal;
  m['swap.usedBytes'] = swapTotal !== null && swapFree !== null ? Math.max(0, swapTotal - swapFree) : null;
  // No swap: Zabbix reports pfree 100 over a total of 0; OpsDeck's swap.used is null then, as on SSH hosts.
  m['swap.used'] = swapTotal === 0 ? null : swapPfree !== null ? clampPercent(100 - swapPfree) : swapTotal && swapFree !== null ? clampPercent((100 * (swapTotal - swapFree)) / swapTotal) : null;
  m['load.1'] = first('system.cpu.load[all,avg1]', 'system.cpu.load[,avg1]', 'system.cpu.load');
  m['load.5'] = first('system.cpu.load[all,avg5]', 'system.cpu.load[,avg5]');
  m['load.15'] = first('system.cpu.load[all,avg15]', 'system.cpu.load[,avg15]');
  const cores = m['cpu.cores'];
  m['load.perCore'] = first('system.cpu.load[percpu,avg1]') ?? (m['load.1'] !== null && cores ? m['load.1'] / cores : null);
  m.uptime = first('system.uptime');
  m['net.rxBps'] = sums.rx;
  m['net.txBps'] = sums.tx;
  m['disk.readIops'] = sums.readIops;
  m['disk.writeIops'] = sums.writeIops;

  const filesystems: FilesystemUsage[] = [];
  let fullest: number | null = null;
  for (const [mount, p] of [...fsParts].sort(([a], [b]) => a.localeCompare(b))) {
    const used = p.used ?? (p.total !== undefined && p.free !== undefined ? p.total - p.free : undefined);
    const usedPercent = p.pused ?? (p.total && used !== undefined ? (100 * used) / p.total : undefined);
    if (usedPercent === undefined) continue;
    fullest = Math.max(fullest ?? 0, usedPercent);
    if (p.total !== undefined && used !== undefined) {
      filesystems.push({ mount, device: '', fsType: '', sizeBytes: p.total, usedBytes: used, ...(p.free !== undefined ? { availableBytes: p.free } : {}), usedPercent });
    }
  }
  m['disk.used'] = fullest;
  return { metrics: m, facts, filesystems, lastClock };
}

/** Agent availability as host.get's interfaces report it: 1 available, 2 unavailable (with Zabbix's error). */
export interface ZabbixInterfaceRow {
  type?: string;
  main?: string;
  available?: string;
  error?: string;
  ip?: string;
  dns?: string;
  useip?: string;
  port?: string;
}

/** Why Zabbix cannot read this host's agent, or null while it can (or has not tried yet). */
export function agentUnavailable(interfaces: readonly ZabbixInterfaceRow[] | undefined): { error: string; address: string } | null {
  // Agent interfaces (type 1) only: an SNMP or IPMI interface's state says nothing about the OS readings.
  const agents = (interfaces ?? []).filter((i) => i.type === '1');
  if (agents.length === 0 || agents.some((i) => i.available !== '2')) return null;
  const main = agents.find((i) => i.main === '1') ?? agents[0]!;
  const host = main.useip === '0' ? main.dns || main.ip || '' : main.ip || main.dns || '';
  return { error: (main.error ?? '').slice(0, 300), address: main.port ? `${host}:${main.port}` : host };
}

/** The names and addresses a Zabbix host is known by, for matching it with the same machine from another source. */
export function zabbixHostAliases(host: { host: string; name?: string }, interfaces: readonly ZabbixInterfaceRow[] | undefined): string[] {
  const out = new Set<string>([host.host, host.name ?? ''].filter(Boolean));
  for (const i of interfaces ?? []) {
    if (i.ip) out.add(i.ip);
    if (i.dns) out.add(i.dns);
  }
  return [...out];
}
