// The engine side of one fleet measurement, in its own process so its CPU and RSS are its own.
//   mode 'engine': per host an SshConnection + ssh collector + TargetMonitor (parse + health
//     rules), polled by the real Scheduler, ingested into a real store (openStore, temp dir),
//     drained and flushed every 2 s, latest snapshots saved every 30 s (a host's first at once),
//     as engine.ts does.
//   mode 'floor': the same hosts through bare ssh2 clients: one persistent channel each turned
//     into the same resident awk, the same requests on the same cadence, output dropped once
//     the end marker is seen.
// With `drop`, after the window run.mjs destroys every server-side socket at once and this
// process reports how long until every host is polled again through a new login.
// Every poll's start is compared with when the Scheduler meant it to start (the previous start
// plus one interval): lateness p99, and starts later than one interval (a slot skipped).
import fs from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import ssh2 from 'ssh2';

const ELD_RESOLUTION_MS = 10;
// OPSDECK_FLEET_DEBUG=1 prints progress to stderr.
const debug = process.env.OPSDECK_FLEET_DEBUG ? (...a) => console.error(`[engine-worker ${process.pid}]`, ...a) : () => undefined;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : null);
let parentWaiter = null;
process.on('message', (msg) => parentWaiter?.(msg));
const ask = (msg) => new Promise((resolve) => ((parentWaiter = resolve), process.send(msg)));

function hostsFor(opts, P) {
  if (opts.mode === 'floor') return opts.ports.map((port, i) => floorHost(opts, P, port, i));
  const limiter = new (countingLimiter(P))();
  const hostKeys = new P.MemoryHostKeyStore();
  return { limiter, hosts: opts.ports.map((port, i) => engineHost(opts, P, port, i, limiter, hostKeys)) };
}

/** The engine's limiter, counting handshakes in flight per target and engine-wide. */
function countingLimiter(P) {
  return class extends P.HandshakeLimiter {
    inFlightAll = 0;
    peakAll = 0;
    inFlightByTarget = new Map();
    peakPerTarget = 0;
    resetPeaks() {
      this.peakAll = this.inFlightAll;
      this.peakPerTarget = Math.max(0, ...this.inFlightByTarget.values());
    }
    async acquire(target, signal) {
      const release = await super.acquire(target, signal);
      const n = (this.inFlightByTarget.get(target) ?? 0) + 1;
      this.inFlightByTarget.set(target, n);
      this.peakPerTarget = Math.max(this.peakPerTarget, n);
      this.peakAll = Math.max(this.peakAll, ++this.inFlightAll);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        this.inFlightAll--;
        this.inFlightByTarget.set(target, this.inFlightByTarget.get(target) - 1);
        release();
      };
    }
  };
}

function engineHost(opts, P, port, i, limiter, hostKeys) {
  const connection = new P.SshConnection({
    host: '127.0.0.1', port, credentials: { username: 'bench', privateKey: opts.clientKey }, hostKeys, acceptNewHostKey: true, handshakeLimiter: limiter,
  });
  const collector = P.createSshCollector({ connection, clock: P.systemClock, slowIntervalMs: opts.slowIntervalMs });
  const target = { id: `host-${i}`, name: `host-${i}.bench`, kind: 'ssh', intervalMs: opts.intervalMs, enabled: true };
  const monitor = new P.TargetMonitor(target, collector, P.DEFAULT_RULES, P.systemClock);
  return { target, connection, monitor, lastFresh: 0, polls: 0 };
}

function floorHost(opts, P, port, i) {
  const h = { target: { id: `host-${i}` }, lastFresh: 0, polls: 0, seq: 0, client: null, channel: null, waiting: null, tail: '', lastSlow: 0 };
  const nonce = `floor${i}`;
  h.connect = () => new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.once('ready', () => client.exec('/bin/sh', (err, ch) => {
      if (err) return reject(err);
      ch.on('data', (chunk) => {
        if (!h.waiting) return;
        h.tail = (h.tail + chunk.toString('latin1')).slice(-200);
        if (h.tail.includes(h.waiting.marker)) h.waiting.resolve();
      });
      ch.stderr.on('data', () => undefined);
      h.channel = ch;
      // The same resident awk as the engine's: start it, then one request line per poll.
      const ready = new Promise((r) => (h.waiting = { marker: P.RESIDENT_READY, resolve: r }));
      ch.write(P.SHELL_PRELUDE + P.residentBootstrap());
      ready.then(() => ((h.waiting = null), (h.tail = ''), resolve()));
    }));
    client.on('error', reject);
    client.connect({ host: '127.0.0.1', port, username: 'bench', privateKey: opts.clientKey, hostVerifier: () => true });
    h.client = client;
  });
  h.poll = async () => {
    if (!h.channel) await h.connect();
    const slow = Date.now() - h.lastSlow >= opts.slowIntervalMs;
    if (slow) h.lastSlow = Date.now();
    const prefix = P.compositeMarkerPrefix(nonce, ++h.seq);
    const done = new Promise((resolve) => (h.waiting = { marker: `\n${prefix}end\n`, resolve }));
    h.tail = '';
    h.channel.write(P.buildResidentRequest(slow ? [...P.FAST_SECTIONS, ...P.SLOW_SECTIONS] : P.FAST_SECTIONS, prefix));
    await done;
    h.waiting = null;
    return true;
  };
  return h;
}

