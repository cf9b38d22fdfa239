// A data folder on a tiny tmpfs that fills up: the engine keeps polling, says so in the API
// (and the console shows the banner), refuses incident writes with STORAGE_FULL without a
// half-written record, and writes the waiting samples by itself once space is back.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageHealth } from '../../src/shared/api';
import { MemoryLogger } from '../../src/main/engine/core/logger';
import { createEngine, type Engine } from '../../src/main/engine/engine';
import { memorySecretStore } from '../../src/main/engine/secrets';
import { INCIDENT_ARGS } from '../support/incident-rpc-args';
import { waitFor } from '../support/wait-for';

const mountDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-tmpfs-'));
let mounted = false;
let engine: Engine;

beforeAll(() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountDir], { stdio: 'ignore' });
    mounted = true;
  } catch {
    mounted = false; // not root, or no mount in this sandbox: the test says so and fails below
  }
});
afterAll(async () => {
  await engine?.stop().catch(() => undefined);
  if (mounted) execFileSync('umount', ['-l', mountDir], { stdio: 'ignore' });
});

function fillDisk(file: string): void {
  const chunk = Buffer.alloc(64 * 1024, 1);
  const fd = fs.openSync(file, 'w');
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
    // The last partial chunk: fill to the very last byte.
    for (let size = 32 * 1024; size >= 512; size /= 2) {
      try {
        for (;;) fs.writeSync(fd, chunk.subarray(0, size));
      } catch {
        /* next smaller */
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

describe('a full data folder', () => {
  it('shows in the API, refuses writes cleanly, keeps polling and recovers when space returns', async () => {
    expect(mounted, 'mount -t tmpfs needs root').toBe(true);
    const dataDir = path.join(mountDir, 'data');
    engine = createEngine({ dataDir, host: 'serve', logger: new MemoryLogger(), secrets: memorySecretStore('t'), knownHostsFile: null, intervalMs: 500 });
    await engine.start();
    const changes: StorageHealth[] = [];
    engine.api.onDidChangeStorageHealth((h) => changes.push(h));
    let samples = 0;
    engine.api.onDidSample(() => samples++);
    await waitFor('a first write', async () => ((await engine.api.getSeries({ targetId: 'local', keys: ['mem.used'], range: '15m' })).series[0]!.points.length > 0 ? true : null));

    const filler = path.join(mountDir, 'filler');
    fillDisk(filler);
    const fullSince = Date.now();
    const full = await waitFor('the storage health to say full', async () => {
      const h = await engine.api.getStorageHealth();
      return h.status === 'full' ? h : null;
    });
    expect(full.dataDir).toBe(dataDir);
    expect(changes.some((c) => c.status === 'full')).toBe(true);

    const before = (await engine.api.listIncidents()).length;
    await expect(engine.api.createIncident(INCIDENT_ARGS.createIncident as never)).rejects.toMatchObject({ code: 'STORAGE_FULL' });
    // Polling goes on while the disk is full, and readings wait in memory.
    const sampledWhileFull = samples;
    await waitFor('polls while full', async () => (samples >= sampledWhileFull + 3 ? true : null));
    expect((await engine.api.getStorageHealth()).pendingSamples).toBeGreaterThan(0);

    fs.rmSync(filler);
    const ok = await waitFor('the storage health back to ok', async () => {
      const h = await engine.api.getStorageHealth();
      return h.status === 'ok' ? h : null;
    });
    // Nothing was given up (pendingSamples may already hold the next poll's readings).
    expect(ok.droppedSamples).toBe(0);
    // The readings taken while the disk was full were written once space came back.
    const series = await engine.api.getSeries({ targetId: 'local', keys: ['mem.used'], range: '15m' });
    const duringFull = series.series[0]!.points.filter(([ts, v]) => ts >= fullSince && ts <= full.since + 2_000 && v !== null);
    expect(duringFull.length).toBeGreaterThan(0);
    // Writes work again, and the refused incident left nothing behind.
    expect((await engine.api.listIncidents()).length).toBe(before);
    const created = await engine.api.createIncident(INCIDENT_ARGS.createIncident as never);
    expect(created).toBeTruthy();
    expect((await engine.api.listIncidents()).length).toBe(before + 1);
  }, 60_000);
});
