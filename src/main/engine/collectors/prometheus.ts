// Prometheus as a data source: one configured check that yields a fleet. Each poll asks
// /api/v1/targets (who is scraped, who is down and why) and one instant query that reads every
// node_exporter series at once; each target becomes a host (kind `prometheus-node`) with the
// same metric names and units as SSH hosts, so rules, glossary, charts and overview need
// nothing new. Rates use rate() over four scrape intervals. Charts of a fed host ask the
// source (query_range) instead of OpsDeck's store, which keeps history only for what it polls.
import { z } from 'zod';
import type { KindDescriptor } from '../../../shared/checks';
import type { ExternalAlertReading } from '../../../shared/external-alerts';
import { OpsError, serviceDown } from '../../../shared/errors';
import { filesystemSeriesKey, TIME_RANGES, type DataTable, type Series, type SeriesKey, type SeriesQuery, type SeriesResult } from '../../../shared/model';
import { chooseStepSeconds, fleetFromResponses, fleetQuery, parsePromDuration, rateWindowSeconds, type FleetMember, type PromSample, type PromTarget } from '../parsers/prometheus-fleet';
import { prometheusAlertReadings } from '../parsers/prometheus-alerts';
import { prometheusGet, type PrometheusEndpoint } from '../transport/prometheus-http';
import { defineKind, type HostKind, type KindContext } from './check-kind';
import { hostDescriptor } from './host-descriptor';
import { isLoopbackHost } from './http-config';
import type { Collector, CollectResult, MemberResult } from './types';

export const prometheusConfig = z.strictObject({
  url: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .refine((u) => /^https?:\/\/[^\s/]+/.test(u), 'use an http:// or https:// address'),
  auth: z.enum(['none', 'bearer', 'basic']).default('none'),
  user: z.string().max(200).optional().default(''),
  /** PEM of an internal CA to trust for this source only; TLS verification is never turned off. */
  ca: z.string().max(20_000).optional().default(''),
}).superRefine((c, issue) => {
  const add = (path: string, message: string) => issue.addIssue({ code: 'custom', path: [path], message });
  let url: URL;
  try {
    url = new URL(c.url);
  } catch {
    return;
  }
  if (url.username || url.password) add('url', 'no user name or password in the address: choose an authentication method and type the password in its field');
  if (c.auth === 'basic' && (c.user === '' || c.user.includes(':'))) add('user', 'a user name without ":" for basic authentication');
  // The same rule as endpoint checks: a secret over plain HTTP is readable by anyone on the way.
  if (c.auth !== 'none' && url.protocol === 'http:' && !isLoopbackHost(url.hostname)) add('auth', 'credentials only over https:// (or to this computer)');
  if (c.ca !== '' && url.protocol !== 'https:') add('ca', 'a CA certificate needs an https:// address');
});
export type PrometheusConfig = z.infer<typeof prometheusConfig>;

const DEFAULT_SCRAPE_MS = 15_000;
/** 5,000 node_exporter targets answer the fleet query in about 20 MB; beyond 200 MB something is wrong. */
const MAX_BODY_BYTES = 200 * 1024 * 1024;
const TABLE_ROWS = 200;

export const PROMETHEUS_NODE_KIND = 'prometheus-node';

