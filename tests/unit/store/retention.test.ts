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
  clock = new FakeClock();
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const openWith = (retention?: { rawMs?: number; rollupMs?: number }) =>
  (store = openStore({ dataDir: dir, clock, logger: new MemoryLogger(), retention }));

const timestamps = (sql: string): number[] => {
  const db = new Database(store.path, { readonly: true });
  try {
    return db.prepare<[], number>(sql).pluck().all();
  } finally {
    db.close();
  }
};
const rawTimes = () => withDatabase(store.path, storedReadings).map((r) => r.ts);
const rollupTimes = () => timestamps('SELECT minute_ts FROM rollups_1m ORDER BY minute_ts');

describe('retention', () => {
  it('deletes exactly the raw samples and rollups older than their configured windows', async () => {
    openWith({ rawMs: HOUR, rollupMs: 3 * HOUR });
    const start = clock.now();
    // One reading a minute for 4 hours, for two targets.
    for (let i = 0; i < 240; i++) {
      store.ingest('web-1', clock.now(), [['cpu.usage', i]]);
      store.ingest('db-1', clock.now(), [['load.1', i]]);
      store.flush();
      clock.advance(MINUTE);
    }
    clock.advance(DUE);
    store.flush(); // the last chunk is over: it and its rollups are written now
    // At start + 240 min: raw keeps ts >= start + 180 min, rollups keep minutes >= start + 60 min.
    const at = start + 240 * MINUTE;
    expect(await store.runRetention(at)).toEqual({ rawDeleted: 2 * 180, rollupsDeleted: 2 * 60 });

    const keptRaw = Array.from({ length: 60 }, (_, i) => start + (180 + i) * MINUTE);
    const keptRollups = Array.from({ length: 180 }, (_, i) => start + (60 + i) * MINUTE);
    expect(rawTimes()).toEqual(keptRaw.flatMap((t) => [t, t]));
    expect(rollupTimes()).toEqual(keptRollups.flatMap((t) => [t, t]));
    expect(await store.runRetention(at)).toEqual({ rawDeleted: 0, rollupsDeleted: 0 });
  });

  it('trims the chunk the cutoff falls into, keeping its newer readings', async () => {
    openWith({ rawMs: HOUR });
    const start = clock.now();
    for (let s = 0; s < CHUNK_MS / 1_000; s += 10) store.ingest('web-1', start + s * 1_000, [['cpu.usage', s]]);
    clock.advance(DUE);
    store.flush();
    expect(await store.runRetention(start + HOUR + 55_000)).toEqual({ rawDeleted: 6, rollupsDeleted: 0 });
    expect(rawTimes()).toEqual(Array.from({ length: 6 }, (_, i) => start + 60_000 + i * 10_000));
    expect(await store.runRetention(start + HOUR + CHUNK_MS)).toEqual({ rawDeleted: 6, rollupsDeleted: 0 });
    expect(rawTimes()).toEqual([]);
  });

  it('uses 48 hours for raw samples and 30 days for rollups by default', async () => {
    openWith();
    const start = clock.now();
    store.ingest('web-1', start, [['cpu.usage', 1]]);
    clock.advance(DUE);
    store.flush();

    expect(await store.runRetention(start + 48 * HOUR)).toEqual({ rawDeleted: 0, rollupsDeleted: 0 });
    expect(await store.runRetention(start + 48 * HOUR + 1)).toEqual({ rawDeleted: 1, rollupsDeleted: 0 });
    expect(await store.runRetention(start + 30 * 24 * HOUR)).toEqual({ rawDeleted: 0, rollupsDeleted: 0 });
    expect(await store.runRetention(start + 30 * 24 * HOUR + 1)).toEqual({ rawDeleted: 0, rollupsDeleted: 1 });
  });

  it('works in batches and lets the event loop run between them', async () => {
    openWith({ rawMs: HOUR });
    const start = clock.now();
    for (let s = 0; s < 10_000; s++) store.ingest('web-1', start + s * 1_000, [['cpu.usage', s]]);
    clock.advance(10_000 * 1_000 + DUE);
    store.flush();
    expect(rawTimes()).toHaveLength(10_000);

    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const result = await store.runRetention(start + HOUR + 10_000 * 1_000);
    clearInterval(ticker);

    expect(result.rawDeleted).toBe(10_000);
    expect(rawTimes()).toEqual([]);
    expect(turns).toBeGreaterThan(0);
  });

  it('shares one run between concurrent callers', async () => {
    openWith({ rawMs: HOUR });
    store.ingest('web-1', clock.now(), [['cpu.usage', 1]]);
    clock.advance(DUE);
    store.flush();
    const later = clock.now() + 2 * HOUR;
    const [a, b] = await Promise.all([store.runRetention(later), store.runRetention(later)]);
    expect(a).toEqual({ rawDeleted: 1, rollupsDeleted: 0 });
    expect(b).toBe(a);
  });

  it('stops quietly when the store is closed in the middle of a run', async () => {
    openWith({ rawMs: HOUR });
    const start = clock.now();
    for (let s = 0; s < 6_000; s++) store.ingest('web-1', start + s * 1_000, [['cpu.usage', s]]);
    clock.advance(6_000 * 1_000 + DUE);
    store.flush();
    expect(rawTimes()).toHaveLength(6_000);
    const run = store.runRetention(start + 10 * HOUR);
    store.close();
    const result = await run;
    expect(result.rawDeleted).toBeLessThan(6_000);
  });
});
