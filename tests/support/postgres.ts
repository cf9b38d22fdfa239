// A real PostgreSQL 15 (Debian's postgresql-15) on 127.0.0.1 for integration tests: a primary
// and optionally a streaming replica (pg_basebackup -R), each on a free port from the OS, in one
// temp folder, with pg_stat_statements preloaded and optional TLS. Independent of the system's
// cluster and services. Helpers build the scenarios that OpsDeck's database checks must see:
// a long query, a lock wait, a burst of load, replica lag, a role with and without pg_monitor.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort, isGone } from './sshd';
import { makeTestCerts, type TestCerts } from './test-tls';

const run = promisify(execFile);
export const PG_BIN = process.env.OPSDECK_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface PgRole {
  user: string;
  password: string;
}

export interface PgServer {
  role: 'primary' | 'replica';
  host: '127.0.0.1';
  port: number;
  dataDir: string;
  logPath: string;
  /** Milliseconds the last start took (pg_ctl -w: until it accepts connections). */
  startMs: number;
  superuser: PgRole;
  /** A connected client over TCP; superuser unless `as` is given. The caller ends it. */
  client(opts?: { as?: PgRole; database?: string; applicationName?: string; extra?: Partial<pg.ClientConfig> }): Promise<pg.Client>;
  /** One statement as superuser on a fresh connection. */
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[], database?: string): Promise<T[]>;
  start(): Promise<void>;
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  pid(): number | null;
  isRunning(): boolean;
}

export interface PgCluster {
  dir: string;
  primary: PgServer;
  replica: PgServer | null;
  certs: TestCerts | null;
  /** Milliseconds for initdb + first start of the primary, and pg_basebackup + start of the replica. */
  timings: { initdbMs: number; primaryStartMs: number; basebackupMs: number; replicaStartMs: number };
  stop(): Promise<void>;
}

interface Owner {
  uid: number;
  gid: number;
}

const isRoot = () => process.getuid?.() === 0;

function postgresOwner(): Owner | null {
  if (!isRoot()) return null;
  const passwd = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!passwd) throw new Error('running as root needs the postgres OS user (Debian package postgresql-15)');
  const [, , uid, gid] = passwd.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

// initdb and postgres refuse to run as root: run them as the postgres OS user then.
function asPostgres(bin: string, args: string[], opts: { timeout?: number } = {}) {
  const file = path.join(PG_BIN, bin);
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return run(cmd, argv, { timeout: opts.timeout ?? 60_000, env: { ...process.env, LC_ALL: 'C', PGTZ: 'UTC' } });
}

function ownedDir(p: string, owner: Owner | null, mode = 0o700): string {
  fs.mkdirSync(p, { recursive: true, mode });
  fs.chmodSync(p, mode);
  if (owner) fs.chownSync(p, owner.uid, owner.gid);
  return p;
}

function readPid(dataDir: string): number | null {
  try {
    const first = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]?.trim();
    return first && /^\d+$/.test(first) ? Number(first) : null;
  } catch {
    return null;
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (isGone(pid)) return true;
    await sleep(20);
  }
  return isGone(pid);
}

function makeServer(role: PgServer['role'], dataDir: string, port: number, superuser: PgRole, logPath: string): PgServer {
  let lastPid: number | null = null;
  let stopOnExit = () => undefined as void;
  const server: PgServer = {
    role,
    host: '127.0.0.1',
    port,
    dataDir,
    logPath,
    startMs: 0,
    superuser,
    async client(opts = {}) {
      const who = opts.as ?? superuser;
      const c = new pg.Client({
        host: '127.0.0.1',
        port: server.port,
        user: who.user,
        password: who.password,
        database: opts.database ?? 'postgres',
        application_name: opts.applicationName ?? 'opsdeck-test',
        connectionTimeoutMillis: 10_000,
        ...opts.extra,
      });
      // An idle test client whose server went away must not crash the test process.
      c.on('error', () => undefined);
      await c.connect();
      return c;
    },
    async query(sql, params, database) {
      const c = await server.client({ database });
      try {
        return (await c.query(sql, params)).rows;
      } finally {
        await c.end().catch(() => undefined);
      }
    },
    async start() {
      const t0 = performance.now();
      await asPostgres('pg_ctl', ['-D', dataDir, '-l', logPath, '-w', '-t', '60', '-o', `-p ${server.port}`, 'start']).catch((e: Error) => {
        throw new Error(`${role} did not start on port ${server.port}: ${e.message}\n${fs.existsSync(logPath) ? fs.readFileSync(logPath, 'utf8').slice(-3000) : ''}`);
      });
      server.startMs = performance.now() - t0;
      lastPid = readPid(dataDir);
      // A test worker that dies without its teardown must not leave the postmaster running
      // (SIGQUIT: immediate shutdown; the postmaster is pg_ctl's child, not ours).
      const pid = lastPid;
      process.off('exit', stopOnExit);
      stopOnExit = () => {
        if (pid !== null) {
          try {
            process.kill(pid, 'SIGQUIT');
          } catch {
            // already gone
          }
        }
      };
      process.once('exit', stopOnExit);
    },
    async stop(mode = 'fast') {
      process.off('exit', stopOnExit);
      const pid = readPid(dataDir) ?? lastPid;
      if (pid === null || isGone(pid)) return;
      await asPostgres('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '30', 'stop']).catch(() => undefined);
      // pg_ctl waits for the pid file; the postmaster itself may linger as a zombie (state Z).
      if (!(await waitGone(pid, 10_000))) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
        await waitGone(pid, 5_000);
      }
    },
    pid: () => readPid(dataDir),
    isRunning() {
      const pid = readPid(dataDir);
      return pid !== null && !isGone(pid);
    },
  };
  return server;
}

