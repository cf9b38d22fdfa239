// Parts B and C: the engine's CPU and RSS per database check (engine-worker.mjs, one process per
// row), directly and through real sshd logins, with the sshd's own count of logins.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_CONNECTIONS } from './servers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

/** One engine process for one row; `hooks` run while it waits at hosts-ready and after it measured. */
function runEngine(env, opts, hooks = {}) {
  // --expose-gc: each window starts after a full collection, so start-up garbage is not billed to it.
  const child = fork(path.join(here, 'engine-worker.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--expose-gc'] });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-db-'));
  return new Promise((resolve, reject) => {
    let result = null;
    child.on('message', async (m) => {
      try {
        if (m.type === 'hosts-ready') {
          await hooks.hostsReady?.();
          child.send({ type: 'continue' });
        } else if (m.type === 'measured') {
          result = { ...m.result, ...(await hooks.measured?.()) };
          child.send({ type: 'stop' });
        } else if (m.type === 'stopped') {
          resolve(result);
        } else if (m.type === 'error') reject(new Error(m.message));
      } catch (err) {
        child.kill();
        reject(err);
      }
    });
    child.once('exit', (code) => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (code) reject(new Error(`engine worker exited ${code}`));
    });
    // "This computer" is polled hourly, so its own poll stays out of every window.
    child.send({ type: 'run', piecesUrl: env.piecesUrl, dataDir, localIntervalMs: 3_600_000, intervalMs: env.intervalMs, windowMs: env.windowMs, hosts: [], checks: [], ...opts });
  });
}

function checkMakers(env) {
  const pgPrimary = env.pgc.cluster.primary;
  const myPrimary = env.myc.cluster.primary;
  const { cpu: pgRole } = env.pgc.roles;
  const { cpu: myUser } = env.myc.users;
  const count = async (server, sql, params) => Number((await server.query(sql, params))[0].n);
  return {
    postgres: {
      make: (viaHost = null) => ({ kind: 'postgres', viaHost, secret: pgRole.password, config: { address: '127.0.0.1', port: pgPrimary.port, database: 'appdb', user: pgRole.user } }),
      own: () => count(pgPrimary, 'SELECT count(*) AS n FROM pg_stat_activity WHERE usename = $1', [pgRole.user]),
      all: () => count(pgPrimary, "SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'client backend'"),
      floor: { host: '127.0.0.1', port: pgPrimary.port, user: pgRole.user, password: pgRole.password, database: 'appdb' },
    },
    mysql: {
      make: (viaHost = null) => ({ kind: 'mysql', viaHost, secret: myUser.password, config: { address: '127.0.0.1', port: myPrimary.port, user: myUser.user } }),
      own: () => count(myPrimary, 'SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = ?', [myUser.user]),
      all: () => count(myPrimary, "SELECT VARIABLE_VALUE AS n FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'THREADS_CONNECTED'"),
    },
  };
}

export async function runPartB(env) {
  console.log(`\n[B] engine with 0, ${env.checks.join(', ')} checks per kind, every check every ${env.intervalMs / 1000} s, ${env.windowMs / 1000} s window ...`);
  const makers = checkMakers(env);
  const rows = [];
  const baseline = await runEngine(env, {});
  rows.push({ ...baseline, kind: '-' });
  const kinds = ['postgres', ...(env.mysqlInEngine ? ['mysql'] : [])];
  for (const kind of kinds) {
    const m = makers[kind];
    const connections = async () => ({ serverConnections: `${await m.own()} own, ${await m.all()} of ${MAX_CONNECTIONS} in all` });
    for (const k of env.checks) {
      const r = await runEngine(env, { checks: Array.from({ length: k }, () => m.make()) }, { measured: connections });
      rows.push({ ...r, kind, through: 'direct TCP' });
      console.log(`  ${k} ${kind} checks done (${Math.round((Date.now() - env.started) / 1000)} s, load ${load()})`);
    }
    if (m.floor) {
      // The floor: as many bare pg clients sending the kind's fast statements, no engine.
      const k = Math.max(...env.checks);
      const r = await runEngine(env, { floor: { count: k, connection: m.floor } }, { measured: connections });
      rows.push({ ...r, kind, through: 'bare pg clients, the kind\'s fast statements, no engine (floor)', floor: true });
    }
  }
  if (!env.mysqlInEngine) console.log('  MariaDB rows skipped: no mysql kind in the engine registry on this commit (the stand-in statements are not engine code).');
  return { rows, baseline };
}

export async function runPartC(env) {
  const { tunnelHosts: hosts, tunnelChecks: perHost } = env;
  console.log(`\n[C] ${hosts} SSH hosts (a real sshd each), ${perHost} database checks through each host's login ...`);
  const makers = checkMakers(env);
  const sshds = [];
  try {
    for (let i = 0; i < hosts; i++) sshds.push(await env.P.startSshd());
    const checks = [];
    for (let h = 0; h < hosts; h++) for (let c = 0; c < perHost; c++) checks.push(env.mysqlInEngine && c % 2 === 1 ? makers.mysql.make(h) : makers.postgres.make(h));
    const accepted = () => sshds.map((s) => s.countAccepted());
    let atHostsReady = null;
    const r = await runEngine(
      env,
      { hosts: sshds.map((s, i) => ({ name: `db host ${i + 1}`, address: s.host, port: s.port, user: s.user, keyPath: s.clientKey.privatePath, intervalMs: 5_000 })), checks },
      {
        hostsReady: async () => (atHostsReady = accepted()),
        measured: async () => {
          const pgSessions = await makers.postgres.own();
          const mySessions = env.mysqlInEngine ? await makers.mysql.own() : 0;
          return { acceptedAtHostsReady: atHostsReady, acceptedAtEnd: accepted(), sessions: pgSessions + mySessions, serverConnections: `${pgSessions + mySessions} own` };
        },
      },
    );
    const row = { ...r, kind: env.mysqlInEngine ? 'postgres + mysql' : 'postgres', through: `SSH, ${hosts} hosts (their own host polls every 5 s included)` };
    const total = row.acceptedAtEnd.reduce((a, b) => a + b, 0);
    const extra = total - row.acceptedAtHostsReady.reduce((a, b) => a + b, 0);
    const summary =
      `SSH logins (sshd "Accepted" lines, per sshd): ${row.acceptedAtHostsReady.join(' + ')} once the hosts were polled, ${row.acceptedAtEnd.join(' + ')} after ` +
      `${row.checks} database checks polled ${row.polls} times through them in the window; ${row.sessions} database sessions of the checks (one each).`;
    // An extra login is a finding: show what each sshd logged about its sessions.
    const sshdNotes = extra > 0 ? sshds.map((sd, i) => `sshd ${i + 1}:\n${sd.log().split('\n').slice(-40).join('\n')}`).join('\n') : null;
    const target = { target: 'Zero extra SSH logins for tunnelled databases', measured: `${total} logins for ${row.hosts} hosts carrying ${row.checks} database checks (${extra} extra); ${row.failed} failed polls`, met: extra === 0 && total === row.hosts && row.failed === 0 };
    return { row, summary: sshdNotes ? `${summary}\n${sshdNotes}` : summary, target };
  } finally {
    for (const s of sshds) await s.stop().catch(() => undefined);
  }
}
