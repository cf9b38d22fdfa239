// The engine end to end under plain Node: real /proc, real SQLite, real timers.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_NAMES, METHOD_NAMES, type SampleEvent } from '../../src/shared/api';
import { LOCAL_TARGET_ID } from '../../src/shared/model';
import { MemoryLogger } from '../../src/main/engine/core/logger';
import { createEngine, type Engine } from '../../src/main/engine/engine';
import { tempDataDir } from '../support/serve-process';

const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});

function start(dataDir: string, logger = new MemoryLogger()) {
  const engine = createEngine({ dataDir, host: 'serve', intervalMs: 250, logger });
  engines.push(engine);
  return engine;
}

function nextSamples(engine: Engine, n: number): Promise<SampleEvent[]> {
  return new Promise((resolve) => {
    const got: SampleEvent[] = [];
    const off = engine.api.onDidSample((e) => {
      got.push(e);
      if (got.length === n) {
        off();
        resolve(got);
      }
    });
  });
}

describe('engine watching this computer', () => {
  it('implements every method and event of the contract', () => {
    const engine = start(tempDataDir());
    expect(Object.keys(engine.api).sort()).toEqual([...METHOD_NAMES, ...EVENT_NAMES].sort());
  });

  it('shows live data with zero setup: CPU, memory, load, disk and network from the second poll', async () => {
    const engine = start(tempDataDir());
    const samples = nextSamples(engine, 3);
    await engine.start();
    const [first, , third] = await samples;
    expect(first!.snapshot.metrics['cpu.usage']).toBeNull(); // no delta yet: null, never 0
    const m = third!.snapshot.metrics;
    expect(m['cpu.usage']).toBeGreaterThanOrEqual(0);
    expect(m['cpu.usage']).toBeLessThanOrEqual(100);
    expect(m['cpu.iowait']).not.toBeNull();
    expect(m['mem.used']).toBeGreaterThan(0);
    expect(m['load.perCore']).not.toBeNull();
    expect(m['disk.used']).toBeGreaterThan(0);
    expect(m['net.rxBps']).toBeGreaterThanOrEqual(0);
    expect(third!.snapshot.filesystems!.length).toBeGreaterThan(0);
    expect(['ok', 'warn', 'crit']).toContain(third!.snapshot.status);

    const [tile] = await engine.api.getOverview();
    expect(tile!.target.id).toBe(LOCAL_TARGET_ID);
    expect(tile!.snapshot?.metrics['mem.used']).not.toBeNull();
  });

  it('keeps history across a restart and answers series from the store', async () => {
    const dataDir = tempDataDir();
    const first = start(dataDir);
    const samples = nextSamples(first, 4);
    await first.start();
    await samples;
    const before = await first.api.getSeries({ targetId: LOCAL_TARGET_ID, keys: ['mem.used', 'cpu.usage'], range: '15m' });
    const memPoints = before.series.find((s) => s.key === 'mem.used')!.points;
    expect(memPoints.length).toBeGreaterThanOrEqual(4);
    await first.stop();
    engines.length = 0;

    const second = start(dataDir);
    await second.start();
    // Before any new poll: the last snapshot and the stored history are already there.
    const snap = await second.api.getSnapshot({ targetId: LOCAL_TARGET_ID });
    expect(snap?.metrics['mem.used']).not.toBeNull();
    const after = await second.api.getSeries({ targetId: LOCAL_TARGET_ID, keys: ['mem.used'], range: '15m' });
    const afterTs = after.series[0]!.points.map((p) => p[0]);
    for (const [ts] of memPoints) expect(afterTs).toContain(ts);
  });

  it('an unknown target is UNKNOWN_TARGET, and the data folder holds no log noise on the console', async () => {
    const logger = new MemoryLogger();
    const dataDir = tempDataDir();
    const engine = start(dataDir, logger);
    await engine.start();
    await expect(engine.api.getSnapshot({ targetId: 'nope' })).rejects.toMatchObject({ code: 'UNKNOWN_TARGET' });
    expect(fs.existsSync(`${dataDir}/opsdeck.db`)).toBe(true);
    expect(logger.records.some((r) => r.event === 'engine-started')).toBe(true);
  });
});