const descriptor: KindDescriptor = {
  kind: 'prometheus',
  category: 'source',
  name: { ko: 'Prometheus', en: 'Prometheus' },
  glossaryId: 'prometheus',
  series: [
    { key: 'prom.targets.up', unit: 'count', glossaryId: 'prometheus', label: { ko: '수집 중인 대상', en: 'Targets up' } },
    { key: 'prom.targets.down', unit: 'count', glossaryId: 'prometheus', label: { ko: '수집 실패 대상', en: 'Targets down' } },
    { key: 'prom.nodes', unit: 'count', glossaryId: 'prometheus', label: { ko: '호스트 수', en: 'Hosts' } },
    { key: 'prom.alerts.firing', unit: 'count', glossaryId: 'prometheus', label: { ko: '발생 중인 Prometheus 경보', en: 'Prometheus alerts firing' } },
  ],
  charts: [{ id: 'targets', title: { ko: '수집 대상', en: 'Scrape targets' }, keys: ['prom.targets.up', 'prom.targets.down'], glossaryId: 'prometheus' }],
  tables: [
    {
      id: 'targets',
      title: { ko: '수집 대상', en: 'Scrape targets' },
      glossaryId: 'prometheus',
      columns: [
        { key: 'instance', label: { ko: '인스턴스', en: 'Instance' }, format: 'text' },
        { key: 'job', label: { ko: '작업', en: 'Job' }, format: 'text' },
        { key: 'health', label: { ko: '상태', en: 'Health' }, format: 'code' },
        { key: 'lastError', label: { ko: '마지막 오류', en: 'Last error' }, format: 'text' },
        { key: 'shownAs', label: { ko: '표시', en: 'Shown as' }, format: 'text' },
      ],
      empty: { ko: '수집 대상이 없습니다.', en: 'No scrape targets.' },
    },
  ],
  facts: [
    { key: 'version', label: { ko: 'Prometheus 버전', en: 'Prometheus version' } },
    { key: 'scrapeInterval', label: { ko: '수집 주기', en: 'Scrape interval' } },
  ],
  tile: ['prom.targets.up', 'prom.targets.down', 'prom.nodes'],
  form: [
    { key: 'url', label: { ko: '주소', en: 'Address' }, input: 'text', required: true, placeholder: 'http://prometheus:9090' },
    {
      key: 'auth',
      label: { ko: '인증', en: 'Authentication' },
      input: 'select',
      initial: 'none',
      options: [
        { value: 'none', label: { ko: '없음', en: 'None' } },
        { value: 'bearer', label: { ko: '베어러 토큰', en: 'Bearer token' } },
        { value: 'basic', label: { ko: '사용자와 비밀번호', en: 'User and password' } },
      ],
    },
    { key: 'user', label: { ko: '사용자 이름', en: 'User name' }, input: 'text', showWhen: { field: 'auth', values: ['basic'] } },
    // Where the secret is kept (keychain or memory) the form itself says, for every kind.
    { key: 'password', label: { ko: '토큰 또는 비밀번호', en: 'Token or password' }, input: 'password', showWhen: { field: 'auth', values: ['bearer', 'basic'] } },
    { key: 'ca', label: { ko: '사내 CA 인증서 (PEM, https일 때)', en: 'Internal CA certificate (PEM, for https)' }, input: 'lines', placeholder: '-----BEGIN CERTIFICATE-----' },
  ],
  defaultIntervalMs: 15_000,
};

/** A host fed by a Prometheus source: the host descriptor, polled by its source. */
export const prometheusNodeKind: HostKind = {
  kind: PROMETHEUS_NODE_KIND,
  managedBy: 'source',
  descriptor: hostDescriptor(PROMETHEUS_NODE_KIND, { ko: 'Prometheus 호스트', en: 'Prometheus host' }, 15_000),
  defaultRules: [],
};

async function endpointOf(config: PrometheusConfig, ctx: KindContext): Promise<PrometheusEndpoint> {
  const secret = config.auth === 'none' ? null : await ctx.secret();
  if (config.auth !== 'none' && !secret) throw new OpsError('SECRET_MISSING', 'This Prometheus source needs a token or password; none is stored. Enter it in the source settings.');
  return { baseUrl: config.url, auth: config.auth, user: config.user, secret, ...(config.ca ? { ca: config.ca } : {}) };
}

/** The scrape interval most node targets use (the rate window follows it). */
function scrapeIntervalOf(targets: readonly PromTarget[]): number {
  const intervals = targets.map((t) => parsePromDuration(t.scrapeInterval)).filter((n): n is number => n !== null).sort((a, b) => a - b);
  return intervals[Math.floor(intervals.length / 2)] ?? DEFAULT_SCRAPE_MS;
}

