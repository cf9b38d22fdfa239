// An HTTP check run by the engine like any other check, against a real loopback server: polled,
// stored, DOWN with its reading kept when the answer turns bad, and its token dropped when the
// address changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createEngine, type Engine } from '../../../src/main/engine/engine';
import { memorySecretStore } from '../../../src/main/engine/secrets';
import { startHttpEndpoint, TEST_TOKEN, type TestEndpoint } from '../../support/endpoint-servers';
import { tempDataDir } from '../../support/serve-process';
import { waitFor } from '../../support/wait-for';

let server: TestEndpoint;
let engine: Engine;
beforeAll(async () => {
  server = await startHttpEndpoint();
  engine = createEngine({ dataDir: tempDataDir(), host: 'serve', logger: new MemoryLogger(), secrets: memorySecretStore('test'), knownHostsFile: null, intervalMs: 60_000 });
  await engine.start();
});
afterAll(async () => {
  await engine?.stop();
  await server?.close();
});

describe('an HTTP check in the engine', () => {
  it('is OK, then DOWN with the status kept in its history when the endpoint answers 503', async () => {
    const check = await engine.api.saveCheck({ kind: 'http', name: '쇼핑몰', intervalMs: 1_000, config: { url: `${server.base}/health`, keyword: 'healthy' } });
    expect(check).toMatchObject({ kind: 'http', parentId: null, hasSecret: false });
    await waitFor('an OK poll', async () => (await engine.api.getSnapshot({ targetId: check.id }))?.status === 'ok');

    await engine.api.saveCheck({ id: check.id, kind: 'http', name: '쇼핑몰', intervalMs: 1_000, config: { url: `${server.base}/status/503` } });
    const down = await waitFor('a DOWN poll', async () => {
      const s = await engine.api.getSnapshot({ targetId: check.id });
      return s?.reasons[0]?.code === 'DOWN' ? s : null;
    });
    expect(down).toMatchObject({ status: 'crit', metrics: { 'http.up': 0, 'http.status': 503 } });
    expect(down.reasons[0]).toMatchObject({ errorCode: 'HTTP_STATUS', data: { status: 503, reason: 'server' } });
    // A DOWN reading is a fresh reading: stored, and never shown as stale data.
    const series = await waitFor('both readings stored', async () => {
      const r = await engine.api.getSeries({ targetId: check.id, keys: ['http.up', 'http.status'], range: '15m' });
      const up = r.series.find((s) => s.key === 'http.up')!.points.map((p) => p[1]);
      return up.includes(0) && up.includes(1) ? r : null;
    });
    expect(series.series.find((s) => s.key === 'http.status')!.points.map((p) => p[1])).toEqual(expect.arrayContaining([200, 503]));
    await engine.api.deleteCheck({ checkId: check.id });
  });

  it('sends its token only to the address it was saved for', async () => {
    const check = await engine.api.saveCheck({ kind: 'http', name: 'API', intervalMs: 1_000, config: { url: `${server.base}/auth`, auth: 'bearer' }, secret: TEST_TOKEN });
    expect(check.hasSecret).toBe(true);
    await waitFor('an authorised poll', async () => (await engine.api.getSnapshot({ targetId: check.id }))?.status === 'ok');
    const moved = await engine.api.saveCheck({ id: check.id, kind: 'http', name: 'API', intervalMs: 1_000, config: { url: `${server.base}/auth?v=2`, auth: 'bearer' } });
    expect(moved.hasSecret).toBe(false);
    const refused = await waitFor('a poll without the token', async () => {
      const s = await engine.api.getSnapshot({ targetId: check.id });
      return s?.reasons[0]?.code === 'DOWN' ? s : null;
    });
    expect(refused.reasons[0]).toMatchObject({ errorCode: 'HTTP_STATUS', data: { status: 401, reason: 'auth' } });
    expect(server.seen.filter((r) => r.path === '/auth').at(-1)?.authorization).toBeNull();
    await engine.api.deleteCheck({ checkId: check.id });
  });
});
