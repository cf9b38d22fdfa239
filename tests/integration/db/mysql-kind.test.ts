// The MySQL / MariaDB check kind against a real MariaDB 10.11 primary and its GTID replica, driven
// through the kind itself (mysqlKind.createCollector / testConnection): a long query, a row lock
// wait with its blocker, a burst of load, replica lag with the apply blocked and with the SQL
// thread stopped, accounts without the grants, the server stopped under the poller, and the SSH
// link dropped under a tunnelled query. MySQL 8 cannot run here (Debian 12 ships no MySQL server):
// its branch is covered by tests/unit/parsers/mysql-stats.test.ts and tests/unit/collectors/mysql-kind.test.ts.
import fs from 'node:fs';
import type { Duplex } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OpsError, toErrorPayload } from '../../../src/shared/errors';
import type { CollectResult, Collector } from '../../../src/main/engine/collectors/types';
import type { KindContext } from '../../../src/main/engine/collectors/check-kind';
import { mysqlKind } from '../../../src/main/engine/collectors/mysql';
import { rulesForKind } from '../../../src/main/engine/collectors/registry';
import { systemClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { DEFAULT_RULES } from '../../../src/main/engine/rules/default-rules';
import { evaluateSample } from '../../../src/main/engine/rules/health';
import { MemoryHostKeyStore } from '../../../src/main/engine/transport/host-key-policy';
import { SshConnection } from '../../../src/main/engine/transport/ssh-connection';
import { TargetMonitor } from '../../../src/main/engine/target-monitor';
import {
  blockReplicaApply,
  createDatabaseWithTables,
  createLockWait,
  createUser,
  generateLoad,
  startLongQuery,
  startMariadb,
  startReplicaSqlThread,
  stopReplicaSqlThread,
  waitInSync,
  waitUntil,
  writeOnPrimary,
  type MyCluster,
  type MyServer,
  type MyUser,
} from '../../support/mariadb';
import { startSshd, type SshdHandle } from '../../support/sshd';
import { waitFor } from '../../support/wait-for';
import { startTogether } from '../db-harness/start-together';

let cluster: MyCluster;
let primary: MyServer;
let replica: MyServer;
let sshd: SshdHandle;
let monitor: MyUser;
let app: MyUser;
const collectors: Collector[] = [];
const sshConnections: SshConnection[] = [];
const rules = rulesForKind(DEFAULT_RULES, 'mysql');

function context(password: string, openStream?: KindContext['openStream']): KindContext & { logger: MemoryLogger } {
  return {
    clock: systemClock,
    logger: new MemoryLogger(),
    secret: async () => password,
    openStream: openStream ?? (() => Promise.reject(new OpsError('TUNNEL_FAILED', 'no SSH host in this test'))),
  };
}

function config(server: MyServer, as: MyUser, extra: Record<string, unknown> = {}) {
  return mysqlKind.configSchema.parse({ address: '127.0.0.1', port: server.port, user: as.user, longQuerySeconds: 1, ...extra });
}

function collector(server: MyServer, as: MyUser = monitor, extra: Record<string, unknown> = {}, ctx = context(as.password)): Collector {
  const c = mysqlKind.createCollector(config(server, as, extra), ctx);
  collectors.push(c);
  return c;
}

async function rejection(p: Promise<unknown>): Promise<OpsError & Record<string, unknown>> {
  try {
    await p;
  } catch (err) {
    return err as OpsError & Record<string, unknown>;
  }
  throw new Error('expected the poll to fail');
}

/** One line per scenario of what the real server showed, for the run's log (not an assertion). */
const seen = (scenario: string, values: unknown) => console.log(`mysql kind, ${scenario}: ${JSON.stringify(values)}`);
const rowsOf = (r: CollectResult, table: string) => r.tables?.[table]?.rows ?? [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sessionsOf(user: string): Promise<number> {
  const [row] = await primary.query<{ n: number }>('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = ?', [user]);
  return Number(row!.n);
}

beforeAll(async () => {
  [cluster, sshd] = await startTogether(startMariadb({ replica: true, tls: true }), startSshd());
  primary = cluster.primary;
  replica = cluster.replica!;
  monitor = await createUser(primary, { monitor: true });
  app = await createUser(primary, { monitor: false, prefix: 'billing_app' });
  await createDatabaseWithTables(primary, 'appdb', 20);
  await primary.query(`GRANT ALL ON appdb.* TO '${app.user}'@'127.0.0.1'`);
  await waitInSync(primary, replica);
});

afterEach(async () => {
  await Promise.all(collectors.splice(0).map((c) => c.close?.()));
  await Promise.all(sshConnections.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await Promise.all([cluster?.stop(), sshd?.stop()]);
});

describe('connecting', () => {
  it('tests the connection: version, flavor and role of the primary and of the replica', async () => {
    const onPrimary = await mysqlKind.testConnection(config(primary, monitor), context(monitor.password));
    expect(onPrimary).toMatchObject({ ok: true, facts: { version: cluster.version.split('-')[0], flavor: 'mariadb', role: 'primary' }, notes: [] });
    const onReplica = await mysqlKind.testConnection(config(replica, monitor), context(monitor.password));
    expect(onReplica).toMatchObject({ ok: true, facts: { flavor: 'mariadb', role: 'replica' }, notes: [] });
  });

  it('polls over one connection that says who it is, sets the server timeout once and marks every statement', async () => {
    const own = await createUser(primary, { monitor: true });
    // The statement history keeps each text as sent (the digest table strips comments).
    const consumers = "NAME IN ('events_statements_current', 'events_statements_history_long')";
    await primary.query(`UPDATE performance_schema.setup_consumers SET ENABLED = 'YES' WHERE ${consumers}`);
    try {
      const c = collector(primary, own);
      const first = await c.collect();
      expect(first.facts).toEqual({ version: cluster.version.split('-')[0], flavor: 'mariadb', role: 'primary' });
      expect(first.metrics['my.connections.max']).toBe(60);
      expect(first.metrics['my.connections.used']).toBeGreaterThanOrEqual(1);
      expect(first.metrics['my.connections.percent']).toBeCloseTo((first.metrics['my.connections.used']! / 60) * 100, 6);
      // Rates need two polls; a replication series on a server that replicates from nobody is no reading.
      expect(first.metrics['my.queries.rate']).toBeNull();
      expect(first.metrics['my.replication.lagSeconds']).toBeNull();
      expect(first.metrics['my.replication.notApplying']).toBeNull();
      await sleep(300);
      const second = await c.collect();
      expect(second.metrics['my.queries.rate']).toBeGreaterThan(0);
      expect(evaluateSample(second.metrics, [], rules).status).toBe('ok');

      const sessions = await primary.query<{ id: number; program: string }>(
        `SELECT p.ID AS id, a.ATTR_VALUE AS program FROM information_schema.PROCESSLIST p
         JOIN performance_schema.session_connect_attrs a ON a.PROCESSLIST_ID = p.ID AND a.ATTR_NAME = 'program_name'
         WHERE p.USER = ?`,
        [own.user],
      );
      // One session for both polls, named opsdeck.
      expect(sessions).toEqual([{ id: expect.any(Number), program: 'opsdeck' }]);
      const texts = (
        await primary.query<{ sql_text: string }>(
          `SELECT h.SQL_TEXT AS sql_text FROM performance_schema.events_statements_history_long h
           JOIN performance_schema.threads t ON t.THREAD_ID = h.THREAD_ID
           WHERE t.PROCESSLIST_ID = ? AND h.SQL_TEXT IS NOT NULL ORDER BY h.EVENT_ID`,
          [sessions[0]!.id],
        )
      ).map((r) => r.sql_text);
      // server, session timeout, three grant probes, then per poll status, processlist, replication (+ top statements once).
      expect(texts.length).toBeGreaterThanOrEqual(11);
      for (const t of texts) expect(t).toMatch(/^\/\* opsdeck my\.[a-z_]+ \*\//);
      expect(texts.filter((t) => t.includes('max_statement_time'))).toEqual(['/* opsdeck my.session */ SET SESSION max_statement_time = 2']);
      expect(texts[1]).toContain('max_statement_time');
    } finally {
      await primary.query(`UPDATE performance_schema.setup_consumers SET ENABLED = 'NO' WHERE ${consumers}`);
    }
  });

  it('connects over TLS with the CA file and the certificate checked, and refuses a CA that did not sign it', async () => {
    const caFile = cluster.certs!.caPath;
    const own = await createUser(primary, { monitor: true });
    const ok = await mysqlKind.testConnection(config(primary, own, { tls: 'verify', caFile }), context(own.password));
    expect(ok).toMatchObject({ ok: true });
    const c = collector(primary, own, { tls: 'verify', caFile });
    expect((await c.collect()).facts.flavor).toBe('mariadb');
    const [ssl] = await primary.query<{ v: string }>(
      `SELECT s.VARIABLE_VALUE AS v FROM performance_schema.status_by_thread s JOIN performance_schema.threads t ON t.THREAD_ID = s.THREAD_ID
       WHERE t.PROCESSLIST_USER = ? AND s.VARIABLE_NAME = 'Ssl_version' AND s.VARIABLE_VALUE <> ''`,
      [own.user],
    );
    expect(ssl!.v).toMatch(/^TLSv1\.[23]$/);

    const otherCa = `${cluster.dir}/other-ca.pem`;
    fs.writeFileSync(otherCa, cluster.certs!.otherCa);
    expect(await mysqlKind.testConnection(config(primary, monitor, { tls: 'verify', caFile: otherCa }), context(monitor.password))).toMatchObject({ ok: false, code: 'TLS_FAILED' });
  });

  it('names a wrong password AUTH_FAILED', async () => {
    expect(await mysqlKind.testConnection(config(primary, monitor), context('not-the-password'))).toMatchObject({ ok: false, code: 'AUTH_FAILED' });
    expect(await rejection(collector(primary, monitor, {}, context('not-the-password')).collect())).toMatchObject({ code: 'AUTH_FAILED' });
  });
});

describe('what the poll sees', () => {
  it('shows a deliberately long query as long within two polls, with its user, application, client and text', async () => {
    const long = await startLongQuery(primary, { as: app, programName: 'billing-batch', seconds: 90 });
    try {
      const c = collector(primary);
      const first = await c.collect();
      await sleep(1_100);
      const second = await c.collect();
      const row = rowsOf(second, 'queries').find((r) => r.id === long.id);
      expect(row).toMatchObject({ long: true, user: app.user, application: 'billing-batch', state: 'Query', stage: 'User sleep', query: long.sql });
      expect(row!.client).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(row!.seconds as number).toBeGreaterThanOrEqual(1);
      expect(second.metrics['my.queries.long']).toBeGreaterThanOrEqual(1);
      expect(second.metrics['my.queries.longestSeconds']).toBeGreaterThanOrEqual(row!.seconds as number);
      expect(second.metrics['my.queries.longestSeconds']).toBeGreaterThan(first.metrics['my.queries.longestSeconds']!);
      seen('long query', { firstPollLongest: first.metrics['my.queries.longestSeconds'], row, long: second.metrics['my.queries.long'] });
      // The same reading against the shipped rule (a query over 60 s) and against a 1 s band.
      expect(evaluateSample(second.metrics, [], rules).health['my.queries.longestSeconds']?.status).toBe('ok');
      const strict = { ...rules, metrics: { ...rules.metrics, 'my.queries.longestSeconds': { warn: 1, crit: 300 } } };
      expect(evaluateSample(second.metrics, [], strict).status).toBe('warn');
    } finally {
      await long.cancel();
    }
  });

  it('shows a row lock wait with its blocker as a chain: the idle holder first, the waiter under it', async () => {
    const wait = await createLockWait(primary);
    try {
      const c = collector(primary);
      const result = await waitFor('a wait of 1 s seen by the poll', async () => {
        const r = await c.collect();
        const waiter = rowsOf(r, 'lockChains').find((row) => row.id === wait.waiterId);
        return waiter && (waiter.waitSeconds as number) >= 1 ? r : null;
      });
      expect(result.metrics['my.rowLocks.waiting']).toBe(1);
      const chain = rowsOf(result, 'lockChains');
      expect(chain.map((r) => [r.id, r.blockedBy])).toEqual([
        [wait.holderId, null],
        [wait.waiterId, wait.holderId],
      ]);
      // The holder sleeps inside its open transaction: no statement, but the transaction's age.
      expect(chain[0]).toMatchObject({ state: 'idle in transaction', user: cluster.primary.admin.user, query: null });
      expect(chain[0]!.transactionSeconds as number).toBeGreaterThanOrEqual(chain[1]!.waitSeconds as number);
      expect(chain[1]).toMatchObject({ state: 'Query', user: cluster.primary.admin.user, query: wait.waiterSql });
      seen('lock wait', { waiting: result.metrics['my.rowLocks.waiting'], chain });
    } finally {
      await wait.release();
    }
  });

  it('raises the query rate with a burst of load, and reads the buffer pool hit ratio from its deltas', async () => {
    const c = collector(primary);
    await c.collect();
    await sleep(500);
    const quiet = await c.collect();
    const before = await primary.query<{ n: string }>("SELECT VARIABLE_VALUE AS n FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'QUESTIONS'");
    await generateLoad(primary, { database: 'appdb', tables: 20, statements: 2_000, clients: 4 });
    const after = await primary.query<{ n: string }>("SELECT VARIABLE_VALUE AS n FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'QUESTIONS'");
    const busy = await c.collect();
    const seconds = (busy.ts - quiet.ts) / 1000;
    const counted = busy.metrics['my.queries.rate']! * seconds;
    // The server counted the 2,000 statements of the burst between the two polls, plus a few of its neighbours'.
    expect(Number(after[0]!.n) - Number(before[0]!.n)).toBeGreaterThanOrEqual(2_000);
    expect(counted).toBeGreaterThanOrEqual(2_000);
    expect(counted).toBeLessThan(2_000 + 100);
    expect(busy.metrics['my.queries.rate']!).toBeGreaterThan(quiet.metrics['my.queries.rate']! * 5);
    expect(busy.metrics['my.bufferPool.hit']).toBeGreaterThan(50);
    expect(busy.metrics['my.bufferPool.hit']).toBeLessThanOrEqual(100);
    seen('load burst', { quietRate: quiet.metrics['my.queries.rate'], busyRate: busy.metrics['my.queries.rate'], seconds, counted, serverCounted: Number(after[0]!.n) - Number(before[0]!.n), bufferPoolHit: busy.metrics['my.bufferPool.hit'] });
    for (const key of ['my.slowQueries.rate', 'my.abortedConnects.rate', 'my.rowLocks.waitsRate', 'my.deadlocks.rate']) expect(busy.metrics[key], key).toBeGreaterThanOrEqual(0);
  });

  it('leaves its own statements out of the top statements and keeps the application’s', async () => {
    const session = await primary.connect({ as: app, database: 'appdb' });
    for (let i = 0; i < 5; i++) await session.query('SELECT COUNT(*) FROM app_t7 WHERE v > ?', [i]);
    await session.end();
    const c = collector(primary);
    await c.collect();
    // Top statements are read on the first poll (slow cadence); the next polls repeat that table.
    const top = rowsOf(await c.collect(), 'topStatements');
    expect(top.length).toBeGreaterThan(0);
    expect(top.map((t) => t.query).join('\n')).not.toMatch(/GLOBAL_STATUS|session_connect_attrs|events_statements_summary_by_digest|SLAVES STATUS|INNODB_TRX|max_statement_time/i);
    const shares = top.map((t) => t.sharePercent as number);
    expect(shares.every((s) => s >= 0 && s <= 100)).toBe(true);
  });
});

describe('replica lag', () => {
  it('counts lag in seconds while the replica cannot apply, with the thread still running', async () => {
    const c = collector(replica);
    const lock = await blockReplicaApply(replica);
    try {
      await writeOnPrimary(primary, 1);
      const first = await waitFor('lag of at least 1 s', async () => {
        const r = await c.collect();
        return (r.metrics['my.replication.lagSeconds'] ?? 0) >= 1 ? r : null;
      });
      expect(first.metrics).toMatchObject({ 'my.replication.notApplying': 0, 'my.replication.notReceiving': 0 });
      expect(first.metrics['my.replication.backlogBytes']).toBeGreaterThan(0);
      expect(first.facts.role).toBe('replica');
      expect(first.notes).toEqual([]);
      const later = await waitFor('the lag to grow', async () => {
        const r = await c.collect();
        return r.metrics['my.replication.lagSeconds']! > first.metrics['my.replication.lagSeconds']! ? r : null;
      });
      const [channel] = rowsOf(later, 'replicas');
      expect(channel).toMatchObject({ name: `127.0.0.1:${primary.port}`, client: `127.0.0.1:${primary.port}`, receiving: true, applying: true, lagSeconds: later.metrics['my.replication.lagSeconds'] });
      seen('apply blocked', { first: first.metrics['my.replication.lagSeconds'], later: later.metrics['my.replication.lagSeconds'], backlogBytes: later.metrics['my.replication.backlogBytes'], channel });
      // The shipped rule warns past 30 s; a 1 s band shows the same reading turning the check WARN.
      const strict = { ...rules, metrics: { ...rules.metrics, 'my.replication.lagSeconds': { warn: 1, crit: 120 } } };
      expect(evaluateSample(later.metrics, [], strict).status).toBe('warn');
    } finally {
      await lock.release();
    }
    await waitInSync(primary, replica);
    const caughtUp = await waitFor('the replica to catch up', async () => {
      const r = await c.collect();
      return r.metrics['my.replication.lagSeconds'] === 0 ? r : null;
    });
    expect(caughtUp.metrics['my.replication.backlogBytes']).toBe(0);
    expect(evaluateSample(caughtUp.metrics, [], rules).status).toBe('ok');
  });

  it('gives no lag number, a growing backlog, the stopped note and WARN while the SQL thread is stopped', async () => {
    const c = collector(replica);
    await stopReplicaSqlThread(replica);
    try {
      await writeOnPrimary(primary, 10);
      const stopped = await waitFor('events to arrive unapplied', async () => {
        const r = await c.collect();
        return (r.metrics['my.replication.backlogBytes'] ?? 0) > 0 ? r : null;
      });
      expect(stopped.metrics).toMatchObject({ 'my.replication.lagSeconds': null, 'my.replication.notApplying': 1, 'my.replication.notReceiving': 0 });
      expect(stopped.notes).toEqual([{ code: 'MY_REPLICATION_STOPPED', data: { channel: `127.0.0.1:${primary.port}`, errno: null } }]);
      expect(rowsOf(stopped, 'replicas')[0]).toMatchObject({ receiving: true, applying: false, receivingState: 'Yes', lagSeconds: null, lagBytes: stopped.metrics['my.replication.backlogBytes'] });
      const evaluation = evaluateSample(stopped.metrics, [], rules);
      seen('SQL thread stopped', { lag: stopped.metrics['my.replication.lagSeconds'], backlogBytes: stopped.metrics['my.replication.backlogBytes'], notApplying: stopped.metrics['my.replication.notApplying'], notes: stopped.notes, status: evaluation.status });
      expect(evaluation.status).toBe('warn');
      expect(evaluation.reasons).toEqual([{ code: 'THRESHOLD', metric: 'my.replication.notApplying', value: 1, threshold: 1, status: 'warn' }]);
      await writeOnPrimary(primary, 10);
      const later = await waitFor('the backlog to grow', async () => {
        const r = await c.collect();
        return r.metrics['my.replication.backlogBytes']! > stopped.metrics['my.replication.backlogBytes']! ? r : null;
      });
      expect(later.metrics['my.replication.lagSeconds']).toBeNull();
    } finally {
      await startReplicaSqlThread(replica);
    }
    await waitInSync(primary, replica);
    const running = await c.collect();
    expect(running.metrics).toMatchObject({ 'my.replication.lagSeconds': 0, 'my.replication.notApplying': 0, 'my.replication.backlogBytes': 0 });
    expect(running.notes).toEqual([]);
  });
});

describe('an account without the grants', () => {
  it('names the first missing grant in the test, and refuses to poll with the same grant named', async () => {
    const none = await createUser(primary, { monitor: false });
    expect(await mysqlKind.testConnection(config(primary, none), context(none.password))).toMatchObject({
      ok: false,
      code: 'NOT_PERMITTED',
      data: { grant: 'PROCESS', user: none.user, missing: 'PROCESS, SLAVE MONITOR, SELECT ON performance_schema.*', statement: `GRANT PROCESS ON *.* TO '${none.user}'@'127.0.0.1';` },
    });
    const c = collector(primary, none);
    expect(await rejection(c.collect())).toMatchObject({ code: 'NOT_PERMITTED', data: { grant: 'PROCESS', user: none.user } });
    // It does not keep a session open while it may not poll (a later grant needs a new login anyway).
    await waitUntil(async () => (await sessionsOf(none.user)) === 0, 'the refused session to end');
  });

  it('catches the grant that MariaDB does not refuse: PROCESS, without which the process list just shrinks', async () => {
    const partial = await createUser(primary, { monitor: false, prefix: 'opsdeck_partial' });
    const account = `'${partial.user}'@'127.0.0.1'`;
    await primary.query(`GRANT SLAVE MONITOR ON *.* TO ${account}; GRANT SELECT ON performance_schema.* TO ${account}`);
    const long = await startLongQuery(primary, { as: app, seconds: 90 });
    try {
      // What the poll would read without the check: no error, and the long query is simply not there.
      const raw = await primary.connect({ as: partial });
      const [rows] = await raw.query('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID = ?', [long.id]);
      await raw.end();
      expect(Number((rows as Array<{ n: number }>)[0]!.n)).toBe(0);

      expect(await mysqlKind.testConnection(config(primary, partial), context(partial.password))).toMatchObject({ ok: false, code: 'NOT_PERMITTED', data: { grant: 'PROCESS', missing: 'PROCESS' } });
      const c = collector(primary, partial);
      expect(await rejection(c.collect())).toMatchObject({ code: 'NOT_PERMITTED', data: { grant: 'PROCESS' } });
      // Once an administrator grants it, the next poll logs in again and sees the query.
      await primary.query(`GRANT PROCESS ON *.* TO ${account}`);
      const after = await c.collect();
      expect(rowsOf(after, 'queries').map((r) => r.id)).toContain(long.id);
    } finally {
      await long.cancel();
    }
  });

  it('names SLAVE MONITOR when only replication status is refused', async () => {
    const u = await createUser(primary, { monitor: false, prefix: 'opsdeck_norepl' });
    const account = `'${u.user}'@'127.0.0.1'`;
    await primary.query(`GRANT PROCESS ON *.* TO ${account}; GRANT SELECT ON performance_schema.* TO ${account}`);
    expect(await mysqlKind.testConnection(config(primary, u), context(u.password))).toMatchObject({ ok: false, code: 'NOT_PERMITTED', data: { grant: 'SLAVE MONITOR', user: u.user } });
    expect(await rejection(collector(primary, u).collect())).toMatchObject({ code: 'NOT_PERMITTED', data: { grant: 'SLAVE MONITOR' } });
  });
});

/** Every sshd process serving a connection (children of the listener, from its pid file). */
function sshdSessionPids(): number[] {
  const master = Number(fs.readFileSync(`${sshd.dir}/sshd.pid`, 'utf8').trim());
  const parent = (pid: number) => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      return null;
    }
  };
  const all = fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const child of all.filter((p) => parent(p) === pid)) {
      out.push(child);
      walk(child);
    }
  };
  walk(master);
  return out;
}

