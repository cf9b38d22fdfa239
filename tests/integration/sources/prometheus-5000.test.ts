// 5,000 node_exporter targets through the real engine, against a generated Prometheus API of that
// size on loopback (tests/support/fake-prometheus.ts; no real Prometheus scrapes 5,000 hosts here):
// every target is a fed host tile with the values Prometheus computed for its evaluation time, a
// target Prometheus cannot scrape is DOWN with the scrape error, the store keeps no history for
// fed hosts (read from the SQLite file), and the overview's own filter finds the right hosts.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckRecord } from '../../../src/shared/checks';
import type { OverviewTile } from '../../../src/shared/model';
import { groupTiles } from '../../../src/renderer/src/features/inventory/fleet-groups';
import { orderTiles, type TileState } from '../../../src/renderer/src/store/tiles';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createEngine, type Engine } from '../../../src/main/engine/engine';
import { DB_FILE_NAME } from '../../../src/main/engine/store/open-database';
import { memorySecretStore } from '../../../src/main/engine/secrets';
import { expectedCpuPct, expectedLoad1, expectedMemPct, type FakeNode } from '../../support/fake-prometheus-fleet';
import { startFakePrometheus, type FakePrometheus } from '../../support/fake-prometheus';
import { tempDataDir } from '../../support/serve-process';
import { waitFor } from '../../support/wait-for';

const TARGETS = 5_000;
let prom: FakePrometheus;
let engine: Engine;
let dataDir: string;
let check: CheckRecord;

const fed = (tiles: OverviewTile[]) => tiles.filter((t) => t.target.source?.checkId === check.id);
const nodeOf = (tile: OverviewTile) => prom.nodes.find((n) => tile.target.id === `${check.id}:${n.instance}`)!;

beforeAll(async () => {
  prom = await startFakePrometheus({ targets: TARGETS, downEvery: 500, scrapeInterval: '15s' });
  dataDir = tempDataDir();
  engine = createEngine({ dataDir, host: 'serve', logger: new MemoryLogger(), secrets: memorySecretStore('test'), knownHostsFile: null, intervalMs: 60_000 });
  await engine.start();
  check = await engine.api.saveCheck({ kind: 'prometheus', name: 'Fleet Prometheus', intervalMs: 15_000, config: { url: prom.url, auth: 'none' } });
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  await prom?.close();
});

