import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { openStore, type Store } from '../../../src/main/engine/store';
import { emptyHostMetrics, type HostSnapshot } from '../../../src/shared/model';

let dir: string;
let logger: MemoryLogger;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-store-'));
  logger = new MemoryLogger();
  store = openStore({ dataDir: dir, clock: new FakeClock(), logger });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const snapshot = (targetId: string, ts: number, cpu: number): HostSnapshot => ({
  targetId,
  ts,
  metrics: { ...emptyHostMetrics(), 'cpu.usage': cpu },
  filesystems: [],
  health: {},
  status: 'unknown',
  reasons: [{ code: 'STALE', lastSampleTs: null, ageMs: null }],
  facts: { hostname: null, os: null, kernel: null, arch: null },
});

describe('targets', () => {
  it('are listed in the order they were first saved, with updates applied in place', () => {
    store.upsertTarget({ id: 'local', name: 'This computer', kind: 'local', intervalMs: 5_000, enabled: true });
    store.upsertTarget({ id: 'web-1', name: 'web-1', kind: 'ssh', intervalMs: 10_000, enabled: false });
    store.upsertTarget({ id: 'local', name: 'Laptop', kind: 'local', intervalMs: 2_000, enabled: false });
    expect(store.listTargets()).toEqual([
      { id: 'local', name: 'Laptop', kind: 'local', intervalMs: 2_000, enabled: false },
      { id: 'web-1', name: 'web-1', kind: 'ssh', intervalMs: 10_000, enabled: false },
    ]);
  });
});

describe('settings', () => {
  it('round-trip any JSON value and are undefined when never set', () => {
    expect(store.getSetting('missing')).toBeUndefined();
    const wall = { rotate: true, screens: ['overview', 'incidents'], seconds: 20, banner: null };
    store.setSetting('wall', wall);
    store.setSetting('language', 'ko');
    store.setSetting('language', 'en');
    expect(store.getSetting('wall')).toEqual(wall);
    expect(store.getSetting('language')).toBe('en');
  });

  it('refuse a value that has no JSON form', () => {
    expect(() => store.setSetting('nothing', undefined)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => store.setSetting('big', 1n)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('latest snapshots', () => {
  it('keep one snapshot per target, and a late older snapshot never replaces a newer one', () => {
    store.saveLatestSnapshot(snapshot('web-1', 2_000, 20));
    store.saveLatestSnapshot(snapshot('local', 1_000, 10));
    store.saveLatestSnapshot(snapshot('web-1', 1_500, 15));
    store.saveLatestSnapshot(snapshot('local', 3_000, 30));
    expect(store.loadLatestSnapshots()).toEqual([snapshot('local', 3_000, 30), snapshot('web-1', 2_000, 20)]);
  });

  it('save many targets at once with the same rule, in one transaction', () => {
    store.saveLatestSnapshots([snapshot('web-1', 2_000, 20), snapshot('local', 1_000, 10)]);
    store.saveLatestSnapshots([snapshot('web-1', 1_500, 15), snapshot('local', 3_000, 30)]);
    store.saveLatestSnapshots([]);
    expect(store.loadLatestSnapshots()).toEqual([snapshot('local', 3_000, 30), snapshot('web-1', 2_000, 20)]);
  });

  it('skip an unreadable row with a warning instead of hiding every tile', () => {
    store.saveLatestSnapshot(snapshot('local', 1_000, 10));
    const db = new Database(store.path);
    db.prepare("INSERT INTO latest_snapshot (target_id, ts, snapshot) VALUES ('broken', 1, '{not json')").run();
    db.close();
    expect(store.loadLatestSnapshots()).toEqual([snapshot('local', 1_000, 10)]);
    expect(logger.records).toContainEqual(expect.objectContaining({ level: 'warn', event: 'store-snapshot-unreadable' }));
  });
});
