import { CHANNELS_API } from '../../../src/shared/contract/channels-api';
import { CHECKS_API } from '../../../src/shared/contract/checks-api';
import { ALERTS_API } from '../../../src/shared/contract/alerts-api';
import { LOGS_API } from '../../../src/shared/contract/logs-api';
import { partStubs } from '../../support/part-stubs';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, EVENT_NAMES, METHOD_CHANNELS, type OpsApi } from '../../../src/shared/api';
import { OpsError } from '../../../src/shared/errors';
import type { HostSnapshot, Target } from '../../../src/shared/model';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { engineHostArgs, readEngineHostOptions } from '../../../src/main/app/engine-protocol';
import { PortSealer } from '../../../src/main/app/engine-sealer';
import { serveEngine, type ServedEngine } from '../../../src/main/app/engine-server';
import { incidentApiStubs } from '../../support/incident-api-stubs';
import { inventoryApiStubs } from '../../support/inventory-api-stubs';

const createEngine = vi.hoisted(() => vi.fn());
vi.mock('../../../src/main/engine/engine', () => ({ createEngine }));
vi.mock('../../../src/main/engine/core/file-logger', () => ({ createFileLogger: () => ({ log() {}, close() {} }) }));

const LOCAL: Target = { id: 'local', name: 'ops-laptop', kind: 'local', intervalMs: 2_000, enabled: true };

/** process.parentPort as Electron gives it: messages arrive wrapped in { data }. */
class FakeParentPort extends EventEmitter {
  readonly sent: any[] = [];
  postMessage(message: unknown): void {
    this.sent.push(structuredClone(message)); // like Electron, refuses what cannot be cloned
  }
  deliver(data: unknown): void {
    this.emit('message', { data });
  }
}

function fakeEngine(startImpl: () => Promise<void> = async () => {}) {
  const bus = new EventEmitter();
  const api: OpsApi = {
    getAppInfo: vi.fn(async () => ({ version: '0.1.0', host: 'electron' as const, platform: 'linux', osLocale: 'ko-KR', dataDir: '/data' })),
    listTargets: vi.fn(async () => [LOCAL]),
    getOverview: vi.fn(async () => []),
    getSnapshot: vi.fn(async ({ targetId }) => {
      if (targetId !== 'local') throw new OpsError('UNKNOWN_TARGET', `No target "${targetId}".`);
      return null as HostSnapshot | null;
    }),
    getSeries: vi.fn(async (q) => ({ targetId: q.targetId, range: q.range, from: 0, until: 1, resolution: 'raw' as const, series: [] })),
    listGlossary: vi.fn(async () => []),
    saveGlossaryEntry: vi.fn(async (entry) => ({ entry, origin: 'org' as const, updatedAt: 1 })),
    deleteGlossaryEntry: vi.fn(async () => null),
    exportGlossary: vi.fn(async () => ({ filename: 'g.json', mime: 'application/json', content: '[]' })),
    importGlossary: vi.fn(async () => ({ added: 0, updated: 0, unchanged: 0, rejected: [] })),
    onDidSample: (l) => (bus.on('sample', l), () => void bus.off('sample', l)),
    onDidChangeTargets: (l) => (bus.on('targets', l), () => void bus.off('targets', l)),
    onDidChangeGlossary: (l) => (bus.on('glossary', l), () => void bus.off('glossary', l)),
    getStorageHealth: vi.fn(async () => ({ status: 'ok' as const, since: 0, pendingSamples: 0, droppedSamples: 0, dataDir: '/data' })),
    onDidChangeStorageHealth: (l) => (bus.on('storage', l), () => void bus.off('storage', l)),
    ...incidentApiStubs((l) => (bus.on('incident', l), () => void bus.off('incident', l))),
    ...inventoryApiStubs((l) => (bus.on('inventory', l), () => void bus.off('inventory', l))),
    ...partStubs(CHECKS_API, (_event, l) => (bus.on('checks', l), () => void bus.off('checks', l))),
    ...partStubs(ALERTS_API, (_event, l) => (bus.on('alerts', l), () => void bus.off('alerts', l))),
    ...partStubs(CHANNELS_API, (event, l) => (bus.on(event, l), () => void bus.off(event, l))),
    ...partStubs(LOGS_API, (_event, l) => (bus.on('logs', l), () => void bus.off('logs', l))),
  };
  const engine: ServedEngine & { bus: EventEmitter } = { api, bus, start: vi.fn(startImpl), stop: vi.fn(async () => {}) };
  return engine;
}

