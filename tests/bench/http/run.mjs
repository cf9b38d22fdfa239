// npm run bench:http — engine CPU per endpoint check, against issue 14's target of under 1 ms.
// Each check is what a poll does: the kind's collector (a fresh connection, TLS verified, the
// answer judged) and the snapshot built from it. CPU is process.cpuUsage() of this process over
// many sequential checks against loopback servers in a child process (their CPU is not counted).
// Baselines in the same run: Node's own http.get / https.get with a fresh connection, no OpsDeck.
//   OPSDECK_BENCH_CHECKS=400 npm run bench:http
import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const N = Number(process.env.OPSDECK_BENCH_CHECKS ?? 400);
const WARMUP = 40;
const ROUNDS = 8;

async function loadPieces() {
  // Inside node_modules, so the bundle resolves the project's packages (zod...).
  const outDir = path.join(root, 'node_modules/.cache/opsdeck-bench-http');
  await build({ configFile: false, logLevel: 'warn', root, build: { ssr: path.join(here, 'pieces.ts'), outDir, emptyOutDir: true, target: 'node22', minify: false, rollupOptions: { output: { format: 'es', entryFileNames: 'pieces.mjs' } } } });
  return import(pathToFileURL(path.join(outDir, 'pieces.mjs')).href);
}

/**
 * CPU ms per call of each mode (user + system of this process). The modes take turns in rounds,
 * so a burst of load from other jobs on the machine falls on all of them alike.
 */
async function measureAll(modes) {
  for (const m of modes) for (let i = 0; i < WARMUP; i += 1) await m.once();
  const totals = modes.map(() => ({ user: 0, system: 0, wall: 0 }));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [i, m] of modes.entries()) {
      globalThis.gc?.();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      for (let k = 0; k < N / ROUNDS; k += 1) await m.once();
      const cpu = process.cpuUsage(cpu0);
      totals[i].user += cpu.user;
      totals[i].system += cpu.system;
      totals[i].wall += performance.now() - t0;
    }
  }
  return modes.map((m, i) => ({ label: m.label, cpuMs: (totals[i].user + totals[i].system) / 1000 / N, userMs: totals[i].user / 1000 / N, wallMs: totals[i].wall / N }));
}

function bareGet(mod, url, options = {}) {
  return new Promise((resolve, reject) => {
    const req = mod.get(url, { agent: false, ...options }, (res) => {
      res.on('data', () => undefined);
      res.on('end', resolve);
    });
    req.on('error', reject);
  });
}

const pieces = await loadPieces();
const certs = await pieces.makeEndpointCerts(fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-certs-')));
const servers = fork(path.join(here, 'servers.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
servers.send({ cert: certs.valid.cert, key: certs.valid.key });
const ports = await new Promise((resolve) => servers.once('message', resolve));
const ctx = { clock: pieces.systemClock, logger: pieces.nullLogger, secret: async () => null, openStream: () => Promise.reject(new Error('none')), intervalMs: 30_000 };

function check(kind, config) {
  const k = kind === 'tcp' ? pieces.tcpKind : pieces.httpKind;
  const rules = pieces.rulesForKind(pieces.DEFAULT_RULES, kind);
  const target = { id: 'bench', name: 'bench', kind, intervalMs: 30_000, enabled: true };
  const collector = k.createCollector(k.configSchema.parse(config), ctx);
  return async () => {
    const result = await collector.collect();
    const snapshot = pieces.buildSnapshot(target, result, rules);
    if (snapshot.status !== 'ok') throw new Error(`${kind} check not OK: ${JSON.stringify(snapshot.reasons)}`);
  };
}

const plainUrl = `http://127.0.0.1:${ports.plain}/health`;
const secureUrl = `https://127.0.0.1:${ports.secure}/health`;
// What a design that kept connections open between polls would pay (no handshake, no new certificate check).
const keepAlive = new https.Agent({ keepAlive: true, maxSockets: 1 });
let rows;
try {
  rows = await measureAll([
    { label: 'baseline: http.get, fresh connection', once: () => bareGet(http, plainUrl) },
    { label: 'http:// check', once: check('http', { url: plainUrl }) },
    { label: 'http:// check + keyword', once: check('http', { url: plainUrl, keyword: 'healthy' }) },
    { label: 'baseline: https.get, fresh TLS, CA verified', once: () => bareGet(https, secureUrl, { ca: certs.ca }) },
    { label: 'reference: https.get, kept-alive connection', once: () => bareGet(https, secureUrl, { ca: certs.ca, agent: keepAlive }) },
    { label: 'https:// check (CA file, days left)', once: check('http', { url: secureUrl, caFile: certs.caPath }) },
    { label: 'https:// check + JSON path', once: check('http', { url: `https://127.0.0.1:${ports.secure}/json`, caFile: certs.caPath, jsonPath: '$.checks[0].state', jsonExpect: 'ok' }) },
    { label: 'https:// check + pinned key', once: check('http', { url: secureUrl, caFile: certs.caPath, pin: certs.valid.pin }) },
    { label: 'tcp:// check', once: check('tcp', { address: '127.0.0.1', port: ports.tcp }) },
  ]);
} finally {
  keepAlive.destroy();
  servers.kill();
}

console.log(`\nbench:http — engine CPU per check, ${N} sequential checks per mode in ${ROUNDS} interleaved rounds, after ${WARMUP} warm-up (Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
console.log('target (issue 14): an HTTP check costs under 1 ms of engine CPU\n');
const base = { http: rows[0].cpuMs, https: rows[3].cpuMs };
for (const r of rows) {
  const vs = r.label.startsWith('baseline') || r.label.startsWith('reference') ? '' : r.label.startsWith('https') ? `  ${(r.cpuMs / base.https).toFixed(2)}x https.get` : r.label.startsWith('http') ? `  ${(r.cpuMs / base.http).toFixed(2)}x http.get` : '';
  const mark = r.label.startsWith('baseline') || r.label.startsWith('reference') ? '' : r.cpuMs < 1 ? '  under 1 ms' : '  OVER 1 ms';
  console.log(`  ${r.label.padEnd(44)} ${r.cpuMs.toFixed(3).padStart(7)} ms CPU (user ${r.userMs.toFixed(3)})  ${r.wallMs.toFixed(2).padStart(6)} ms wall${vs}${mark}`);
}
