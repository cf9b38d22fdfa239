import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { openStore, type Store } from '../../../src/main/engine/store';
import { METRIC_KEYS } from '../../../src/shared/model';
import { CHUNK_MS } from '../../../src/main/engine/store/chunk-codec';
import { CHUNK_GRACE_MS } from '../../../src/main/engine/store/sample-buffer';
import { committedReadings } from './stored-readings';

let dir: string;
let clock: FakeClock;
let logger: MemoryLogger;
let store: Store;
let observer: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-store-'));
  clock = new FakeClock();
  logger = new MemoryLogger();
  store = openStore({ dataDir: dir, clock, logger, flushRows: 4_000 });
  // A second connection sees only committed transactions, so what it counts is what was written.
  observer = new Database(store.path, { readonly: true });
});
afterEach(() => {
  observer.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const committedRows = () => committedReadings(observer);
const chunkRows = () => observer.prepare<[], number>('SELECT count(*) FROM sample_chunks').pluck().get();
const writes = () => logger.records.filter((r) => r.event === 'store-flushed').length;

describe('ingest batching', () => {
  it('writes nothing while chunks are open, then each series chunk as one row, in transactions of about flushRows readings', () => {
    const keys = METRIC_KEYS.slice(0, 20);
    const seen = new Set<number | undefined>();
    for (let poll = 0; poll < 500; poll++) {
      store.ingest('web-1', clock.now(), keys.map((k, i) => [k, poll + i] as const));
      seen.add(committedRows());
      clock.advance(1_000);
    }
    // Nobody drained: ingest alone never writes below ten transactions' worth of due readings.
    expect([...seen]).toEqual([0]);
    // Every reading waits in memory. Chunks starting at 0, 120, 240 and 360 s are over (plus
    // their grace) at 500 s; 480 s is open and stays pending after the flush.
    expect(store.sampleCounts().pending).toBe(500 * 20);
    expect(store.flush()).toBe(4 * 20 * 120);
    expect(chunkRows()).toBe(4 * 20);
    // Whole chunks of 120 readings until a transaction holds at least 4,000: 34 + 34 + 12 chunks.
    expect(logger.records.filter((r) => r.event === 'store-flushed').map((r) => (r.fields as { rows: number }).rows)).toEqual([4_080, 4_080, 1_440]);
    expect(store.sampleCounts().pending).toBe(20 * 20);
    expect(store.recentValues('web-1', ['cpu.usage'], 500)['cpu.usage']).toEqual(Array.from({ length: 500 }, (_, poll) => poll));
  });

  it('keeps readings in memory when a write fails and writes them on the next flush', () => {
    const t0 = clock.now();
    store.ingest('web-1', t0, [['cpu.usage', 1], ['mem.used', 2]]);
    clock.advance(CHUNK_MS + CHUNK_GRACE_MS);
    // Break the schema under the store from another connection, then restore it.
    const admin = new Database(store.path);
    const chunksSql = admin.prepare<[], string>("SELECT sql FROM sqlite_schema WHERE name = 'sample_chunks'").pluck().get() ?? '';
    admin.exec('DROP TABLE sample_chunks');

    expect(() => store.flush()).toThrow(expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringContaining('retried') }));
    const failures = () => logger.records.filter((r) => r.level === 'error' && r.event === 'store-write-failed').length;
    expect(failures()).toBe(1);
    expect(store.sampleCounts()).toEqual({ pending: 2, dropped: 0 });

    // Past ten transactions' worth of due readings, ingest does not retry on its own while writes fail.
    for (let s = 1; s <= 45_000; s++) store.ingest('web-1', t0 + s, [['cpu.usage', 3]]);
    expect(failures()).toBe(1);
    expect(store.recentValues('web-1', ['mem.used'], 2)).toEqual({ 'mem.used': [2] }); // still readable from memory

    admin.exec(chunksSql);
    admin.close();
    expect(store.flush()).toBe(45_002);
    expect(committedRows()).toBe(45_002);
    expect(store.recentValues('web-1', ['cpu.usage', 'mem.used'], 2)).toEqual({ 'cpu.usage': [3, 3], 'mem.used': [2] });
    // Once writes work again, ten transactions' worth of due readings make ingest write one.
    const t1 = clock.now();
    for (let s = 1; s <= 40_001; s++) store.ingest('web-2', t1 + s, [['load.1', 1]]);
    expect(committedRows()).toBe(45_002);
    clock.advance(CHUNK_MS + CHUNK_GRACE_MS);
    store.ingest('web-2', clock.now(), [['load.1', 1]]);
    expect(committedRows()).toBe(45_002 + 40_001);
  });
});
