// A real MariaDB (Debian 12's mariadb-server, 10.11) on 127.0.0.1 for integration tests: a
// primary and optionally a GTID replica, each mariadbd a child of the test process on a free
// port, in one temp folder, with performance_schema on and optional TLS. Independent of the
// system's service. Helpers build the scenarios that OpsDeck's database checks must see.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { freePort, isGone } from './sshd';
import { makeTestCerts, type TestCerts } from './test-tls';

const run = promisify(execFile);
const MARIADBD = process.env.OPSDECK_MARIADBD ?? '/usr/sbin/mariadbd';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface MyUser {
  user: string;
  password: string;
}

export interface MyServer {
  role: 'primary' | 'replica';
  host: '127.0.0.1';
  port: number;
  socket: string;
  dataDir: string;
  logPath: string;
  /** Milliseconds the last start took, until a login over the socket succeeds. */
  startMs: number;
  /** Holds ALL PRIVILEGES from 127.0.0.1 (the harness's own sessions go over TCP like an app's). */
  admin: MyUser;
  /** A connected session over TCP; admin unless `as` is given. The caller ends it. */
  connect(opts?: { as?: MyUser; database?: string; programName?: string; extra?: mysql.ConnectionOptions }): Promise<mysql.Connection>;
  /** One statement as root over the local socket (works before any user exists). */
  query<T = mysql.RowDataPacket>(sql: string, params?: unknown[]): Promise<T[]>;
  start(): Promise<void>;
  stop(): Promise<void>;
  pid(): number | null;
  isRunning(): boolean;
}

export interface MyCluster {
  dir: string;
  primary: MyServer;
  replica: MyServer | null;
  certs: TestCerts | null;
  version: string;
  timings: { installDbMs: number; primaryStartMs: number; replicaStartMs: number; replicationSetupMs: number };
  stop(): Promise<void>;
}

interface Owner {
  uid: number;
  gid: number;
}

function mysqlOwner(): Owner | null {
  if (process.getuid?.() !== 0) return null;
  const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('mysql:'));
  if (!line) throw new Error('running as root needs the mysql OS user (Debian package mariadb-server)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function mysqlIds(): [number, number] {
  const o = mysqlOwner()!;
  return [o.uid, o.gid];
}

function ownedDir(p: string, owner: Owner | null, mode = 0o750): string {
  fs.mkdirSync(p, { recursive: true, mode });
  fs.chmodSync(p, mode);
  if (owner) fs.chownSync(p, owner.uid, owner.gid);
  return p;
}

function copyOwned(from: string, to: string, owner: Owner | null): void {
  fs.cpSync(from, to, { recursive: true });
  if (!owner) return;
  const chownAll = (p: string) => {
    fs.chownSync(p, owner.uid, owner.gid);
    if (fs.statSync(p).isDirectory()) for (const n of fs.readdirSync(p)) chownAll(path.join(p, n));
  };
  chownAll(to);
}

interface ServerConfig {
  role: MyServer['role'];
  serverId: number;
  dataDir: string;
  runDir: string;
  certs: TestCerts | null;
  admin: MyUser;
}