describe('a Prometheus source with 5,000 node_exporter targets', () => {
  it('shows every target as a fed host tile with the values Prometheus computed for that poll', async () => {
    const tiles = await waitFor('5,000 fed tiles with readings', async () => {
      const list = fed(await engine.api.getOverview());
      return list.length === TARGETS && list.every((t) => t.snapshot) ? list : null;
    }, 90_000);
    // The Prometheus self-scrape target is not a node: exactly the node targets, each once. A down
    // target has no node_uname_info to name it, so it goes by its instance.
    expect(new Set(tiles.map((t) => t.target.name))).toEqual(new Set(prom.nodes.map((n) => (n.down ? n.instance : n.nodename))));
    const byId = new Map(prom.nodes.map((n) => [`${check.id}:${n.instance}`, n]));
    let checked = 0;
    for (const tile of tiles) {
      const node = byId.get(tile.target.id)!;
      expect(tile.target.kind).toBe('prometheus-node');
      if (node.down) continue;
      const m = tile.snapshot!.metrics;
      // The fake answers for the `time` the engine asked, which is the snapshot's timestamp.
      const t = tile.snapshot!.ts / 1000;
      expect(m['cpu.usage']).toBeCloseTo(expectedCpuPct(node, t), 6);
      expect(m['mem.used']).toBeCloseTo(expectedMemPct(node, t), 4);
      expect(m['load.1']).toBeCloseTo(expectedLoad1(node, t), 6);
      expect(m['cpu.cores']).toBe(node.cores);
      expect(m['disk.used']).toBeGreaterThan(0);
      expect(tile.snapshot!.facts.hostname).toBe(node.nodename);
      checked++;
    }
    expect(checked).toBe(TARGETS - TARGETS / 500);
  }, 120_000);

  it('reads new values on the next poll', async () => {
    const probe = fed(await engine.api.getOverview()).find((t) => !nodeOf(t).down)!;
    const first = probe.snapshot!;
    const next = await waitFor('the next poll', async () => {
      const s = fed(await engine.api.getOverview()).find((t) => t.target.id === probe.target.id)?.snapshot;
      return s && s.ts > first.ts ? s : null;
    }, 60_000);
    expect(next.metrics['cpu.usage']).not.toBe(first.metrics['cpu.usage']);
    expect(next.metrics['cpu.usage']).toBeCloseTo(expectedCpuPct(nodeOf(probe), next.ts / 1000), 6);
    // One instant query per poll for the whole fleet, never one per host.
    expect(prom.stats().requests['/api/v1/query']).toBeLessThanOrEqual(prom.stats().requests['/api/v1/targets']!);
  }, 90_000);

  it('marks every target Prometheus cannot scrape DOWN with the scrape error', async () => {
    const tiles = fed(await engine.api.getOverview());
    const down = tiles.filter((t) => t.snapshot?.reasons.some((r) => r.code === 'DOWN'));
    expect(down.map((t) => t.target.name).sort()).toEqual(prom.nodes.filter((n) => n.down).map((n) => n.instance).sort());
    for (const tile of down) {
      expect(tile.status).toBe('crit');
      const reason = tile.snapshot!.reasons.find((r) => r.code === 'DOWN')!;
      expect(reason.data).toMatchObject({ reason: 'scrape', address: nodeOf(tile).instance });
      expect(String(reason.data?.scrapeError)).toContain('context deadline exceeded');
      expect(tile.snapshot!.metrics['cpu.usage'] ?? null).toBeNull();
    }
  });

  it("finds hosts with the overview's search and status filter", async () => {
    const overview = await engine.api.getOverview();
    const tiles: Record<string, TileState> = {};
    for (const tile of overview) tiles[tile.target.id] = { ...tile, receivedAt: 0 };
    const order = orderTiles(tiles, 'ko-KR');
    const shown = (query: string, status: TileState['status'] | null = null) =>
      new Set(groupTiles(order, tiles, [], [], { query, status }, 'ko-KR').flatMap((g) => g.tileIds).filter((id) => tiles[id]!.target.source));
    const ids = (nodes: FakeNode[]) => new Set(nodes.map((n) => `${check.id}:${n.instance}`));

    const dbBusan = prom.nodes.filter((n) => n.role === 'db' && n.site === 'busan');
    expect(dbBusan.length).toBeGreaterThan(100);
    expect(shown('db busan')).toEqual(ids(dbBusan));
    expect(shown('  DB-BUSAN-  ')).toEqual(ids(dbBusan));
    const one = prom.nodes[4242]!;
    expect(shown(one.nodename)).toEqual(ids([one]));
    // Down targets go by their instance (10.20.x.y:9100); the status filter narrows the search to them.
    expect(shown('10.20.', 'crit')).toEqual(ids(prom.nodes.filter((n) => n.down)));
    expect(shown('10.20.1.243')).toEqual(ids(prom.nodes.filter((n) => n.instance.startsWith('10.20.1.243:'))));
    expect(shown('no-such-host').size).toBe(0);
  });

  it('keeps no history for fed hosts in the store, only for the source itself', async () => {
    await engine.stop();
    const db = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true });
    try {
      const rows = (like: string) => (db.prepare('SELECT count(*) AS n FROM sample_chunks JOIN series ON series.id = sample_chunks.series_id WHERE series.target_id LIKE ?').get(like) as { n: number }).n;
      const series = (like: string) => (db.prepare('SELECT count(*) AS n FROM series WHERE target_id LIKE ?').get(like) as { n: number }).n;
      expect(rows(check.id)).toBeGreaterThan(0);
      expect(series(`${check.id}:%`)).toBe(0);
      expect(rows(`${check.id}:%`)).toBe(0);
    } finally {
      db.close();
    }
  }, 30_000);
});