async function main(opts) {
  const P = await import(opts.piecesUrl);
  const engine = opts.mode !== 'floor';
  const { limiter, hosts } = engine ? hostsFor(opts, P) : { limiter: null, hosts: hostsFor(opts, P) };
  const n = hosts.length;
  const store = engine ? P.openStore({ dataDir: opts.dataDir, clock: P.systemClock, logger: P.nullLogger }) : null;
  const scheduler = new P.Scheduler(P.systemClock, P.nullLogger);
  const pending = new Map();
  for (const h of hosts) h.lastStart = 0;
  const m = { measuring: false, lat: [], ok: 0, failed: 0, storeCpuMs: 0, snapCpuMs: 0, storeMaxMs: 0, late: [], skipped: 0, starts: 0 };
  const history = engine ? P.historyKeysOf('ssh') : [];

  for (const [i, h] of hosts.entries()) {
    store?.upsertTarget(h.target);
    scheduler.add({
      id: `poll:${h.target.id}`,
      intervalMs: opts.intervalMs,
      timeoutMs: opts.intervalMs * 3,
      initialDelayMs: Math.floor((i * opts.intervalMs) / n), // spread over one interval
      run: async () => {
        const t0 = performance.now();
        // The Scheduler's next slot is the previous start plus one interval (no catch-up bursts).
        if (m.measuring && h.lastStart > 0) {
          const late = Math.max(0, t0 - h.lastStart - opts.intervalMs);
          m.late.push(late);
          if (late >= opts.intervalMs) m.skipped++;
        }
        h.lastStart = t0;
        if (m.measuring) (m.starts++, (h.startsInWindow = (h.startsInWindow ?? 0) + 1));
        let fresh;
        if (engine) {
          const r = await h.monitor.poll(Math.max(1_000, opts.intervalMs * 2));
          fresh = r.fresh;
          if (fresh) {
            // ingest() writes a batch by itself once 5,000 rows are buffered: store time too.
            // Synchronous, so its wall time is its CPU time (process.cpuUsage() per poll is a
            // getrusage call that cost more than the buffering it would measure).
            const values = P.snapshotSeriesValues(r.snapshot, history);
            const w0 = performance.now();
            store.ingest(h.target.id, r.snapshot.ts, values);
            const ms = performance.now() - w0;
            m.storeCpuMs += ms;
            if (m.measuring) m.storeMaxMs = Math.max(m.storeMaxMs, ms);
          }
          pending.set(h.target.id, r.snapshot);
        } else fresh = await h.poll().catch(() => false);
        const ms = performance.now() - t0;
        if (fresh) h.lastFresh = Date.now();
        if (!m.measuring) return;
        if (fresh) (m.ok++, m.lat.push(ms));
        else m.failed++;
      },
    });
  }
  const savedOnce = new Set();
  if (engine) {
    scheduler.add({
      id: 'store:flush', intervalMs: 2_000, run: async () => {
        // As engine.ts: short writes with turns of the loop between them, then the rest. The
        // drain's CPU is taken around the whole await, so it is an upper bound; each of its
        // writes is at most 2,000 rows, the size of the writes ingest() does (timed above).
        const d0 = process.cpuUsage();
        await store.drain().catch(() => 0);
        const d1 = process.cpuUsage(d0);
        m.storeCpuMs += (d1.user + d1.system) / 1000;
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        store.flush();
        // As engine.ts: each tick a share of the latest snapshots (each target's within 30 s,
        // a target's first one at once), in writes of at most 64 with turns of the loop between.
        const share = Math.ceil((pending.size * 2_000) / 30_000);
        const due = [];
        for (const snap of pending.values()) if (due.length < share || !savedOnce.has(snap.targetId)) due.push(snap);
        const c1b = process.cpuUsage(c0);
        if (m.measuring) m.storeMaxMs = Math.max(m.storeMaxMs, performance.now() - t0);
        for (let i = 0; i < due.length; i += 64) {
          if (i > 0) await new Promise((r) => setImmediate(r));
          const s0 = performance.now();
          const sc0 = process.cpuUsage();
          const batch = due.slice(i, i + 64);
          store.saveLatestSnapshots(batch);
          for (const snap of batch) (savedOnce.add(snap.targetId), pending.get(snap.targetId) === snap && pending.delete(snap.targetId));
          const sc1 = process.cpuUsage(sc0);
          m.snapCpuMs += (sc1.user + sc1.system) / 1000;
          m.storeCpuMs += (sc1.user + sc1.system) / 1000;
          if (m.measuring) m.storeMaxMs = Math.max(m.storeMaxMs, performance.now() - s0);
        }
        m.storeCpuMs += (c1b.user + c1b.system) / 1000;
      },
    });
  }

  // Warm-up: every host logged in and polled once, then one more interval.
  const t0 = Date.now();
  while (hosts.some((h) => h.lastFresh === 0) && Date.now() - t0 < opts.connectTimeoutMs) await sleep(200);
  const connectMs = Date.now() - t0;
  debug('connected', hosts.filter((h) => h.lastFresh > 0).length, connectMs);
  const connected = hosts.filter((h) => h.lastFresh > 0).length;
  await sleep(opts.intervalMs);
  // The store writes a chunk of every series once it is over (2 minutes, plus 10 s of grace):
  // the engine's window is placed so that one such write falls in its middle.
  if (engine) {
    const CHUNK_MS = 120_000;
    const GRACE_MS = 10_000;
    const now = Date.now();
    let due = now - (now % CHUNK_MS) + GRACE_MS;
    while (due - opts.measureMs / 2 < now) due += CHUNK_MS;
    debug('waiting for the window around the chunk write at', new Date(due).toISOString());
    await sleep(due - opts.measureMs / 2 - now);
  }

  // Window. run.mjs marks the fake servers' counters at its edges.
  const fleetAtStart = await ask({ type: 'window-start' });
  const logins = () => (engine ? hosts.reduce((s, h) => s + h.connection.stats().logins, 0) : 0);
  const resets = () => (engine ? hosts.reduce((s, h) => s + h.connection.stats().shellResets, 0) : 0);
  const loginsBefore = logins();
  const resetsBefore = resets();
  const eld = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
  let peakRss = process.memoryUsage().rss;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 500);
  const threads0 = threadTicks();
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  m.measuring = true;
  m.storeCpuMs = m.snapCpuMs = 0;
  store?.longestSampleWrite(); // from here on
  // GC pauses of the main thread, to tell them apart from the store's blocks (a pause inside a
  // write transaction counts in that write's time too).
  const gcPauses = [];
  const gcObserver = new PerformanceObserver((list) => gcPauses.push(...list.getEntries().map((e) => e.duration)));
  gcObserver.observe({ entryTypes: ['gc'] });
  for (const h of hosts) h.startsInWindow = 0;
  eld.enable();
  await sleep(opts.measureMs);
  eld.disable();
  m.measuring = false;
  const wallMs = performance.now() - w0;
  const cpu = process.cpuUsage(cpu0);
  const threads1 = threadTicks();
  gcObserver.disconnect();
  const sampleWriteMaxMs = store?.longestSampleWrite() ?? 0;
  clearInterval(rssTimer);
  const fleetAtEnd = await ask({ type: 'window-end' });
  const expected = (n * wallMs) / opts.intervalMs;
  const answered = fleetAtEnd.answered - fleetAtStart.answered;
  const result = {
    mode: opts.mode, n, connected, connectMs,
    cpuPct: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
    // The kernel's share: on loopback a socket write also delivers the packet to the receiver.
    sysPct: (cpu.system / 1000 / wallMs) * 100,
    rssMb: peakRss / 2 ** 20,
    p50: pct(m.lat, 50), p95: pct(m.lat, 95), p99: pct(m.lat, 99),
    eldP99: eld.percentile(99) / 1e6 - ELD_RESOLUTION_MS, eldMax: eld.max / 1e6 - ELD_RESOLUTION_MS,
    polls: m.ok, failed: m.failed, pollsPerSec: (m.ok / wallMs) * 1000,
    // CPU % by thread name (main thread, V8's GC and compiler workers, libuv's pool).
    threads: Object.fromEntries([...threads1].map(([name, t]) => [name, ((t - (threads0.get(name) ?? 0)) * 10 / wallMs) * 100])),
    // The longest the store held the loop: an ingest, a flush, a snapshot write or one of the drain's chunk writes.
    storeCpuPct: (m.storeCpuMs / wallMs) * 100, snapshotCpuPct: (m.snapCpuMs / wallMs) * 100, storeMaxMs: Math.max(m.storeMaxMs, sampleWriteMaxMs),
    sampleWriteMaxMs, otherStoreMaxMs: m.storeMaxMs, gcMaxMs: gcPauses.length ? Math.max(...gcPauses) : 0, gcTotalMs: gcPauses.reduce((a, b) => a + b, 0),
    newLogins: logins() - loginsBefore, shellResets: resets() - resetsBefore,
    lateP99: pct(m.late, 99), lateMax: m.late.length ? Math.max(...m.late) : null, skipped: m.skipped, starts: m.starts,
    hostsWithoutPoll: hosts.filter((h) => h.startsInWindow === 0).length,
    fakes: {
      expected, answered, lagP99Ms: fleetAtEnd.lagP99Ms, cpuPct: ((fleetAtEnd.cpuMs - fleetAtStart.cpuMs) / wallMs) * 100,
      // Kept up: they answered (nearly) one request per host per interval, without a backlog.
      keptUp: answered >= 0.98 * expected && fleetAtEnd.lagP99Ms < 100,
    },
  };

  // What the RSS is made of: the V8 heap live after a full GC (run.mjs passes --expose-gc), the
  // heap V8 holds, and memory outside it (Buffers, SQLite, ssh2's crypto contexts).
  globalThis.gc?.();
  const mem = process.memoryUsage();
  Object.assign(result, { liveHeapMb: mem.heapUsed / 2 ** 20, heapTotalMb: mem.heapTotal / 2 ** 20, externalMb: mem.external / 2 ** 20, rssAfterGcMb: mem.rss / 2 ** 20 });
  // OPSDECK_FLEET_HEAP_SNAPSHOT=<folder>: what that live heap holds, for the Memory tab of DevTools.
  if (process.env.OPSDECK_FLEET_HEAP_SNAPSHOT) {
    const { writeHeapSnapshot } = await import('node:v8');
    writeHeapSnapshot(`${process.env.OPSDECK_FLEET_HEAP_SNAPSHOT}/${opts.mode}-${n}.heapsnapshot`);
  }
  debug('window done', JSON.stringify(result));
  if (opts.drop) result.drop = await dropAndRecover(opts, hosts, limiter, logins);
  scheduler.stopAll();
  store?.close();
  process.send({ type: 'result', result });
  setTimeout(() => process.exit(0), 100);
}