function signal(pids: number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  }
}

describe('a server near its connection limit', () => {
  it('does not reopen its connection while the last poll saw the server within three slots of max_connections', async () => {
    const own = await createUser(primary, { monitor: true });
    const c = collector(primary, own);
    await c.collect();
    const held: Array<Awaited<ReturnType<MyServer['connect']>>> = [];
    try {
      // Fill the server up to 58 of its 60 connections, the poller's own included.
      let full = await c.collect();
      while (full.metrics['my.connections.used']! < 58 && held.length < 60) {
        held.push(await primary.connect());
        full = await c.collect();
      }
      expect(full.metrics['my.connections.used']).toBe(58);
      expect(full.metrics['my.connections.percent']).toBeCloseTo((58 / 60) * 100, 6);
      expect(evaluateSample(full.metrics, [], rules).health['my.connections.percent']?.status).toBe('crit');
      // The server ends the poller's session; the next poll would have to log in again.
      const [mine] = await primary.query<{ id: number }>('SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ?', [own.user]);
      await primary.query(`KILL ${mine!.id}`);
      await waitUntil(async () => (await sessionsOf(own.user)) === 0, 'the killed session to end');
      const refused = await rejection(c.collect());
      expect(refused).toMatchObject({ code: 'TOO_MANY_CONNECTIONS', data: { used: 58, limit: 60 } });
      expect(await sessionsOf(own.user)).toBe(0);
      seen('near the limit', { used: full.metrics['my.connections.used'], refused: refused.code });
    } finally {
      await Promise.all(held.map((h) => h.end().catch(() => h.destroy())));
    }
  });
});

