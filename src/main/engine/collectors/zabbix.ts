// Zabbix (5.4 and later; tested on 6.0) as a data source: its monitored hosts with the items
// that map onto OpsDeck's host series, and its open problems as external alerts beside
// OpsDeck's own. One poll is four API calls (host.get, item.get, problem.get, event.get for the
// problems' hosts). The secret is an API token, or the password when a user name is given.
import fs from 'node:fs';
import { z } from 'zod';
import type { KindDescriptor } from '../../../shared/checks';
import { OpsError, serviceDown } from '../../../shared/errors';
import type { DataTable, SeriesQuery, SeriesResult } from '../../../shared/model';
import { ZABBIX_HOST_ITEM_PREFIXES } from '../parsers/zabbix-host-items';
import {
  hostReadings,
  problemReadings,
  problemsPerHost,
  type ZabbixHostReading,
  type ZabbixEventHostsRow,
  type ZabbixHostRow,
  type ZabbixItemRow,
  type ZabbixProblemRow,
} from '../parsers/zabbix-data';
import { ZabbixRpc, type ZabbixCredentials } from '../transport/zabbix-rpc';
import { defineKind, type HostKind, type KindContext } from './check-kind';
import { hostDescriptor } from './host-descriptor';
import type { Collector, CollectResult, MemberResult } from './types';
import { zabbixSeries } from './zabbix-series';

export const ZABBIX_HOST_KIND = 'zabbix-host';

/** A host fed by a Zabbix source (one per Zabbix host, keyed by its hostid): the host descriptor, polled by its source. */
export const zabbixHostKind: HostKind = {
  kind: ZABBIX_HOST_KIND,
  managedBy: 'source',
  descriptor: hostDescriptor(ZABBIX_HOST_KIND, { ko: 'Zabbix 호스트', en: 'Zabbix host' }, 30_000),
  defaultRules: [],
};

export const zabbixConfig = z
  .object({
    url: z
      .string()
      .trim()
      .min(1)
      .max(2048)
      .refine((u) => /^https?:\/\/[^/\s]+/i.test(u), 'an http:// or https:// address of api_jsonrpc.php'),
    /** Empty: the secret is an API token. Set: user.login with this user and the secret as password. */
    user: z.string().trim().max(255).default(''),
    /** A CA certificate (PEM file) for an internal HTTPS frontend. */
    caFile: z.string().trim().max(4096).default(''),
  })
  .strict();

export type ZabbixConfig = z.infer<typeof zabbixConfig>;

const MAX_HOSTS = 5_000;
const MAX_PROBLEMS = 1_000;
const CALL_TIMEOUT_MS = 8_000;

const descriptor: KindDescriptor = {
  kind: 'zabbix',
  category: 'source',
  name: { ko: 'Zabbix', en: 'Zabbix' },
  glossaryId: 'zabbix',
  series: [
    { key: 'zabbix.hosts', unit: 'count', glossaryId: 'zabbix', label: { ko: 'Zabbix 호스트 수', en: 'Zabbix hosts' } },
    { key: 'zabbix.problems', unit: 'count', glossaryId: 'zabbix', label: { ko: 'Zabbix 문제 수', en: 'Zabbix problems' } },
    { key: 'zabbix.problems.critical', unit: 'count', glossaryId: 'zabbix', label: { ko: '심각한 문제 (높음 이상)', en: 'Critical problems (High and above)' } },
    { key: 'zabbix.problems.unacknowledged', unit: 'count', glossaryId: 'zabbix', label: { ko: '확인되지 않은 문제', en: 'Unacknowledged problems' } },
  ],
  charts: [
    { id: 'problems', title: { ko: 'Zabbix 문제', en: 'Zabbix problems' }, keys: ['zabbix.problems', 'zabbix.problems.critical', 'zabbix.problems.unacknowledged'], glossaryId: 'zabbix' },
  ],
  tables: [
    {
      id: 'hosts',
      title: { ko: 'Zabbix가 감시하는 호스트', en: 'Hosts watched by Zabbix' },
      glossaryId: 'zabbix',
      columns: [
        { key: 'name', label: { ko: '호스트', en: 'Host' }, format: 'text' },
        { key: 'source', label: { ko: '데이터 출처', en: 'Data from' }, format: 'text' },
        { key: 'cpu', label: { ko: 'CPU 사용률', en: 'CPU usage' }, format: 'percent' },
        { key: 'memory', label: { ko: '메모리 사용률', en: 'Memory usage' }, format: 'percent' },
        { key: 'load', label: { ko: '부하 (1분)', en: 'Load (1 min)' }, format: 'text' },
        { key: 'problems', label: { ko: '문제', en: 'Problems' }, format: 'count' },
        // A machine another source also knows is shown once, as that tile (one fleet): its name.
        { key: 'shownAs', label: { ko: '표시된 타일', en: 'Shown as' }, format: 'text' },
      ],
      empty: { ko: 'Zabbix에 감시 중인 호스트가 없습니다.', en: 'Zabbix monitors no hosts.' },
    },
    {
      id: 'problems',
      title: { ko: 'Zabbix 문제', en: 'Zabbix problems' },
      glossaryId: 'zabbix',
      columns: [
        { key: 'severity', label: { ko: '심각도', en: 'Severity' }, format: 'state' },
        { key: 'host', label: { ko: '호스트', en: 'Host' }, format: 'text' },
        { key: 'text', label: { ko: '문제', en: 'Problem' }, format: 'text' },
        { key: 'ageSeconds', label: { ko: '지속 시간', en: 'Going on for' }, format: 'seconds' },
        { key: 'acknowledged', label: { ko: '확인됨', en: 'Acknowledged' }, format: 'text' },
      ],
      empty: { ko: '열린 문제가 없습니다.', en: 'No open problems.' },
    },
  ],
  facts: [
    { key: 'version', label: { ko: 'Zabbix 버전', en: 'Zabbix version' } },
    { key: 'auth', label: { ko: '인증 방식', en: 'Authentication' } },
  ],
  tile: ['zabbix.problems', 'zabbix.problems.critical', 'zabbix.problems.unacknowledged', 'zabbix.hosts'],
  form: [
    {
      key: 'url',
      label: { ko: 'API 주소', en: 'API address' },
      input: 'text',
      required: true,
      placeholder: 'https://zabbix.example.com/api_jsonrpc.php',
      help: { ko: 'Zabbix 웹 화면 주소 뒤에 /api_jsonrpc.php를 붙입니다.', en: 'The Zabbix web address followed by /api_jsonrpc.php.' },
    },
    {
      key: 'user',
      label: { ko: '사용자 (토큰이면 비움)', en: 'User (empty for a token)' },
      input: 'text',
      help: { ko: 'API 토큰을 쓰면 비워 두세요. 사용자 이름을 쓰면 옆 칸에 그 비밀번호를 넣습니다.', en: 'Leave empty to use an API token. With a user name, put its password in the next field.' },
    },
    { key: 'secret', label: { ko: 'API 토큰 또는 비밀번호', en: 'API token or password' }, input: 'password', required: true },
    { key: 'caFile', label: { ko: 'CA 인증서 파일 (사내 HTTPS)', en: 'CA certificate file (internal HTTPS)' }, input: 'text' },
  ],
  defaultIntervalMs: 30_000,
};

