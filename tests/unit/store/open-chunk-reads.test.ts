import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { openStore, type Store } from '../../../src/main/engine/store';
import { CHUNK_MS } from '../../../src/main/engine/store/chunk-codec';
import { CHUNK_GRACE_MS } from '../../../src/main/engine/store/sample-buffer';
import { committedReadings, withDatabase } from './stored-readings';

const MINUTE = 60_000;
let dir: string;
let clock: FakeClock;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-open-chunk-'));
  clock = new FakeClock();
  store = openStore({ dataDir: dir, clock, logger: new MemoryLogger() });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const hour = (until?: number) => store.querySeries({ targetId: 'web-1', keys: ['cpu.usage'], range: '1h', ...(until === undefined ? {} : { until }) }).series[0]?.points;

describe('reads while chunks are in memory', () => {
  it('merge a stored chunk with newer readings of the same chunk, the newer value winning on the same time', () => {
    const t0 = clock.now();
    store.ingest('web-1', t0, [['cpu.usage', 1]]);
    store.ingest('web-1', t0 + 5_000, [['cpu.usage', 2]]);
    clock.advance(CHUNK_MS + CHUNK_GRACE_MS);
    store.flush();
    // Late: one re-delivered (replaces 2), one new, both only in memory now.
    store.ingest('web-1', t0 + 5_000, [['cpu.usage', 20]]);
    store.ingest('web-1', t0 + 10_000, [['cpu.usage', 3]]);
    expect(withDatabase(store.path, committedReadings)).toBe(2);
    expect(hour()).toEqual([[t0, 1], [t0 + 5_000, 20], [t0 + 10_000, 3]]);
    expect(store.recentValues('web-1', ['cpu.usage'], 10)).toEqual({ 'cpu.usage': [1, 20, 3] });
    store.flush();
    expect(withDatabase(store.path, committedReadings)).toBe(3);
    expect(hour()).toEqual([[t0, 1], [t0 + 5_000, 20], [t0 + 10_000, 3]]);
  });

  it('show the open chunk in raw, 1-minute and sparkline reads before anything is written', () => {
    const t0 = clock.now() - 2 * MINUTE;
    for (let s = 0; s < 90; s += 30) store.ingest('web-1', t0 + s * 1_000, [['cpu.usage', s]]);
    expect(withDatabase(store.path, committedReadings)).toBe(0);
    expect(hour()).toEqual([[t0, 0], [t0 + 30_000, 30], [t0 + 60_000, 60]]);
    expect(store.querySeries({ targetId: 'web-1', keys: ['cpu.usage'], range: '24h' }).series[0]?.points).toEqual([[t0, 15], [t0 + MINUTE, 60]]);
    expect(store.recentValues('web-1', ['cpu.usage'], 2)).toEqual({ 'cpu.usage': [30, 60] });
  });

  it('return every reading exactly once with the value delivered last, whatever is written or reopened in between', () => {
    // Times on a 5 s grid over 4 minutes, so re-deliveries of a time (before and after its write) are common.
    type Op = { kind: 'ingest'; offset: number; value: number | null } | { kind: 'advance'; ms: number } | { kind: 'flush' } | { kind: 'reopen' };
    const op = fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('ingest' as const), offset: fc.integer({ min: 0, max: 48 }).map((k) => k * 5_000), value: fc.option(fc.integer({ min: -1_000, max: 1_000 }), { nil: null }) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 2 * MINUTE }) }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'flush' as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'reopen' as const }) },
    );
    const base = clock.now();
    fc.assert(
      fc.property(fc.array(op as fc.Arbitrary<Op>, { maxLength: 60 }), (ops) => {
        store.close();
        rmSync(dir, { recursive: true, force: true });
        clock = new FakeClock(base);
        store = openStore({ dataDir: dir, clock, logger: new MemoryLogger() });
        const expected = new Map<number, number | null>();
        for (const o of ops) {
          if (o.kind === 'ingest') {
            store.ingest('web-1', base + o.offset, [['cpu.usage', o.value]]);
            expected.set(base + o.offset, o.value);
          } else if (o.kind === 'advance') clock.advance(o.ms);
          else if (o.kind === 'flush') store.flush();
          else {
            store.close();
            store = openStore({ dataDir: dir, clock, logger: new MemoryLogger() });
          }
        }
        const want = [...expected.entries()].sort(([a], [b]) => a - b);
        expect(hour(base + 30 * MINUTE)).toEqual(want);
        store.close();
        store = openStore({ dataDir: dir, clock, logger: new MemoryLogger() });
        expect(hour(base + 30 * MINUTE)).toEqual(want);
        expect(withDatabase(store.path, committedReadings)).toBe(want.length);
      }),
      { numRuns: 40 },
    );
  });
});
