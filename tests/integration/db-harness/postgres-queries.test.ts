// The PostgreSQL statements of docs/db-queries.md against a real PostgreSQL 15 primary and its
// streaming replica: each scenario (long query, lock wait, load, replay paused, a role without
// pg_monitor) must show up in what the monitoring role reads. No test waits for real minutes:
// the long query runs 90 s but is cancelled as soon as it has been seen for over a second.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  causeDeadlock,
  createDatabaseWithTables,
  createLockWait,
  createRole,
  generateLoad,
  installPgStatStatements,
  pauseReplay,
  resumeReplay,
  startLongQuery,
  startPostgres,
  waitInSync,
  writeOnPrimary,
  type PgCluster,
  type PgRole,
  type PgServer,
} from '../../support/postgres';
import { waitFor } from '../../support/wait-for';
import { docSql, docStatements } from './doc-sql';

let cluster: PgCluster;
let primary: PgServer;
let replica: PgServer;
let monitor: PgRole;
let app: PgRole;
let noGrant: PgRole;
const clients: pg.Client[] = [];

const sessions = new Map<string, pg.Client>();

/**
 * A session like the collector's (monitoring role, application_name opsdeck, server-side
 * timeouts), one per server, role and database and kept open: the role has CONNECTION LIMIT 3.
 */
async function monitorClient(server: PgServer, as: PgRole = monitor, database = 'postgres'): Promise<pg.Client> {
  const key = `${server.port}/${as.user}/${database}`;
  const open = sessions.get(key);
  if (open) return open;
  const c = await server.client({ as, database, applicationName: 'opsdeck', extra: { statement_timeout: 2000, lock_timeout: 1000 } });
  sessions.set(key, c);
  clients.push(c);
  return c;
}

async function run<T extends pg.QueryResultRow = pg.QueryResultRow>(c: pg.Client, name: string, params?: unknown[]): Promise<T[]> {
  return (await c.query<T>(docSql(name, { pgss_schema: 'public' }), params)).rows;
}

