// The MariaDB statements of docs/db-queries.md against a real MariaDB 10.11 primary and its GTID
// replica: each scenario (long query, row lock wait, load, replica apply stopped or blocked, a
// user without grants) must show up in what the monitoring user reads. The long query runs
// 90 s but is killed as soon as it has been seen for over a second.
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  writeOnPrimary,
  type MyCluster,
  type MyServer,
  type MyUser,
} from '../../support/mariadb';
import { waitFor } from '../../support/wait-for';
import { docSql, docStatements } from './doc-sql';

let cluster: MyCluster;
let primary: MyServer;
let replica: MyServer;
let monitor: MyUser;
let app: MyUser;
let noGrant: MyUser;
const sessions = new Map<string, Connection>();

type Row = RowDataPacket & Record<string, any>;

/** A session like the collector's: monitoring user, program_name opsdeck, the document's session setup. One per server and user. */
async function monitorSession(server: MyServer, as: MyUser = monitor): Promise<Connection> {
  const key = `${server.port}/${as.user}`;
  const open = sessions.get(key);
  if (open) return open;
  const c = await server.connect({ as, programName: 'opsdeck' });
  await c.query(docSql('my.session'));
  sessions.set(key, c);
  return c;
}

async function run(c: Connection, name: string, params?: unknown[]): Promise<Row[]> {
  const [rows] = await c.query<Row[]>(docSql(name), params);
  return rows;
}

async function status(c: Connection): Promise<Record<string, string>> {
  return Object.fromEntries((await run(c, 'my.status')).map((r) => [r.name, String(r.value)]));
}

