import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { openStore, type Store } from '../../../src/main/engine/store';
import { CHUNK_MS } from '../../../src/main/engine/store/chunk-codec';
import { CHUNK_GRACE_MS } from '../../../src/main/engine/store/sample-buffer';
import { storedReadings, withDatabase } from './stored-readings';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** From a chunk's start until it is due for its write. */
const DUE = CHUNK_MS + CHUNK_GRACE_MS;

let dir: string;
let clock: FakeClock;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-store-'));
  clock = new FakeClock(); // starts on a whole minute
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const openWith = (retention?: { rawMs?: number; rollupMs?: number }) =>
  (store = openStore({ dataDir: dir, clock, logger: new MemoryLogger(), retention }));

/** avg/min/max/count per minute straight from the table, which querySeries does not expose. */
const rollupRows = () => {
  const db = new Database(store.path, { readonly: true });
  try {
    return db.prepare('SELECT minute_ts AS minute, avg, min, max, count FROM rollups_1m ORDER BY minute_ts').all();
  } finally {
    db.close();
  }
};

describe('1-minute rollups', () => {
  it('hold avg, min, max and the count of real readings for each minute, with gaps left out', () => {
    openWith();
    const m0 = clock.now();
    store.ingest('web-1', m0 + 1_000, [['cpu.usage', 10]]);
    store.ingest('web-1', m0 + 20_000, [['cpu.usage', 30]]);
    store.ingest('web-1', m0 + 40_000, [['cpu.usage', null]]);
    store.ingest('web-1', m0 + 59_999, [['cpu.usage', 20]]);
    store.ingest('web-1', m0 + MINUTE, [['cpu.usage', 5]]);
    store.ingest('web-1', m0 + 2 * MINUTE + 1, [['cpu.usage', null]]);
    clock.advance(2 * MINUTE + DUE); // rollups are written with their chunk, once it is over
    store.flush();

    expect(rollupRows()).toEqual([
      { minute: m0, avg: 20, min: 10, max: 30, count: 3 },
      { minute: m0 + MINUTE, avg: 5, min: 5, max: 5, count: 1 },
      { minute: m0 + 2 * MINUTE, avg: null, min: null, max: null, count: 0 },
    ]);
  });

  it('stay exact when a reading is re-delivered, or arrives late after its chunk was written', () => {
    openWith();
    const m0 = clock.now();
    const day = () => store.querySeries({ targetId: 'web-1', keys: ['cpu.usage'], range: '24h' }).series[0]?.points;
    store.ingest('web-1', m0, [['cpu.usage', 1]]);
    store.flush();
    store.ingest('web-1', m0 + 10_000, [['cpu.usage', 2]]);
    store.flush();
    store.ingest('web-1', m0 + 10_000, [['cpu.usage', 4]]); // replaces 2
    store.ingest('web-1', m0 + 20_000, [['cpu.usage', 0.1]]);
    store.flush();
    // Still in memory: no rollup row yet, but a 24 h query already averages the buffered readings.
    clock.advance(30_000);
    expect(rollupRows()).toEqual([]);
    expect(day()).toEqual([[m0, expect.closeTo((1 + 4 + 0.1) / 3, 12)]]);
    clock.advance(DUE);
    store.flush(); // the chunk is over: written with its rollups
    expect(rollupRows()).toEqual([{ minute: m0, avg: expect.closeTo((1 + 4 + 0.1) / 3, 12), min: 0.1, max: 4, count: 3 }]);
    // A late reading for a written chunk: queries merge it at once, the next write rolls it in.
    store.ingest('web-1', m0 + 30_000, [['cpu.usage', 10]]);
    expect(day()).toEqual([[m0, expect.closeTo((1 + 4 + 0.1 + 10) / 4, 12)]]);
    store.flush();
    expect(rollupRows()).toEqual([{ minute: m0, avg: expect.closeTo((1 + 4 + 0.1 + 10) / 4, 12), min: 0.1, max: 10, count: 4 }]);
    expect(day()).toEqual([[m0, expect.closeTo((1 + 4 + 0.1 + 10) / 4, 12)]]);
  });

  it('answer 24 h queries with one average per minute, null for a minute of gaps', () => {
    openWith();
    const m0 = clock.now() - 3 * MINUTE;
    for (let s = 0; s < 180; s++) store.ingest('web-1', m0 + s * 1_000, [['cpu.usage', s < 60 ? 50 : s < 120 ? null : s]]);
    store.flush();

    const day = store.querySeries({ targetId: 'web-1', keys: ['cpu.usage'], range: '24h' });
    expect(day.resolution).toBe('1m');
    expect(day.series[0]?.points).toEqual([
      [m0, 50],
      [m0 + MINUTE, null],
      [m0 + 2 * MINUTE, (120 + 179) / 2],
    ]);
    // The same data through a 1 h window is raw: one point per reading.
    const hour = store.querySeries({ targetId: 'web-1', keys: ['cpu.usage'], range: '1h' });
    expect(hour.resolution).toBe('raw');
    expect(hour.series[0]?.points).toHaveLength(180);
  });

  it('include the minute in progress so a 24 h chart reaches the present', () => {
    openWith();
    const m0 = clock.now();
    clock.advance(30_000);
    store.ingest('web-1', clock.now(), [['cpu.usage', 7]]);
    store.flush();
    expect(store.querySeries({ targetId: 'web-1', keys: ['cpu.usage'], range: '24h' }).series[0]?.points).toEqual([[m0, 7]]);
  });

  it('cover 7 days after raw samples are gone, within rollup retention', async () => {
    openWith({ rawMs: 2 * HOUR, rollupMs: 8 * 24 * HOUR });
    const start = clock.now();
    for (let h = 0; h < 6 * 24; h++) {
      store.ingest('web-1', clock.now(), [['cpu.usage', h]]);
      store.flush();
      clock.advance(HOUR);
    }
    const { rawDeleted } = await store.runRetention();
    expect(rawDeleted).toBe(6 * 24 - 2);

    const week = store.querySeries({ targetId: 'web-1', keys: ['cpu.usage'], range: '7d' });
    expect(week.resolution).toBe('10m');
    expect(week.series[0]?.points).toHaveLength(6 * 24);
    expect(week.series[0]?.points[0]).toEqual([start, 0]);
  });

  it('answer even a short window once it reaches past raw retention', () => {
    openWith({ rawMs: 30 * MINUTE });
    store.ingest('web-1', clock.now(), [['cpu.usage', 1]]);
    store.flush();
    expect(store.querySeries({ targetId: 'web-1', keys: ['cpu.usage'], range: '15m' }).resolution).toBe('raw');
    expect(store.querySeries({ targetId: 'web-1', keys: ['cpu.usage'], range: '1h' }).resolution).toBe('1m');
    clock.advance(HOUR);
    const past = store.querySeries({ targetId: 'web-1', keys: ['cpu.usage'], range: '15m', until: clock.now() - 50 * MINUTE });
    expect(past.resolution).toBe('1m');
    expect(past.series[0]?.points).toEqual([[clock.now() - HOUR, 1]]);
  });

  it('are written for the chunk in progress when the store closes; a crash loses only the chunk in memory', () => {
    openWith();
    const m0 = clock.now();
    store.ingest('web-1', m0 + 5_000, [['cpu.usage', 3]]);
    store.flush();
    store.close();
    expect(rollupRows()).toEqual([{ minute: m0, avg: 3, min: 3, max: 3, count: 1 }]);

    // A crash: a reading still in memory, the process gone without close().
    openWith();
    store.ingest('web-1', m0 + 6_000, [['cpu.usage', 5]]);
    store.flush();
    // Reopening the same file (the old handle is simply abandoned, as a killed process would).
    const reopened = openStore({ dataDir: dir, clock, logger: new MemoryLogger() });
    try {
      expect(rollupRows()).toEqual([{ minute: m0, avg: 3, min: 3, max: 3, count: 1 }]);
      expect(withDatabase(reopened.path, storedReadings)).toEqual([{ seriesId: 1, ts: m0 + 5_000, value: 3 }]);
      expect(reopened.querySeries({ targetId: 'web-1', keys: ['cpu.usage'], range: '1h', until: m0 + 10_000 }).series[0]?.points).toEqual([[m0 + 5_000, 3]]);
    } finally {
      reopened.close();
    }
  });

  it('answer 7 days with 10-minute averages weighted by the readings of each minute, stored and buffered alike', () => {
    openWith();
    const m0 = clock.now() - 20 * MINUTE; // a whole 10 minutes
    // Minute 0: two readings of 10; minute 1: one of 40; minutes 10-11: gaps only.
    store.ingest('web-1', m0, [['cpu.usage', 10]]);
    store.ingest('web-1', m0 + 5_000, [['cpu.usage', 10]]);
    store.ingest('web-1', m0 + MINUTE, [['cpu.usage', 40]]);
    store.ingest('web-1', m0 + 10 * MINUTE, [['cpu.usage', null]]);
    store.ingest('web-1', m0 + 11 * MINUTE, [['cpu.usage', null]]);
    const week = () => store.querySeries({ targetId: 'web-1', keys: ['cpu.usage'], range: '7d' });
    const expected = [[m0, 20], [m0 + 10 * MINUTE, null]];
    expect(week().series[0]?.points).toEqual(expected); // all in memory
    store.flush();
    expect(week().resolution).toBe('10m');
    expect(week().series[0]?.points).toEqual(expected); // all stored
    store.ingest('web-1', clock.now(), [['cpu.usage', 7]]);
    expect(week().series[0]?.points).toEqual([...expected, [clock.now(), 7]]); // stored, then buffered
  });
});
