// npm run bench:store — the history store at fleet size, reported (never asserted), each figure
// beside a baseline measured in the same run. Four parts:
//   A. live writing: N hosts every 5 s through the real store (simulated clock, real SQLite file),
//      the engine's 2 s flush; every ingest/flush call timed (the loop is blocked for exactly that
//      long), the WAL size after each, with a reader thread querying on its own connection.
//   B. 7-day chart: 7 days of 1-minute rollups generated for H hosts, then the engine's 7-day
//      query of one host; baseline: the same query on a file with one host's history.
//   C. growth per host per day: bytes per table (dbstat) after part A, per host and simulated day.
//   D. retention keeps the file flat: a small fleet with short windows, file size per window.
//   OPSDECK_STORE_HOSTS=5000  OPSDECK_STORE_MINUTES=3  OPSDECK_STORE_HISTORY_HOSTS=5000
//   OPSDECK_STORE_HISTORY_KEYS=2 (charted series per host with 7-day history)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const HOSTS = Number(process.env.OPSDECK_STORE_HOSTS ?? 5000);
const MINUTES = Number(process.env.OPSDECK_STORE_MINUTES ?? 3);
const HISTORY_HOSTS = Number(process.env.OPSDECK_STORE_HISTORY_HOSTS ?? 5000);
const HISTORY_KEYS = Number(process.env.OPSDECK_STORE_HISTORY_KEYS ?? 2);
const INTERVAL_MS = 5_000;
const FLUSH_EVERY_MS = 2_000;
const DAY_MS = 86_400_000;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const tmp = (p) => fs.mkdtempSync(path.join(os.tmpdir(), `opsdeck-bench-store-${p}-`));
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const f1 = (n) => (n === undefined ? '—' : n.toFixed(1));
const mb = (b) => (b / 2 ** 20).toFixed(1);

async function pieces() {
  const outDir = path.join(root, 'node_modules/.cache/opsdeck-bench-store');
  await build({ configFile: false, logLevel: 'warn', root, build: { ssr: path.join(here, 'pieces.ts'), outDir, emptyOutDir: true, target: 'node22', minify: false, rollupOptions: { output: { format: 'es', entryFileNames: 'pieces.mjs' } } } });
  return import(pathToFileURL(path.join(outDir, 'pieces.mjs')).href);
}

const fileSize = (file) => { try { return fs.statSync(file).size; } catch { return 0; } };
const pct = (s, p) => s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))] ?? 0;

/** A: the live write path. Returns call timings, WAL peak, and the store's path. */
async function liveWrite(P, hosts, minutes, keys, withReader, mode) {
  const dir = tmp('live');
  const clock = new P.FakeClock(Date.UTC(2026, 11, 1, 0, 0, 30));
  const store = P.openStore({ dataDir: dir, clock, logger: P.nullLogger });
  const ids = Array.from({ length: hosts }, (_, i) => `host-${i}`);
  const reader = withReader ? new Worker(path.join(here, 'reader-worker.mjs'), { workerData: { file: store.path, hosts } }) : null;
  if (reader) await new Promise((r) => reader.once('message', r));
  const ingestMs = [];
  const flushMs = [];
  const drainMs = [];
  let walPeak = 0;
  let rows = 0;
  const cpu0 = process.cpuUsage();
  const wall0 = process.hrtime.bigint();
  const steps = (minutes * 60_000) / 100; // 100 ms of simulated time per step
  for (let step = 0; step < steps; step++) {
    const now = clock.now();
    // Every host once per 5 s, spread evenly (the scheduler's jitter).
    const perStep = hosts / (INTERVAL_MS / 100);
    const first = Math.floor((step % (INTERVAL_MS / 100)) * perStep);
    for (let h = first; h < Math.min(hosts, Math.floor(first + perStep)); h++) {
      const values = keys.map((k, j) => [k, (h * 7 + j * 13 + step) % 100]);
      const t0 = process.hrtime.bigint();
      store.ingest(ids[h], now, values);
      ingestMs.push(ms(t0));
      rows += values.length;
    }
    if (now % FLUSH_EVERY_MS < 100) {
      if (mode === 'drain') {
        // The engine's 2 s job: short writes with a turn of the loop between them. The loop's
        // delay histogram (1 ms resolution) sees each write as one block.
        const delay = monitorEventLoopDelay({ resolution: 1 });
        delay.enable();
        const t0 = process.hrtime.bigint();
        await store.drain();
        delay.disable();
        drainMs.push(ms(t0));
        if (delay.count > 0) flushMs.push(delay.max / 1e6);
      } else {
        const t0 = process.hrtime.bigint();
        store.flush();
        flushMs.push(ms(t0));
      }
      walPeak = Math.max(walPeak, fileSize(`${store.path}-wal`));
    }
    walPeak = Math.max(walPeak, fileSize(`${store.path}-wal`));
    clock.advance(100);
    // Lets the reader thread's messages and the event loop run, as the engine's loop would.
    if (step % 10 === 0) await new Promise((r) => setImmediate(r));
  }
  const cpu = process.cpuUsage(cpu0);
  const wall = ms(wall0);
  const readerStats = reader ? await new Promise((r) => { reader.once('message', r); reader.postMessage('stop'); }) : null;
  await reader?.terminate();
  const calls = [...ingestMs, ...flushMs].sort((a, b) => a - b);
  const flushes = [...flushMs].sort((a, b) => a - b);
  return { store, dir, clock, rows, wall, cpuMs: (cpu.user + cpu.system) / 1000, longestCall: calls.at(-1), callP99: pct(calls, 99), flushP50: pct(flushes, 50), flushMax: flushes.at(-1), ingestMax: Math.max(...ingestMs), drainMax: drainMs.length ? Math.max(...drainMs) : 0, walPeak, readerStats, simMs: minutes * 60_000 };
}