export interface FleetReading {
  ts: number;
  scrapeIntervalMs: number;
  targets: PromTarget[];
  members: FleetMember[];
}

/** One read of the whole fleet: targets, then every host series in one instant query. */
export async function readFleet(endpoint: PrometheusEndpoint, timeoutMs: number, now: number): Promise<FleetReading> {
  const opts = { timeoutMs, maxBytes: MAX_BODY_BYTES };
  const targetsData = await prometheusGet<{ activeTargets?: PromTarget[] }>(endpoint, '/api/v1/targets?state=active', opts);
  if (!targetsData || !Array.isArray(targetsData.activeTargets)) throw new OpsError('NOT_PROMETHEUS', 'The answer to /api/v1/targets has no activeTargets: this is not a Prometheus server.');
  const targets = targetsData.activeTargets;
  const scrapeIntervalMs = scrapeIntervalOf(targets);
  const evalSeconds = now / 1000;
  const query = fleetQuery(rateWindowSeconds(scrapeIntervalMs));
  const data = await prometheusGet<{ resultType?: string; result?: PromSample[] }>(endpoint, `/api/v1/query?query=${encodeURIComponent(query)}&time=${evalSeconds.toFixed(3)}`, opts);
  if (data?.resultType !== 'vector' || !Array.isArray(data.result)) throw new OpsError('NOT_PROMETHEUS', 'The instant query did not answer a vector: this is not a Prometheus server.');
  return { ts: now, scrapeIntervalMs, targets, members: fleetFromResponses(targets, data.result, now) };
}

/**
 * The alerts Prometheus's own rules raised. A server that cannot answer them (an older API, a
 * proxy that forwards only queries) yields null: the last list stays and the fleet still shows.
 */
export async function readAlerts(endpoint: PrometheusEndpoint, timeoutMs: number, now: number): Promise<ExternalAlertReading[] | null> {
  try {
    const data = await prometheusGet<{ alerts?: unknown }>(endpoint, '/api/v1/alerts', { timeoutMs, maxBytes: 32 << 20 });
    return Array.isArray(data?.alerts) ? prometheusAlertReadings(data.alerts, now) : null;
  } catch {
    return null;
  }
}

function memberName(m: FleetMember): string {
  return m.facts.hostname || m.instance;
}

function targetsTable(targets: readonly PromTarget[], shown: ReadonlySet<string>): DataTable {
  const rows = targets
    .map((t) => ({ instance: t.labels?.instance ?? '', job: t.labels?.job ?? '', health: t.health ?? 'unknown', lastError: t.lastError || null, shownAs: shown.has(t.labels?.instance ?? '') ? 'host' : null }))
    .sort((a, b) => Number(a.health === 'up') - Number(b.health === 'up'));
  return { rows: rows.slice(0, TABLE_ROWS), ...(rows.length > TABLE_ROWS ? { truncated: true } : {}) };
}

const FS_KEY_PREFIX = filesystemSeriesKey('');

/** A label value inside PromQL double quotes. */
function promString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** Used % of the filesystems a selector picks, as df computes it: used / (used + available). */
function fsUsed(sel: string): string {
  return `100 * (node_filesystem_size_bytes{${sel}} - node_filesystem_free_bytes{${sel}}) / (node_filesystem_size_bytes{${sel}} - node_filesystem_free_bytes{${sel}} + node_filesystem_avail_bytes{${sel}})`;
}

