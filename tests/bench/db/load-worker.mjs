// Background load in its own process (so its CPU is not the polling process's): a few sessions
// per server, each running small reads and writes on the 200-table database with a short pause,
// until told to stop; then it reports how many statements it ran.
import mysql from 'mysql2/promise';
import pg from 'pg';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let stopping = false;
const counts = { pg: 0, my: 0 };

async function pgSession(cfg, seed) {
  const c = new pg.Client({ host: '127.0.0.1', port: cfg.port, user: cfg.user, password: cfg.password, database: cfg.database, application_name: 'app-load' });
  c.on('error', () => undefined);
  await c.connect();
  for (let i = seed; !stopping; i++) {
    const t = (i % cfg.tables) + 1;
    if (i % 5 === 0) await c.query(`UPDATE app_t${t} SET v = v + 1 WHERE id = $1`, [(i % 20) + 1]);
    else await c.query(`SELECT count(*) FROM app_t${t} WHERE v > $1`, [i % 20]);
    counts.pg++;
    await sleep(cfg.pauseMs);
  }
  await c.end();
}

async function mySession(cfg, seed) {
  const c = await mysql.createConnection({ host: '127.0.0.1', port: cfg.port, user: cfg.user, password: cfg.password, database: cfg.database, connectAttributes: { program_name: 'app-load' } });
  c.on('error', () => undefined);
  for (let i = seed; !stopping; i++) {
    const t = (i % cfg.tables) + 1;
    if (i % 5 === 0) await c.query(`UPDATE app_t${t} SET v = v + 1 WHERE id = ?`, [(i % 20) + 1]);
    else await c.query(`SELECT COUNT(*) FROM app_t${t} WHERE v > ?`, [i % 20]);
    counts.my++;
    await sleep(cfg.pauseMs);
  }
  await c.end();
}

process.on('message', async (msg) => {
  if (msg.type === 'start') {
    const started = performance.now();
    const sessions = [];
    for (let s = 0; s < msg.sessions; s++) {
      if (msg.pg) sessions.push(pgSession(msg.pg, s * 37));
      if (msg.my) sessions.push(mySession(msg.my, s * 37));
    }
    process.send({ type: 'started' });
    const settled = await Promise.allSettled(sessions);
    const failed = settled.filter((r) => r.status === 'rejected').map((r) => String(r.reason?.message ?? r.reason));
    const seconds = (performance.now() - started) / 1000;
    process.send({ type: 'stopped', pgPerSecond: counts.pg / seconds, myPerSecond: counts.my / seconds, failed });
    process.exit(0);
  }
  if (msg.type === 'stop') stopping = true;
});
