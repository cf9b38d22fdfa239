// The real servers of the benchmark, from the integration-test harnesses: PostgreSQL 15 with a
// streaming replica and pg_stat_statements, MariaDB with performance_schema, each with a 200-table
// database, one role or user per measured tool, background load in its own process, and a long
// query and a row-lock wait on each so the activity and lock paths have something to find.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const TABLES = 200;
/** Above 50 checks + load + tools + harness sessions (the harness's 60 is too few). */
export const MAX_CONNECTIONS = 200;

export async function setUpPostgres(P, doc) {
  const H = P.pgHarness;
  const cluster = await H.startPostgres({ replica: true });
  try {
    return { cluster, roles: await preparePostgres(H, cluster, doc) };
  } catch (err) {
    await cluster.stop().catch(() => undefined);
    throw err;
  }
}

async function preparePostgres(H, cluster, doc) {
  const { primary, replica } = cluster;
  // More slots than 50 checks need (the harness's 60 is too few), and planning time in pg_stat_statements.
  // The standby must allow at least as many connections as its primary, so it goes first.
  await replica.query(`ALTER SYSTEM SET max_connections = ${MAX_CONNECTIONS}`);
  await replica.stop('fast');
  await replica.start();
  await primary.query(`ALTER SYSTEM SET max_connections = ${MAX_CONNECTIONS}`);
  await primary.query('ALTER SYSTEM SET pg_stat_statements.track_planning = on');
  await primary.stop('fast');
  await primary.start();
  await H.waitUntil(async () => (await primary.query("SELECT 1 FROM pg_stat_replication WHERE state = 'streaming'")).length > 0, 'the replica to stream again', 30_000);
  const roles = {
    opsdeck: { user: 'opsdeck_mon', password: 'bench-opsdeck-1' },
    pghero: await H.createRole(primary, { monitor: true, prefix: 'pghero' }),
    netdataSame: await H.createRole(primary, { monitor: true, prefix: 'netdata_same' }),
    netdataFull: await H.createRole(primary, { monitor: true, prefix: 'netdata_full' }),
    netdataFullApp: await H.createRole(primary, { monitor: true, prefix: 'netdata_app' }),
    cpu: await H.createRole(primary, { monitor: true, prefix: 'opsdeck_cpu', connectionLimit: 80 }),
  };
  // OpsDeck's role exactly as docs/db-queries.md tells a DBA to create it.
  for (const s of doc.statements('pg.monitor_role', roles.opsdeck)) await primary.query(s);
  await H.createDatabaseWithTables(primary, 'appdb', TABLES);
  await H.installPgStatStatements(primary, 'appdb');
  await H.generateLoad(primary, { database: 'appdb', tables: TABLES, statements: 2_000 });
  return roles;
}

export async function setUpMariadb(P, doc) {
  const H = P.myHarness;
  const cluster = await H.startMariadb();
  try {
    return { cluster, users: await prepareMariadb(H, cluster, doc) };
  } catch (err) {
    await cluster.stop().catch(() => undefined);
    throw err;
  }
}

async function prepareMariadb(H, cluster, doc) {
  const { primary } = cluster;
  await primary.query(`SET GLOBAL max_connections = ${MAX_CONNECTIONS}`);
  const account = (u) => `'${u.user}'@'127.0.0.1'`;
  const users = {
    opsdeck: { user: 'opsdeck_mon', password: 'bench-opsdeck-1' },
    netdataFull: { user: 'netdata_full', password: 'bench-netdata-1' },
    netdataSame: { user: 'netdata_same', password: 'bench-netdata-2' },
    cpu: { user: 'opsdeck_cpu', password: 'bench-opsdeck-2' },
  };
  for (const s of doc.statements('my.monitor_user', { ...users.opsdeck, host: '127.0.0.1' })) await primary.query(s);
  // Netdata's documented grants (integrations/mysql.md), with SLAVE MONITOR as MariaDB 10.5.9+ needs.
  for (const u of [users.netdataFull, users.netdataSame]) {
    await primary.query(`CREATE USER ${account(u)} IDENTIFIED BY '${u.password}'`);
    await primary.query(`GRANT USAGE, PROCESS, SLAVE MONITOR ON *.* TO ${account(u)}`);
  }
  const cpuGrants = doc.statements('my.monitor_user', { ...users.cpu, host: '127.0.0.1' }).map((s) => s.replace(/MAX_USER_CONNECTIONS \d+/, 'MAX_USER_CONNECTIONS 80'));
  for (const s of cpuGrants) await primary.query(s);
  await H.createDatabaseWithTables(primary, 'appdb', TABLES);
  await H.generateLoad(primary, { database: 'appdb', tables: TABLES, statements: 2_000 });
  return users;
}

export function startLoad(pgc, myc) {
  const child = fork(path.join(here, 'load-worker.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { primary } = pgc.cluster;
  const started = new Promise((resolve) => child.once('message', resolve));
  const stopped = new Promise((resolve) => child.on('message', (m) => m.type === 'stopped' && resolve(m)));
  child.send({
    type: 'start', sessions: 4,
    pg: { port: primary.port, user: primary.superuser.user, password: primary.superuser.password, database: 'appdb', tables: TABLES, pauseMs: 20 },
    my: { port: myc.cluster.primary.port, user: myc.cluster.primary.admin.user, password: myc.cluster.primary.admin.password, database: 'appdb', tables: TABLES, pauseMs: 20 },
  });
  return { started, stop: () => (child.send({ type: 'stop' }), stopped) };
}

/** A 900 s query and a row-lock wait on each server; `end()` releases them. */
export async function startScenarios(P, pgc, myc) {
  const made = [];
  const end = () => Promise.all(made.map((m) => (m.release ? m.release() : m.cancel()).catch(() => undefined)));
  try {
    made.push(await P.pgHarness.startLongQuery(pgc.cluster.primary, { database: 'appdb', seconds: 900 }));
    made.push(await P.myHarness.startLongQuery(myc.cluster.primary, { seconds: 900 }));
    made.push(await P.pgHarness.createLockWait(pgc.cluster.primary, 'appdb'));
    made.push(await P.myHarness.createLockWait(myc.cluster.primary));
  } catch (err) {
    await end();
    throw err;
  }
  return { end };
}