describe('through the SSH login of the host', () => {
  /** A context like the checks module's: the host's one login, a fault armed for the next processlist statement. */
  function tunnelled() {
    const hostKeys = new MemoryHostKeyStore();
    hostKeys.trust(sshd.host, sshd.port, sshd.hostKeyBlob());
    const ssh = new SshConnection({
      host: sshd.host,
      port: sshd.port,
      credentials: { username: sshd.user, privateKey: sshd.clientKey.privateKey },
      hostKeys,
      logger: new MemoryLogger(),
      readyTimeoutMs: 5_000,
      backoff: { baseMs: 200, maxMs: 1_000 },
    });
    sshConnections.push(ssh);
    const fault: { armed: ((pids: number[]) => void) | null } = { armed: null };
    const ctx = context(monitor.password, async (_hostId, host, port) => {
      let channel: Duplex;
      try {
        channel = await ssh.openTunnel(host, port, 5_000);
      } catch (err) {
        throw new OpsError('TUNNEL_FAILED', toErrorPayload(err).message);
      }
      const write = channel.write.bind(channel) as (...args: unknown[]) => boolean;
      // The moment the poll sends its second statement, the fault hits the sshd serving this login.
      (channel as unknown as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]) => {
        const hit = fault.armed && Buffer.isBuffer(args[0]) && args[0].includes('opsdeck my.processlist');
        if (hit) {
          const act = fault.armed!;
          fault.armed = null;
          act(sshdSessionPids());
        }
        return write(...args);
      };
      return channel;
    });
    const c = mysqlKind.createCollector(config(primary, monitor, { via: 'h-db' }), ctx);
    collectors.push(c);
    return { ssh, ctx, c, fault };
  }

  async function recover(c: Collector): Promise<{ result: CollectResult; codes: string[] }> {
    const codes: string[] = [];
    const result = await waitFor('a poll through the rebuilt tunnel', async () => {
      try {
        return await c.collect();
      } catch (err) {
        codes.push((err as OpsError).code);
        return null;
      }
    }, 15_000);
    return { result, codes };
  }

  it('polls through forwardOut channels of one login: no second login for the test, the collector or a reconnect of the database', async () => {
    const { ssh, ctx, c } = tunnelled();
    const before = sshd.countAccepted();
    expect(await mysqlKind.testConnection(config(primary, monitor, { via: 'h-db' }), ctx)).toMatchObject({ ok: true, facts: { flavor: 'mariadb' } });
    for (let i = 0; i < 3; i++) expect((await c.collect()).facts.flavor).toBe('mariadb');
    expect(sshd.countAccepted() - before).toBe(1);
    expect(ssh.stats()).toMatchObject({ logins: 1, tunnels: 2 });
    // The test's channel closed with its connection; the collector's stays open between polls.
    await waitUntil(async () => ssh.stats().tunnelsOpen === 1, 'the test connection to close its channel');
  });

  it('fails a poll whose SSH link hangs within the statement deadline, then rebuilds the tunnel on one new login', async () => {
    const { ssh, c, fault } = tunnelled();
    await c.collect();
    const before = sshd.countAccepted();
    let frozen: number[] = [];
    fault.armed = (pids) => {
      frozen = pids;
      signal(pids, 'SIGSTOP');
    };
    const started = performance.now();
    const err = await rejection(c.collect());
    const ms = performance.now() - started;
    expect(frozen.length).toBeGreaterThan(0);
    expect(err).toMatchObject({ code: 'TIMEOUT', message: expect.stringMatching(/did not answer a monitoring statement within 4 s/) });
    // The client's own 4 s deadline, not the scheduler's: a bound, the wait is the deadline.
    expect(ms).toBeGreaterThanOrEqual(3_900);
    expect(ms).toBeLessThan(8_000);
    seen('SSH link hung', { code: err.code, ms: Math.round(ms) });
    // The link is really gone now (the sshd serving it dies), then comes back by itself.
    signal(frozen, 'SIGKILL');
    const { result, codes } = await recover(c);
    expect(result.facts.flavor).toBe('mariadb');
    expect(new Set(codes)).toEqual(new Set(codes.length ? ['TUNNEL_FAILED'] : []));
    expect(sshd.countAccepted() - before).toBe(1);
    expect(ssh.stats()).toMatchObject({ logins: 2, tunnelsOpen: 1 });
    seen('SSH link hung, recovery', { codesUntilBack: codes, newLogins: sshd.countAccepted() - before, stats: ssh.stats() });
    // Nothing orphaned: the server ended the session of the dead link, only the new one is left.
    await waitUntil(async () => (await sessionsOf(monitor.user)) === 1, 'the dead session to end on the server');
  });

  it('fails a poll at once when the SSH connection is killed under its query, and comes back without a second login per tunnel', async () => {
    const { ssh, c, fault } = tunnelled();
    await c.collect();
    const before = sshd.countAccepted();
    fault.armed = (pids) => signal(pids, 'SIGKILL');
    const started = performance.now();
    const err = await rejection(c.collect());
    expect(err.code).toMatch(/^(UNREACHABLE|TUNNEL_FAILED)$/);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(3_900);
    seen('SSH connection killed', { code: err.code, ms: Math.round(ms) });
    const { result } = await recover(c);
    expect(result.metrics['my.connections.max']).toBe(60);
    for (let i = 0; i < 2; i++) await c.collect();
    expect(sshd.countAccepted() - before).toBe(1);
    expect(ssh.stats()).toMatchObject({ logins: 2, tunnels: 2, tunnelsOpen: 1 });
    await c.close?.();
    await waitUntil(async () => ssh.stats().tunnelsOpen === 0, 'the channel to close with the collector');
    await waitUntil(async () => (await sessionsOf(monitor.user)) === 0, 'no session left on the server');
  });
});