async function credentialsOf(config: ZabbixConfig, ctx: KindContext): Promise<ZabbixCredentials> {
  const secret = await ctx.secret();
  if (!secret) throw new OpsError('SECRET_MISSING', config.user ? `No password is stored for the Zabbix user ${config.user}.` : 'No Zabbix API token is stored for this source.', { field: 'secret' });
  return config.user ? { user: config.user, password: secret } : { token: secret };
}

function caOf(config: ZabbixConfig): string | undefined {
  if (!config.caFile) return undefined;
  try {
    return fs.readFileSync(config.caFile, 'utf8');
  } catch {
    throw new OpsError('TLS_FAILED', `The CA certificate file ${config.caFile} could not be read.`, { field: 'caFile' });
  }
}

/** A refused connection means the frontend is down: CRIT, like a stopped database. */
function asDown(err: unknown): unknown {
  return err instanceof OpsError && err.code === 'UNREACHABLE' && err.data?.reason === 'refused' ? serviceDown(err) : err;
}

export interface ZabbixPoll {
  version: string;
  result: CollectResult;
}

export async function pollZabbix(rpc: ZabbixRpc, now: number): Promise<ZabbixPoll> {
  const version = await rpc.version();
  const hosts = await rpc.call<ZabbixHostRow[]>('host.get', {
    output: ['hostid', 'host', 'name', 'status', 'maintenance_status'],
    // Agent availability and Zabbix's own error are on the interfaces from 5.4 on.
    selectInterfaces: ['type', 'main', 'available', 'error', 'ip', 'dns', 'useip', 'port'],
    filter: { status: 0 },
    limit: MAX_HOSTS,
    sortfield: 'name',
  });
  // One item.get for every host (not one per host): the template's keys by prefix, mapped per host in zabbix-host-items.ts.
  const items = hosts.length
    ? await rpc.call<ZabbixItemRow[]>('item.get', {
        output: ['itemid', 'hostid', 'key_', 'lastvalue', 'lastclock', 'units'],
        hostids: hosts.map((h) => h.hostid),
        search: { key_: [...ZABBIX_HOST_ITEM_PREFIXES] },
        searchByAny: true,
        startSearch: true,
        monitored: true,
      })
    : [];
  const problems = await rpc.call<ZabbixProblemRow[]>('problem.get', {
    output: ['eventid', 'objectid', 'clock', 'name', 'severity', 'acknowledged', 'suppressed'],
    source: 0,
    object: 0,
    recent: false,
    sortfield: ['eventid'],
    sortorder: 'DESC',
    limit: MAX_PROBLEMS,
  });
  // problem.get names no hosts; event.get does, for the same event ids.
  const events = problems.length ? await rpc.call<ZabbixEventHostsRow[]>('event.get', { eventids: problems.map((p) => p.eventid), output: ['eventid'], selectHosts: ['hostid', 'host', 'name'] }) : [];
  const hostsOf = new Map(events.map((e) => [e.eventid, e.hosts ?? []]));
  const alerts = problemReadings(problems, hostsOf);
  const readings = hostReadings(hosts, items, problemsPerHost(hostsOf));
  const hostsTable: DataTable = {
    rows: readings.map((h) => ({
      id: h.hostid,
      name: h.name,
      source: 'Zabbix',
      cpu: h.metrics['cpu.usage'] ?? null,
      memory: h.metrics['mem.used'] ?? null,
      load: h.metrics['load.1'] === null || h.metrics['load.1'] === undefined ? null : h.metrics['load.1'].toFixed(2),
      problems: h.problems,
      shownAs: null,
    })),
  } as DataTable;
  const problemsTable: DataTable = {
    // Severities as state codes the renderer words; acknowledged as a boolean it words too.
    rows: alerts.map((a) => ({ id: a.externalId, severity: `zabbix-${a.sourceSeverity}`, host: a.host, text: a.text, ageSeconds: Math.max(0, Math.round((now - a.startedAt) / 1000)), acknowledged: a.acknowledged })),
  } as DataTable;
  return {
    version,
    result: {
      ts: now,
      metrics: {
        'zabbix.hosts': hosts.length,
        'zabbix.problems': alerts.length,
        'zabbix.problems.critical': alerts.filter((a) => a.severity === 'critical').length,
        'zabbix.problems.unacknowledged': alerts.filter((a) => !a.acknowledged).length,
      },
      facts: { version, auth: null },
      tables: { hosts: hostsTable, problems: problemsTable },
      externalAlerts: alerts,
      members: readings.map((h) => memberOf(h, now)),
    },
  };
}

