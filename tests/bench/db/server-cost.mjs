// Part A: what each way of monitoring costs the database per poll, as the server counts it.
// Every tool polls as its own role/user, so the server's statistics keep them apart:
//   PostgreSQL  pg_stat_statements per (role, database, queryid): calls, total_exec_time,
//               total_plan_time (track_planning on), max_exec_time
//   MariaDB     performance_schema.events_statements_summary_by_user_by_event_name: COUNT_STAR,
//               SUM_TIMER_WAIT, MAX_TIMER_WAIT, SUM_ERRORS (picoseconds)
// The counters are read by the superuser (its own statements are its own) before the first and
// after every poll, so each poll's statements and server time are exact deltas. Both servers time
// statements by the wall clock, so a busy machine inflates them; the CPU time of the server
// process or thread serving the tool's connection (/proc/<tid>/schedstat) is read beside them.
import fs from 'node:fs';

/** A poller that sends a tool's statements on one connection: once on connect, fast every poll, slow on slow polls. */
export function sqlPoller(spec, connect) {
  let conn = null;
  const dropped = new Set();
  const errors = new Map();
  const run = async (item) => {
    if (dropped.has(item.name)) return;
    try {
      await conn.query(item.sql);
    } catch (err) {
      errors.set(item.name, `${err.code ?? err.errno ?? ''} ${err.message}`.trim());
      if (item.dropOnError) dropped.add(item.name);
      else if (!item.mayFail) throw err;
    }
  };
  return {
    spec,
    errors,
    async poll(slow) {
      if (!conn) {
        conn = await connect();
        for (const item of spec.once) await run(item);
      }
      for (const item of spec.fast) await run(item);
      if (slow) for (const item of spec.slow) await run(item);
    },
    async close() {
      await conn?.end().catch(() => undefined);
      conn = null;
    },
  };
}

