// bench:sources' engine side: the real `opsdeck serve` (engine, HTTP, WebSocket bridge, renderer
// bundle) in its own process, fed either by one Prometheus source or by N SSH hosts, measured
// from inside (process.cpuUsage with the kernel's share, RSS every 0.5 s, event-loop lag).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

let server = null;
let expected = 0;
const fresh = new Map();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function start(msg) {
  const P = await import(msg.piecesUrl);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-sources-'));
  server = await P.startServer({ port: 0, host: '127.0.0.1', rendererDir: msg.rendererDir, engine: { dataDir, intervalMs: 60_000, secrets: P.memorySecretStore('bench'), knownHostsFile: null }, logger: P.nullLogger });
  await server.started;
  const api = server.engine.api;
  api.onDidSample(({ snapshot }) => {
    if (snapshot.targetId !== 'local' && !snapshot.reasons.some((r) => r.code === 'COLLECT_FAILED')) fresh.set(snapshot.targetId, (fresh.get(snapshot.targetId) ?? 0) + 1);
  });
  const t0 = performance.now();
  if (msg.mode === 'prometheus') {
    await api.saveCheck({ kind: 'prometheus', name: 'Bench Prometheus', intervalMs: msg.intervalMs, config: { url: msg.promUrl, auth: 'none' } });
    expected = msg.count + 1;
  } else {
    const keyPath = path.join(dataDir, 'client_key');
    fs.writeFileSync(keyPath, msg.clientKey, { mode: 0o600 });
    for (const [i, port] of msg.ports.entries()) {
      await api.saveHost({ name: `ssh-${String(i).padStart(4, '0')}`, address: '127.0.0.1', port, user: 'bench', auth: { method: 'key', keyPath }, hostKeyPolicy: 'accept-new', intervalMs: msg.intervalMs });
    }
    expected = msg.count;
  }
  // Ready once every host has had a fresh reading.
  for (;;) {
    const tiles = await api.getOverview();
    const polled = tiles.filter((t) => t.target.id !== 'local' && t.snapshot && !t.snapshot.reasons.some((r) => r.code === 'COLLECT_FAILED' || r.code === 'DOWN'));
    if (polled.length >= expected - msg.count / 500 - 1) break;
    if (performance.now() - t0 > msg.warmupTimeoutMs) throw new Error(`only ${polled.length} of ${expected} hosts polled after ${msg.warmupTimeoutMs} ms`);
    await sleep(1_000);
  }
  return { consoleUrl: server.consoleUrl, warmupMs: performance.now() - t0 };
}

async function measure(ms) {
  const eld = monitorEventLoopDelay({ resolution: 10 });
  eld.enable();
  fresh.clear();
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 500);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(ms);
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  clearInterval(sampler);
  eld.disable();
  const counts = [...fresh.values()];
  return {
    cpuPct: ((cpu.user + cpu.system) / 1000 / wall) * 100,
    kernelPct: (cpu.system / 1000 / wall) * 100,
    rssPeakMB: peak / 2 ** 20,
    heapMB: process.memoryUsage().heapUsed / 2 ** 20,
    lagP99Ms: Math.max(0, eld.percentile(99) / 1e6 - 10),
    hostsUpdated: counts.length,
    updatesMin: counts.length ? Math.min(...counts) : 0,
    updates: counts.reduce((a, b) => a + b, 0),
  };
}

if (process.send) process.on('disconnect', () => process.exit(0));
process.on('message', async (msg) => {
  try {
    if (msg.type === 'start') process.send({ type: 'ready', ...(await start(msg)) });
    else if (msg.type === 'measure') process.send({ type: 'measured', ...(await measure(msg.ms)) });
    else if (msg.type === 'stop') {
      await server?.close();
      process.exit(0);
    }
  } catch (err) {
    process.send({ type: 'error', message: String(err?.stack ?? err) });
  }
});
