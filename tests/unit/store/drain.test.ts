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
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-drain-'));
  clock = new FakeClock();
  logger = new MemoryLogger();
  store = openStore({ dataDir: dir, clock, logger, flushRows: 1_000 });
  observer = new Database(store.path, { readonly: true });
});
afterEach(() => {
  observer.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const committedRows = () => observer.prepare<[], number>('SELECT count(*) FROM samples').pluck().get();
const writes = () => logger.records.filter((r) => r.event === 'store-flushed').map((r) => (r.fields as { rows: number }).rows);
const keys = METRIC_KEYS.slice(0, 10);
const ingestPolls = (hosts: number, at: number) => {
  for (let h = 0; h < hosts; h++) store.ingest(`host-${h}`, at, keys.map((k, i) => [k, h + i] as const));
};

describe('drain', () => {
  it('writes buffered rows, then rolls up a closed minute in several short writes with turns of the loop between', async () => {
    ingestPolls(90, clock.now()); // 900 series, under the 1,000-row threshold: nothing written yet
    expect(committedRows()).toBe(0);
    clock.advance(60_000); // their minute is over
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const drained = store.drain();
    expect(committedRows()).toBe(900); // the first write is synchronous
    expect(await drained).toBe(900);
    clearInterval(ticker);
    const rollups = observer.prepare<[], number>('SELECT count(*) FROM rollups_1m').pluck().get();
    expect(rollups).toBe(900);
    const refreshes = logger.records.filter((r) => r.event === 'store-flushed').map((r) => (r.fields as { rollupMinutes: number }).rollupMinutes);
    expect(Math.max(...refreshes)).toBeLessThanOrEqual(250);
    expect(refreshes.length).toBeGreaterThanOrEqual(4);
    expect(turns).toBeGreaterThan(0);
    expect(store.sampleCounts().pending).toBe(0);
  });

  it('leaves ingest writing at most flushRows rows per transaction', () => {
    ingestPolls(250, clock.now());
    expect(committedRows()).toBe(2_000);
    expect(writes()).toEqual([1_000, 1_000]);
  });

  it('shares one run between concurrent callers', async () => {
    ingestPolls(30, clock.now());
    const [a, b] = await Promise.all([store.drain(), store.drain()]);
    expect(a).toBe(300);
    expect(b).toBe(300);
    expect(committedRows()).toBe(300);
  });
});