function makeServer(cfg: ServerConfig): MyServer {
  let child: ChildProcess | null = null;
  const name = cfg.role;
  const socket = path.join(cfg.runDir, `${name}.sock`);
  const logPath = path.join(cfg.runDir, `${name}.err`);
  const args = (port: number) => [
    '--no-defaults',
    ...(process.getuid?.() === 0 ? ['--user=mysql'] : []),
    `--datadir=${cfg.dataDir}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--socket=${socket}`,
    `--pid-file=${path.join(cfg.runDir, `${name}.pid`)}`,
    `--log-error=${logPath}`,
    // Its own temp folder: temp table names are not unique across servers sharing /tmp.
    `--tmpdir=${cfg.runDir}/${name}-tmp`,
    '--performance-schema=ON',
    // Accounts are written @'127.0.0.1': no DNS lookups for loopback clients.
    '--skip-name-resolve',
    `--server-id=${cfg.serverId}`,
    `--log-bin=${path.join(cfg.runDir, `${name}-bin`)}`,
    `--relay-log=${path.join(cfg.runDir, `${name}-relay`)}`,
    '--binlog-format=ROW',
    // Test data is disposable: no flush per commit, a small buffer pool and redo log.
    '--innodb-flush-log-at-trx-commit=0',
    '--sync-binlog=0',
    '--innodb-buffer-pool-size=64M',
    '--innodb-log-file-size=32M',
    '--max-connections=60',
    ...(cfg.certs ? [`--ssl-cert=${cfg.certs.certPath}`, `--ssl-key=${cfg.certs.keyPath}`, `--ssl-ca=${cfg.certs.caPath}`] : []),
  ];

  const server: MyServer = {
    role: cfg.role,
    host: '127.0.0.1',
    port: 0,
    socket,
    dataDir: cfg.dataDir,
    logPath,
    startMs: 0,
    admin: cfg.admin,
    async connect(opts = {}) {
      const who = opts.as ?? cfg.admin;
      const c = await mysql.createConnection({
        host: '127.0.0.1',
        port: server.port,
        user: who.user,
        password: who.password,
        database: opts.database,
        connectTimeout: 10_000,
        connectAttributes: { program_name: opts.programName ?? 'opsdeck-test' },
        ...opts.extra,
      });
      // An idle test session whose server went away must not crash the test process.
      c.on('error', () => undefined);
      return c;
    },
    async query<T>(sql: string, params?: unknown[]) {
      const c = await mysql.createConnection({ socketPath: socket, user: 'root', password: '', multipleStatements: true });
      try {
        const [rows] = await c.query(sql, params);
        return rows as T[];
      } finally {
        await c.end().catch(() => undefined);
      }
    },
    async start() {
      const t0 = performance.now();
      fs.mkdirSync(`${cfg.runDir}/${name}-tmp`, { recursive: true });
      if (process.getuid?.() === 0) fs.chownSync(`${cfg.runDir}/${name}-tmp`, ...mysqlIds());
      if (!server.port) server.port = await freePort();
      for (let attempt = 0; ; attempt++) {
        fs.rmSync(socket, { force: true });
        const c = spawn(MARIADBD, args(server.port), { stdio: 'ignore' });
        child = c;
        // A test worker that dies without its teardown must not leave the server running.
        const killOnExit = () => c.kill('SIGKILL');
        process.once('exit', killOnExit);
        c.once('exit', () => process.off('exit', killOnExit));
        const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
        const ready = await waitReady(socket, exited, 30_000);
        if (ready) break;
        // Exited at start: most often the free port was taken meanwhile. Try another.
        if (attempt >= 3 || c.exitCode === null) {
          c.kill('SIGKILL');
          throw new Error(`${name} did not start on port ${server.port}:\n${fs.existsSync(logPath) ? fs.readFileSync(logPath, 'utf8').slice(-3000) : ''}`);
        }
        server.port = await freePort();
      }
      server.startMs = performance.now() - t0;
    },
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((resolve) => c.once('exit', resolve));
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      // The exit event means reaped; a pid still listed can only be a zombie here.
      if (c.pid) while (!isGone(c.pid)) await sleep(20);
    },
    pid: () => (child && child.exitCode === null && child.signalCode === null ? (child.pid ?? null) : null),
    isRunning: () => server.pid() !== null,
  };
  return server;
}

async function waitReady(socket: string, exited: Promise<void>, ms: number): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  const until = Date.now() + ms;
  while (Date.now() < until && !gone) {
    if (fs.existsSync(socket)) {
      try {
        const c = await mysql.createConnection({ socketPath: socket, user: 'root', password: '' });
        await c.end();
        return true;
      } catch {
        // not accepting yet
      }
    }
    await sleep(20);
  }
  return false;
}

export interface StartMariadbOptions {
  replica?: boolean;
  tls?: boolean;
}