export interface StartPostgresOptions {
  replica?: boolean;
  tls?: boolean;
  /** false leaves pg_stat_statements out of shared_preload_libraries (the "not loaded" case). */
  preloadPgStatStatements?: boolean;
}

/** initdb + start a primary (and a streaming replica): about a second each here, see docs/db-queries.md. */
export async function startPostgres(opts: StartPostgresOptions = {}): Promise<PgCluster> {
  const owner = postgresOwner();
  // mkdtemp makes 0700 folders: the postgres user must be able to walk into ours.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-pg-'));
  fs.chmodSync(dir, 0o711);
  const cleanupDir = () => fs.rmSync(dir, { recursive: true, force: true });
  let primary: PgServer | null = null;
  let replica: PgServer | null = null;
  try {
    const socketDir = ownedDir(path.join(dir, 'run'), owner, 0o755);
    const primaryDir = ownedDir(path.join(dir, 'primary'), owner);
    const superuser: PgRole = { user: 'postgres', password: crypto.randomBytes(12).toString('base64url') };
    const pwfile = path.join(dir, 'pwfile');
    fs.writeFileSync(pwfile, `${superuser.password}\n`, { mode: 0o600 });
    if (owner) fs.chownSync(pwfile, owner.uid, owner.gid);

    let t0 = performance.now();
    // Sockets and replication stay local and trusted; every TCP login needs a SCRAM password.
    await asPostgres('initdb', ['-D', primaryDir, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync']);
    const initdbMs = performance.now() - t0;
    fs.rmSync(pwfile);

    const certs = opts.tls ? await makeTestCerts(path.join(dir, 'tls'), owner ?? undefined) : null;
    fs.appendFileSync(
      path.join(primaryDir, 'postgresql.conf'),
      [
        '',
        '# opsdeck test harness',
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${socketDir}'`,
        ...(opts.preloadPgStatStatements === false ? [] : ["shared_preload_libraries = 'pg_stat_statements'", "pg_stat_statements.track = 'top'"]),
        // Test data is disposable: skip the disk flushes that dominate start and write time here.
        'fsync = off',
        'full_page_writes = off',
        'shared_buffers = 32MB',
        'max_connections = 60',
        'wal_level = replica',
        'max_wal_senders = 5',
        'wal_receiver_status_interval = 1s',
        "log_line_prefix = '%m [%p] %q%u@%d '",
        ...(certs ? ['ssl = on', `ssl_cert_file = '${certs.certPath}'`, `ssl_key_file = '${certs.keyPath}'`] : []),
        '',
      ].join('\n'),
    );

    t0 = performance.now();
    for (let attempt = 0; ; attempt++) {
      primary = makeServer('primary', primaryDir, await freePort(), superuser, path.join(socketDir, 'primary.log'));
      try {
        await primary.start();
        break;
      } catch (e) {
        // The free port may have been taken before postgres bound it: try another.
        if (attempt >= 3) throw e;
      }
    }
    const primaryStartMs = performance.now() - t0;

    let basebackupMs = 0;
    let replicaStartMs = 0;
    if (opts.replica) {
      const replicaDir = ownedDir(path.join(dir, 'replica'), owner);
      t0 = performance.now();
      // -R writes standby.signal and primary_conninfo (over the local socket); -c fast skips the wait for a checkpoint.
      await asPostgres('pg_basebackup', ['-h', socketDir, '-p', String(primary.port), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
      basebackupMs = performance.now() - t0;
      t0 = performance.now();
      for (let attempt = 0; ; attempt++) {
        replica = makeServer('replica', replicaDir, await freePort(), superuser, path.join(socketDir, 'replica.log'));
        try {
          await replica.start();
          break;
        } catch (e) {
          if (attempt >= 3) throw e;
        }
      }
      await waitForStreaming(primary);
      replicaStartMs = performance.now() - t0;
    }

    const cluster: PgCluster = {
      dir,
      primary,
      replica,
      certs,
      timings: { initdbMs, primaryStartMs, basebackupMs, replicaStartMs },
      async stop() {
        await endTracked();
        await Promise.all([replica?.stop('immediate'), primary?.stop('immediate')]);
        cleanupDir();
      },
    };
    return cluster;
  } catch (e) {
    await Promise.all([replica?.stop('immediate'), primary?.stop('immediate')]).catch(() => undefined);
    cleanupDir();
    throw e;
  }
}

async function waitForStreaming(primary: PgServer): Promise<void> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const rows = await primary.query<{ state: string }>('SELECT state FROM pg_stat_replication');
    if (rows.some((r) => r.state === 'streaming')) return;
    await sleep(50);
  }
  throw new Error('replica did not start streaming within 30 s');
}

// Sessions opened by the scenario helpers, ended by the cluster's stop() so none outlive a test.
const tracked = new Set<pg.Client>();
function track(c: pg.Client): pg.Client {
  tracked.add(c);
  c.once('end', () => tracked.delete(c));
  return c;
}
async function endTracked(): Promise<void> {
  await Promise.all([...tracked].map((c) => c.end().catch(() => undefined)));
  tracked.clear();
}

const roleName = (prefix: string) => `${prefix}_${crypto.randomBytes(3).toString('hex')}`;

/** A login role; `monitor: true` grants exactly pg_monitor and nothing else. Create on the primary. */
export async function createRole(server: PgServer, opts: { monitor: boolean; connectionLimit?: number; prefix?: string }): Promise<PgRole> {
  const role: PgRole = { user: roleName(opts.prefix ?? (opts.monitor ? 'opsdeck_mon' : 'opsdeck_nogrant')), password: crypto.randomBytes(12).toString('base64url') };
  const limit = opts.connectionLimit === undefined ? '' : ` CONNECTION LIMIT ${opts.connectionLimit}`;
  await server.query(`CREATE ROLE ${role.user} LOGIN PASSWORD '${role.password}'${limit}`);
  if (opts.monitor) await server.query(`GRANT pg_monitor TO ${role.user}`);
  return role;
}

/** A database with `tables` small tables (primary key, a few rows each), like an application schema. */
export async function createDatabaseWithTables(server: PgServer, name: string, tables: number): Promise<void> {
  await server.query(`CREATE DATABASE ${name}`);
  await server.query(
    `DO $$ BEGIN
       FOR i IN 1..${tables} LOOP
         EXECUTE format('CREATE TABLE app_t%s (id int PRIMARY KEY, v int NOT NULL, note text)', i);
         EXECUTE format('INSERT INTO app_t%s SELECT g, g, md5(g::text) FROM generate_series(1, 20) g', i);
       END LOOP;
     END $$`,
    [],
    name,
  );
}

export async function installPgStatStatements(server: PgServer, database = 'postgres'): Promise<void> {
  await server.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements', [], database);
}

export interface BackgroundQuery {
  /** The backend pid serving the session (pg_stat_activity.pid). */
  pid: number;
  sql: string;
  /** Settles when the statement ends; a cancelled one rejects with SQLSTATE 57014. */
  done: Promise<unknown>;
  /** Cancels the statement (pg_cancel_backend) and ends the session; a second call does nothing. */
  cancel(): Promise<void>;
}

/** `SELECT pg_sleep(seconds)` running in its own session until cancelled. */
export async function startLongQuery(server: PgServer, opts: { as?: PgRole; applicationName?: string; seconds?: number; database?: string } = {}): Promise<BackgroundQuery> {
  const c = track(await server.client({ as: opts.as, applicationName: opts.applicationName ?? 'billing-batch', database: opts.database }));
  const pid = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const sql = `SELECT pg_sleep(${opts.seconds ?? 90}) /* long report */`;
  const done = c.query(sql);
  done.catch(() => undefined);
  let cancelled = false;
  // Return only once the server shows it running, so callers can poll for it at once.
  await waitUntil(async () => (await server.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = $2', [pid, 'active'])).length > 0, 'long query to start');
  return {
    pid,
    sql,
    done,
    async cancel() {
      if (cancelled) return;
      cancelled = true;
      await server.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
      await done.catch(() => undefined);
      await c.end().catch(() => undefined);
    },
  };
}

export interface LockWait {
  holderPid: number;
  waiterPid: number;
  waiterSql: string;
  /** Rolls back the holder, lets the waiter finish, ends both sessions. */
  release(): Promise<void>;
}

/** One session holds a row lock in an open transaction; a second waits for that row. */
export async function createLockWait(server: PgServer, database = 'postgres'): Promise<LockWait> {
  await server.query('CREATE TABLE IF NOT EXISTS lock_demo (id int PRIMARY KEY, v int NOT NULL); INSERT INTO lock_demo VALUES (1, 0) ON CONFLICT DO NOTHING', [], database);
  const holder = track(await server.client({ database, applicationName: 'lock-holder' }));
  const waiter = track(await server.client({ database, applicationName: 'lock-waiter' }));
  const pidOf = async (c: pg.Client) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const [holderPid, waiterPid] = [await pidOf(holder), await pidOf(waiter)];
  await holder.query('BEGIN');
  await holder.query('UPDATE lock_demo SET v = v + 1 WHERE id = 1');
  const waiterSql = 'UPDATE lock_demo SET v = v + 10 WHERE id = 1';
  const waiting = waiter.query(waiterSql);
  waiting.catch(() => undefined);
  await waitUntil(async () => (await server.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'", [waiterPid])).length > 0, 'the waiter to block on the lock');
  return {
    holderPid,
    waiterPid,
    waiterSql,
    async release() {
      await holder.query('ROLLBACK').catch(() => undefined);
      await waiting.catch(() => undefined);
      await Promise.all([holder.end(), waiter.end()].map((p) => p.catch(() => undefined)));
    },
  };
}

/** A bounded burst of reads and writes from `clients` sessions: `statements` in total. */
export async function generateLoad(server: PgServer, opts: { database: string; tables: number; statements?: number; clients?: number }): Promise<number> {
  const total = opts.statements ?? 400;
  const clients = await Promise.all(Array.from({ length: opts.clients ?? 4 }, () => server.client({ database: opts.database, applicationName: 'load-burst' })));
  let next = 0;
  try {
    await Promise.all(
      clients.map(async (c) => {
        while (next < total) {
          const i = next++;
          const t = (i % opts.tables) + 1;
          if (i % 5 === 0) await c.query(`UPDATE app_t${t} SET v = v + 1 WHERE id = $1`, [(i % 20) + 1]);
          else await c.query(`SELECT count(*) FROM app_t${t} WHERE v > $1`, [i % 20]);
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
  return total;
}

/** Two sessions lock two rows in opposite order; the server aborts one. Returns the victim's SQLSTATE (40P01). */
export async function causeDeadlock(server: PgServer, database = 'postgres'): Promise<string> {
  await server.query('CREATE TABLE IF NOT EXISTS deadlock_demo (id int PRIMARY KEY, v int NOT NULL); INSERT INTO deadlock_demo VALUES (1, 0), (2, 0) ON CONFLICT DO NOTHING', [], database);
  const [a, b] = [await server.client({ database }), await server.client({ database })];
  try {
    await a!.query('BEGIN');
    await b!.query('BEGIN');
    await a!.query('UPDATE deadlock_demo SET v = v + 1 WHERE id = 1');
    await b!.query('UPDATE deadlock_demo SET v = v + 1 WHERE id = 2');
    const results = await Promise.allSettled([a!.query('UPDATE deadlock_demo SET v = v + 1 WHERE id = 2'), b!.query('UPDATE deadlock_demo SET v = v + 1 WHERE id = 1')]);
    const victim = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    return (victim?.reason as { code?: string } | undefined)?.code ?? 'none';
  } finally {
    await Promise.all([a!.query('ROLLBACK').catch(() => undefined), b!.query('ROLLBACK').catch(() => undefined)]);
    await Promise.all([a!.end(), b!.end()]);
  }
}

/** Stops WAL replay on the replica; WAL still arrives, so receive LSN runs ahead of replay LSN. */
export async function pauseReplay(replica: PgServer): Promise<void> {
  await replica.query('SELECT pg_wal_replay_pause()');
  await waitUntil(async () => (await replica.query<{ s: string }>('SELECT pg_get_wal_replay_pause_state() AS s'))[0]!.s === 'paused', 'replay to pause');
}

export async function resumeReplay(replica: PgServer): Promise<void> {
  await replica.query('SELECT pg_wal_replay_resume()');
}

/** Commits `rows` small transactions on the primary (each one a WAL record the replica must replay). */
export async function writeOnPrimary(primary: PgServer, rows = 20): Promise<void> {
  const c = await primary.client();
  try {
    await c.query('CREATE TABLE IF NOT EXISTS lag_demo (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())');
    for (let i = 0; i < rows; i++) await c.query('INSERT INTO lag_demo DEFAULT VALUES');
  } finally {
    await c.end();
  }
}

/** Waits until the replica has replayed everything the primary had written when called. */
export async function waitInSync(primary: PgServer, replica: PgServer): Promise<void> {
  const target = (await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn'))[0]!.lsn;
  await waitUntil(async () => (await replica.query<{ ok: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [target]))[0]!.ok, 'replica to replay up to the primary');
}

export async function waitUntil(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
