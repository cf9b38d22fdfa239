// npm run bench:fleet — OpsDeck's cost at fleet scale, reported (not asserted) against baselines
// measured in the same run. See docs/bench-fleet.md for the method and the latest numbers.
//   OPSDECK_FLEET_SIZES=50,200,500,1000  simulated fleet sizes (default)
//   OPSDECK_FLEET_SECONDS=30             measurement window per size and mode
//   OPSDECK_FLEET_STORM=250              connections to ONE simulated sshd for the reconnect storm (0 skips it)
//   OPSDECK_FLEET_PROFILE=/tmp/prof          write a V8 CPU profile of each engine-side process there
//   OPSDECK_FLEET_HEAP_SNAPSHOT=/tmp/heap    write a V8 heap snapshot of each engine-side process after its window
//   OPSDECK_FLEET_ENGINE_FLAGS='--max-semi-space-size=2'  extra Node flags for the engine side (experiments)
//   OPSDECK_FLEET_DROP=0                 skip dropping every connection after the largest row
//   OPSDECK_FLEET_REAL_POLLS=300         polls per mode against the real sshd (0: skip part B)
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { generateKey } from './fake-hosts.mjs';
import { runRealSshd } from './real-sshd.mjs';
import { printFleet, printReal } from './report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const sizes = (process.env.OPSDECK_FLEET_SIZES ?? '50,200,500,1000').split(',').map(Number).filter((n) => n > 0);
const seconds = Number(process.env.OPSDECK_FLEET_SECONDS ?? 30);
const realPolls = Number(process.env.OPSDECK_FLEET_REAL_POLLS ?? 300);
const stormSize = Number(process.env.OPSDECK_FLEET_STORM ?? 250);
const dropAfter = process.env.OPSDECK_FLEET_DROP !== '0';
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const INTERVAL_MS = 5_000;
const HOSTS_PER_WORKER = 250;

/** Sends `msg` to a child and resolves with its next message of type `reply`. */
function request(child, msg, reply) {
  return new Promise((resolve, reject) => {
    const onMsg = (m) => {
      if (m.type === reply || m.type === 'error') {
        child.off('message', onMsg);
        child.off('exit', onExit);
        m.type === 'error' ? reject(new Error(m.message)) : resolve(m);
      }
    };
    const onExit = (code) => reject(new Error(`${path.basename(child.spawnargs.at(-1) ?? '')} exited ${code}`));
    child.on('message', onMsg);
    child.once('exit', onExit);
    child.send(msg);
  });
}

async function buildPieces() {
  const outDir = path.join(root, 'node_modules/.cache/opsdeck-bench-fleet');
  await build({
    configFile: false, logLevel: 'warn', root,
    build: { ssr: path.join(here, 'pieces.ts'), outDir, emptyOutDir: true, target: 'node22', minify: false, rollupOptions: { output: { format: 'es', entryFileNames: 'pieces.mjs' } } },
  });
  return pathToFileURL(path.join(outDir, 'pieces.mjs')).href;
}