/** One Zabbix host as a fed host tile: OpsDeck's readings, or DOWN with Zabbix's error when its agent is unavailable. */
function memberOf(h: ZabbixHostReading, now: number): MemberResult {
  const base = { key: h.hostid, name: h.name, kind: ZABBIX_HOST_KIND, aliases: h.aliases };
  if (h.unavailable) {
    const { error, address } = h.unavailable;
    const err = new OpsError('UNREACHABLE', `Zabbix cannot read the agent of ${h.name} at ${address}: ${error || 'no reason given'}`, { reason: 'zabbix-agent', address, sourceError: error });
    return { ...base, result: null, error: serviceDown(err) };
  }
  return {
    ...base,
    result: {
      ts: now,
      metrics: h.metrics,
      facts: { hostname: h.facts.hostname ?? h.host, os: h.facts.os, kernel: h.facts.kernel, arch: h.facts.arch, zabbixHost: h.host },
      filesystems: h.filesystems,
    },
    error: null,
  };
}

export const zabbixKind = defineKind<ZabbixConfig>({
  kind: 'zabbix',
  descriptor,
  configSchema: zabbixConfig as unknown as z.ZodType<ZabbixConfig>,
  parentOf: () => null,
  secret: 'password',
  destinationFields: ['url', 'user', 'caFile'],
  defaultRules: [],
  createCollector(config, ctx): Collector {
    let rpc: ZabbixRpc | null = null;
    return {
      async collect() {
        rpc ??= new ZabbixRpc({ url: config.url, credentials: await credentialsOf(config, ctx), timeoutMs: CALL_TIMEOUT_MS, ca: caOf(config) });
        try {
          const { result } = await pollZabbix(rpc, ctx.clock.now());
          return { ...result, facts: { ...result.facts, auth: config.user ? 'user' : 'token' } };
        } catch (err) {
          // The next poll starts over: asks the version again (an upgrade) and logs in afresh.
          rpc = null;
          throw asDown(err);
        }
      },
      async querySeries(hostid: string, q: SeriesQuery): Promise<SeriesResult> {
        rpc ??= new ZabbixRpc({ url: config.url, credentials: await credentialsOf(config, ctx), timeoutMs: CALL_TIMEOUT_MS, ca: caOf(config) });
        // Zabbix keeps its own points (one per item interval); the chart's width needs no step here.
        const chart = await zabbixSeries(rpc, hostid, q.keys, q.range, q.until ?? ctx.clock.now());
        return { targetId: q.targetId, range: q.range, from: chart.from, until: chart.until, resolution: 'raw', series: chart.series };
      },
    };
  },
  async testConnection(config, ctx) {
    const started = ctx.clock.now();
    try {
      const rpc = new ZabbixRpc({ url: config.url, credentials: await credentialsOf(config, ctx), timeoutMs: CALL_TIMEOUT_MS, ca: caOf(config) });
      const { version, result } = await pollZabbix(rpc, ctx.clock.now());
      return {
        ok: true,
        elapsedMs: ctx.clock.now() - started,
        facts: { version, auth: config.user ? 'user' : 'token', hosts: String(result.metrics['zabbix.hosts']), problems: String(result.metrics['zabbix.problems']) },
        notes: [],
      };
    } catch (err) {
      const e = err instanceof OpsError ? err : new OpsError('COLLECT_FAILED', String(err));
      return { ok: false, code: e.code, message: e.message, ...(e.data ? { data: e.data as Record<string, string | number | null> } : {}) };
    }
  },
});
