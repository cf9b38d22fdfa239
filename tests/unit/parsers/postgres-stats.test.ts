// Rows shaped as pg 8.23 returns them from PostgreSQL 15.18 (int8 counters as strings, float8 as
// numbers, int4[] as arrays), as seen by tests/integration/db-harness on the real server.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  lockChainsTable,
  queriesTable,
  ratesBetween,
  readOverview,
  replicationLag,
  sumCounters,
  topStatementsTable,
  versionText,
  type PgActivityRow,
  type PgDatabaseRow,
  type PgOverviewRow,
} from '../../../src/main/engine/parsers/postgres-stats';

const overviewRow = (over: Partial<PgOverviewRow> = {}): PgOverviewRow => ({
  server_version_num: 150018,
  in_recovery: false,
  has_pg_monitor: true,
  usable_connections: 97,
  connections: '12',
  active: '3',
  idle: '8',
  idle_in_transaction: '1',
  waiting_on_lock: '1',
  pgss_schema: 'public',
  pgss_loaded: true,
  replica_lag_seconds: null,
  replay_backlog_bytes: null,
  ...over,
});

const session = (over: Partial<PgActivityRow>): PgActivityRow => ({
  pid: 100,
  datname: 'shop',
  usename: 'app',
  application_name: 'checkout',
  client_addr: '10.0.0.5',
  state: 'active',
  wait_event_type: null,
  wait_event: null,
  query_seconds: 1,
  xact_seconds: 1,
  blocked_by: null,
  lock_wait_seconds: null,
  query: 'SELECT 1',
  ...over,
});

const db = (over: Partial<PgDatabaseRow>): PgDatabaseRow => ({
  datname: 'shop',
  numbackends: 3,
  xact_commit: '1000',
  xact_rollback: '10',
  blks_read: '100',
  blks_hit: '900',
  deadlocks: '0',
  temp_files: '0',
  temp_bytes: '0',
  stats_reset: null,
  ...over,
});

describe('PostgreSQL overview', () => {
  it('reads counts given as strings and says why top statements are missing', () => {
    expect(readOverview(overviewRow())).toMatchObject({ connections: 12, usable: 97, statementsSchema: 'public', statementsMissing: null, hasMonitorRole: true });
    expect(readOverview(overviewRow({ pgss_schema: null })).statementsMissing).toBe('extension');
    expect(readOverview(overviewRow({ pgss_loaded: false })).statementsMissing).toBe('preload');
    // A role that may not read shared_preload_libraries gets NULL: never claim the statements work.
    expect(readOverview(overviewRow({ pgss_loaded: null })).statementsSchema).toBeNull();
    expect(versionText(150018)).toBe('15.18');
    expect(versionText(120005)).toBe('12.5');
  });
});

describe('PostgreSQL rates', () => {
  it('turns counter deltas into per-second rates and the interval cache hit ratio', () => {
    const a = sumCounters([db({})], 0);
    const b = sumCounters([db({ xact_commit: '1500', xact_rollback: '20', blks_read: '110', blks_hit: '990' })], 10_000);
    expect(ratesBetween(a, b)).toEqual({
      commitsPerSecond: 50,
      rollbacksPerSecond: 1,
      deadlocksPerSecond: 0,
      tempFilesPerSecond: 0,
      tempBytesPerSecond: 0,
      cacheHitPercent: 90,
    });
  });

  it('starts a new baseline after stats_reset, and never reports a negative rate', () => {
    const a = sumCounters([db({})], 0);
    const reset = sumCounters([db({ xact_commit: '5', stats_reset: '2026-12-06 10:00:00+00' })], 10_000);
    expect(ratesBetween(a, reset).commitsPerSecond).toBeNull();
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 100_000 }), (before, after, ms) => {
        const r = ratesBetween(sumCounters([db({ xact_commit: String(before) })], 0), sumCounters([db({ xact_commit: String(after) })], ms));
        return r.commitsPerSecond === null || r.commitsPerSecond >= 0;
      }),
    );
  });

  it('has no cache hit ratio over an interval that read nothing', () => {
    const a = sumCounters([db({})], 0);
    expect(ratesBetween(a, { ...a, ts: 5_000 }).cacheHitPercent).toBeNull();
  });
});

