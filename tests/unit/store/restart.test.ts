import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { openStore } from '../../../src/main/engine/store';
import { emptyHostMetrics, type HostSnapshot, type Target } from '../../../src/shared/model';

let dir: string;
let clock: FakeClock;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-store-'));
  clock = new FakeClock();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => openStore({ dataDir: dir, clock, logger: new MemoryLogger() });

const snapshot = (ts: number): HostSnapshot => ({
  targetId: 'local',
  ts,
  metrics: { ...emptyHostMetrics(), 'cpu.usage': 31.5 },
  filesystems: [{ mount: '/', device: '/dev/sda1', fsType: 'ext4', sizeBytes: 100, usedBytes: 40, usedPercent: 40 }],
  health: { 'cpu.usage': { status: 'ok', threshold: null } },
  status: 'ok',
  reasons: [],
  facts: { hostname: 'ops-laptop', os: 'Debian 13', kernel: '6.12.0', arch: 'x86_64' },
});

const local: Target = { id: 'local', name: 'This computer', kind: 'local', intervalMs: 5_000, enabled: true };

describe('after a restart', () => {
  it('history, targets, settings and the latest snapshot are all still there', () => {
    const before = open();
    const t0 = clock.now();
    for (let i = 0; i < 120; i++) before.ingest('local', t0 - i * 1_000, [['cpu.usage', i], ['fs.used:/', null]]);
    before.flush();
    before.upsertTarget(local);
    before.setSetting('wall.rotationSeconds', 20);
    before.saveLatestSnapshot(snapshot(t0));
    const hour = before.querySeries({ targetId: 'local', keys: ['cpu.usage', 'fs.used:/'], range: '1h' });
    const day = before.querySeries({ targetId: 'local', keys: ['cpu.usage'], range: '24h' });
    before.close();

    const after = open();
    expect(after.querySeries({ targetId: 'local', keys: ['cpu.usage', 'fs.used:/'], range: '1h' })).toEqual(hour);
    expect(after.querySeries({ targetId: 'local', keys: ['cpu.usage'], range: '24h' })).toEqual(day);
    expect(hour.series[1]?.points.every(([, v]) => v === null)).toBe(true);
    expect(after.listTargets()).toEqual([local]);
    expect(after.getSetting('wall.rotationSeconds')).toBe(20);
    expect(after.loadLatestSnapshots()).toEqual([snapshot(t0)]);
    after.close();
  });

  it('readings still in the buffer at close were flushed by close', () => {
    const before = open();
    before.ingest('local', clock.now(), [['cpu.usage', 3]]);
    before.close();
    const after = open();
    expect(after.recentValues('local', ['cpu.usage'], 10)).toEqual({ 'cpu.usage': [3] });
    after.close();
  });

  it('a closed store can be closed again but refuses other calls with STORE_FAILED', () => {
    const store = open();
    store.close();
    expect(() => store.close()).not.toThrow();
    expect(() => store.ingest('local', clock.now(), [])).toThrow(expect.objectContaining({ code: 'STORE_FAILED' }));
    expect(() => store.listTargets()).toThrow(expect.objectContaining({ code: 'STORE_FAILED' }));
  });
});
