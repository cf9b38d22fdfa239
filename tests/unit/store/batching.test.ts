import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { openStore, type Store } from '../../../src/main/engine/store';
import { METRIC_KEYS } from '../../../src/shared/model';

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

const committedRows = () => observer.prepare<[], number>('SELECT count(*) FROM samples').pluck().get();
const writes = () => logger.records.filter((r) => r.event === 'store-flushed').length;

describe('ingest batching', () => {
  it('writes 10,000 rows in three transactions: two full buffers and the final flush', () => {
    const keys = METRIC_KEYS.slice(0, 20);
    const seen = new Set<number | undefined>();
    for (let poll = 0; poll < 500; poll++) {
      store.ingest('web-1', clock.now() + poll * 1_000, keys.map((k, i) => [k, poll + i] as const));
      seen.add(committedRows());
    }
    // Rows appear only in whole batches, never one poll at a time.
    expect([...seen]).toEqual([0, 4_000, 8_000]);
    expect(store.flush()).toBe(2_000);
    expect(committedRows()).toBe(10_000);
    expect(writes()).toBe(3);
  });

  it('keeps rows in memory when a write fails and writes them on the next flush', () => {
    store.ingest('web-1', clock.now(), [['cpu.usage', 1], ['mem.used', 2]]);
    // Break the schema under the store from another connection, then restore it.
    const admin = new Database(store.path);
    const samplesSql = admin.prepare<[], string>("SELECT sql FROM sqlite_schema WHERE name = 'samples'").pluck().get() ?? '';
    admin.exec('DROP TABLE samples');

    expect(() => store.flush()).toThrow(expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringContaining('retried') }));
    const failures = () => logger.records.filter((r) => r.level === 'error' && r.event === 'store-write-failed').length;
    expect(failures()).toBe(1);

    // Past the buffer limit, ingest does not retry on its own while writes fail.
    for (let s = 1; s <= 5_000; s++) store.ingest('web-1', clock.now() + s, [['cpu.usage', 3]]);
    expect(failures()).toBe(1);

    admin.exec(samplesSql);
    admin.close();
    expect(store.flush()).toBe(5_002);
    expect(store.recentValues('web-1', ['cpu.usage', 'mem.used'], 2)).toEqual({ 'cpu.usage': [3, 3], 'mem.used': [2] });
    // Once writes work again, a full buffer is written without waiting for flush().
    for (let s = 1; s <= 4_000; s++) store.ingest('web-1', clock.now() + 10_000 + s, [['load.1', 1]]);
    expect(committedRows()).toBe(9_002);
  });
});