async function replicaStatus(server: MyServer = replica): Promise<Row> {
  const rows = await run(await monitorSession(server), 'my.replication');
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

beforeAll(async () => {
  cluster = await startMariadb({ replica: true });
  primary = cluster.primary;
  replica = cluster.replica!;
  console.log(`${cluster.version}: install-db ${cluster.timings.installDbMs.toFixed(0)} ms, primary start ${cluster.timings.primaryStartMs.toFixed(0)} ms, replica start ${cluster.timings.replicaStartMs.toFixed(0)} ms, replication set up ${cluster.timings.replicationSetupMs.toFixed(0)} ms`);
  monitor = { user: 'opsdeck_monitor', password: 'monitor-pw-1' };
  for (const stmt of docStatements('my.monitor_user', { ...monitor, host: '127.0.0.1' })) await primary.query(stmt);
  app = await createUser(primary, { monitor: false, prefix: 'billing_app' });
  noGrant = await createUser(primary, { monitor: false });
  await createDatabaseWithTables(primary, 'appdb', 20);
  await primary.query(`GRANT ALL ON appdb.* TO '${app.user}'@'127.0.0.1'`);
  await waitInSync(primary, replica);
});

afterAll(async () => {
  await Promise.all([...sessions.values()].map((c) => c.end().catch(() => c.destroy())));
  await cluster?.stop();
});

describe('my.status', () => {
  it('reports connections against max_connections, the version and performance_schema', async () => {
    const s = await status(await monitorSession(primary));
    expect(s.version).toBe(cluster.version);
    expect(s.version).toMatch(/MariaDB/);
    expect(s.max_connections).toBe('60');
    expect(s.performance_schema).toBe('1');
    expect(Number(s.threads_connected)).toBeGreaterThanOrEqual(1);
    expect(Number(s.threads_running)).toBeGreaterThanOrEqual(1);
    for (const k of ['questions', 'slow_queries', 'aborted_connects', 'innodb_buffer_pool_reads', 'innodb_buffer_pool_read_requests', 'innodb_row_lock_current_waits', 'innodb_deadlocks', 'uptime']) {
      expect(s[k], k).toMatch(/^\d+$/);
    }
  });

  it('moves Questions, Slow_queries, Aborted_connects and buffer pool reads with load', async () => {
    const c = await monitorSession(primary);
    const before = await status(c);
    await generateLoad(primary, { database: 'appdb', tables: 20, statements: 300 });
    const slow = await primary.connect();
    await slow.query('SET SESSION long_query_time = 0.05');
    await slow.query('SELECT SLEEP(0.1)');
    await slow.end();
    await expect(primary.connect({ as: { user: app.user, password: 'wrong' } })).rejects.toMatchObject({ errno: 1045 });
    const after = await status(c);
    const delta = (k: string) => Number(after[k]) - Number(before[k]);
    expect(delta('questions')).toBeGreaterThanOrEqual(300);
    expect(delta('slow_queries')).toBeGreaterThanOrEqual(1);
    expect(delta('aborted_connects')).toBeGreaterThanOrEqual(1);
    expect(delta('innodb_buffer_pool_read_requests')).toBeGreaterThan(0);
    const hit = 1 - delta('innodb_buffer_pool_reads') / delta('innodb_buffer_pool_read_requests');
    expect(hit).toBeGreaterThan(0.5);
    expect(hit).toBeLessThanOrEqual(1);
  });
});

describe('my.processlist', () => {
  it('shows a long-running query with its duration, user, application, client and text', async () => {
    const long = await startLongQuery(primary, { as: app, programName: 'billing-batch' });
    try {
      const c = await monitorSession(primary);
      const first = await waitFor('the long query to run over 1 s', async () => (await run(c, 'my.processlist')).find((r) => r.id === long.id && r.query_seconds > 1));
      expect(first).toMatchObject({ user: app.user, application: 'billing-batch', command: 'Query', state: 'User sleep', query: long.sql });
      expect(first.client).toMatch(/^127\.0\.0\.1:\d+$/);
      const later = await waitFor('its duration to grow', async () => (await run(c, 'my.processlist')).find((r) => r.id === long.id && r.query_seconds > first.query_seconds));
      expect(later.query).toBe(long.sql);
      await long.cancel();
      await expect(long.done).rejects.toMatchObject({ errno: 1317, code: 'ER_QUERY_INTERRUPTED', message: 'Query execution was interrupted' });
    } finally {
      await long.cancel();
    }
  });

  it('leaves out idle sessions, replication dump threads and the poller itself', async () => {
    const idle = await primary.connect({ programName: 'idle-app' });
    try {
      const c = await monitorSession(primary);
      const [[{ id: own }]] = (await c.query<Row[]>('SELECT CONNECTION_ID() AS id')) as unknown as [[{ id: number }]];
      const rows = await run(c, 'my.processlist');
      expect(rows.map((r) => r.id)).not.toContain(own);
      expect(rows.map((r) => r.id)).not.toContain(idle.threadId);
      expect(rows.map((r) => r.command)).not.toContain('Binlog Dump');
    } finally {
      await idle.end();
    }
  });
});

describe('my.lock_waits', () => {
  it('shows the waiting session with its blocker and a growing wait', async () => {
    const wait = await createLockWait(primary);
    try {
      const c = await monitorSession(primary);
      expect(Number((await status(c)).innodb_row_lock_current_waits)).toBe(1);
      const first = await waitFor('a wait of at least 1 s', async () => (await run(c, 'my.lock_waits')).find((r) => r.waiting_id === wait.waiterId && r.wait_seconds >= 1));
      expect(first).toMatchObject({ blocking_id: wait.holderId, waiting_query: wait.waiterSql, blocking_query: null });
      const later = await waitFor('the wait to grow', async () => (await run(c, 'my.lock_waits')).find((r) => r.waiting_id === wait.waiterId && r.wait_seconds > first.wait_seconds));
      expect(later.blocking_trx_seconds).toBeGreaterThanOrEqual(later.wait_seconds);
    } finally {
      await wait.release();
    }
    // InnoDB refreshes the cache behind INNODB_TRX / INNODB_LOCK_WAITS at most every 0.1 s.
    await waitFor('the wait to clear', async () => (await run(await monitorSession(primary), 'my.lock_waits')).length === 0);
  });
});

describe('my.replication', () => {
  it('reports no replication on the primary and zero lag on a replica in sync', async () => {
    expect(await run(await monitorSession(primary), 'my.replication')).toEqual([]);
    await waitInSync(primary, replica);
    const s = await replicaStatus();
    expect(s).toMatchObject({ Slave_IO_Running: 'Yes', Slave_SQL_Running: 'Yes', Seconds_Behind_Master: 0, Using_Gtid: 'Slave_Pos', Last_SQL_Errno: 0 });
    expect(s.Gtid_IO_Pos).toBe(s.Gtid_Slave_Pos);
  });

  it('gives NULL lag and a growing backlog while the SQL thread is stopped', async () => {
    await stopReplicaSqlThread(replica);
    try {
      await writeOnPrimary(primary, 10);
      const s = await waitFor('events to arrive unapplied', async () => {
        const row = await replicaStatus();
        return row.Read_Master_Log_Pos > row.Exec_Master_Log_Pos ? row : null;
      });
      expect(s).toMatchObject({ Slave_IO_Running: 'Yes', Slave_SQL_Running: 'No', Seconds_Behind_Master: null });
      expect(s.Master_Log_File).toBe(s.Relay_Master_Log_File);
      expect(s.Gtid_IO_Pos).not.toBe(s.Gtid_Slave_Pos);
      const backlog = s.Read_Master_Log_Pos - s.Exec_Master_Log_Pos;
      await writeOnPrimary(primary, 10);
      const later = await waitFor('the backlog to grow', async () => {
        const row = await replicaStatus();
        return row.Read_Master_Log_Pos - row.Exec_Master_Log_Pos > backlog ? row : null;
      });
      expect(later.Seconds_Behind_Master).toBeNull();
    } finally {
      await startReplicaSqlThread(replica);
    }
    await waitInSync(primary, replica);
    expect(await replicaStatus()).toMatchObject({ Slave_SQL_Running: 'Yes', Seconds_Behind_Master: 0 });
  });

  it('counts Seconds_Behind_Master up while the SQL thread runs but cannot apply', async () => {
    const lock = await blockReplicaApply(replica);
    try {
      await writeOnPrimary(primary, 1);
      const first = await waitFor('lag of at least 1 s', async () => {
        const row = await replicaStatus();
        return row.Seconds_Behind_Master >= 1 ? row : null;
      });
      expect(first.Slave_SQL_Running).toBe('Yes');
      const later = await waitFor('the lag to grow', async () => {
        const row = await replicaStatus();
        return row.Seconds_Behind_Master > first.Seconds_Behind_Master ? row : null;
      });
      expect(later.Slave_SQL_Running).toBe('Yes');
    } finally {
      await lock.release();
    }
    await waitInSync(primary, replica);
    expect((await replicaStatus()).Seconds_Behind_Master).toBe(0);
  });
});

describe('my.statements', () => {
  it('ranks digests by total time and gives their text on demand', async () => {
    const appSession = await primary.connect({ as: app, database: 'appdb' });
    for (let i = 0; i < 5; i++) await appSession.query('SELECT COUNT(*) FROM app_t7 WHERE v > ?', [i]);
    await appSession.end();
    const c = await monitorSession(primary);
    const rows = await run(c, 'my.statements');
    expect(rows.length).toBeGreaterThan(0);
    const totals = rows.map((r) => Number(r.total_time_ps));
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    const texts = await run(c, 'my.statement_texts', [rows.filter((r) => r.schema_name === 'appdb').map((r) => r.digest)]);
    const mine = texts.find((t) => /app_t7/.test(t.query) && /COUNT/i.test(t.query));
    expect(mine).toBeDefined();
    // Comments are stripped from digest text: OpsDeck's statements cannot be told apart by marker.
    expect(texts.map((t) => t.query).join('\n')).not.toMatch(/opsdeck/);
    expect(Number(rows.find((r) => r.digest === mine!.digest)!.calls)).toBeGreaterThanOrEqual(5);
  });
});

describe('a user without grants', () => {
  it('sees only its own sessions, and gets 1227 or 1142 from what needs a grant', async () => {
    const long = await startLongQuery(primary, { as: app });
    try {
      const c = await monitorSession(primary, noGrant);
      // No error from the process list: other users' sessions are simply not there.
      const [[row]] = (await c.query('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID = ?', [long.id])) as unknown as [[{ n: number }]];
      expect(Number(row.n)).toBe(0);
      await expect(c.query(docSql('my.replication'))).rejects.toMatchObject({ errno: 1227, code: 'ER_SPECIFIC_ACCESS_DENIED_ERROR', sqlState: '42000' });
      await expect(c.query(docSql('my.lock_waits'))).rejects.toMatchObject({ errno: 1227, code: 'ER_SPECIFIC_ACCESS_DENIED_ERROR' });
      await expect(c.query(docSql('my.processlist'))).rejects.toMatchObject({ errno: 1142, code: 'ER_TABLEACCESS_DENIED_ERROR', sqlState: '42000' });
      await expect(c.query(docSql('my.statements'))).rejects.toMatchObject({ errno: 1142 });
      // Status counters need no grant at all.
      expect(Number((await status(c)).max_connections)).toBe(60);
    } finally {
      await long.cancel();
    }
  });
});