const flush = () => new Promise((r) => setTimeout(r, 0));
/** Dispatch loads the argument schemas on first use, so a first answer may take a few turns. */
const answered = (port: FakeParentPort, ids: number[]) => vi.waitFor(() => expect(ids.filter((id) => !port.sent.some((m) => m.id === id))).toEqual([]), { timeout: 10_000, interval: 20 });

describe('engine host', () => {
  let port: FakeParentPort;
  let exit: ReturnType<typeof vi.fn<(code: number) => void>>;

  beforeEach(() => {
    port = new FakeParentPort();
    exit = vi.fn<(code: number) => void>();
  });

  it('answers invoke messages through dispatch', async () => {
    const engine = fakeEngine();
    serveEngine(port, engine, { logger: new MemoryLogger(), exit });
    port.deliver({ type: 'invoke', id: 7, channel: METHOD_CHANNELS.listTargets, arg: undefined });
    port.deliver({ type: 'invoke', id: 8, channel: METHOD_CHANNELS.getSnapshot, arg: { targetId: 'local' } });
    await answered(port, [7, 8]);
    expect(port.sent).toContainEqual({ type: 'ready' });
    expect(port.sent).toContainEqual({ type: 'result', id: 7, result: { ok: true, value: [LOCAL] } });
    expect(port.sent).toContainEqual({ type: 'result', id: 8, result: { ok: true, value: null } });
    expect(engine.api.getSnapshot).toHaveBeenCalledWith({ targetId: 'local' });
  });

  it('rejects invalid arguments with INVALID_ARGUMENT before the engine sees them', async () => {
    const engine = fakeEngine();
    serveEngine(port, engine, { logger: new MemoryLogger(), exit });
    port.deliver({ type: 'invoke', id: 1, channel: METHOD_CHANNELS.getSnapshot, arg: { targetId: 42 } });
    port.deliver({ type: 'invoke', id: 2, channel: METHOD_CHANNELS.getSeries, arg: { targetId: 'local', keys: [], range: '1h' } });
    port.deliver({ type: 'invoke', id: 3, channel: METHOD_CHANNELS.getSnapshot, arg: { targetId: 'local', extra: true } });
    await answered(port, [1, 2, 3]);
    for (const id of [1, 2, 3]) {
      expect(port.sent.find((m) => m.id === id)).toMatchObject({ result: { ok: false, error: { code: 'INVALID_ARGUMENT' } } });
    }
    expect(engine.api.getSnapshot).not.toHaveBeenCalled();
    expect(engine.api.getSeries).not.toHaveBeenCalled();
  });

  it('passes engine errors on as { code, message } and unknown channels as UNKNOWN_METHOD', async () => {
    serveEngine(port, fakeEngine(), { logger: new MemoryLogger(), exit });
    port.deliver({ type: 'invoke', id: 1, channel: METHOD_CHANNELS.getSnapshot, arg: { targetId: 'db-01' } });
    port.deliver({ type: 'invoke', id: 2, channel: 'opsdeck:format-disk', arg: undefined });
    await answered(port, [1, 2]);
    expect(port.sent.find((m) => m.id === 1)).toEqual({ type: 'result', id: 1, result: { ok: false, error: { code: 'UNKNOWN_TARGET', message: 'No target "db-01".' } } });
    expect(port.sent.find((m) => m.id === 2)).toMatchObject({ result: { ok: false, error: { code: 'UNKNOWN_METHOD' } } });
  });

  it.each(EVENT_NAMES)('forwards the engine event %s', async (name) => {
    const engine = fakeEngine();
    serveEngine(port, engine, { logger: new MemoryLogger(), exit });
    const payload = { name };
    const busEvent: Record<(typeof EVENT_NAMES)[number], string> = { onDidSample: 'sample', onDidChangeTargets: 'targets', onDidChangeGlossary: 'glossary', onDidChangeIncident: 'incident', onDidChangeInventory: 'inventory', onDidChangeChecks: 'checks', onDidChangeStorageHealth: 'storage', onDidChangeAlerts: 'alerts', onDidChangeChannels: 'onDidChangeChannels', onDidRequestDesktopNotification: 'onDidRequestDesktopNotification', onDidLogLines: 'logs' };
    engine.bus.emit(busEvent[name], payload);
    expect(port.sent).toContainEqual({ type: 'event', channel: EVENT_CHANNELS[name], payload });
  });

  it('forwards events the engine emits while starting', async () => {
    const engine = fakeEngine();
    engine.start = vi.fn(async () => void engine.bus.emit('targets', { targets: [LOCAL] }));
    serveEngine(port, engine, { logger: new MemoryLogger(), exit });
    await flush();
    expect(port.sent[0]).toEqual({ type: 'event', channel: EVENT_CHANNELS.onDidChangeTargets, payload: { targets: [LOCAL] } });
    expect(port.sent[1]).toEqual({ type: 'ready' });
  });

  it('answers only after the engine has started', async () => {
    let finishStart!: () => void;
    const engine = fakeEngine(() => new Promise<void>((resolve) => (finishStart = resolve)));
    serveEngine(port, engine, { logger: new MemoryLogger(), exit });
    port.deliver({ type: 'invoke', id: 1, channel: METHOD_CHANNELS.listTargets });
    await flush();
    expect(port.sent).toEqual([]);
    finishStart();
    await flush();
    expect(port.sent).toEqual([{ type: 'ready' }, { type: 'result', id: 1, result: { ok: true, value: [LOCAL] } }]);
  });

  it('reports a failed start as fatal, exits non-zero, and answers UNAVAILABLE meanwhile', async () => {
    const engine = fakeEngine(async () => {
      throw new OpsError('STORE_FAILED', 'The database file is damaged.');
    });
    serveEngine(port, engine, { logger: new MemoryLogger(), exit });
    port.deliver({ type: 'invoke', id: 1, channel: METHOD_CHANNELS.listTargets });
    await flush();
    expect(port.sent).toContainEqual({ type: 'fatal', error: { code: 'STORE_FAILED', message: 'The database file is damaged.' } });
    expect(port.sent.find((m) => m.id === 1)).toMatchObject({ result: { ok: false, error: { code: 'UNAVAILABLE' } } });
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('routes sealer replies while the engine is still starting (it waits on the sealer to choose its secret backend)', async () => {
    const sealer = new PortSealer((m) => port.postMessage(m));
    const engine = fakeEngine(async () => void (await sealer.protection()));
    const { started } = serveEngine(port, engine, { logger: new MemoryLogger(), exit, onSealerReply: (id, reply) => sealer.handleReply(id, reply) });
    await flush();
    expect(port.sent).toEqual([{ type: 'sealer-request', id: 1, request: { op: 'protection' } }]);
    port.deliver({ type: 'sealer-reply', id: 1, reply: { ok: true, op: 'protection', protection: { available: true, protected: true, keyStore: 'dpapi' } } });
    expect(await started).toBe(true);
    expect(port.sent).toContainEqual({ type: 'ready' });
  });

  it('stops the engine and exits 0 on shutdown', async () => {
    const engine = fakeEngine();
    serveEngine(port, engine, { logger: new MemoryLogger(), exit });
    port.deliver({ type: 'shutdown' });
    await flush();
    expect(engine.stop).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
    engine.bus.emit('sample', {});
    expect(port.sent.filter((m) => m.type === 'event')).toEqual([]);
  });

  it('answers INTERNAL when a result cannot be cloned, and ignores malformed messages', async () => {
    const engine = fakeEngine();
    (engine.api.listTargets as ReturnType<typeof vi.fn>).mockResolvedValue([{ ...LOCAL, close: () => {} }]);
    const logger = new MemoryLogger();
    serveEngine(port, engine, { logger, exit });
    port.deliver({ type: 'invoke', id: 1, channel: METHOD_CHANNELS.listTargets });
    port.deliver({ type: 'invoke', id: -1, channel: METHOD_CHANNELS.listTargets });
    port.deliver('hello');
    await flush();
    expect(port.sent.filter((m) => m.type === 'result')).toEqual([{ type: 'result', id: 1, result: { ok: false, error: { code: 'INTERNAL', message: expect.any(String) } } }]);
    expect(logger.records.filter((r) => r.event === 'engine-host-bad-message')).toHaveLength(2);
  });
});

describe('engine host options', () => {
  it('round-trip through the fork argv, with the environment as fallback', () => {
    const args = engineHostArgs({ dataDir: '/home/운영/OpsDeck data', osLocale: 'ko-KR' });
    expect(readEngineHostOptions(['/electron', '/out/main/engine-host.js', ...args], {})).toEqual({ dataDir: '/home/운영/OpsDeck data', osLocale: 'ko-KR' });
    expect(readEngineHostOptions([], { OPSDECK_DATA_DIR: '/srv/opsdeck', OPSDECK_OS_LOCALE: 'en-US' })).toEqual({ dataDir: '/srv/opsdeck', osLocale: 'en-US' });
    expect(() => readEngineHostOptions([], {})).toThrow(/data folder/);
  });
});

describe('engine-host entry', () => {
  const parentPortKey = 'parentPort';
  afterEach(() => {
    delete (process as unknown as Record<string, unknown>)[parentPortKey];
    vi.resetModules();
  });

  it('creates the Electron-hosted engine from its argv and serves it on process.parentPort', async () => {
    const port = new FakeParentPort();
    (process as unknown as Record<string, unknown>)[parentPortKey] = port;
    const engine = fakeEngine();
    createEngine.mockReturnValue(engine);
    const argv = process.argv;
    process.argv = [argv[0]!, 'engine-host.js', ...engineHostArgs({ dataDir: '/data/opsdeck', osLocale: 'ko-KR' })];
    try {
      await import('../../../src/main/app/engine-host');
    } finally {
      process.argv = argv;
    }
    expect(createEngine).toHaveBeenCalledWith(expect.objectContaining({ dataDir: '/data/opsdeck', host: 'electron', osLocale: 'ko-KR', sealer: expect.any(PortSealer) }));
    port.deliver({ type: 'invoke', id: 1, channel: METHOD_CHANNELS.getAppInfo });
    await flush();
    expect(port.sent).toContainEqual({ type: 'result', id: 1, result: { ok: true, value: expect.objectContaining({ host: 'electron' }) } });
  });

  it('never imports electron (it runs as plain Node in a utility process)', () => {
    const dir = path.resolve(__dirname, '../../../src/main/app');
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = fs.readFileSync(file, 'utf8');
      expect(source, file).not.toMatch(/from\s+['"]electron['"]|require\(['"]electron['"]\)/);
      for (const [, spec] of source.matchAll(/from\s+'(\.\/[^']+)'/g)) visit(path.join(dir, `${spec!.slice(2)}.ts`));
    };
    visit(path.join(dir, 'engine-host.ts'));
    expect([...seen].map((f) => path.basename(f)).sort()).toEqual(['engine-host.ts', 'engine-protocol.ts', 'engine-sealer.ts', 'engine-server.ts']);
  });
});