/** utime+stime clock ticks (10 ms) of this process's threads, summed by thread name. */
function threadTicks() {
  const byName = new Map();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
      // Node's own helper threads (V8's GC and compiler workers) keep the process's name.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const name = Number(tid) === process.pid ? 'main' : comm === 'node' ? 'other node threads' : comm;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byName.set(name, (byName.get(name) ?? 0) + Number(f[11]) + Number(f[12]));
    } catch { /* the thread ended */ }
  }
  return byName;
}

/** All sockets die at once; every host must be polled again through a new login. */
async function dropAndRecover(opts, hosts, limiter, logins) {
  const before = hosts.map((h) => h.connection.stats().logins);
  const loginsBefore = logins();
  limiter.peakAll = 0;
  limiter.peakPerTarget = 0;
  const eld = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
  eld.enable();
  const t0 = Date.now();
  const ack = await ask({ type: 'drop' });
  const backAt = hosts.map(() => null);
  while (Date.now() - t0 < opts.recoverTimeoutMs) {
    hosts.forEach((h, i) => {
      if (backAt[i] === null && h.lastFresh > t0 && h.connection.stats().logins > before[i]) backAt[i] = h.lastFresh - t0;
    });
    if (backAt.every((b) => b !== null)) break;
    await sleep(50);
  }
  eld.disable();
  const back = backAt.filter((b) => b !== null);
  return {
    sockets: ack.sockets, hosts: hosts.length, back: back.length,
    allBackMs: back.length === hosts.length ? Math.max(...back) : null, p50BackMs: pct(back, 50),
    peakHandshakesPerTarget: limiter.peakPerTarget, peakHandshakesAll: limiter.peakAll,
    newLogins: logins() - loginsBefore, eldP99: eld.percentile(99) / 1e6 - ELD_RESOLUTION_MS,
  };
}

// Never outlive run.mjs (killed, interrupted).
process.on('disconnect', () => process.exit(0));
process.once('message', (msg) => {
  parentWaiter = null;
  main(msg).catch((err) => {
    process.send({ type: 'error', message: err.stack ?? String(err) });
    setTimeout(() => process.exit(1), 100);
  });
});
