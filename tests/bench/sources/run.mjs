// npm run bench:sources — the engine with 5,000 Prometheus-fed hosts refreshed every 15 s against
// the same engine fed by 1,000 SSH hosts (bench:fleet's simulated sshds) in the same run: engine CPU
// and RSS over several polls, the time to a painted overview in Chromium, and the overview filter's
// answer time at 5,000. Reported, never asserted. See docs/bench-sources.md.
//   OPSDECK_SOURCES_PROM=5000  OPSDECK_SOURCES_SSH=1000  OPSDECK_SOURCES_INTERVAL_MS=15000
//   OPSDECK_SOURCES_SECONDS=60 (window: four polls)   OPSDECK_SOURCES_PROFILE=/tmp/prof (V8 CPU profile of the engine)
import { execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { generateKey } from '../fleet/fake-hosts.mjs';
import { typeAndTime, watchFirstScreen } from './page-probes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const PROM = Number(process.env.OPSDECK_SOURCES_PROM ?? 5000);
const SSH = Number(process.env.OPSDECK_SOURCES_SSH ?? 1000);
const INTERVAL_MS = Number(process.env.OPSDECK_SOURCES_INTERVAL_MS ?? 15_000);
const SECONDS = Number(process.env.OPSDECK_SOURCES_SECONDS ?? 60);
const CHROMIUM = process.env.OPSDECK_CHROMIUM ?? '/usr/bin/chromium';
const HOSTS_PER_WORKER = 250;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

function request(child, msg, reply) {
  return new Promise((resolve, reject) => {
    const onMsg = (m) => {
      if (m.type !== reply && m.type !== 'error') return;
      child.off('message', onMsg);
      child.off('exit', onExit);
      m.type === 'error' ? reject(new Error(m.message)) : resolve(m);
    };
    const onExit = (code) => reject(new Error(`child exited ${code}`));
    child.on('message', onMsg);
    child.once('exit', onExit);
    child.send(msg);
  });
}

async function buildPieces() {
  const outDir = path.join(root, 'node_modules/.cache/opsdeck-bench-sources');
  await build({ configFile: false, logLevel: 'warn', root, build: { ssr: path.join(here, 'pieces.ts'), outDir, emptyOutDir: true, target: 'node22', minify: false, rollupOptions: { output: { format: 'es', entryFileNames: 'pieces.mjs' } } } });
  return pathToFileURL(path.join(outDir, 'pieces.mjs')).href;
}

const forkQuiet = (file, execArgv = []) => fork(path.join(here, file), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });

