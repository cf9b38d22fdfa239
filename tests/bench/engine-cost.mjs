// npm run bench:engine — the engine's steady cost watching this computer every 2 s, and the time
// from `opsdeck serve` start to the first painted dashboard. Reported against baselines measured
// in the same run (an idle Node process; a static page from a bare Node HTTP server), not asserted.
//   OPSDECK_BENCH_SECONDS=60 npm run bench:engine
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seconds = Number(process.env.OPSDECK_BENCH_SECONDS ?? 60);
const ticks = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s on Linux
const pageSize = 4096;

function cpuAndRss(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { cpuTicks: Number(f[11]) + Number(f[12]), rssBytes: Number(f[21]) * pageSize };
}

async function measureSteady(label, child, warmupMs) {
  await new Promise((r) => setTimeout(r, warmupMs));
  const a = cpuAndRss(child.pid);
  const t0 = performance.now();
  let peakRss = a.rssBytes;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, cpuAndRss(child.pid).rssBytes)), 1000);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  clearInterval(timer);
  const b = cpuAndRss(child.pid);
  const wallS = (performance.now() - t0) / 1000;
  const cpuPercent = ((b.cpuTicks - a.cpuTicks) / ticks / wallS) * 100;
  return { label, cpuPercent, rssMb: b.rssBytes / 2 ** 20, peakRssMb: peakRss / 2 ** 20 };
}

function waitForUrl(child) {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /Open (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function timeToDashboard(browser) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-'));
  // The browser tab is open already (as on a wall screen): the clock starts at `serve`.
  const page = await browser.newPage();
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'bin/opsdeck.cjs'), 'serve', '--port', '0'], { env: { ...process.env, OPSDECK_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await waitForUrl(child);
  await page.goto(url);
  await page.waitForSelector('[data-testid="tile-local"] [data-testid="metric-mem.used"]', { timeout: 30_000 });
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="tile-local"] [data-testid="metric-mem.used"]')?.textContent ?? ''));
  const ms = performance.now() - t0;
  await page.close();
  child.kill('SIGTERM');
  return ms;
}

async function timeToStaticPage(browser) {
  const page = await browser.newPage();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['-e', `require('http').createServer((q,s)=>s.end('<!doctype html><p id=x>1</p>')).listen(0,'127.0.0.1',function(){console.log('Open http://127.0.0.1:'+this.address().port+'/')})`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await waitForUrl(child);
  await page.goto(url);
  await page.waitForSelector('#x');
  const ms = performance.now() - t0;
  await page.close();
  child.kill('SIGTERM');
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (!fs.existsSync(path.join(root, 'out/main/cli.js'))) throw new Error('Run "npm run build" first.');
  console.log(`OpsDeck engine bench: ${seconds} s per steady-state measurement, ${os.cpus().length} cores, Node ${process.version}`);

  const idle = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-'));
  const engine = spawn(process.execPath, [path.join(root, 'bin/opsdeck.cjs'), 'serve', '--port', '0', '--interval', '2'], { env: { ...process.env, OPSDECK_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] });
  await waitForUrl(engine);
  const [base, eng] = await Promise.all([measureSteady('idle node (baseline)', idle, 3000), measureSteady('opsdeck serve, 2 s interval', engine, 3000)]);
  idle.kill();
  engine.kill('SIGTERM');

  const browser = await chromium.launch({ executablePath: process.env.OPSDECK_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
  const dash = [];
  const stat = [];
  for (let i = 0; i < 5; i++) {
    stat.push(await timeToStaticPage(browser));
    dash.push(await timeToDashboard(browser));
  }
  await browser.close();

  const rows = [
    ['measure', 'opsdeck', 'baseline', 'ratio', 'target'],
    ['CPU, % of one core', eng.cpuPercent.toFixed(2), base.cpuPercent.toFixed(2), (eng.cpuPercent / Math.max(base.cpuPercent, 0.01)).toFixed(1) + 'x', '< 2 %'],
    ['RSS, MB (end)', eng.rssMb.toFixed(1), base.rssMb.toFixed(1), (eng.rssMb / base.rssMb).toFixed(1) + 'x', '< 150 MB'],
    ['RSS, MB (peak)', eng.peakRssMb.toFixed(1), base.peakRssMb.toFixed(1), (eng.peakRssMb / base.peakRssMb).toFixed(1) + 'x', ''],
    ['serve start to painted dashboard, ms (median of 5)', median(dash).toFixed(0), median(stat).toFixed(0), (median(dash) / median(stat)).toFixed(1) + 'x', '< 1500 ms'],
  ];
  for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(i === 0 ? 52 : 12)).join(''));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