function tableBytes(file) {
  const db = new Database(file, { readonly: true });
  try {
    // Raw readings: the chunk rows and their (start_ts, series_id) index.
    const rows = db.prepare("SELECT CASE name WHEN 'sqlite_autoindex_sample_chunks_1' THEN 'sample_chunks' ELSE name END AS name, SUM(pgsize) AS bytes FROM dbstat WHERE name IN ('sample_chunks', 'sqlite_autoindex_sample_chunks_1', 'rollups_1m', 'series') GROUP BY 1").all();
    return Object.fromEntries(rows.map((r) => [r.name, r.bytes]));
  } finally {
    db.close();
  }
}

/** B: 7 days of 1-minute rollups for `hosts` hosts, then the engine's 7-day query. */
function sevenDayChart(P, hosts, keyCount) {
  const dir = tmp('history');
  const now = Date.UTC(2026, 11, 8);
  const clock = new P.FakeClock(now);
  let store = P.openStore({ dataDir: dir, clock, logger: P.nullLogger });
  const keys = P.HISTORY_METRIC_KEYS.slice(0, keyCount);
  // Series rows through the store itself, then history straight into the table it reads.
  for (let h = 0; h < hosts; h++) store.ingest(`host-${h}`, now - 1000, keys.map((k) => [k, 1]));
  store.flush();
  store.close();
  const db = new Database(store.path);
  db.pragma('journal_mode = WAL');
  const t0 = process.hrtime.bigint();
  const series = db.prepare('SELECT id FROM series ORDER BY id').pluck().all();
  const insert = db.prepare(`
    WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < 10079)
    INSERT OR REPLACE INTO rollups_1m (series_id, minute_ts, avg, min, max, count)
    SELECT @id, @from + i * 60000, (i % 100) * 1.0, (i % 100) * 0.5, (i % 100) * 1.5, 12 FROM m`);
  const from = Math.floor((now - 7 * DAY_MS) / 60_000) * 60_000;
  for (let i = 0; i < series.length; i += 200) db.transaction(() => { for (const id of series.slice(i, i + 200)) insert.run({ id, from }); })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const genS = ms(t0) / 1000;
  store = P.openStore({ dataDir: dir, clock, logger: P.nullLogger });
  const q = (targetId) => store.querySeries({ targetId, range: '7d', keys });
  q('host-0'); // statements prepared, like any engine after its first chart
  const times = [];
  let points = 0;
  for (let i = 0; i < 21; i++) {
    const target = `host-${(i * 7919) % hosts}`;
    const t1 = process.hrtime.bigint();
    const r = q(target);
    times.push(ms(t1));
    points = r.series.reduce((n, s) => n + s.points.length, 0);
  }
  store.close();
  times.sort((a, b) => a - b);
  const file = fileSize(path.join(dir, 'opsdeck.db'));
  fs.rmSync(dir, { recursive: true, force: true });
  return { hosts, keys: keys.length, rows: series.length * 10080, genS, file, p50: pct(times, 50), max: times.at(-1), points };
}

/** D: a small fleet with short windows: the file should stop growing once retention deletes. */
async function retentionFlat(P) {
  const dir = tmp('retention');
  const clock = new P.FakeClock(Date.UTC(2026, 11, 1));
  const windowMs = 10 * 60_000;
  const store = P.openStore({ dataDir: dir, clock, logger: P.nullLogger, retention: { rawMs: windowMs, rollupMs: 2 * windowMs } });
  const keys = P.HISTORY_METRIC_KEYS;
  const sizes = [];
  for (let w = 0; w < 8; w++) {
    for (let t = 0; t < windowMs; t += INTERVAL_MS) {
      for (let h = 0; h < 100; h++) store.ingest(`h${h}`, clock.now(), keys.map((k, j) => [k, (h + j + t) % 100]));
      store.flush();
      clock.advance(INTERVAL_MS);
    }
    await store.runRetention();
    const db = new Database(store.path, { readonly: true });
    const pages = db.pragma('page_count', { simple: true });
    const free = db.pragma('freelist_count', { simple: true });
    db.close();
    sizes.push({ window: w + 1, fileMB: mb(fileSize(store.path)), usedMB: mb((pages - free) * 4096) });
  }
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return sizes;
}