/** PromQL for one host series of one instance over a range (charts of fed hosts). */
export function seriesExpr(key: SeriesKey, instance: string, windowS: number): string | null {
  const i = `instance="${promString(instance)}"`;
  const w = `[${windowS}s]`;
  const cpu = (modes: string) => `100 * sum(rate(node_cpu_seconds_total{${i},${modes}}${w})) / sum(rate(node_cpu_seconds_total{${i}}${w}))`;
  const disk = `device!~"(loop|ram|zram|fd|dm-|md)[0-9]+.*"`;
  const net = `device!~"lo|veth.*|docker[0-9]+|br-.*|virbr.*|cni.*|flannel.*|cali.*|vnet.*|kube-.*"`;
  const fs = `${i},fstype!~"tmpfs|devtmpfs|overlay|squashfs|ramfs|nsfs|proc|sysfs|fuse.*"`;
  if (key.startsWith(FS_KEY_PREFIX)) {
    // One mount's used %, as df computes it (the disk chart's series; the tile uses the fullest).
    return fsUsed(`${fs},mountpoint="${promString(key.slice(FS_KEY_PREFIX.length))}"`);
  }
  switch (key) {
    case 'cpu.cores': return `count(node_cpu_seconds_total{${i},mode="idle"})`;
    case 'cpu.usage': return cpu('mode!~"idle|iowait"');
    case 'cpu.iowait': return cpu('mode="iowait"');
    case 'cpu.steal': return cpu('mode="steal"');
    case 'mem.used': return `100 * (1 - node_memory_MemAvailable_bytes{${i}} / node_memory_MemTotal_bytes{${i}})`;
    case 'swap.used': return `100 * (1 - node_memory_SwapFree_bytes{${i}} / (node_memory_SwapTotal_bytes{${i}} > 0))`;
    case 'load.1': return `node_load1{${i}}`;
    case 'load.5': return `node_load5{${i}}`;
    case 'load.15': return `node_load15{${i}}`;
    case 'load.perCore': return `node_load1{${i}} / scalar(count(node_cpu_seconds_total{${i},mode="idle"}))`;
    case 'disk.used': return `max(${fsUsed(fs)})`;
    case 'disk.readBps': return `sum(rate(node_disk_read_bytes_total{${i},${disk}}${w}))`;
    case 'disk.writeBps': return `sum(rate(node_disk_written_bytes_total{${i},${disk}}${w}))`;
    case 'disk.readIops': return `sum(rate(node_disk_reads_completed_total{${i},${disk}}${w}))`;
    case 'disk.writeIops': return `sum(rate(node_disk_writes_completed_total{${i},${disk}}${w}))`;
    case 'net.rxBps': return `sum(rate(node_network_receive_bytes_total{${i},${net}}${w}))`;
    case 'net.txBps': return `sum(rate(node_network_transmit_bytes_total{${i},${net}}${w}))`;
    default: return null;
  }
}