/** bench:fleet's simulated sshds: 250 per worker process, at nice 10. */
async function startSshFleet(count, clientPublicKey) {
  const workers = [];
  for (let first = 0; first < count; first += HOSTS_PER_WORKER) {
    const child = fork(path.join(root, 'tests/bench/fleet/fake-hosts.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    workers.push({ child, started: request(child, { type: 'start', count: Math.min(HOSTS_PER_WORKER, count - first), firstIndex: first, clientPublicKey, fixturesDir: path.join(root, 'tests/fixtures/proc') }, 'started') });
  }
  const ports = [];
  for (const w of workers) ports.push(...(await w.started).ports);
  return { workers: workers.map((w) => w.child), ports };
}

/** Opens the console, times navigation to the first painted screen of tiles, optionally the filter. */
async function measurePage(browser, url, total, filterText) {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.addInitScript(watchFirstScreen, total);
  await page.goto(url);
  await page.waitForFunction(() => window.__firstScreen?.paintedMs, null, { timeout: 120_000, polling: 100 });
  const first = await page.evaluate(() => window.__firstScreen);
  const keys = filterText ? await page.evaluate(typeAndTime, filterText) : [];
  return { page, first, keys };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

async function runRow(browser, label, startMsg, total, filterText) {
  const profile = process.env.OPSDECK_SOURCES_PROFILE;
  const engine = forkQuiet('engine-worker.mjs', profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []);
  try {
    const ready = await request(engine, { type: 'start', ...startMsg, warmupTimeoutMs: 180_000 }, 'ready');
    console.log(`  ${label}: all hosts polled ${Math.round(ready.warmupMs / 1000)} s after adding them (load ${load()})`);
    const { page, first, keys } = await measurePage(browser, ready.consoleUrl, total, filterText);
    // The window runs with the console open: the engine also pays for sending every update to it.
    await new Promise((r) => setTimeout(r, INTERVAL_MS));
    const m = await request(engine, { type: 'measure', ms: SECONDS * 1000 }, 'measured');
    await page.close();
    return { label, ...m, first, keys, expectedUpdates: Math.floor((SECONDS * 1000) / INTERVAL_MS) };
  } finally {
    await request(engine, { type: 'stop' }, 'never').catch(() => {});
  }
}

function print(rows, promStats) {
  const f = (n, d = 1) => (n === null || n === undefined ? '-' : n.toFixed(d));
  console.log('\n| engine fed by | CPU % of one core (kernel %) | RSS peak MB | heap MB | event-loop lag p99 ms | hosts updated in window (min updates each / expected) | painted overview ms (DOM ms) | tiles in first screen |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.label} | ${f(r.cpuPct)} (${f(r.kernelPct)}) | ${f(r.rssPeakMB, 0)} | ${f(r.heapMB, 0)} | ${f(r.lagP99Ms)} | ${r.hostsUpdated} (${r.updatesMin} / ${r.expectedUpdates}) | ${f(r.first.paintedMs, 0)} (${f(r.first.domMs, 0)}) | ${r.first.tiles} |`);
  const [prom, ssh] = rows;
  if (prom && ssh) console.log(`\nRatios, Prometheus-fed / SSH-fed: CPU ${f(prom.cpuPct / ssh.cpuPct, 2)}x, RSS ${f(prom.rssPeakMB / ssh.rssPeakMB, 2)}x, painted overview ${f(prom.first.paintedMs / ssh.first.paintedMs, 2)}x; hosts ${PROM} vs ${SSH}.`);
  if (prom?.keys.length) {
    const ms = prom.keys.map((k) => k.ms).sort((a, b) => a - b);
    console.log(`\nOverview filter at ${PROM} hosts: ${ms.length} keystrokes, p50 ${f(pct(ms, 50))} ms, p95 ${f(pct(ms, 95))} ms, max ${f(ms.at(-1))} ms (${prom.keys.filter((k) => k.changed).length} changed the list)`);
    for (const k of prom.keys) console.log(`  "${k.value}": ${f(k.ms)} ms -> ${k.shown}`);
  }
  if (promStats) console.log(`\nGenerated Prometheus: ${promStats.queries} fleet queries answered, last answer ${(promStats.lastQueryBytes / 2 ** 20).toFixed(1)} MB, its loop lag p99 ${f(promStats.lagP99Ms)} ms, its CPU ${f(promStats.cpuMs / 1000)} s in all`);
  if (prom) {
    const filterMax = prom.keys.length ? Math.max(...prom.keys.map((k) => k.ms)) : null;
    console.log('\n| target (issue 14) | measured | met? |');
    console.log('|---|---|---|');
    console.log(`| ${PROM} Prometheus-fed hosts @${INTERVAL_MS / 1000} s: under 20 % of one core | ${f(prom.cpuPct)} % | ${prom.cpuPct < 20 ? 'yes' : 'no'} |`);
    console.log(`| ... and under 400 MB | ${f(prom.rssPeakMB, 0)} MB peak RSS | ${prom.rssPeakMB < 400 ? 'yes' : 'no'} |`);
    if (filterMax !== null) console.log(`| overview filter under 100 ms at that size | max ${f(filterMax)} ms over ${prom.keys.length} keystrokes | ${filterMax < 100 ? 'yes' : 'no'} |`);
  }
}

async function main() {
  const started = Date.now();
  console.log(`bench:sources ${new Date().toISOString()}: ${os.cpus().length} cores, Node ${process.version}, ${PROM} Prometheus-fed vs ${SSH} SSH hosts @${INTERVAL_MS / 1000} s, ${SECONDS} s windows, load ${load()}`);
  const rendererDir = process.env.OPSDECK_UI_RENDERER_DIR ?? path.join(root, 'out/renderer');
  if (!process.env.OPSDECK_UI_RENDERER_DIR && process.env.OPSDECK_UI_BUILD !== '0') execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
  const piecesUrl = await buildPieces();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const rows = [];
  let promStats = null;
  try {
    if (PROM > 0) {
      const prom = forkQuiet('prom-worker.mjs');
      try {
        const { url } = await request(prom, { type: 'start', piecesUrl, targets: PROM, intervalMs: INTERVAL_MS }, 'started');
        rows.push(await runRow(browser, `Prometheus, ${PROM} hosts`, { piecesUrl, rendererDir, mode: 'prometheus', promUrl: url, count: PROM, intervalMs: INTERVAL_MS }, PROM, 'db-busan-01'));
        promStats = await request(prom, { type: 'stats' }, 'stats');
      } finally {
        prom.send({ type: 'stop' });
      }
    }
    if (SSH > 0) {
      const keys = generateKey();
      const fleet = await startSshFleet(SSH, keys.public);
      try {
        rows.push(await runRow(browser, `SSH, ${SSH} hosts`, { piecesUrl, rendererDir, mode: 'ssh', ports: fleet.ports, clientKey: keys.private, count: SSH, intervalMs: INTERVAL_MS }, SSH, null));
      } finally {
        for (const w of fleet.workers) w.send({ type: 'stop' });
      }
    }
  } finally {
    await browser.close();
  }
  print(rows, promStats);
  console.log(`\nTotal ${Math.round((Date.now() - started) / 1000)} s; load average at the end ${load()} (1/5/15 min).`);
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