describe('PostgreSQL queries and locks', () => {
  it('lists the longest first and marks active queries past the threshold as long', () => {
    const { table, longest, longCount } = queriesTable(
      [session({ pid: 1, query_seconds: 2 }), session({ pid: 2, query_seconds: 95, query: 'SELECT pg_sleep(90)' }), session({ pid: 3, state: 'idle in transaction', query_seconds: 400 })],
      60,
    );
    expect(table.rows.map((r) => r.pid)).toEqual([3, 2, 1]);
    expect(longest).toBe(95);
    expect(longCount).toBe(1);
    expect(table.rows.find((r) => r.pid === 2)).toMatchObject({ long: true, query: 'SELECT pg_sleep(90)', user: 'app', application: 'checkout', client: '10.0.0.5' });
    expect(table.rows.find((r) => r.pid === 3)?.long).toBe(false);
  });

  it('shows who waits on whom, the head of the chain first', () => {
    const table = lockChainsTable([
      session({ pid: 30, wait_event_type: 'Lock', wait_event: 'transactionid', blocked_by: [20], lock_wait_seconds: 3 }),
      session({ pid: 20, wait_event_type: 'Lock', wait_event: 'transactionid', blocked_by: '{10}', lock_wait_seconds: 8 }),
      session({ pid: 10, state: 'idle in transaction', query: 'UPDATE orders SET paid = true WHERE id = 1' }),
      session({ pid: 40 }),
    ]);
    expect(table.rows.map((r) => [r.pid, r.blockedBy])).toEqual([
      [10, null],
      [20, 10],
      [30, 20],
    ]);
    expect(table.rows[0]).toMatchObject({ state: 'idle in transaction', query: 'UPDATE orders SET paid = true WHERE id = 1' });
    expect(table.rows[1]?.waitSeconds).toBe(8);
  });
});

describe('PostgreSQL replication', () => {
  it('is zero on a replica that replayed everything it received, and the worst standby on a primary', () => {
    expect(replicationLag(readOverview(overviewRow({ in_recovery: true, replica_lag_seconds: 0, replay_backlog_bytes: 0 })), [])).toEqual({ seconds: 0, bytes: 0 });
    expect(replicationLag(readOverview(overviewRow({ in_recovery: true, replica_lag_seconds: 42.5, replay_backlog_bytes: 16384 })), [])).toEqual({ seconds: 42.5, bytes: 16384 });
    const primary = readOverview(overviewRow());
    expect(replicationLag(primary, [])).toEqual({ seconds: null, bytes: null });
    const standbys = [
      { application_name: 'a', client_addr: '10.0.0.2', state: 'streaming', sync_state: 'async', replay_backlog_bytes: 0, replay_lag_seconds: null },
      { application_name: 'b', client_addr: '10.0.0.3', state: 'streaming', sync_state: 'async', replay_backlog_bytes: 8192, replay_lag_seconds: 12 },
    ];
    expect(replicationLag(primary, standbys)).toEqual({ seconds: 12, bytes: 8192 });
  });
});

describe('PostgreSQL top statements', () => {
  it('ranks by total time with each share, and asks for the texts it has not seen', () => {
    const rows = [
      { userid: 10, dbid: 5, queryid: '-42', calls: '10', total_exec_time: 300, rows: '10' },
      { userid: 10, dbid: 5, queryid: '7', calls: '100', total_exec_time: 700, rows: '100' },
    ];
    const first = topStatementsTable(rows, new Map());
    expect(first.missingTexts).toEqual(['7', '-42']);
    const second = topStatementsTable(rows, new Map([['7', 'SELECT * FROM orders WHERE id = $1']]));
    expect(second.missingTexts).toEqual(['-42']);
    expect(second.table.rows[0]).toMatchObject({ queryId: '7', query: 'SELECT * FROM orders WHERE id = $1', calls: 100, meanMs: 7, sharePercent: 70 });
  });
});

describe('query texts on screens', () => {
  it('mask passwords typed into statements', async () => {
    const { redactQuery } = await import('../../../src/main/engine/parsers/postgres-stats');
    expect(redactQuery("CREATE ROLE app LOGIN PASSWORD 'hunter2'")).toBe("CREATE ROLE app LOGIN PASSWORD '***'");
    expect(redactQuery("ALTER USER 'a'@'%' IDENTIFIED BY 's3cr''et'")).toBe("ALTER USER 'a'@'%' IDENTIFIED BY '***'");
    expect(redactQuery('ALTER ROLE x PASSWORD $$p$$')).toBe("ALTER ROLE x PASSWORD '***'");
    expect(redactQuery('SELECT password FROM users WHERE id = $1')).toBe('SELECT password FROM users WHERE id = $1');
  });
});
