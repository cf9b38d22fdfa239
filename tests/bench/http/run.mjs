// npm run bench:http — engine CPU per endpoint check, against issue 14's target of under 1 ms.
// Each check is what a poll does: the kind's collector (its kept connection, TLS verified, the
// answer judged) and the snapshot built from it. CPU is process.cpuUsage() of this process over
// many sequential checks against loopback servers in a child process (their CPU is not counted).
// The "30 s interval" modes run on a clock that moves 30 s per check, so the kept connection is
// renewed (full connect, TLS, certificate read) exactly as often as in use: every 30th check.
// "fresh" modes connect anew every check (the add form's test, and the design before). Baselines
// in the same run: Node's own http.get / https.get, fresh and kept-alive, no OpsDeck.
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
const INTERVAL_MS = 30_000;
const collectors = [];

/** A poll of `kind` each call; `fresh`: a new connection every time (no kept connection at all). */
function check(kind, config, { fresh = false, expect = {}, stepMs = INTERVAL_MS } = {}) {
  const k = kind === 'tcp' ? pieces.tcpKind : pieces.httpKind;
  const rules = pieces.rulesForKind(pieces.DEFAULT_RULES, kind);
  const target = { id: 'bench', name: 'bench', kind, intervalMs: INTERVAL_MS, enabled: true };
  // Each poll is one interval later: the kept connection ages as it would in use.
  let shift = 0;
  const clock = { now: () => Date.now() + shift, setTimeout: pieces.systemClock.setTimeout, clearTimeout: pieces.systemClock.clearTimeout };
  const ctx = { clock, logger: pieces.nullLogger, secret: async () => null, openStream: () => Promise.reject(new Error('none')), intervalMs: INTERVAL_MS };
  const parsed = k.configSchema.parse(config);
  const collector = fresh ? { collect: async () => pieces.collectResultOf(await pieces.runHttpCheck(parsed, ctx, async () => null)) } : k.createCollector(parsed, ctx);
  collectors.push(collector);
  const seen = { new: 0, reused: 0 };
  const once = async () => {
    shift += stepMs;
    const result = await collector.collect();
    if (result.facts.connection) seen[result.facts.connection] += 1;
    const snapshot = pieces.buildSnapshot(target, result, rules);
    if (snapshot.status !== 'ok') throw new Error(`${kind} check not OK: ${JSON.stringify(snapshot.reasons)}`);
  };
  return Object.assign(once, { seen, expect });
}

const plainUrl = `http://127.0.0.1:${ports.plain}/health`;
const secureUrl = `https://127.0.0.1:${ports.secure}/health`;
const closingUrl = `https://127.0.0.1:${ports.closing}/health`;
const keepAlive = new https.Agent({ keepAlive: true, maxSockets: 1 });
const keepAlivePlain = new http.Agent({ keepAlive: true, maxSockets: 1 });
// TLS session resumption (design b): Node's agent caches the session and resumes it on the next fresh connection.
const resuming = new https.Agent({ keepAlive: false, maxCachedSessions: 10 });
const every = pieces.FRESH_CONNECTION_EVERY_MS / INTERVAL_MS;
const kept = `kept, ${INTERVAL_MS / 1000} s interval`;
const modes = [
  { label: 'baseline: http.get, fresh connection', once: () => bareGet(http, plainUrl) },
  { label: 'reference: http.get, kept-alive connection', once: () => bareGet(http, plainUrl, { agent: keepAlivePlain }) },
  { label: 'http:// check, fresh connection (before)', once: check('http', { url: plainUrl }, { fresh: true }) },
  { label: 'http:// check, reused connection only', once: check('http', { url: plainUrl }, { stepMs: 0 }) },
  { label: `http:// check, ${kept}`, once: check('http', { url: plainUrl }, { expect: { every } }) },
  { label: `http:// check + keyword, ${kept}`, once: check('http', { url: plainUrl, keyword: 'healthy' }, { expect: { every } }) },
  { label: 'baseline: https.get, fresh TLS, CA verified', once: () => bareGet(https, secureUrl, { ca: certs.ca }) },
  { label: 'reference: https.get, resumed TLS session', once: () => bareGet(https, secureUrl, { ca: certs.ca, agent: resuming }) },
  { label: 'reference: https.get, kept-alive connection', once: () => bareGet(https, secureUrl, { ca: certs.ca, agent: keepAlive }) },
  { label: 'https:// check, fresh TLS (before)', once: check('http', { url: secureUrl, caFile: certs.caPath }, { fresh: true }) },
  { label: 'https:// check, reused connection only', once: check('http', { url: secureUrl, caFile: certs.caPath }, { stepMs: 0 }) },
  { label: `https:// check, ${kept}`, once: check('http', { url: secureUrl, caFile: certs.caPath }, { expect: { every } }) },
  { label: `https:// check + JSON path, ${kept}`, once: check('http', { url: `https://127.0.0.1:${ports.secure}/json`, caFile: certs.caPath, jsonPath: '$.checks[0].state', jsonExpect: 'ok' }, { expect: { every } }) },
  { label: `https:// check + pinned key, ${kept}`, once: check('http', { url: secureUrl, caFile: certs.caPath, pin: certs.valid.pin }, { expect: { every } }) },
  { label: 'https:// check, server closes each connection', once: check('http', { url: closingUrl, caFile: certs.caPath }, { expect: { every: 1 } }) },
  { label: 'tcp:// check', once: check('tcp', { address: '127.0.0.1', port: ports.tcp }) },
];
let rows;
try {
  rows = await measureAll(modes);
} finally {
  keepAlive.destroy();
  keepAlivePlain.destroy();
  resuming.destroy();
  await Promise.all(collectors.map((c) => c.close?.()));
  servers.kill();
}

console.log(`\nbench:http — engine CPU per check, ${N} sequential checks per mode in ${ROUNDS} interleaved rounds, after ${WARMUP} warm-up (Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
console.log('target (issue 14): an HTTP check costs under 1 ms of engine CPU\n');
const base = { http: rows[0].cpuMs, https: rows[modes.findIndex((m) => m.label.startsWith('baseline: https'))].cpuMs };
for (const [i, r] of rows.entries()) {
  const vs = r.label.startsWith('baseline') || r.label.startsWith('reference') ? '' : r.label.startsWith('https') ? `  ${(r.cpuMs / base.https).toFixed(2)}x https.get` : r.label.startsWith('http') ? `  ${(r.cpuMs / base.http).toFixed(2)}x http.get` : '';
  const mark = r.label.startsWith('baseline') || r.label.startsWith('reference') ? '' : r.cpuMs < 1 ? '  under 1 ms' : '  OVER 1 ms';
  const { seen, expect } = modes[i].once;
  // How many polls connected anew: the honest mix behind a kept mode's average.
  const mix = seen && seen.new + seen.reused > 0 ? `  (${seen.new} new / ${seen.reused} reused)` : '';
  console.log(`  ${r.label.padEnd(50)} ${r.cpuMs.toFixed(3).padStart(7)} ms CPU (user ${r.userMs.toFixed(3)})  ${r.wallMs.toFixed(2).padStart(6)} ms wall${vs}${mark}${mix}`);
  if (expect?.every && seen.new < Math.floor((seen.new + seen.reused) / expect.every)) throw new Error(`${r.label}: ${seen.new} new connections in ${seen.new + seen.reused} polls, fewer than one in ${expect.every}`);
}
console.log(`\nkept modes: the connection is renewed every ${every} polls (${pieces.FRESH_CONNECTION_EVERY_MS / 60_000} min at ${INTERVAL_MS / 1000} s), and whenever the server closed it`);
