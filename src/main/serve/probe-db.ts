// `opsdeck probe postgres://user@host:port/db` and `mysql://...`: two polls of a database with
// the same kind module the engine uses, directly or through one SSH login (--via ssh://...). The
// password never appears on the command line: it comes from OPSDECK_DB_PASSWORD, a file given
// with --password-file, or the keychain entry of a check saved in the console for the same place.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { OpsError } from '../../shared/errors';
import type { Snapshot, Target } from '../../shared/model';
import type { CheckKind, KindContext } from '../engine/collectors/check-kind';
import { kindModule, rulesForKind } from '../engine/collectors/registry';
import { systemClock } from '../engine/core/clock';
import { nullLogger } from '../engine/core/logger';
import { DEFAULT_RULES } from '../engine/rules/default-rules';
import { buildSnapshot } from '../engine/target-monitor';
import { knownHostsName } from '../engine/transport/host-key-policy';
import { KnownHostsFile } from '../engine/transport/known-hosts-file';
import { SshConnection } from '../engine/transport/ssh-connection';
import { parseSshTarget, resolveCredentials } from './probe-ssh';

export const DB_PASSWORD_ENV = 'OPSDECK_DB_PASSWORD';

const SCHEMES: Record<string, { kind: string; port: number; database: string }> = {
  'postgres:': { kind: 'postgres', port: 5432, database: 'postgres' },
  'postgresql:': { kind: 'postgres', port: 5432, database: 'postgres' },
  // The documented monitoring user may not use the `mysql` schema; information_schema is every user's.
  'mysql:': { kind: 'mysql', port: 3306, database: 'information_schema' },
  'mariadb:': { kind: 'mysql', port: 3306, database: 'information_schema' },
};

export function isDatabaseSpec(spec: string): boolean {
  return /^(postgres|postgresql|mysql|mariadb):\/\//i.test(spec);
}

export interface DbTargetSpec {
  kind: string;
  user: string;
  host: string;
  port: number;
  database: string;
}

/** The address as typed, with any password in it masked: error lines end up in terminals and logs. */
export function maskPassword(spec: string): string {
  return spec.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
}

const badTarget = (spec: string, why: string) =>
  new OpsError('BAD_TARGET', `"${maskPassword(spec)}" is not a usable database address: ${why}. Write it as postgres://user@host:5432/dbname or mysql://user@host:3306.`);

export function parseDbTarget(spec: string): DbTargetSpec {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw badTarget(spec, 'it is not a URL');
  }
  const scheme = SCHEMES[url.protocol.toLowerCase()];
  if (!scheme) throw badTarget(spec, 'it does not start with postgres:// or mysql://');
  if (url.password) throw badTarget(spec, `a password in the address would end up in shell history; put it in ${DB_PASSWORD_ENV} or a --password-file instead`);
  if (!url.username) throw badTarget(spec, 'the monitoring user is missing (user@host)');
  if (url.search || url.hash) throw badTarget(spec, 'it has a query or fragment');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw badTarget(spec, 'the host is missing');
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || scheme.database;
  return { kind: scheme.kind, user: decodeURIComponent(url.username), host, port: url.port ? Number(url.port) : scheme.port, database };
}

/** A password file must be the person's own: readable by others it is refused, like ssh refuses such keys. */
export function readPasswordFile(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new OpsError('BAD_FLAG', `--password-file ${file}: there is no such file.`);
  }
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new OpsError('BAD_FLAG', `--password-file ${file} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}). Run "chmod 600 ${file}" first.`);
  }
  const text = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (!text) throw new OpsError('BAD_FLAG', `--password-file ${file} is empty.`);
  return text;
}

export interface DbProbeOptions {
  spec: string;
  via?: string;
  identity?: string;
  acceptNew: boolean;
  tls: boolean;
  caFile?: string;
  passwordFile?: string;
  sampleMs: number;
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
  /** Finds the stored password of a check saved for this place (the console's keychain entry). */
  keychainPassword?(spec: DbTargetSpec & { via: string | null }): Promise<string | null>;
  note?(text: string): void;
}