export async function startMariadb(opts: StartMariadbOptions = {}): Promise<MyCluster> {
  const owner = mysqlOwner();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-mariadb-'));
  fs.chmodSync(dir, 0o711);
  const runDir = ownedDir(path.join(dir, 'run'), owner);
  const admin: MyUser = { user: 'harness', password: crypto.randomBytes(12).toString('base64url') };
  let primary: MyServer | null = null;
  let replica: MyServer | null = null;
  const cleanup = async () => {
    await endTracked();
    await Promise.all([replica?.stop(), primary?.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const seedDir = ownedDir(path.join(dir, 'seed'), owner);
    let t0 = performance.now();
    // root@localhost with an empty password over the socket only; every TCP user gets a password.
    // Parallel bootstraps sharing /tmp collide on temp table names ("Unknown table mysql.tmp_user_sys").
    const installTmp = ownedDir(path.join(runDir, 'install-tmp'), owner);
    await run('mariadb-install-db', ['--no-defaults', ...(owner ? ['--user=mysql'] : []), `--datadir=${seedDir}`, `--tmpdir=${installTmp}`, '--auth-root-authentication-method=normal', '--skip-test-db'], { timeout: 60_000 });
    const installDbMs = performance.now() - t0;
    const certs = opts.tls ? await makeTestCerts(path.join(dir, 'tls'), owner ?? undefined) : null;

    // One install serves both: the replica starts as a copy, so replication begins at an equal state.
    const primaryDir = path.join(dir, 'primary');
    if (opts.replica) copyOwned(seedDir, path.join(dir, 'replica'), owner);
    fs.renameSync(seedDir, primaryDir);

    t0 = performance.now();
    primary = makeServer({ role: 'primary', serverId: 1, dataDir: primaryDir, runDir, certs, admin });
    await primary.start();
    const primaryStartMs = performance.now() - t0;
    await primary.query(
      `CREATE USER '${admin.user}'@'127.0.0.1' IDENTIFIED BY '${admin.password}';
       GRANT ALL PRIVILEGES ON *.* TO '${admin.user}'@'127.0.0.1' WITH GRANT OPTION;`,
    );

    let replicaStartMs = 0;
    let replicationSetupMs = 0;
    if (opts.replica) {
      t0 = performance.now();
      replica = makeServer({ role: 'replica', serverId: 2, dataDir: path.join(dir, 'replica'), runDir, certs, admin });
      await replica.start();
      replicaStartMs = performance.now() - t0;
      t0 = performance.now();
      const repl = { user: 'repl', password: crypto.randomBytes(12).toString('base64url') };
      await primary.query(`CREATE USER '${repl.user}'@'127.0.0.1' IDENTIFIED BY '${repl.password}'; GRANT REPLICATION SLAVE ON *.* TO '${repl.user}'@'127.0.0.1';`);
      // MASTER_USE_GTID=slave_pos with an empty slave position: replay the primary's binlog from its start.
      await replica.query(
        `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primary.port}, MASTER_USER='${repl.user}', MASTER_PASSWORD='${repl.password}', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1;
         START SLAVE;`,
      );
      await waitInSync(primary, replica);
      replicationSetupMs = performance.now() - t0;
    }
    const version = (await primary.query<{ v: string }>('SELECT VERSION() AS v'))[0]!.v;
    return { dir, primary, replica, certs, version, timings: { installDbMs, primaryStartMs, replicaStartMs, replicationSetupMs }, stop: cleanup };
  } catch (e) {
    await cleanup().catch(() => undefined);
    throw e;
  }
}

// Sessions opened by the scenario helpers, ended by the cluster's stop() so none outlive a test.
const tracked = new Set<mysql.Connection>();
function track(c: mysql.Connection): mysql.Connection {
  tracked.add(c);
  return c;
}
async function endTracked(): Promise<void> {
  await Promise.all([...tracked].map((c) => c.end().catch(() => c.destroy())));
  tracked.clear();
}

const userName = (prefix: string) => `${prefix}_${crypto.randomBytes(3).toString('hex')}`;

/** The grants OpsDeck documents for its monitoring user (docs/db-queries.md), nothing more. */
export const MONITOR_GRANTS = ['GRANT PROCESS, SLAVE MONITOR ON *.* TO {user}', 'GRANT SELECT ON performance_schema.* TO {user}'];

/** A user @'127.0.0.1'; `monitor: true` gets exactly MONITOR_GRANTS, otherwise no grant at all. Create on the primary. */
export async function createUser(server: MyServer, opts: { monitor: boolean; maxUserConnections?: number; prefix?: string }): Promise<MyUser> {
  const u: MyUser = { user: userName(opts.prefix ?? (opts.monitor ? 'opsdeck_mon' : 'opsdeck_nogrant')), password: crypto.randomBytes(12).toString('base64url') };
  const account = `'${u.user}'@'127.0.0.1'`;
  const limit = opts.maxUserConnections === undefined ? '' : ` WITH MAX_USER_CONNECTIONS ${opts.maxUserConnections}`;
  await server.query(`CREATE USER ${account} IDENTIFIED BY '${u.password}'${limit}`);
  if (opts.monitor) for (const g of MONITOR_GRANTS) await server.query(g.replace('{user}', account));
  return u;
}

/** A database with `tables` small InnoDB tables (primary key, a few rows each). */
export async function createDatabaseWithTables(server: MyServer, name: string, tables: number): Promise<void> {
  const stmts = [`CREATE DATABASE ${name}`];
  for (let i = 1; i <= tables; i++) {
    stmts.push(`CREATE TABLE ${name}.app_t${i} (id INT PRIMARY KEY, v INT NOT NULL, note VARCHAR(64)) ENGINE=InnoDB`);
    stmts.push(`INSERT INTO ${name}.app_t${i} SELECT seq, seq, MD5(seq) FROM ${name}.seq_1_to_20`);
  }
  await server.query(stmts.join(';\n'));
}

export interface BackgroundQuery {
  /** The connection id (PROCESSLIST ID, what KILL takes). */
  id: number;
  sql: string;
  done: Promise<unknown>;
  /** KILL QUERY, then ends the session. */
  cancel(): Promise<void>;
}

/** `SELECT SLEEP(seconds)` running in its own session until cancelled. */
export async function startLongQuery(server: MyServer, opts: { as?: MyUser; programName?: string; seconds?: number; database?: string } = {}): Promise<BackgroundQuery> {
  const c = track(await server.connect({ as: opts.as, programName: opts.programName ?? 'billing-batch', database: opts.database }));
  const id = c.threadId!;
  const sql = `SELECT SLEEP(${opts.seconds ?? 90}) /* long report */`;
  const done = c.query(sql);
  done.catch(() => undefined);
  let cancelled = false;
  await waitUntil(async () => (await server.query('SELECT 1 FROM information_schema.PROCESSLIST WHERE ID = ? AND INFO IS NOT NULL', [id])).length > 0, 'long query to start');
  return {
    id,
    sql,
    done,
    async cancel() {
      if (cancelled) return;
      cancelled = true;
      await server.query(`KILL QUERY ${id}`).catch(() => undefined);
      await done.catch(() => undefined);
      await c.end().catch(() => c.destroy());
      tracked.delete(c);
    },
  };
}

export interface LockWait {
  holderId: number;
  waiterId: number;
  waiterSql: string;
  release(): Promise<void>;
}

/** One session holds an InnoDB row lock in an open transaction; a second waits for that row. */
export async function createLockWait(server: MyServer, database = 'lockdb'): Promise<LockWait> {
  await server.query(`CREATE DATABASE IF NOT EXISTS ${database}; CREATE TABLE IF NOT EXISTS ${database}.lock_demo (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB; INSERT IGNORE INTO ${database}.lock_demo VALUES (1, 0);`);
  const holder = track(await server.connect({ database, programName: 'lock-holder' }));
  const waiter = track(await server.connect({ database, programName: 'lock-waiter' }));
  // The default 50 s lock wait timeout would end the scenario on a slow machine.
  await waiter.query('SET SESSION innodb_lock_wait_timeout = 600');
  await holder.query('START TRANSACTION');
  await holder.query('UPDATE lock_demo SET v = v + 1 WHERE id = 1');
  const waiterSql = 'UPDATE lock_demo SET v = v + 10 WHERE id = 1';
  const waiting = waiter.query(waiterSql);
  waiting.catch(() => undefined);
  const waiterId = waiter.threadId!;
  await waitUntil(async () => (await server.query("SELECT 1 FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = ? AND trx_state = 'LOCK WAIT'", [waiterId])).length > 0, 'the waiter to block on the row lock');
  return {
    holderId: holder.threadId!,
    waiterId,
    waiterSql,
    async release() {
      await holder.query('ROLLBACK').catch(() => undefined);
      await waiting.catch(() => undefined);
      for (const c of [holder, waiter]) {
        await c.end().catch(() => c.destroy());
        tracked.delete(c);
      }
    },
  };
}

/** A bounded burst of reads and writes from `clients` sessions: `statements` in total. */
export async function generateLoad(server: MyServer, opts: { database: string; tables: number; statements?: number; clients?: number }): Promise<number> {
  const total = opts.statements ?? 400;
  const sessions = await Promise.all(Array.from({ length: opts.clients ?? 4 }, () => server.connect({ database: opts.database, programName: 'load-burst' })));
  let next = 0;
  try {
    await Promise.all(
      sessions.map(async (c) => {
        while (next < total) {
          const i = next++;
          const t = (i % opts.tables) + 1;
          if (i % 5 === 0) await c.query(`UPDATE app_t${t} SET v = v + 1 WHERE id = ?`, [(i % 20) + 1]);
          else await c.query(`SELECT COUNT(*) FROM app_t${t} WHERE v > ?`, [i % 20]);
        }
      }),
    );
  } finally {
    await Promise.all(sessions.map((c) => c.end().catch(() => c.destroy())));
  }
  return total;
}

/** Commits `rows` small transactions on the primary. */
export async function writeOnPrimary(primary: MyServer, rows = 20): Promise<void> {
  await primary.query('CREATE DATABASE IF NOT EXISTS lagdb; CREATE TABLE IF NOT EXISTS lagdb.lag_demo (id INT AUTO_INCREMENT PRIMARY KEY, at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB');
  const c = await primary.connect({ database: 'lagdb' });
  try {
    for (let i = 0; i < rows; i++) await c.query('INSERT INTO lag_demo () VALUES ()');
  } finally {
    await c.end();
  }
}

/** STOP SLAVE SQL_THREAD: events still arrive (IO thread) but none are applied. */
export async function stopReplicaSqlThread(replica: MyServer): Promise<void> {
  await replica.query('STOP SLAVE SQL_THREAD');
}

export async function startReplicaSqlThread(replica: MyServer): Promise<void> {
  await replica.query('START SLAVE SQL_THREAD');
}

/**
 * Holds a global read lock on the replica: the SQL thread keeps running but blocks on the next
 * event, so Seconds_Behind_Master counts up (STOP SLAVE SQL_THREAD makes it NULL instead).
 */
export async function blockReplicaApply(replica: MyServer): Promise<{ release(): Promise<void> }> {
  const c = track(await mysql.createConnection({ socketPath: replica.socket, user: 'root', password: '' }));
  await c.query('FLUSH TABLES WITH READ LOCK');
  return {
    async release() {
      await c.query('UNLOCK TABLES').catch(() => undefined);
      await c.end().catch(() => c.destroy());
      tracked.delete(c);
    },
  };
}

/** Waits until the replica has applied every GTID the primary had written when called. */
export async function waitInSync(primary: MyServer, replica: MyServer): Promise<void> {
  const pos = (await primary.query<{ p: string }>('SELECT @@GLOBAL.gtid_binlog_pos AS p'))[0]!.p;
  // MASTER_GTID_WAIT returns 0 once applied, -1 on its own timeout.
  await waitUntil(async () => (await replica.query<{ r: number }>('SELECT MASTER_GTID_WAIT(?, 1) AS r', [pos]))[0]!.r === 0, 'replica to apply the primary GTID position', 30_000);
}

export async function waitUntil(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
