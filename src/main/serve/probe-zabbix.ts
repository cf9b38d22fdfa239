// `opsdeck probe zabbix+http://host/api_jsonrpc.php`: one poll of a Zabbix API with the same
// code the engine uses: its version (asked first, without credentials), how the token is sent,
// the hosts and a summary of open problems. The token never appears on the command line: it
// comes from OPSDECK_ZABBIX_TOKEN or --password-file; with user@ in the address, the secret is
// that user's password (OPSDECK_ZABBIX_PASSWORD or the file).
import fs from 'node:fs';
import { OpsError } from '../../shared/errors';
import { ZABBIX_SEVERITIES } from '../../shared/external-alerts';
import { pollZabbix } from '../engine/collectors/zabbix';
import { authStyleFor, ZabbixRpc, type ZabbixCredentials } from '../engine/transport/zabbix-rpc';
import { readPasswordFile } from './probe-db';

export const ZABBIX_TOKEN_ENV = 'OPSDECK_ZABBIX_TOKEN';
export const ZABBIX_PASSWORD_ENV = 'OPSDECK_ZABBIX_PASSWORD';

export function isZabbixSpec(spec: string): boolean {
  return /^zabbix\+https?:\/\//i.test(spec);
}

export interface ZabbixSpec {
  url: string;
  user: string | null;
}

export function parseZabbixTarget(spec: string): ZabbixSpec {
  let url: URL;
  try {
    url = new URL(spec.replace(/^zabbix\+/i, ''));
  } catch {
    throw new OpsError('BAD_TARGET', `"${spec}" is not a URL. Write it as zabbix+https://zabbix.example/api_jsonrpc.php.`);
  }
  if (url.password) throw new OpsError('BAD_TARGET', `A password in the address would end up in shell history; put it in ${ZABBIX_PASSWORD_ENV} or a --password-file instead.`);
  const user = url.username ? decodeURIComponent(url.username) : null;
  url.username = '';
  // The frontend's address alone means its API file.
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/api_jsonrpc.php';
  return { url: url.toString(), user };
}

export interface ZabbixProbeReport {
  target: string;
  kind: 'zabbix';
  version: string;
  auth: { method: 'token' | 'user'; sentIn: 'auth-field' | 'authorization-header' };
  sampledAt: string;
  hosts: { total: number; withData: number; list: Array<{ name: string; cpu: number | null; memory: number | null; problems: number }> };
  problems: {
    total: number;
    unacknowledged: number;
    bySeverity: Record<string, number>;
    list: Array<{ severity: string; host: string | null; text: string; startedAt: string; acknowledged: boolean; suppressed: boolean }>;
  };
}

export async function probeZabbix(opts: { spec: string; passwordFile?: string; caFile?: string; timeoutMs: number; env: NodeJS.ProcessEnv }): Promise<ZabbixProbeReport> {
  const { url, user } = parseZabbixTarget(opts.spec);
  const envName = user ? ZABBIX_PASSWORD_ENV : ZABBIX_TOKEN_ENV;
  const fromEnv = opts.env[envName];
  const secret = fromEnv ? fromEnv : opts.passwordFile ? readPasswordFile(opts.passwordFile).trim() : null;
  const ca = opts.caFile ? readCa(opts.caFile) : undefined;
  // The version first, with no credentials: it also tells whether this is a Zabbix API at all.
  const version = await new ZabbixRpc({ url, credentials: { token: '' }, timeoutMs: opts.timeoutMs, ca }).version();
  if (!secret) throw new OpsError('SECRET_MISSING', `Zabbix ${version} answers at ${new URL(url).host}; to read hosts and problems, put ${user ? `the password of ${user}` : 'an API token'} in ${envName} or a --password-file.`);
  const credentials: ZabbixCredentials = user ? { user, password: secret } : { token: secret };
  const rpc = new ZabbixRpc({ url, credentials, timeoutMs: opts.timeoutMs, ca });
  const now = Date.now();
  const { result } = await pollZabbix(rpc, now);
  const alerts = result.externalAlerts ?? [];
  const bySeverity = Object.fromEntries(ZABBIX_SEVERITIES.map((s) => [s, alerts.filter((a) => a.sourceSeverity === s).length]));
  const hostRows = result.tables?.hosts?.rows ?? [];
  return {
    target: url,
    kind: 'zabbix',
    version,
    auth: { method: user ? 'user' : 'token', sentIn: authStyleFor(version).carrier === 'header' ? 'authorization-header' : 'auth-field' },
    sampledAt: new Date(now).toISOString(),
    hosts: {
      total: hostRows.length,
      withData: hostRows.filter((h) => h.cpu !== null || h.memory !== null).length,
      list: hostRows.slice(0, 50).map((h) => ({ name: String(h.name), cpu: (h.cpu as number | null) ?? null, memory: (h.memory as number | null) ?? null, problems: Number(h.problems ?? 0) })),
    },
    problems: {
      total: alerts.length,
      unacknowledged: alerts.filter((a) => !a.acknowledged).length,
      bySeverity,
      list: alerts.slice(0, 20).map((a) => ({ severity: a.sourceSeverity, host: a.host, text: a.text, startedAt: new Date(a.startedAt).toISOString(), acknowledged: a.acknowledged, suppressed: a.suppressed })),
    },
  };
}

function readCa(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new OpsError('BAD_FLAG', `--ca ${file}: the file could not be read.`);
  }
}

export function formatZabbixProbeText(r: ZabbixProbeReport): string {
  const lines = [
    `${r.target}  Zabbix ${r.version}  (${r.auth.method}, sent in the ${r.auth.sentIn})`,
    `hosts: ${r.hosts.total} (${r.hosts.withData} with CPU or memory items)`,
    `problems: ${r.problems.total} open, ${r.problems.unacknowledged} unacknowledged  ${Object.entries(r.problems.bySeverity)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')}`,
    ...r.problems.list.map((p) => `  [${p.severity}] ${p.host ?? '-'}: ${p.text}${p.acknowledged ? ' (acknowledged)' : ''}  since ${p.startedAt}`),
  ];
  return lines.join('\n');
}