describe('the server stopped under the poller', () => {
  it('turns DOWN with a reason while the server is stopped, and comes back by itself once it is started', async () => {
    const target = { id: 'my-down', name: 'primary', kind: 'mysql', intervalMs: 1_000, enabled: true };
    const m = new TargetMonitor(target, collector(primary), rules, systemClock);
    expect((await m.poll(5_000)).snapshot.status).toBe('ok');
    await primary.stop();
    try {
      // The open session is lost, the next login is refused: the database is DOWN (CRIT), not UNKNOWN.
      const down = await waitFor('DOWN', async () => {
        const { snapshot } = await m.poll(5_000);
        return snapshot.status === 'crit' ? snapshot : null;
      });
      expect(down.reasons).toEqual([{ code: 'DOWN', errorCode: 'UNREACHABLE', message: expect.stringMatching(/refused the connection: connect ECONNREFUSED 127\.0\.0\.1:\d+/) }]);
      seen('server stopped', { status: down.status, reasons: down.reasons });
    } finally {
      await primary.start();
    }
    const back = await waitFor('back', async () => {
      const { snapshot, fresh } = await m.poll(5_000);
      return fresh ? snapshot : null;
    });
    expect(back.status).toBe('ok');
    expect(back.facts).toMatchObject({ flavor: 'mariadb', role: 'primary' });
    // A restarted server's counters start again: no rate across the restart, a rate on the next poll.
    expect(back.metrics['my.queries.rate']).toBeNull();
    await sleep(200);
    expect((await m.poll(5_000)).snapshot.metrics['my.queries.rate']).toBeGreaterThan(0);
  });
});