beforeAll(async () => {
  cluster = await startPostgres({ replica: true });
  primary = cluster.primary;
  replica = cluster.replica!;
  console.log(`postgres: initdb ${cluster.timings.initdbMs.toFixed(0)} ms, primary start ${cluster.timings.primaryStartMs.toFixed(0)} ms, basebackup ${cluster.timings.basebackupMs.toFixed(0)} ms, replica start ${cluster.timings.replicaStartMs.toFixed(0)} ms`);
  // The monitoring role exactly as the document writes it.
  monitor = { user: 'opsdeck_monitor', password: 'monitor-pw-1' };
  for (const stmt of docStatements('pg.monitor_role', { user: monitor.user, password: monitor.password })) await primary.query(stmt);
  app = await createRole(primary, { monitor: false, prefix: 'billing_app' });
  noGrant = await createRole(primary, { monitor: false });
  await installPgStatStatements(primary);
  await createDatabaseWithTables(primary, 'appdb', 20);
  await primary.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${app.user}`, [], 'appdb');
  await waitInSync(primary, replica);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await cluster?.stop();
});

describe('pg.overview', () => {
  it('reports an idle primary with pg_monitor, pg_stat_statements and no replica lag', async () => {
    const [row] = await run(await monitorClient(primary), 'pg.overview');
    expect(row).toMatchObject({
      server_version_num: expect.any(Number),
      in_recovery: false,
      has_pg_monitor: true,
      usable_connections: 60 - 3,
      pgss_schema: 'public',
      pgss_loaded: true,
      receive_lsn: null,
      replica_lag_seconds: null,
      replay_pause_state: null,
    });
    expect(row!.server_version_num).toBeGreaterThanOrEqual(150000);
    expect(Number(row!.connections)).toBeGreaterThanOrEqual(1);
  });

  it('reports zero lag on a replica that has replayed everything it received', async () => {
    await waitInSync(primary, replica);
    const [row] = await run(await monitorClient(replica), 'pg.overview');
    expect(row).toMatchObject({ in_recovery: true, replica_lag_seconds: 0, replay_backlog_bytes: 0, replay_pause_state: 'not paused' });
    expect(row!.receive_lsn).toBe(row!.replay_lsn);
  });

  it('says pg_stat_statements is missing in a database where the extension was never created', async () => {
    const [row] = await run(await monitorClient(primary, monitor, 'appdb'), 'pg.overview');
    expect(row).toMatchObject({ pgss_schema: null, pgss_loaded: true });
  });
});

describe('pg.activity', () => {
  it('shows a long-running query with its duration, user, application, client and text', async () => {
    const long = await startLongQuery(primary, { as: app, applicationName: 'billing-batch' });
    try {
      const c = await monitorClient(primary);
      const first = await waitFor('the long query to run over 1 s', async () => (await run(c, 'pg.activity')).find((r) => r.pid === long.pid && r.query_seconds > 1));
      expect(first).toMatchObject({ usename: app.user, application_name: 'billing-batch', client_addr: '127.0.0.1', state: 'active', datname: 'postgres', blocked_by: null });
      expect(first.query).toBe(long.sql);
      expect(first.client_port).toBeGreaterThan(0);
      const later = await waitFor('its duration to grow', async () => (await run(c, 'pg.activity')).find((r) => r.pid === long.pid && r.query_seconds > first.query_seconds));
      expect(later.xact_seconds).toBeGreaterThanOrEqual(later.query_seconds);
      await long.cancel();
      await expect(long.done).rejects.toMatchObject({ code: '57014', message: 'canceling statement due to user request' });
    } finally {
      await long.cancel();
    }
  });

  it('shows the blocked session with its blocker pid and a growing lock wait', async () => {
    const wait = await createLockWait(primary, 'appdb');
    try {
      const c = await monitorClient(primary);
      const blocked = await waitFor('the lock wait to show', async () => (await run(c, 'pg.activity')).find((r) => r.pid === wait.waiterPid && r.lock_wait_seconds > 0));
      expect(blocked).toMatchObject({ wait_event_type: 'Lock', wait_event: 'transactionid', blocked_by: [wait.holderPid], query: wait.waiterSql, application_name: 'lock-waiter' });
      const rows = await run(c, 'pg.activity');
      expect(rows.find((r) => r.pid === wait.holderPid)).toMatchObject({ state: 'idle in transaction', blocked_by: null, lock_wait_seconds: null });
      const later = await waitFor('the wait to grow', async () => (await run(c, 'pg.activity')).find((r) => r.pid === wait.waiterPid && r.lock_wait_seconds > blocked.lock_wait_seconds));
      expect(later.blocked_by).toEqual([wait.holderPid]);
      const [overview] = await run(c, 'pg.overview');
      expect(Number(overview!.waiting_on_lock)).toBe(1);
    } finally {
      await wait.release();
    }
  });

  it('leaves out idle sessions and the poller itself', async () => {
    const idle = await primary.client({ applicationName: 'idle-app' });
    clients.push(idle);
    const c = await monitorClient(primary);
    const own = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const rows = await run(c, 'pg.activity');
    expect(rows.map((r) => r.pid)).not.toContain(own);
    expect(rows.map((r) => r.application_name)).not.toContain('idle-app');
  });
});

describe('pg.databases and pg.database_sizes', () => {
  it('counts commits, cache hits, rollbacks, deadlocks and temp files as growing counters', async () => {
    const c = await monitorClient(primary);
    const byName = async () => new Map((await run(c, 'pg.databases')).map((r) => [r.datname as string, r]));
    const before = (await byName()).get('appdb')!;
    await generateLoad(primary, { database: 'appdb', tables: 20, statements: 300 });
    const rb = await primary.client({ database: 'appdb' });
    await rb.query('BEGIN');
    await rb.query('SELECT 1');
    await rb.query('ROLLBACK');
    // A sort bigger than work_mem spills to a temp file.
    await rb.query("SET work_mem = '64kB'");
    await rb.query('SELECT g FROM generate_series(1, 200000) g ORDER BY g DESC LIMIT 1');
    await rb.end();
    expect(await causeDeadlock(primary, 'appdb')).toBe('40P01');
    // Backends report their counters when they finish a transaction, at most every 0.5 s.
    const after = await waitFor('the counters to move', async () => {
      const row = (await byName()).get('appdb')!;
      return Number(row.deadlocks) > Number(before.deadlocks) && Number(row.temp_files) > Number(before.temp_files) ? row : null;
    });
    const delta = (k: string) => Number(after[k]) - Number(before[k]);
    expect(delta('xact_commit')).toBeGreaterThanOrEqual(300);
    expect(delta('xact_rollback')).toBeGreaterThanOrEqual(2);
    expect(delta('deadlocks')).toBe(1);
    expect(delta('temp_files')).toBeGreaterThanOrEqual(1);
    expect(delta('temp_bytes')).toBeGreaterThan(0);
    const hitRatio = delta('blks_hit') / (delta('blks_hit') + delta('blks_read'));
    expect(hitRatio).toBeGreaterThan(0.5);
    expect(hitRatio).toBeLessThanOrEqual(1);
  });

  it('gives the size of every database that accepts connections', async () => {
    const rows = await run(await monitorClient(primary), 'pg.database_sizes');
    const names = rows.map((r) => r.datname);
    expect(names).toEqual(expect.arrayContaining(['postgres', 'appdb', 'template1']));
    expect(names).not.toContain('template0');
    expect(rows.find((r) => r.datname === 'appdb')!.size_bytes).toBeGreaterThan(1_000_000);
  });
});

describe('replication lag', () => {
  it('grows on the replica while replay is paused and the primary writes, and returns to zero', async () => {
    const onReplica = await monitorClient(replica);
    const onPrimary = await monitorClient(primary);
    await pauseReplay(replica);
    try {
      await writeOnPrimary(primary, 10);
      const first = await waitFor('replica lag above 0.5 s', async () => {
        const [row] = await run(onReplica, 'pg.overview');
        return row!.replica_lag_seconds > 0.5 ? row : null;
      });
      expect(first).toMatchObject({ in_recovery: true, replay_pause_state: 'paused' });
      expect(first!.replay_backlog_bytes).toBeGreaterThan(0);
      const later = await waitFor('the lag to grow', async () => {
        const [row] = await run(onReplica, 'pg.overview');
        return row!.replica_lag_seconds > first!.replica_lag_seconds ? row : null;
      });
      expect(later.replay_backlog_bytes).toBeGreaterThanOrEqual(first!.replay_backlog_bytes);
      const [standby] = await run(onPrimary, 'pg.replication');
      expect(standby).toMatchObject({ application_name: expect.any(String), state: 'streaming', sync_state: 'async' });
      expect(standby!.replay_backlog_bytes).toBeGreaterThan(0);
      expect(standby!.sent_not_replayed_bytes).toBeGreaterThan(0);
    } finally {
      await resumeReplay(replica);
    }
    await waitInSync(primary, replica);
    const [row] = await run(onReplica, 'pg.overview');
    expect(row).toMatchObject({ replica_lag_seconds: 0, replay_backlog_bytes: 0, replay_pause_state: 'not paused' });
    const standby = await waitFor('the primary to see the standby caught up', async () => (await run(onPrimary, 'pg.replication')).find((r) => r.replay_backlog_bytes === 0));
    expect(standby.state).toBe('streaming');
  });

  it('lists no standbys on the replica itself', async () => {
    expect(await run(await monitorClient(replica), 'pg.replication')).toEqual([]);
  });
});

describe('pg.statements', () => {
  it("returns other roles' statements without their text, and the text on demand", async () => {
    const appClient = await primary.client({ as: app, database: 'appdb' });
    for (let i = 0; i < 5; i++) await appClient.query('SELECT count(*) FROM app_t7 WHERE v > $1', [i]);
    await appClient.end();
    const c = await monitorClient(primary);
    const monitorOid = (await c.query<{ oid: number }>('SELECT to_regrole(current_user)::oid AS oid')).rows[0]!.oid;
    const appOid = (await c.query<{ oid: number }>('SELECT to_regrole($1)::oid AS oid', [app.user])).rows[0]!.oid;
    const rows = await run(c, 'pg.statements');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.userid === monitorOid)).toBe(false);
    expect(Object.keys(rows[0]!)).not.toContain('query');
    const mine = rows.filter((r) => r.userid === appOid && Number(r.calls) === 5);
    expect(mine.length).toBeGreaterThan(0);
    const texts = await run(c, 'pg.statement_texts', [mine.map((r) => r.queryid)]);
    expect(texts.map((t) => t.query)).toContain('SELECT count(*) FROM app_t7 WHERE v > $1');
  });
});

describe('a role without pg_monitor', () => {
  it('gets no error but no insight from the views, and 42501 from what needs the grant', async () => {
    const long = await startLongQuery(primary, { as: app });
    try {
      const c = await monitorClient(primary, noGrant);
      const [overview] = await run(c, 'pg.overview');
      expect(overview).toMatchObject({ has_pg_monitor: false, pgss_loaded: null });
      // Other roles' sessions lose backend_type too, so the activity statement drops them all.
      expect((await run(c, 'pg.activity')).map((r) => r.pid)).not.toContain(long.pid);
      const raw = (await c.query('SELECT * FROM pg_stat_activity WHERE pid = $1', [long.pid])).rows[0];
      expect(raw).toMatchObject({ query: '<insufficient privilege>', state: null, query_start: null, client_addr: null, backend_type: null, usename: app.user });
      await expect(c.query("SELECT current_setting('shared_preload_libraries')")).rejects.toMatchObject({ code: '42501' });
      await expect(c.query('SELECT count(*) FROM pg_ls_waldir()')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await long.cancel();
    }
  });
});