export interface DbProbeReport {
  target: Target;
  kind: string;
  status: Snapshot['status'];
  sampledAt: string;
  reasons: Snapshot['reasons'];
  facts: Snapshot['facts'];
  metrics: Record<string, { value: number | null; unit: string; status: string | null }>;
  tables: NonNullable<Snapshot['tables']>;
  notes: NonNullable<Snapshot['notes']>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sshStreamOpener(opts: DbProbeOptions): Promise<{ open(host: string, port: number): Promise<Duplex>; close(): Promise<void>; name: string }> {
  const { host, port, user: specUser } = parseSshTarget(opts.via!);
  const home = opts.env.HOME || os.homedir();
  const user = specUser ?? (opts.env.USER || os.userInfo().username);
  const { credentials } = resolveCredentials(user, home, opts.env, opts.identity);
  const knownHosts = new KnownHostsFile(path.join(home, '.ssh', 'known_hosts'));
  const connection = new SshConnection({ host, port, credentials, hostKeys: knownHosts, acceptNewHostKey: opts.acceptNew, readyTimeoutMs: opts.timeoutMs });
  return {
    name: `ssh:${user}@${knownHostsName(host, port)}`,
    open: (toHost, toPort) => connection.openTunnel(toHost, toPort, opts.timeoutMs),
    close: () => connection.close(),
  };
}

export async function probeDatabase(opts: DbProbeOptions): Promise<DbProbeReport> {
  const spec = parseDbTarget(opts.spec);
  const module = kindModule(spec.kind);
  if (!module || module.managedBy !== 'checks') throw new OpsError('UNSUPPORTED_TARGET', `This OpsDeck cannot watch ${spec.kind} databases yet.`);
  const kind = module as unknown as CheckKind<Record<string, unknown>>;
  const ssh = opts.via ? await sshStreamOpener(opts) : null;
  const parsed = kind.configSchema.safeParse({
    via: ssh ? 'cli-via' : null,
    address: spec.host,
    port: spec.port,
    database: spec.database,
    user: spec.user,
    tls: opts.tls ? 'verify' : 'off',
    caFile: opts.caFile ?? null,
  });
  if (!parsed.success) {
    await ssh?.close();
    const issue = parsed.error.issues[0];
    const hint = issue?.path[0] === 'tls' ? ' Add --tls (and --ca FILE for an internal CA), or go through its SSH server with --via ssh://user@host.' : '';
    throw new OpsError('BAD_TARGET', `${issue?.path.join('.') || 'target'}: ${issue?.message ?? 'rejected'}.${hint}`);
  }
  const env = opts.env[DB_PASSWORD_ENV];
  const password = env !== undefined && env !== '' ? env : opts.passwordFile ? readPasswordFile(opts.passwordFile) : ((await opts.keychainPassword?.({ ...spec, via: opts.via ?? null })) ?? null);
  if (password === null) opts.note?.(`no password given (${DB_PASSWORD_ENV}, --password-file or a check saved in the console): trying without one.`);
  const ctx: KindContext = {
    clock: systemClock,
    logger: nullLogger,
    secret: async () => password,
    openStream: async (_hostId, host, port) => {
      if (!ssh) throw new OpsError('TUNNEL_FAILED', 'No --via server was given.');
      return ssh.open(host, port);
    },
  };
  const collector = kind.createCollector(parsed.data, ctx);
  const target: Target = { id: `${spec.kind}:${spec.user}@${spec.host}:${spec.port}/${spec.database}`, name: `${spec.host}:${spec.port}/${spec.database}`, kind: spec.kind, intervalMs: opts.sampleMs, enabled: true };
  try {
    await collector.collect();
    await sleep(opts.sampleMs);
    const result = await collector.collect();
    const snapshot = buildSnapshot(target, result, rulesForKind(DEFAULT_RULES, spec.kind));
    return {
      target,
      kind: spec.kind,
      status: snapshot.status,
      sampledAt: new Date(snapshot.ts).toISOString(),
      reasons: snapshot.reasons,
      facts: snapshot.facts,
      metrics: Object.fromEntries(
        kind.descriptor.series.map((s) => [s.key, { value: snapshot.metrics[s.key] ?? null, unit: s.unit, status: snapshot.health[s.key]?.status ?? null }]),
      ),
      tables: snapshot.tables ?? {},
      notes: snapshot.notes ?? [],
    };
  } finally {
    await collector.close?.();
    await ssh?.close();
  }
}

/** The text form: the numbers, then the running queries and lock waits. */
export function formatDbProbeText(report: DbProbeReport): string {
  const lines = [`${report.target.name} (${report.kind}) status ${report.status.toUpperCase()} at ${report.sampledAt}`];
  for (const [key, value] of Object.entries(report.facts)) if (value !== null) lines.push(`  ${key.padEnd(22)} ${value}`);
  for (const [key, m] of Object.entries(report.metrics)) {
    if (m.value === null) continue;
    const shown = Number.isInteger(m.value) ? String(m.value) : m.value.toFixed(2);
    lines.push(`  ${key.padEnd(32)} ${shown.padStart(14)} ${m.unit}${m.status && m.status !== 'ok' ? `  ${m.status.toUpperCase()}` : ''}`);
  }
  const queries = report.tables.queries?.rows ?? [];
  if (queries.length > 0) {
    lines.push('  running queries:');
    for (const q of queries.slice(0, 10)) lines.push(`    ${String(q.seconds ?? '?').slice(0, 8).padStart(8)} s  ${String(q.user ?? '')}  ${String(q.query ?? '').replace(/\s+/g, ' ').slice(0, 100)}`);
  }
  const locks = report.tables.lockChains?.rows ?? [];
  for (const l of locks) lines.push(`  lock: ${String(l.pid ?? l.id)} waits for ${String(l.blockedBy ?? '-')}`);
  for (const n of report.notes) lines.push(`  note: ${n.code}`);
  for (const r of report.reasons) lines.push(`  reason: ${r.code}`);
  return lines.join('\n');
}
