// bench:ui's host: the real serve (HTTP, tokens, WebSocket bridge, renderer bundle) whose engine
// answers the overview and sample events from generated snapshots instead of polling. Polling
// 1,000 fake hosts would take the CPU the browser is being measured with (bench:fleet covers it).
import { EventEmitter } from 'node:events';
import type { SampleEvent } from '../../../src/shared/contract/monitoring-api';
import type { HostSnapshot, OverviewTile, Target } from '../../../src/shared/model';
import { nullLogger } from '../../../src/main/engine/core/logger';
import { startServer } from '../../../src/main/serve/server';

export interface FedServe {
  consoleUrl: string;
  wallUrl: string;
  /** Samples sent so far. */
  sent(): number;
  close(): Promise<void>;
}

function snapshotOf(target: Target, ts: number, i: number, tick: number): HostSnapshot {
  const wave = (k: number) => Math.round((50 + 40 * Math.sin((tick + i * 7 + k) / 3)) * 10) / 10;
  const cpu = wave(0);
  // A few hosts cross thresholds now and then, so ordering by status moves as in a real fleet.
  const status = i % 97 === 0 && tick % 4 === 0 ? 'warn' : 'ok';
  return {
    targetId: target.id,
    ts,
    metrics: { 'cpu.usage': cpu, 'cpu.iowait': wave(1) / 20, 'mem.used': wave(2), 'disk.used': 40 + (i % 50), 'load.perCore': wave(3) / 100, uptime: 86_400 + tick * 5 },
    health: {},
    status,
    reasons: status === 'warn' ? [{ code: 'THRESHOLD', metric: 'cpu.usage', value: cpu, threshold: 80, status: 'warn' }] : [],
    facts: { hostname: target.name, os: 'Debian GNU/Linux 12', kernel: '6.1.0', arch: 'x86_64' },
  } as HostSnapshot;
}

export async function startFedServe(opts: { dataDir: string; rendererDir: string; tiles: number; intervalMs: number }): Promise<FedServe> {
  const server = await startServer({ port: 0, host: '127.0.0.1', rendererDir: opts.rendererDir, engine: { dataDir: opts.dataDir, intervalMs: 60_000 }, logger: nullLogger });
  await server.started;
  const targets: Target[] = Array.from({ length: opts.tiles }, (_, i) => ({ id: `bench-${String(i).padStart(4, '0')}`, name: `web-${String(i).padStart(4, '0')}`, kind: 'ssh', intervalMs: opts.intervalMs, enabled: true }));
  const latest = new Map<string, HostSnapshot>();
  const spark = new Map<string, { cpu: number[]; mem: number[] }>();
  const events = new EventEmitter().setMaxListeners(0);
  let tick = 0;
  let sent = 0;
  for (const [i, t] of targets.entries()) {
    const s = snapshotOf(t, Date.now(), i, 0);
    latest.set(t.id, s);
    spark.set(t.id, { cpu: Array.from({ length: 30 }, (_, k) => (k * 3 + i) % 100), mem: Array.from({ length: 30 }, (_, k) => (k * 2 + i) % 100) });
  }
  // The api object is shared with the bridge, which looks methods up per call.
  const api = server.engine.api as unknown as Record<string, unknown>;
  api.getOverview = async (): Promise<OverviewTile[]> =>
    targets.map((target) => {
      const s = latest.get(target.id)!;
      const sp = spark.get(target.id)!;
      return { target, snapshot: s, status: s.status, sparklines: { 'cpu.usage': sp.cpu, 'mem.used': sp.mem } };
    });
  api.listTargets = async () => targets;
  api.onDidSample = (listener: (e: SampleEvent) => void) => {
    events.on('sample', listener);
    return () => events.off('sample', listener);
  };
  // Every host reports once per interval, spread evenly over it like the scheduler's jitter.
  const slot = opts.intervalMs / opts.tiles;
  let next = 0;
  const started = Date.now();
  const timer = setInterval(() => {
    const due = Math.floor((Date.now() - started) / slot);
    for (; next < due; next++) {
      const i = next % opts.tiles;
      if (i === 0) tick++;
      const s = snapshotOf(targets[i]!, Date.now(), i, tick);
      latest.set(targets[i]!.id, s);
      events.emit('sample', { snapshot: s });
      sent++;
    }
  }, 20);
  return {
    consoleUrl: server.consoleUrl,
    wallUrl: server.wallUrl,
    sent: () => sent,
    async close() {
      clearInterval(timer);
      await server.close();
    },
  };
}