async function main() {
  const P = await pieces();
  const keys = P.HISTORY_METRIC_KEYS;
  console.log(`bench:store  ${HOSTS} hosts x ${keys.length} stored series every 5 s, ${MINUTES} simulated minutes; ${os.cpus().length} cores; load before: ${load()}`);

  const modes = (process.env.OPSDECK_STORE_MODES ?? 'drain,flush').split(',');
  const results = [];
  // As long as the fleet's run, so both cross the same 2-minute chunk boundary.
  const base = await liveWrite(P, 50, MINUTES, keys, false, 'drain');
  base.store.close();
  fs.rmSync(base.dir, { recursive: true, force: true });
  results.push(['50 hosts, drain (baseline)', base]);
  let live;
  for (const mode of modes) {
    const r = await liveWrite(P, HOSTS, MINUTES, keys, true, mode);
    r.store.close();
    results.push([`${HOSTS} hosts, ${mode === 'drain' ? 'drain per 2 s (engine job)' : 'one flush() per 2 s, no yields'}`, r]);
    if (!live) live = r;
    else fs.rmSync(r.dir, { recursive: true, force: true });
  }
  const bytes = tableBytes(live.store.path);
  console.log('\nA. live writing. "longest write" = longest single blocking write (drain: event-loop delay max, 1 ms resolution; flush: the call)');
  console.log('| fleet | rows written | store CPU per simulated s | longest ingest call | write p50 | longest write | longest drain (wall, yields) | WAL peak | reader queries (p50 / max) |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const [name, r] of results) {
    const rs = r.readerStats ? `${r.readerStats.count} (${f1(r.readerStats.p50)} / ${f1(r.readerStats.max)} ms)` : '—';
    console.log(`| ${name} | ${r.rows} | ${f1(r.cpuMs / (r.simMs / 1000))} ms | ${f1(r.ingestMax)} ms | ${f1(r.flushP50)} ms | ${f1(r.flushMax)} ms | ${r.drainMax ? `${f1(r.drainMax)} ms` : '—'} | ${mb(r.walPeak)} MB | ${rs} |`);
  }

  const simDays = live.simMs / DAY_MS;
  const perHostDay = (b) => (b ?? 0) / HOSTS / simDays;
  console.log('\nC. growth per host per day (dbstat bytes after part A, scaled to a day)');
  console.log(`| table | per host per day | at default retention (raw 48 h, rollups 30 d) per host | ${HOSTS} hosts at default retention |`);
  console.log('|---|---|---|---|');
  const raw = perHostDay(bytes.sample_chunks);
  const roll = perHostDay(bytes.rollups_1m);
  console.log(`| sample_chunks (raw, 5 s, with index) | ${mb(raw)} MB | ${mb(raw * 2)} MB | ${(raw * 2 * HOSTS / 2 ** 30).toFixed(1)} GB |`);
  console.log(`| rollups_1m | ${mb(roll)} MB | ${mb(roll * 30)} MB | ${(roll * 30 * HOSTS / 2 ** 30).toFixed(1)} GB |`);
  fs.rmSync(live.dir, { recursive: true, force: true });

  console.log('\nB. 7-day chart of one host from rollups (engine query, warm statements; 10-minute averages)');
  console.log('| file | rollup rows | file size | generated in | query p50 | query max | points |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, h] of [['1 host (baseline)', 1], [`${HISTORY_HOSTS} hosts`, HISTORY_HOSTS]]) {
    const r = sevenDayChart(P, h, HISTORY_KEYS);
    console.log(`| ${name}, ${r.keys} series each | ${r.rows} | ${mb(r.file)} MB | ${f1(r.genS)} s | ${f1(r.p50)} ms | ${f1(r.max)} ms | ${r.points} |`);
  }

  console.log('\nD. retention holds the file flat (100 hosts, raw kept 10 min, rollups 20 min, retention after every 10 min)');
  console.log('| after window | file | pages in use |');
  console.log('|---|---|---|');
  for (const s of await retentionFlat(P)) console.log(`| ${s.window} | ${s.fileMB} MB | ${s.usedMB} MB |`);
  console.log(`\nload after: ${load()} (1/5/15 min)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
