// What one full poll of docs/db-queries.md costs the server, measured by the server itself:
// pg_stat_statements (total_exec_time of the monitoring role) and MariaDB's performance_schema
// (statement timer of the monitoring user), around 20 polls on servers with a 200-table
// database, a long query and a lock wait present. The tests assert how many statements a poll
// is, as the server counted them; the times are printed for docs/db-queries.md, not asserted.
import type { Connection, RowDataPacket } from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as my from '../../support/mariadb';
import * as pgh from '../../support/postgres';
import { startTogether } from './start-together';
import { docSql, docStatements } from './doc-sql';

const POLLS = 20;
const PG_POLL = ['pg.overview', 'pg.activity', 'pg.databases', 'pg.replication', 'pg.statements', 'pg.database_sizes'];
const MY_POLL = ['my.status', 'my.processlist', 'my.lock_waits', 'my.replication', 'my.statements'];

let pgc: pgh.PgCluster;
let myc: my.MyCluster;

beforeAll(async () => {
  [pgc, myc] = await startTogether(pgh.startPostgres({ replica: true }), my.startMariadb({ replica: true }));
}, 120_000);
afterAll(async () => {
  await Promise.all([pgc?.stop(), myc?.stop()]);
});

const ms = (n: number) => Math.round(n * 1000) / 1000;

describe('PostgreSQL poll cost', () => {
  it(`is ${PG_POLL.length} statements per poll as pg_stat_statements counts them`, async () => {
    const { primary } = pgc;
    const monitor = { user: 'opsdeck_bench', password: 'bench-pw-1' };
    for (const s of docStatements('pg.monitor_role', monitor)) await primary.query(s);
    await pgh.installPgStatStatements(primary);
    await pgh.createDatabaseWithTables(primary, 'appdb', 200);
    await pgh.generateLoad(primary, { database: 'appdb', tables: 200, statements: 2000 });
    const long = await pgh.startLongQuery(primary);
    const wait = await pgh.createLockWait(primary, 'appdb');
    const c = await primary.client({ as: monitor, applicationName: 'opsdeck', extra: { statement_timeout: 2000 } });
    try {
      const poll = async () => {
        for (const name of PG_POLL) await c.query(docSql(name, { pgss_schema: 'public' }));
      };
      await poll(); // plans cached, pg_stat_statements entries created
      const snapshot = async () =>
        (
          await primary.query<{ calls: string; exec_ms: number; entries: string }>(
            'SELECT sum(calls) AS calls, sum(total_exec_time) AS exec_ms, (SELECT count(*) FROM pg_stat_statements) AS entries FROM pg_stat_statements WHERE userid = to_regrole($1)::oid',
            [monitor.user],
          )
        )[0]!;
      const before = await snapshot();
      const t0 = performance.now();
      for (let i = 0; i < POLLS; i++) await poll();
      const wallMs = (performance.now() - t0) / POLLS;
      const after = await snapshot();
      const calls = Number(after.calls) - Number(before.calls);
      expect(calls).toBe(POLLS * PG_POLL.length);
      const perStatement = await primary.query<{ name: string; ms: number }>(
        "SELECT substring(query from '/\\* opsdeck ([a-z_.]+) \\*/') AS name, total_exec_time / calls AS ms FROM pg_stat_statements WHERE userid = to_regrole($1)::oid ORDER BY 1",
        [monitor.user],
      );
      console.log(
        `postgres poll: ${ms((after.exec_ms - before.exec_ms) / POLLS)} ms server exec time per poll (${PG_POLL.length} statements), ` +
          `${ms(wallMs)} ms client wall time per poll on loopback; pg_stat_statements entries ${after.entries}; per statement: ` +
          perStatement.map((r) => `${r.name} ${ms(r.ms)}`).join(', '),
      );
    } finally {
      await c.end();
      await wait.release();
      await long.cancel();
    }
  }, 120_000);
});

describe('MariaDB poll cost', () => {
  it(`is ${MY_POLL.length} statements per poll as performance_schema counts them`, async () => {
    const { primary } = myc;
    const monitor = { user: 'opsdeck_bench', password: 'bench-pw-1' };
    for (const s of docStatements('my.monitor_user', { ...monitor, host: '127.0.0.1' })) await primary.query(s);
    await my.createDatabaseWithTables(primary, 'appdb', 200);
    await my.generateLoad(primary, { database: 'appdb', tables: 200, statements: 2000 });
    const long = await my.startLongQuery(primary);
    const wait = await my.createLockWait(primary);
    let c: Connection | null = null;
    try {
      c = await primary.connect({ as: monitor, programName: 'opsdeck' });
      await c.query(docSql('my.session'));
      const poll = async () => {
        for (const name of MY_POLL) await c!.query(docSql(name));
      };
      await poll();
      const snapshot = async () =>
        (
          await primary.query<RowDataPacket>(
            "SELECT SUM(COUNT_STAR) AS calls, SUM(SUM_TIMER_WAIT) AS ps FROM performance_schema.events_statements_summary_by_user_by_event_name WHERE USER = ? AND EVENT_NAME LIKE 'statement/%'",
            [monitor.user],
          )
        )[0]!;
      const before = await snapshot();
      const t0 = performance.now();
      for (let i = 0; i < POLLS; i++) await poll();
      const wallMs = (performance.now() - t0) / POLLS;
      const after = await snapshot();
      expect(Number(after.calls) - Number(before.calls)).toBe(POLLS * MY_POLL.length);
      const serverMs = (Number(after.ps) - Number(before.ps)) / 1e9 / POLLS;
      const digests = await primary.query<RowDataPacket>(
        "SELECT LEFT(DIGEST_TEXT, 60) AS q, SUM_TIMER_WAIT / COUNT_STAR / 1e9 AS ms FROM performance_schema.events_statements_summary_by_digest WHERE SCHEMA_NAME IS NULL AND COUNT_STAR >= ? AND (DIGEST_TEXT LIKE 'SELECT%' OR DIGEST_TEXT LIKE 'SHOW%') ORDER BY SUM_TIMER_WAIT DESC",
        [POLLS],
      );
      console.log(
        `mariadb poll: ${ms(serverMs)} ms server statement time per poll (${MY_POLL.length} statements), ${ms(wallMs)} ms client wall time per poll on loopback; ` +
          `digests: ${digests.map((d) => `${d.q} ${ms(Number(d.ms))}`).join(' | ')}`,
      );
    } finally {
      await c?.end();
      await wait.release();
      await long.cancel();
    }
  }, 120_000);
});