export function createPrometheusCollector(config: PrometheusConfig, ctx: KindContext, opts: { timeoutMs?: number } = {}): Collector {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  let scrapeIntervalMs = DEFAULT_SCRAPE_MS;
  let version: string | null = null;
  return {
    async collect(): Promise<CollectResult> {
      const endpoint = await endpointOf(config, ctx);
      const now = ctx.clock.now();
      // The alerts ride along with the fleet read: one request set per interval, never per host.
      const [reading, alerts] = await Promise.all([readFleet(endpoint, timeoutMs, now), readAlerts(endpoint, timeoutMs, now)]);
      scrapeIntervalMs = reading.scrapeIntervalMs;
      if (version === null) {
        version = await prometheusGet<{ version?: string }>(endpoint, '/api/v1/status/buildinfo', { timeoutMs, maxBytes: 1 << 20 })
          .then((d) => d?.version ?? '')
          .catch(() => '');
      }
      const members: MemberResult[] = reading.members.map((m) => ({
        key: m.instance,
        name: memberName(m),
        kind: PROMETHEUS_NODE_KIND,
        result: m.up ? { ts: reading.ts, metrics: m.metrics, facts: { ...m.facts, instance: m.instance, job: m.job }, filesystems: m.filesystems } : null,
        // DOWN with the scrape error, the way an SSH host that refuses is DOWN.
        error: m.up ? null : serviceDown(new OpsError('UNREACHABLE', `Prometheus cannot scrape ${m.instance}: ${m.lastError ?? 'no reason given'}`, { reason: 'scrape', address: m.instance, scrapeError: (m.lastError ?? '').slice(0, 300) })),
      }));
      const up = reading.targets.filter((t) => t.health === 'up').length;
      return {
        ts: reading.ts,
        metrics: { 'prom.targets.up': up, 'prom.targets.down': reading.targets.length - up, 'prom.nodes': members.length, ...(alerts ? { 'prom.alerts.firing': alerts.filter((a) => !a.pending).length } : {}) },
        facts: { version: version || null, scrapeInterval: `${Math.round(scrapeIntervalMs / 1000)} s` },
        tables: { targets: targetsTable(reading.targets, new Set(members.map((m) => m.key))) },
        members,
        // Unreadable alerts leave the last list in place; the source's page says why none are new.
        ...(alerts ? { externalAlerts: alerts } : { notes: [{ code: 'PROM_ALERTS_UNREADABLE' }] }),
      };
    },
    async querySeries(memberKey: string, q: SeriesQuery, widthPx: number): Promise<SeriesResult> {
      const endpoint = await endpointOf(config, ctx);
      const until = q.until ?? ctx.clock.now();
      const rangeMs = TIME_RANGES[q.range];
      const from = until - rangeMs;
      const step = chooseStepSeconds(rangeMs, widthPx, scrapeIntervalMs);
      // Grafana's $__rate_interval: a step plus a scrape, and at least four scrapes.
      const windowS = Math.max(step + Math.ceil(scrapeIntervalMs / 1000), rateWindowSeconds(scrapeIntervalMs));
      const series: Series[] = await Promise.all(
        q.keys.map(async (key): Promise<Series> => {
          const expr = seriesExpr(key, memberKey, windowS);
          if (!expr) return { key, points: [] };
          const path = `/api/v1/query_range?query=${encodeURIComponent(expr)}&start=${(from / 1000).toFixed(3)}&end=${(until / 1000).toFixed(3)}&step=${step}`;
          const data = await prometheusGet<{ result?: Array<{ values?: Array<[number, string]> }> }>(endpoint, path, { timeoutMs, maxBytes: 16 << 20 });
          const values = data?.result?.[0]?.values ?? [];
          return { key, points: values.map(([t, v]) => [Math.round(t * 1000), Number.isFinite(Number(v)) ? Number(v) : null]) };
        }),
      );
      return { targetId: q.targetId, range: q.range, from, until, resolution: 'raw', series };
    },
  };
}

export const prometheusKind = defineKind<PrometheusConfig>({
  kind: 'prometheus',
  descriptor,
  configSchema: prometheusConfig as unknown as z.ZodType<PrometheusConfig>,
  parentOf: () => null,
  secret: 'password',
  destinationFields: ['url', 'auth', 'user', 'ca'],
  defaultRules: [{ key: 'prom.targets.down', warn: 0.5, crit: 1e12, direction: 'above' }],
  createCollector: (config, ctx) => createPrometheusCollector(config, ctx),
  async testConnection(config, ctx) {
    const started = ctx.clock.now();
    const endpoint = await endpointOf(config, ctx);
    const reading = await readFleet(endpoint, 10_000, ctx.clock.now());
    const up = reading.targets.filter((t) => t.health === 'up').length;
    return {
      ok: true,
      elapsedMs: ctx.clock.now() - started,
      facts: { targets: String(reading.targets.length), up: String(up), hosts: String(reading.members.length), scrapeInterval: `${Math.round(reading.scrapeIntervalMs / 1000)} s` },
      notes: reading.members.length === 0 ? [{ code: 'PROM_NO_NODES' }] : [],
    };
  },
});