/** CPU time and run-queue wait (ns) of one OS thread, from /proc/<tid>/schedstat; null where unreadable. */
function schedstat(tid) {
  if (!tid) return null;
  try {
    const [run, wait] = fs.readFileSync(`/proc/${tid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return { run, wait };
  } catch {
    return null;
  }
}

/** Adds the server thread's CPU and run-queue wait between two readings to a poll's delta. */
function addSched(d, before, after) {
  d.serverCpuMs = before && after ? (after.run - before.run) / 1e6 : null;
  d.runQueueMs = before && after ? (after.wait - before.wait) / 1e6 : null;
  return d;
}

const statementName = (query) => /\/\* (?:opsdeck|bench) ([a-z0-9_.]+) \*\//.exec(query)?.[1] ?? query.replace(/\s+/g, ' ').slice(0, 40);

/** pg_stat_statements of the given roles, read on the superuser's own session. */
export function pgCounters(admin, roles) {
  const sql = `SELECT r.rolname AS role, s.dbid::text || ':' || s.queryid::text AS key, s.calls::float8 AS calls,
                      s.total_exec_time AS exec_ms, s.total_plan_time AS plan_ms, s.max_exec_time AS max_ms, s.query
               FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
               WHERE r.rolname = ANY($1)`;
  const backends = new Map();
  return {
    /** The backend process of each role's one connection (PostgreSQL runs a process per connection). */
    async attach() {
      for (const row of (await admin.query('SELECT usename AS role, pid FROM pg_stat_activity WHERE usename = ANY($1)', [roles])).rows) backends.set(row.role, row.pid);
    },
    async read() {
      const out = new Map(roles.map((r) => [r, new Map()]));
      for (const row of (await admin.query(sql, [roles])).rows) out.get(row.role).set(row.key, { ...row, name: statementName(row.query) });
      out.sched = new Map(roles.map((r) => [r, schedstat(backends.get(r))]));
      return out;
    },
    /** Deletes the roles' entries, so max_exec_time covers the measured polls only. */
    async reset() {
      for (const role of roles) await admin.query('SELECT pg_stat_statements_reset((SELECT oid FROM pg_roles WHERE rolname = $1))', [role]);
    },
    delta(beforeAll, afterAll, role) {
      const [before, after] = [beforeAll.get(role), afterAll.get(role)];
      const d = { statements: 0, execMs: 0, planMs: 0, byName: new Map() };
      for (const [key, a] of after) {
        const b = before.get(key) ?? { calls: 0, exec_ms: 0, plan_ms: 0 };
        const calls = a.calls - b.calls;
        if (calls <= 0) continue;
        const execMs = a.exec_ms - b.exec_ms;
        d.statements += calls;
        d.execMs += execMs;
        d.planMs += a.plan_ms - b.plan_ms;
        const n = d.byName.get(a.name) ?? { calls: 0, execMs: 0 };
        d.byName.set(a.name, { calls: n.calls + calls, execMs: n.execMs + execMs });
      }
      return addSched(d, beforeAll.sched.get(role), afterAll.sched.get(role));
    },
    maxMs: (snapshot, role) => Math.max(0, ...[...snapshot.get(role).values()].map((e) => e.max_ms)),
  };
}

// MariaDB's digest texts drop the /* opsdeck ... */ markers: OpsDeck's statements by their shape.
const MY_DIGEST_NAMES = [
  [/`?LOWER`? \( `VARIABLE_NAME` \)/, 'my.status'],
  [/^SELECT `p` \. `ID`/, 'my.processlist'],
  [/trx_mysql_thread_id/, 'my.lock_waits'],
  [/^SELECT SCHEMA_NAME AS SCHEMA_NAME , `DIGEST`/, 'my.statements'],
  [/^SELECT `DIGEST` AS `digest` , LEFT/, 'my.statement_texts'],
];
const digestName = (text) => MY_DIGEST_NAMES.find(([re]) => re.test(text))?.[1] ?? text.trim();

/**
 * performance_schema statement timers of the given users, read by the admin. Per statement: the
 * digest summary has no user column, so a poll's statements are the digests that moved during it,
 * less the background load's (schema appdb) and the admin's own reads (marked bench_*).
 */
export function myCounters(admin, users) {
  const byUser = `SELECT USER AS bench_user, EVENT_NAME AS event, COUNT_STAR AS calls, SUM_TIMER_WAIT AS ps, MAX_TIMER_WAIT AS max_ps, SUM_ERRORS AS errors
                  FROM performance_schema.events_statements_summary_by_user_by_event_name
                  WHERE USER IN (?) AND COUNT_STAR > 0`;
  // The summary's key is (schema, digest): the same statement from another default schema is another row.
  const byDigest = `SELECT CONCAT(IFNULL(SCHEMA_NAME, ''), ':', DIGEST) AS bench_digest, LEFT(DIGEST_TEXT, 70) AS text,
                           INSTR(DIGEST_TEXT, 'bench_') > 0 AS admin, COUNT_STAR AS calls, SUM_TIMER_WAIT AS ps
                    FROM performance_schema.events_statements_summary_by_digest
                    WHERE DIGEST IS NOT NULL AND (SCHEMA_NAME IS NULL OR SCHEMA_NAME <> 'appdb')`;
  const threads = new Map();
  return {
    /** The OS thread serving each user's one connection (MariaDB runs a thread per connection). */
    async attach() {
      const [rows] = await admin.query('SELECT PROCESSLIST_USER AS bench_user, THREAD_OS_ID AS tid FROM performance_schema.threads WHERE PROCESSLIST_USER IN (?)', [users]);
      for (const r of rows) threads.set(r.bench_user, Number(r.tid));
    },
    async read() {
      const out = new Map(users.map((u) => [u, new Map()]));
      out.sched = new Map(users.map((u) => [u, schedstat(threads.get(u))]));
      const [rows] = await admin.query(byUser, [users]);
      for (const r of rows) out.get(r.bench_user).set(r.event, { calls: Number(r.calls), ps: Number(r.ps), max_ps: Number(r.max_ps), errors: Number(r.errors) });
      const digests = new Map();
      for (const r of (await admin.query(byDigest))[0]) {
        if (!Number(r.admin)) digests.set(r.bench_digest, { calls: Number(r.calls), ps: Number(r.ps), text: digestName((r.text ?? '').replace(/\s+/g, ' ')) });
      }
      out.digests = digests;
      return out;
    },
    /** Zeroes the summaries (and their maxima) of connected users, so the maxima cover the measured polls. */
    async reset() {
      await admin.query('TRUNCATE TABLE performance_schema.events_statements_summary_by_user_by_event_name');
    },
    /** `window`: the reading just before this poll, for the digests (which have no user column). */
    delta(before, after, role, window = before) {
      const d = { statements: 0, execMs: 0, planMs: null, errors: 0, byName: new Map() };
      for (const [event, a] of after.get(role)) {
        const b = before.get(role).get(event) ?? { calls: 0, ps: 0, errors: 0 };
        const calls = a.calls - b.calls;
        if (calls <= 0) continue;
        d.statements += calls;
        d.execMs += (a.ps - b.ps) / 1e9;
        d.errors += a.errors - b.errors;
      }
      for (const [digest, a] of after.digests) {
        const b = window.digests.get(digest) ?? { calls: 0, ps: 0 };
        if (a.calls <= b.calls) continue;
        const n = d.byName.get(a.text) ?? { calls: 0, execMs: 0 };
        d.byName.set(a.text, { calls: n.calls + a.calls - b.calls, execMs: n.execMs + (a.ps - b.ps) / 1e9 });
      }
      return addSched(d, window.sched.get(role), after.sched.get(role));
    },
    maxMs: (snapshot, role) => Math.max(0, ...[...snapshot.get(role).values()].map((e) => e.max_ps / 1e9)),
  };
}

/**
 * Polls every tool `polls` times in rounds (one poll of each tool per round, so all see the same
 * background), after one warm-up poll each (connect, caches, first statement texts). OpsDeck's
 * collector decides its slow polls from a clock that advances 10 s per poll (the kind's default
 * interval), so every 6th poll is slow as with the real 60 s slow cadence; the other tools do
 * their slow statements on the same polls.
 */
export async function measureServerCost({ tools, counters, polls, slowEvery }) {
  const results = tools.map((t) => ({ ...t, polls: [], failures: [] }));
  for (const r of results) await r.poll(0, true);
  await counters.attach();
  await counters.reset();
  // Each role's deltas run from the reading after its own previous poll: MariaDB can add a
  // statement to its summary a moment after the client got the result, and that statement must
  // land in this role's next poll, not in the gap while another tool polls.
  let snap = await counters.read();
  const since = new Map(results.map((r) => [r.role, snap]));
  for (let i = 1; i <= polls; i++) {
    for (const r of results) {
      const slow = i % slowEvery === 0;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      let failed = null;
      try {
        await r.poll(i, slow);
      } catch (err) {
        failed = `${err.code ?? ''} ${err.message}`.trim();
        r.failures.push(failed);
      }
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const previous = snap;
      snap = await counters.read();
      const d = counters.delta(since.get(r.role), snap, r.role, previous);
      since.set(r.role, snap);
      r.polls.push({ i, slow, wallMs, clientCpuMs: (cpu.user + cpu.system) / 1000, failed, ...d });
    }
  }
  for (const r of results) r.maxStatementMs = counters.maxMs(snap, r.role);
  return results;
}

const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] : null);
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const maxOf = (xs) => (xs.length ? Math.max(...xs) : null);

/** Per tool: fast, slow and all polls; per statement name; per minute at the tool's own cadence. */
export function summarize(result) {
  const fast = result.polls.filter((p) => !p.slow);
  const slow = result.polls.filter((p) => p.slow);
  const part = (ps) => ({
    n: ps.length,
    statements: mean(ps.map((p) => p.statements)),
    statementsMax: maxOf(ps.map((p) => p.statements)),
    execMs: mean(ps.map((p) => p.execMs)),
    execMsMax: maxOf(ps.map((p) => p.execMs)),
    planMs: ps.length && ps[0].planMs !== null ? mean(ps.map((p) => p.planMs)) : null,
    /** Execution plus planning (PostgreSQL with track_planning): all the server's time for the poll's statements. */
    serverMs: mean(ps.map((p) => p.execMs + (p.planMs ?? 0))),
    serverMsMax: maxOf(ps.map((p) => p.execMs + (p.planMs ?? 0))),
    serverMsMedian: median(ps.map((p) => p.execMs + (p.planMs ?? 0))),
    serverCpuMs: ps.some((p) => p.serverCpuMs === null) ? null : mean(ps.map((p) => p.serverCpuMs)),
    runQueueMs: ps.some((p) => p.runQueueMs === null) ? null : mean(ps.map((p) => p.runQueueMs)),
    wallMs: mean(ps.map((p) => p.wallMs)),
    clientCpuMs: mean(ps.map((p) => p.clientCpuMs)),
  });
  const byName = new Map();
  for (const p of result.polls) for (const [name, s] of p.byName) {
    const n = byName.get(name) ?? { calls: 0, execMs: 0 };
    byName.set(name, { calls: n.calls + s.calls, execMs: n.execMs + s.execMs });
  }
  const f = part(fast);
  const s = part(slow);
  const c = result.cadence;
  const perMinute = c && f.n && s.n
    ? (() => {
        const pollsPerMin = 60 / c.intervalS;
        const slowPerMin = 60 / c.slowEveryS;
        return {
          pollsPerMin,
          statements: (pollsPerMin - slowPerMin) * f.statements + slowPerMin * s.statements,
          serverMs: (pollsPerMin - slowPerMin) * f.serverMs + slowPerMin * s.serverMs,
        };
      })()
    : null;
  return { fast: f, slow: s, all: part(result.polls), byName, perMinute, errors: result.polls.reduce((a, p) => a + (p.errors ?? 0), 0) };
}
