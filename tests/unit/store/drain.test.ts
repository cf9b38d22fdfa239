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

const committedRows = () => committedReadings(observer);
const DUE = CHUNK_MS + CHUNK_GRACE_MS;
const writes = () => logger.records.filter((r) => r.event === 'store-flushed').map((r) => (r.fields as { rows: number }).rows);
const keys = METRIC_KEYS.slice(0, 10);
const ingestPolls = (hosts: number, at: number) => {
  for (let h = 0; h < hosts; h++) store.ingest(`host-${h}`, at, keys.map((k, i) => [k, h + i] as const));
};

describe('drain', () => {
  it('writes the chunks that are over in short writes of whole chunks, with turns of the loop between', async () => {
    const t0 = clock.now();
    for (let poll = 0; poll < 12; poll++) ingestPolls(90, t0 + poll * 5_000); // 900 series, 12 readings each
    expect(await store.drain()).toBe(0); // their chunk is still open
    clock.advance(DUE);
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const drained = store.drain();
    expect(committedRows()).toBe(84 * 12); // the first write is synchronous: 84 chunks reach 1,000 readings
    expect(await drained).toBe(900 * 12);
    clearInterval(ticker);
    expect(committedRows()).toBe(900 * 12);
    expect(observer.prepare<[], number>('SELECT count(*) FROM sample_chunks').pluck().get()).toBe(900);
    // One minute of readings per series: one rollup row each, written with its chunk.
    expect(observer.prepare<[], number>('SELECT count(*) FROM rollups_1m').pluck().get()).toBe(900);
    expect(writes().length).toBe(11);
    expect(Math.max(...writes())).toBeLessThan(1_000 + 12);
    expect(turns).toBeGreaterThan(0);
    expect(store.sampleCounts().pending).toBe(0);
  });

  it('leaves flush() to an ongoing drain, and writes the rest when it is over', async () => {
    ingestPolls(200, clock.now());
    clock.advance(DUE);
    const drained = store.drain();
    expect(store.flush()).toBe(0);
    expect(committedRows()).toBe(1_000);
    await drained;
    expect(committedRows()).toBe(2_000);
    expect(store.flush()).toBe(0);
  });

  it('keeps ingest from writing in the poll path while a drain job runs, and not after it stopped', async () => {
    const t0 = clock.now();
    // 1,200 series x 12 polls: 14,400 readings, past ten transactions' worth (10,000) once due.
    for (let poll = 0; poll < 12; poll++) ingestPolls(120, t0 + poll * 5_000);
    clock.advance(DUE - 1_000);
    expect(await store.drain()).toBe(0); // the drain job's last pass, a second before they are due
    clock.advance(2_000);
    ingestPolls(1, clock.now());
    // Due now, but a drain ran 2 s ago: the poll leaves them to the next pass.
    expect(committedRows()).toBe(0);
    clock.advance(10_000);
    ingestPolls(1, clock.now());
    // No drain for 12 s: nobody drains, so ingest bounds the memory itself, one transaction.
    expect(committedRows()).toBeGreaterThan(0);
    expect(writes()).toHaveLength(1);
  });

  it('shares one run between concurrent callers', async () => {
    ingestPolls(30, clock.now());
    clock.advance(DUE);
    const [a, b] = await Promise.all([store.drain(), store.drain()]);
    expect(a).toBe(300);
    expect(b).toBe(300);
    expect(committedRows()).toBe(300);
  });
});
