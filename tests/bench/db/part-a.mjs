// Part A: statements and server time per poll of OpsDeck's kind collectors, beside the statements
// PgHero and Netdata send for the same data, each tool as its own role/user (server-cost.mjs).
import fs from 'node:fs';
import pg from 'pg';
import { NETDATA_MY_FULL, NETDATA_MY_SAME, NETDATA_PG_FULL, NETDATA_PG_SAME, PGHERO } from './other-tools-sql.mjs';
import { f, printServerCost } from './report.mjs';
import { measureServerCost, myCounters, pgCounters, sqlPoller, summarize } from './server-cost.mjs';

/** The kinds' default interval; with their 60 s slow cadence every 6th poll is slow. */
const KIND_INTERVAL_MS = 10_000;
/** The server-side statement timeout both kinds set (statement_timeout, max_statement_time). */
const STATEMENT_TIMEOUT_MS = 2_000;

/** A kind's real collector, with a clock that moves 10 s per poll so its own slow cadence decides. */
function kindTool(P, kind, label, role, password, config) {
  let t = Date.now();
  const clock = { now: () => t, setTimeout: (fn, ms) => P.systemClock.setTimeout(fn, ms), clearTimeout: (h) => P.systemClock.clearTimeout(h) };
  const ctx = { clock, logger: new P.MemoryLogger(), secret: async () => password, openStream: () => Promise.reject(new Error('direct connections only in part A')) };
  const collector = kind.createCollector(kind.configSchema.parse(config), ctx);
  const tool = {
    label,
    role,
    cadence: { intervalS: KIND_INTERVAL_MS / 1000, slowEveryS: P.SLOW_EVERY_MS / 1000 },
    last: null,
    async poll(i) {
      if (i > 0) t += KIND_INTERVAL_MS;
      tool.last = await collector.collect();
    },
    close: () => collector.close?.(),
  };
  return tool;
}

function otherTool(spec, role, connect, label = spec.tool) {
  const poller = sqlPoller(spec, connect);
  return { label, role, cadence: spec.cadence, errors: poller.errors, poll: (_i, slow) => poller.poll(slow), close: () => poller.close() };
}

/** What the last poll of a kind saw, to show the long query and the lock wait were on its paths. */
function seen(result) {
  const t = result?.tables ?? {};
  const running = t.queries?.rows?.length ?? t.processes?.length ?? 0;
  const waits = t.lockChains?.rows?.filter((r) => r.blockedBy !== null && r.blockedBy !== undefined).length ?? t.waits?.length ?? 0;
  const longest = result?.metrics?.['pg.queries.longestSeconds'] ?? result?.metrics?.['my.queries.longestSeconds'] ?? null;
  return `${running} running queries${longest !== null ? ` (longest ${Math.round(longest)} s)` : ''} and ${waits} waiting on a lock`;
}

async function measure(tools, counters, polls, slowEvery) {
  try {
    const results = await measureServerCost({ tools, counters, polls, slowEvery });
    if (process.env.OPSDECK_DB_DEBUG) for (const r of results) console.error(`${r.label}: statements per poll ${r.polls.map((p) => p.statements).join(' ')}`);
    return results.map((r) => ({ ...r, s: summarize(r) }));
  } finally {
    for (const t of tools) await t.close();
  }
}

export async function runPartA(env) {
  const { P, pgc, myc, polls } = env;
  const slowEvery = P.SLOW_EVERY_MS / KIND_INTERVAL_MS;
  console.log(`\n[A] ${polls} measured polls per tool after one warm-up poll, every ${slowEvery}th a slow poll ...`);
  const pgPrimary = pgc.cluster.primary;
  const myPrimary = myc.cluster.primary;
  const { roles } = pgc;
  const { users } = myc;

  const pgConnect = (role, database) => async () => {
    const c = new pg.Client({ host: '127.0.0.1', port: pgPrimary.port, user: role.user, password: role.password, database, application_name: role.user.split('_')[0] });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };
  const pgTools = [
    kindTool(P, P.postgresKind, 'OpsDeck postgres kind', roles.opsdeck.user, roles.opsdeck.password, { address: '127.0.0.1', port: pgPrimary.port, database: 'appdb', user: roles.opsdeck.user }),
    otherTool(PGHERO, roles.pghero.user, pgConnect(roles.pghero, 'appdb')),
    otherTool(NETDATA_PG_SAME, roles.netdataSame.user, pgConnect(roles.netdataSame, 'appdb')),
    otherTool(NETDATA_PG_FULL, roles.netdataFull.user, pgConnect(roles.netdataFull, 'postgres'), `${NETDATA_PG_FULL.tool}, DSN postgres (its default)`),
    otherTool(NETDATA_PG_FULL, roles.netdataFullApp.user, pgConnect(roles.netdataFullApp, 'appdb'), `${NETDATA_PG_FULL.tool}, DSN appdb (200 tables)`),
  ];
  const pgAdmin = await pgPrimary.client({ database: 'appdb', applicationName: 'bench-counters' });
  const pgRows = await measure(pgTools, pgCounters(pgAdmin, pgTools.map((t) => t.role)), polls, slowEvery).finally(() => pgAdmin.end());

  const myTools = [
    kindTool(P, env.mysqlKind, env.mysqlIsKind ? 'OpsDeck mysql kind' : 'OpsDeck statements (docs/db-queries.md)', users.opsdeck.user, users.opsdeck.password, { address: '127.0.0.1', port: myPrimary.port, user: users.opsdeck.user }),
    otherTool(NETDATA_MY_SAME, users.netdataSame.user, () => myPrimary.connect({ as: users.netdataSame, programName: 'netdata' })),
    otherTool(NETDATA_MY_FULL, users.netdataFull.user, () => myPrimary.connect({ as: users.netdataFull, programName: 'netdata' })),
  ];
  const myAdmin = await myPrimary.connect({ programName: 'bench-counters' });
  const myRows = await measure(myTools, myCounters(myAdmin, myTools.map((t) => t.role)), polls, slowEvery).finally(() => myAdmin.end());

  printServerCost(`A1. PostgreSQL ${env.pgVersion}, per poll as pg_stat_statements counts it (track_planning on)`, pgRows, { hasPlan: true });
  printServerCost(`A2. MariaDB ${myc.cluster.version}, per poll as performance_schema counts it (statement timers of the user; per statement from the digests)`, myRows, { hasPlan: false });
  for (const r of [...pgRows, ...myRows]) {
    if (r.failures.length) console.log(`- ${r.label}: ${r.failures.length} polls failed: ${[...new Set(r.failures)].join('; ')}`);
    if (r.errors?.size) console.log(`- ${r.label}: statements that failed and were handled as the tool does: ${[...r.errors].map(([k, v]) => `${k} (${v})`).join('; ')}`);
  }
  console.log(`\nThe last measured poll of OpsDeck saw: PostgreSQL ${seen(pgTools[0].last)}; MariaDB ${seen(myTools[0].last)}.`);
  const [pgOps] = pgRows;
  const [myOps] = myRows;
  const slowSeen = pgOps.polls.filter((p) => p.byName.has('pg.database_sizes')).length;
  if (slowSeen !== pgOps.s.slow.n) console.log(`! the PostgreSQL kind ran its slow statements on ${slowSeen} polls, the bench expected ${pgOps.s.slow.n}`);
  return { pgRows, myRows, targets: targetsOf(env, pgOps, myOps, slowEvery) };
}

