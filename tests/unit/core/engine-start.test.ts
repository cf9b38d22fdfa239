// What starting the engine waits for: only what the first overview needs. The glossary,
// incidents, the inventory and the secret store open on first use (or a little later), except
// when inventory hosts are watched, whose tiles belong on the first overview.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createEngine, type Engine, type EngineOptions } from '../../../src/main/engine/engine';
import { memorySecretStore } from '../../../src/main/engine/secrets';
import { LOCAL_TARGET_ID } from '../../../src/shared/model';

const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});

function engineIn(dataDir: string, logger: MemoryLogger, more: Partial<EngineOptions> = {}): Engine {
  const engine = createEngine({ dataDir, host: 'serve', logger, secrets: memorySecretStore('test'), knownHostsFile: null, intervalMs: 60_000, ...more });
  engines.push(engine);
  return engine;
}

const opened = (logger: MemoryLogger) => logger.records.filter((r) => r.event === 'engine-features-opened').length;

describe('engine start', () => {
  it('answers the overview without opening its features; the first feature call opens them once', async () => {
    const logger = new MemoryLogger();
    const engine = engineIn(fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-start-')), logger);
    await engine.start();
    await engine.localPolled(10_000);
    const [tile] = await engine.api.getOverview();
    expect(tile?.target.id).toBe(LOCAL_TARGET_ID);
    expect(tile?.snapshot?.metrics['mem.used']).not.toBeNull();
    expect(opened(logger)).toBe(0);

    const [incidents, glossary, inventory] = await Promise.all([engine.api.listIncidents(), engine.api.listGlossary(), engine.api.listInventory()]);
    expect(incidents).toEqual([]);
    expect(glossary.length).toBeGreaterThan(0);
    expect(inventory.hosts).toEqual([]);
    expect(opened(logger)).toBe(1);
  });

  it('opens the features before answering when inventory hosts are watched, so their tiles are on the first overview', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-start-'));
    const first = engineIn(dataDir, new MemoryLogger());
    await first.start();
    // Port 1 on loopback refuses at once: the host is watched, never reached.
    await first.api.saveHost({ name: 'db-01', address: '127.0.0.1', port: 1, user: 'ops', auth: { method: 'agent' }, enabled: true });
    await first.stop();

    const logger = new MemoryLogger();
    const again = engineIn(dataDir, logger);
    await again.start();
    expect(opened(logger)).toBe(1);
    expect((await again.api.getOverview()).map((t) => t.target.name).sort()).toContain('db-01');
  });

  it('refuses feature calls once stopped, as before start', async () => {
    const engine = engineIn(fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-start-')), new MemoryLogger());
    await engine.start();
    await engine.api.listIncidents();
    await engine.stop();
    await expect(engine.api.listIncidents()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(engine.api.getOverview()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
