// npm run bench:ui — the dashboard's frame intervals in Debian's Chromium while 1,000 tiles update
// every 5 s, and the wall's at 200 tiles, each beside an empty page measured in the same run.
// Reported, never asserted. Serve is real; its engine is fed generated snapshots (fed-serve.ts).
//   OPSDECK_UI_RENDERER_DIR=out/renderer (built first unless given)
//   OPSDECK_UI_TILES=1000  OPSDECK_UI_WALL_TILES=200  OPSDECK_UI_SECONDS=20  OPSDECK_UI_INTERVAL_MS=5000
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const TILES = Number(process.env.OPSDECK_UI_TILES ?? 1000);
const WALL_TILES = Number(process.env.OPSDECK_UI_WALL_TILES ?? 200);
const SECONDS = Number(process.env.OPSDECK_UI_SECONDS ?? 20);
const INTERVAL_MS = Number(process.env.OPSDECK_UI_INTERVAL_MS ?? 5000);
const CHROMIUM = process.env.OPSDECK_CHROMIUM ?? '/usr/bin/chromium';
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

async function buildFedServe() {
  const outDir = path.join(root, 'node_modules/.cache/opsdeck-bench-ui');
  await build({
    configFile: false, logLevel: 'warn', root,
    build: { ssr: path.join(here, 'fed-serve.ts'), outDir, emptyOutDir: true, target: 'node22', minify: false, rollupOptions: { output: { format: 'es', entryFileNames: 'fed-serve.mjs' } } },
  });
  return import(pathToFileURL(path.join(outDir, 'fed-serve.mjs')).href);
}

/** Runs in the page: rAF intervals for `ms`, then the JS heap. */
function measureFrames(ms) {
  return new Promise((resolve) => {
    const gaps = [];
    let last = performance.now();
    const end = last + ms;
    const step = (now) => {
      gaps.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(step);
      else resolve(gaps);
    };
    requestAnimationFrame(step);
  });
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
function summarize(gaps) {
  const s = [...gaps].slice(1).sort((a, b) => a - b);
  return { frames: s.length, p50: pct(s, 50), p95: pct(s, 95), max: s.at(-1), over50: s.filter((g) => g > 50).length };
}

async function measurePage(browser, url, waitFor, label) {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const cdp = await page.context().newCDPSession(page);
  if (url) {
    await page.goto(url);
    await page.waitForSelector(waitFor, { timeout: 60_000 });
    await page.waitForTimeout(2_000); // first paint and the boot data settle
  } else await page.setContent('<!doctype html><title>empty</title><body></body>');
  const cpu0 = await cdp.send('Performance.enable').then(() => cdp.send('Performance.getMetrics'));
  const gaps = await page.evaluate(measureFrames, SECONDS * 1000);
  const cpu1 = await cdp.send('Performance.getMetrics');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const metric = (m, name) => m.metrics.find((x) => x.name === name)?.value ?? 0;
  const scriptS = metric(cpu1, 'ScriptDuration') - metric(cpu0, 'ScriptDuration');
  const layoutS = metric(cpu1, 'LayoutDuration') + metric(cpu1, 'RecalcStyleDuration') - metric(cpu0, 'LayoutDuration') - metric(cpu0, 'RecalcStyleDuration');
  const tiles = url ? await page.locator('[data-testid^="tile-"][data-target-id]').count() : 0;
  await page.close();
  return { label, ...summarize(gaps), heapMB: heap.usedSize / 2 ** 20, scriptMs: scriptS * 1000, layoutMs: layoutS * 1000, tiles };
}

function print(rows) {
  const f = (n) => n.toFixed(1);
  console.log(`\n| page | tiles in DOM | frames | p50 ms | p95 ms | max ms | gaps > 50 ms | script ms | style+layout ms | JS heap MB |`);
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.label} | ${r.tiles} | ${r.frames} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.max)} | ${r.over50} | ${Math.round(r.scriptMs)} | ${Math.round(r.layoutMs)} | ${f(r.heapMB)} |`);
}

async function main() {
  // OPSDECK_UI_RENDERER_DIR: another build of the renderer (e.g. the code before a change).
  const rendererDir = process.env.OPSDECK_UI_RENDERER_DIR ?? path.join(root, 'out/renderer');
  if (!process.env.OPSDECK_UI_RENDERER_DIR && (!fs.existsSync(path.join(rendererDir, 'index.html')) || process.env.OPSDECK_UI_BUILD !== '0')) {
    execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
  }
  const { startFedServe } = await buildFedServe();
  console.log(`bench:ui  ${TILES} tiles (wall ${WALL_TILES}) updating every ${INTERVAL_MS / 1000} s, ${SECONDS} s windows, ${os.cpus().length} cores, load before: ${load()}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const rows = [];
  try {
    rows.push(await measurePage(browser, null, null, 'empty page (baseline)'));
    if (TILES > 0) {
      const desk = await startFedServe({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-ui-')), rendererDir, tiles: TILES, intervalMs: INTERVAL_MS });
      try {
        rows.push(await measurePage(browser, desk.consoleUrl, '[data-testid="fleet-rows"] [data-target-id]', `overview, ${TILES} hosts`));
      } finally {
        await desk.close();
      }
    }
    const wall = await startFedServe({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-ui-')), rendererDir, tiles: WALL_TILES, intervalMs: INTERVAL_MS });
    try {
      rows.push(await measurePage(browser, wall.wallUrl, '[data-target-id]', `wall, ${WALL_TILES} hosts`));
    } finally {
      await wall.close();
    }
  } finally {
    await browser.close();
  }
  print(rows);
  console.log(`\nload after: ${load()} (1/5/15 min). Frame interval = time between requestAnimationFrame callbacks; script and style+layout from CDP Performance metrics over the window; heap after a forced GC.`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