function targetsOf(env, pgOps, myOps, slowEvery) {
  // A statement cancelled by its timeout never reaches pg_stat_statements: the server log has it, by role.
  const logPath = env.pgc.cluster.primary.logPath;
  const pgLog = fs.existsSync(logPath) ? fs.readFileSync(logPath, 'utf8').split('\n') : [];
  const pgCancelled = pgLog.filter((l) => l.includes(` ${pgOps.role}@`) && /canceling statement due to statement timeout/.test(l)).length;
  const statementsMet = (r) => r.s.fast.statementsMax <= 10 && r.s.slow.statementsMax <= 10;
  // Server time = execution + planning (PostgreSQL counts planning with track_planning on).
  const cadenceAverage = (r) => ((slowEvery - 1) * r.s.fast.serverMs + r.s.slow.serverMs) / slowEvery;
  const timeText = (p, plan) =>
    `median ${f(p.serverMsMedian, 3)} ms (mean ${f(p.serverMs, 3)}, max ${f(p.serverMsMax, 3)}${plan ? `; planning ${f(p.planMs, 3)} of the mean` : ''}); server thread CPU ${f(p.serverCpuMs, 3)} ms`;
  const my = env.mysqlIsKind ? 'MariaDB (mysql kind)' : 'MariaDB (docs/db-queries.md statements, not the kind)';
  return [
    { target: 'At most 10 statements per poll, PostgreSQL (200 tables)', measured: `max ${pgOps.s.fast.statementsMax} per fast poll, ${pgOps.s.slow.statementsMax} per slow poll`, met: statementsMet(pgOps) },
    { target: `At most 10 statements per poll, ${my}`, measured: `max ${myOps.s.fast.statementsMax} per fast poll, ${myOps.s.slow.statementsMax} per slow poll`, met: statementsMet(myOps) },
    { target: 'Under 5 ms server time per poll, PostgreSQL: fast polls', measured: timeText(pgOps.s.fast, true), met: pgOps.s.fast.serverMsMedian < 5 },
    { target: 'Under 5 ms server time per poll, PostgreSQL: slow polls (+ sizes, top statements)', measured: timeText(pgOps.s.slow, true), met: pgOps.s.slow.serverMsMedian < 5 },
    { target: `Under 5 ms server time per poll, PostgreSQL: average over the cadence (${slowEvery - 1} fast : 1 slow)`, measured: `${f(cadenceAverage(pgOps), 3)} ms`, met: cadenceAverage(pgOps) < 5 },
    { target: `Under 5 ms server time per poll, ${my}: fast polls`, measured: timeText(myOps.s.fast, false), met: myOps.s.fast.serverMsMedian < 5 },
    { target: `Under 5 ms server time per poll, ${my}: slow polls (+ top statements)`, measured: timeText(myOps.s.slow, false), met: myOps.s.slow.serverMsMedian < 5 },
    { target: `Under 5 ms server time per poll, ${my}: average over the cadence`, measured: `${f(cadenceAverage(myOps), 3)} ms`, met: cadenceAverage(myOps) < 5 },
    {
      target: `No monitoring statement runs longer than its timeout (${STATEMENT_TIMEOUT_MS / 1000} s, server-side)`,
      measured: `PostgreSQL longest ${f(pgOps.maxStatementMs, 3)} ms (max_exec_time), ${pgCancelled} cancelled in the server log, ${pgOps.failures.length} failed polls; MariaDB longest ${f(myOps.maxStatementMs, 3)} ms (MAX_TIMER_WAIT), ${myOps.s.errors} statement errors, ${myOps.failures.length} failed polls`,
      met: pgOps.maxStatementMs < STATEMENT_TIMEOUT_MS && myOps.maxStatementMs < STATEMENT_TIMEOUT_MS && pgCancelled === 0 && myOps.s.errors === 0 && pgOps.failures.length === 0 && myOps.failures.length === 0,
    },
  ];
}
