// Part B/C: the engine's own cost per database check, in its own process so its CPU and RSS are
// its own. The real engine (createEngine: scheduler, TargetMonitor, rules, SQLite store, checks
// module), K checks added with saveCheck, each its own connection; optionally through servers
// added with saveHost whose SSH login carries the database streams (`via`). After every check has
// polled once plus one interval, process.cpuUsage() and RSS are measured over the window.
// `floor`: no engine, only K bare pg clients sending the kind's fast-cadence statements on the
// same interval and dropping the rows (the driver's share of the cost).
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let waiter = null;
process.on('message', (msg) => (msg.type === 'run' ? main(msg).catch(fail) : waiter?.(msg)));
const ask = (msg) => new Promise((resolve) => ((waiter = resolve), process.send(msg)));
const fail = (err) => {
  process.send({ type: 'error', message: err?.stack ?? String(err) });
  process.exit(1);
};

async function until(what, check, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const isFresh = (s) => !s.reasons.some((r) => r.code === 'DOWN' || r.code === 'COLLECT_FAILED' || r.code === 'STALE');

/** K pg clients polling the kind's fast statements every interval; returns how to count and stop them. */
async function startFloor(P, floor, intervalMs) {
  const statements = [P.PG_SQL.overview, P.PG_SQL.activity, P.PG_SQL.databases, P.PG_SQL.replication];
  const stats = { fresh: 0, failed: 0, counting: false };
  const clients = [];
  for (let i = 0; i < floor.count; i++) {
    const c = new pg.Client({ ...floor.connection, application_name: 'opsdeck-floor', statement_timeout: 2_000 });
    c.on('error', () => undefined);
    await c.connect();
    clients.push(c);
  }
  let stopped = false;
  const loops = clients.map(async (c, i) => {
    await sleep((i * intervalMs) / clients.length);
    while (!stopped) {
      const t0 = Date.now();
      try {
        for (const sql of statements) await c.query(sql);
        if (stats.counting) stats.fresh++;
      } catch {
        if (stats.counting) stats.failed++;
      }
      await sleep(Math.max(0, intervalMs - (Date.now() - t0)));
    }
  });
  return { stats, stop: async () => ((stopped = true), await Promise.all(loops), await Promise.all(clients.map((c) => c.end()))) };
}

async function measureFloor(P, opts) {
  const floor = await startFloor(P, opts.floor, opts.intervalMs);
  await sleep(Math.max(opts.intervalMs, 3_000));
  const w = await window(opts, () => (floor.stats.counting = true), () => (floor.stats.counting = false));
  const result = { checks: opts.floor.count, hosts: 0, ...w, polls: floor.stats.fresh, failed: floor.stats.failed, errors: [] };
  await ask({ type: 'measured', result });
  await floor.stop();
  process.send({ type: 'stopped' });
  process.exit(0);
}

/** CPU, RSS and event-loop lag of this process over one window. */
async function window(opts, start, end) {
  globalThis.gc?.();
  const eld = monitorEventLoopDelay({ resolution: 10 });
  let peakRss = process.memoryUsage.rss();
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 250);
  start();
  eld.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(opts.windowMs);
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t0;
  end();
  eld.disable();
  clearInterval(rssTimer);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.memoryUsage.rss() / 2 ** 20, peakRssMb: peakRss / 2 ** 20, eldP99Ms: eld.percentile(99) / 1e6 };
}

async function main(opts) {
  const P = await import(opts.piecesUrl);
  if (opts.floor) return measureFloor(P, opts);
  // OPSDECK_DB_DEBUG=1: the engine's warnings and errors of each row go to stderr when it ends.
  const logger = process.env.OPSDECK_DB_DEBUG ? new P.MemoryLogger() : P.nullLogger;
  const engine = P.createEngine({ dataDir: opts.dataDir, host: 'serve', logger, secrets: P.memorySecretStore('bench'), knownHostsFile: null, intervalMs: opts.localIntervalMs });
  await engine.start();
  // Every row starts from the same quiet engine: this computer polled, the features module loaded.
  await engine.localPolled(10_000);
  await engine.api.listChecks();
  const hostIds = [];
  for (const h of opts.hosts) {
    const host = await engine.api.saveHost({ name: h.name, address: h.address, port: h.port, user: h.user, auth: { method: 'key', keyPath: h.keyPath }, hostKeyPolicy: 'accept-new', intervalMs: h.intervalMs });
    hostIds.push(host.id);
  }
  if (hostIds.length > 0) {
    await until('the SSH hosts to connect', async () => {
      const { hosts } = await engine.api.listInventory();
      return hostIds.every((id) => hosts.find((x) => x.id === id)?.connection.state === 'ok');
    }, 60_000);
    await ask({ type: 'hosts-ready' });
  }

  const seen = new Map(); // targetId -> { fresh, failed, lastError }
  let counting = false;
  engine.api.onDidSample(({ snapshot }) => {
    const s = seen.get(snapshot.targetId);
    if (!s) return;
    if (isFresh(snapshot)) {
      s.everFresh = true;
      if (counting) s.fresh++;
    } else {
      s.lastError = snapshot.reasons[0]?.errorCode ?? snapshot.reasons[0]?.code;
      if (counting) s.failed++;
    }
  });
  for (const [i, c] of opts.checks.entries()) {
    const via = c.viaHost === null ? null : hostIds[c.viaHost];
    const saved = await engine.api.saveCheck({ kind: c.kind, name: `${c.kind} ${i + 1}`, intervalMs: opts.intervalMs, config: { ...c.config, via }, secret: c.secret });
    seen.set(saved.id, { fresh: 0, failed: 0, everFresh: false, lastError: null });
  }
  if (opts.checks.length > 0 && hostIds.length === 0) {
    // Checks saved at run time start polling together; after a restart each starts at a random
    // point of its interval, as in a long-running install. Measure that (the SSH row keeps its
    // logins instead: a restart would log in again).
    await engine.stop();
    await engine.start();
    await engine.api.listChecks();
  }
  await until('every check to poll once', async () => [...seen.values()].every((s) => s.everFresh), 60_000).catch((err) => {
    const errors = [...new Set([...seen.values()].map((s) => s.lastError).filter(Boolean))];
    throw new Error(`${err.message} (errors: ${errors.join(', ') || 'none'})`);
  });
  await sleep(Math.max(opts.intervalMs, 3_000));

  for (const s of seen.values()) (s.fresh = 0), (s.failed = 0);
  const w = await window(opts, () => (counting = true), () => (counting = false));
  const counts = [...seen.values()];
  const result = {
    checks: opts.checks.length,
    hosts: opts.hosts.length,
    ...w,
    polls: counts.reduce((a, s) => a + s.fresh, 0),
    failed: counts.reduce((a, s) => a + s.failed, 0),
    errors: [...new Set(counts.map((s) => s.lastError).filter(Boolean))],
  };
  await ask({ type: 'measured', result });
  for (const r of logger.records ?? []) if (r.level !== 'debug' && !/^(check-saved|ssh-connected)$/.test(r.event)) console.error(`[engine ${new Date(r.ts).toISOString()}] ${r.level} ${r.event} ${JSON.stringify(r.fields ?? {})}`);
  await engine.stop();
  fs.rmSync(opts.dataDir, { recursive: true, force: true });
  process.send({ type: 'stopped' });
  process.exit(0);
}