async function startFleet(count, clientPublicKey) {
  const workers = [];
  for (let first = 0; first < count; first += HOSTS_PER_WORKER) {
    const child = fork(path.join(here, 'fake-hosts.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    workers.push({ child, started: request(child, { type: 'start', count: Math.min(HOSTS_PER_WORKER, count - first), firstIndex: first, clientPublicKey, fixturesDir: path.join(root, 'tests/fixtures/proc') }, 'started') });
  }
  const ports = [];
  for (const w of workers) ports.push(...(await w.started).ports);
  return { workers: workers.map((w) => w.child), ports };
}

const fleetStats = async (workers) => {
  const all = await Promise.all(workers.map((w) => request(w, { type: 'stats' }, 'stats')));
  return {
    cpuMs: all.reduce((s, x) => s + x.cpuMs, 0), handshakesPeak: all.reduce((s, x) => s + x.handshakesPeak, 0), handshakesPeakPerHost: Math.max(...all.map((x) => x.handshakesPeakPerHost)),
    answered: all.reduce((s, x) => s + x.answered, 0), lagP99Ms: Math.max(...all.map((x) => x.lagP99Ms)),
  };
};

/** One engine-side process; forwards its drop request to the fleet workers. */
async function runEngine(opts, fleet) {
  const profile = process.env.OPSDECK_FLEET_PROFILE; // a folder: V8 CPU profiles of the engine side
  const extra = opts.mode === 'engine' ? (process.env.OPSDECK_FLEET_ENGINE_FLAGS ?? '').split(' ').filter(Boolean) : [];
  const execArgv = ['--expose-gc', ...extra, ...(profile && opts.mode === 'engine' ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])];
  const child = fork(path.join(here, 'engine-worker.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-fleet-'));
  child.on('message', async (m) => {
    // The window's edges: the fakes' loop-lag histograms restart, their counters are read.
    if (m.type === 'window-start') await Promise.all(fleet.map((w) => request(w, { type: 'mark' }, 'marked')));
    if (m.type === 'window-start' || m.type === 'window-end') return child.send({ type: m.type, ...(await fleetStats(fleet)) });
    if (m.type !== 'drop') return;
    await Promise.all(fleet.map((w) => request(w, { type: 'reset' }, 'reset')));
    const acks = await Promise.all(fleet.map((w) => request(w, { type: 'drop' }, 'dropped')));
    child.send({ type: 'dropped', sockets: acks.reduce((s, a) => s + a.sockets, 0) });
  });
  const cpu0 = (await fleetStats(fleet)).cpuMs;
  const t0 = performance.now();
  try {
    const { result } = await request(child, { ...opts, dataDir }, 'result');
    const f = await fleetStats(fleet);
    result.fleetCpuPct = result.fakes.cpuPct;
    result.fleetCpuAllPct = ((f.cpuMs - cpu0) / (performance.now() - t0)) * 100;
    if (result.drop) Object.assign(result.drop, { serverPeakHandshakesPerHost: f.handshakesPeakPerHost, serverPeakHandshakes: f.handshakesPeak });
    return result;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Each simulated host holds a listener and a socket in a fake worker, and a socket in the engine
 * process: say so when the open-file limit or the ephemeral port range cannot hold the fleet.
 */
function checkLimits(hosts) {
  const limits = fs.readFileSync('/proc/self/limits', 'utf8');
  const nofile = Number(/Max open files\s+(\d+)/.exec(limits)?.[1] ?? NaN);
  const [lo, hi] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  const ports = hi - lo + 1;
  console.log(`limits: open files ${nofile} per process (each process needs about ${hosts + 200}), ephemeral ports ${lo}-${hi} (${ports}; the fleet needs about ${2 * hosts})`);
  if (nofile < hosts + 200) console.log(`  WARNING: raise the open-file limit (ulimit -n ${hosts + 1000}) or the larger rows will fail with EMFILE`);
  if (ports < 2 * hosts + 1000) console.log('  WARNING: the ephemeral port range is too small for this fleet (sysctl net.ipv4.ip_local_port_range)');
}

async function main() {
  const started = Date.now();
  console.log(`OpsDeck fleet bench ${new Date().toISOString()}: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${load()}`);
  const piecesUrl = await buildPieces();
  const P = await import(piecesUrl);

  if (realPolls > 0) {
    console.log(`\n[B] real sshd on loopback, ${realPolls} polls per mode ...`);
    printReal(await runRealSshd(P, realPolls));
    console.log(`\n(load average after part B: ${load()})`);
  }

  const max = Math.max(...sizes);
  checkLimits(max);
  const keys = generateKey();
  const fleet = await startFleet(max, keys.public);
  const bastion = await startFleet(1, keys.public);
  console.log(`\n[A] simulated fleet: ${max} ssh2 servers in ${fleet.workers.length} worker processes; ${seconds} s window per row ...`);
  // Logins go through the engine-wide handshake cap: allow 30 ms of warm-up per host.
  const base = { piecesUrl, clientKey: keys.private, intervalMs: INTERVAL_MS, slowIntervalMs: 30_000, measureMs: seconds * 1000, connectTimeoutMs: Math.max(60_000, max * 30), recoverTimeoutMs: 30_000 };
  const rows = [];
  try {
    for (const n of sizes) {
      const ports = fleet.ports.slice(0, n);
      rows.push(await runEngine({ ...base, mode: 'floor', ports }, fleet.workers));
      rows.push(await runEngine({ ...base, mode: 'engine', ports, drop: dropAfter && n === max }, fleet.workers));
      console.log(`  N=${n} done (${Math.round((Date.now() - started) / 1000)} s, load ${load()})`);
    }
    // Every connection to ONE sshd (a bastion, or containers behind one port): the per-target cap matters here.
    const storm = stormSize > 0 ? await runEngine({ ...base, mode: 'engine', ports: Array(stormSize).fill(bastion.ports[0]), measureMs: 5_000, drop: true }, bastion.workers) : null;
    printFleet(rows, storm, INTERVAL_MS);
  } finally {
    for (const w of [...fleet.workers, ...bastion.workers]) w.send({ type: 'stop' });
  }
  console.log(`\nTotal ${Math.round((Date.now() - started) / 1000)} s; load average at the end ${load()}.`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
