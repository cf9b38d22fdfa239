import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { openStore, type Store } from '../../../src/main/engine/store';
import { CHUNK_MS } from '../../../src/main/engine/store/chunk-codec';
import { CHUNK_GRACE_MS } from '../../../src/main/engine/store/sample-buffer';

let dir: string;
let clock: FakeClock;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-store-'));
  clock = new FakeClock();
  store = openStore({ dataDir: dir, clock, logger: new MemoryLogger() });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const points = (key: 'cpu.usage' | 'mem.used', range: '15m' | '1h' = '15m') =>
  store.querySeries({ targetId: 'web-1', keys: [key], range }).series[0]?.points;

describe('raw samples', () => {
  it('come back from a 15 minute query after a flush, oldest first, with the window described', () => {
    const t0 = clock.now();
    store.ingest('web-1', t0 - 2_000, [['cpu.usage', 12.5], ['mem.used', 40]]);
    store.ingest('web-1', t0 - 4_000, [['cpu.usage', 10]]);
    store.ingest('web-1', t0, [['cpu.usage', 15]]);
    store.flush();

    const result = store.querySeries({ targetId: 'web-1', keys: ['cpu.usage', 'mem.used'], range: '15m' });
    expect(result).toEqual({
      targetId: 'web-1',
      range: '15m',
      from: t0 - 15 * 60_000,
      until: t0,
      resolution: 'raw',
      series: [
        { key: 'cpu.usage', points: [[t0 - 4_000, 10], [t0 - 2_000, 12.5], [t0, 15]] },
        { key: 'mem.used', points: [[t0 - 2_000, 40]] },
      ],
    });
  });

  it('are visible while their chunk is still in memory, and read back once after it is written', () => {
    store.ingest('web-1', clock.now(), [['cpu.usage', 1]]);
    expect(points('cpu.usage')).toEqual([[clock.now(), 1]]);
    expect(store.flush()).toBe(0); // the chunk is still open
    clock.advance(CHUNK_MS + CHUNK_GRACE_MS);
    expect(store.flush()).toBe(1);
    expect(points('cpu.usage')).toEqual([[clock.now() - CHUNK_MS - CHUNK_GRACE_MS, 1]]);
    expect(store.flush()).toBe(0);
  });

  it('keep a missing reading as null, never as 0, and store NaN or Infinity as null too', () => {
    const t0 = clock.now();
    store.ingest('web-1', t0 - 3_000, [['cpu.usage', null]]);
    store.ingest('web-1', t0 - 2_000, [['cpu.usage', 0]]);
    store.ingest('web-1', t0 - 1_000, [['cpu.usage', Number.NaN]]);
    store.ingest('web-1', t0, [['cpu.usage', Number.POSITIVE_INFINITY]]);
    store.flush();
    expect(points('cpu.usage')).toEqual([[t0 - 3_000, null], [t0 - 2_000, 0], [t0 - 1_000, null], [t0, null]]);
  });

  it('only include the requested window, with both ends inclusive', () => {
    const t0 = clock.now();
    for (const ageMs of [15 * 60_000 + 1, 15 * 60_000, 0]) store.ingest('web-1', t0 - ageMs, [['cpu.usage', ageMs]]);
    store.ingest('web-1', t0 + 1, [['cpu.usage', -1]]);
    store.flush();
    expect(points('cpu.usage')).toEqual([[t0 - 15 * 60_000, 15 * 60_000], [t0, 0]]);
  });

  it('answer a window that ends in the past when `until` is given', () => {
    const t0 = clock.now();
    store.ingest('web-1', t0 - 30 * 60_000, [['cpu.usage', 1]]);
    store.ingest('web-1', t0, [['cpu.usage', 2]]);
    store.flush();
    const result = store.querySeries({ targetId: 'web-1', keys: ['cpu.usage'], range: '15m', until: t0 - 20 * 60_000 });
    expect(result.resolution).toBe('raw');
    expect(result.series[0]?.points).toEqual([[t0 - 30 * 60_000, 1]]);
  });

  it('keep the latest value when the same reading time is delivered twice', () => {
    const t0 = clock.now();
    store.ingest('web-1', t0, [['cpu.usage', 1]]);
    store.flush();
    store.ingest('web-1', t0, [['cpu.usage', 2]]);
    store.flush();
    expect(points('cpu.usage')).toEqual([[t0, 2]]);
  });

  it('are kept apart per target, and an unknown series is an empty list', () => {
    store.ingest('web-1', clock.now(), [['cpu.usage', 1]]);
    store.ingest('db-1', clock.now(), [['cpu.usage', 2]]);
    store.flush();
    expect(points('cpu.usage')).toEqual([[clock.now(), 1]]);
    expect(store.querySeries({ targetId: 'nobody', keys: ['cpu.usage', 'fs.used:/home'], range: '1h' }).series).toEqual([
      { key: 'cpu.usage', points: [] },
      { key: 'fs.used:/home', points: [] },
    ]);
  });

  it('refuse to ingest a time that is not a number', () => {
    expect(() => store.ingest('web-1', Number.NaN, [['cpu.usage', 1]])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('drop readings older than raw retention, which could no longer be rolled up whole', () => {
    store.ingest('web-1', clock.now() - 49 * 60 * 60_000, [['cpu.usage', 1]]);
    expect(store.flush()).toBe(0);
  });
});

describe('recent values for sparklines', () => {
  it('are the last N raw values per key, oldest first, with gaps kept as null', () => {
    const t0 = clock.now();
    const cpu = [5, null, 7, 8, 9];
    cpu.forEach((v, i) => store.ingest('web-1', t0 - (cpu.length - i) * 1_000, [['cpu.usage', v], ['mem.used', i]]));
    store.flush();
    expect(store.recentValues('web-1', ['cpu.usage', 'mem.used', 'load.1'], 3)).toEqual({
      'cpu.usage': [7, 8, 9],
      'mem.used': [2, 3, 4],
      'load.1': [],
    });
  });

  it('refuse a limit that is not a positive whole number', () => {
    expect(() => store.recentValues('web-1', ['cpu.usage'], 0)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
