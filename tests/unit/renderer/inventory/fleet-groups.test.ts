// The overview's service grouping: roll-ups over all members, filters over what is shown,
// worst first, and rows for the virtualizer.
import { describe, expect, it } from 'vitest';
import type { InventoryHost, InventoryService } from '../../../../src/shared/inventory-contract';
import type { HealthStatus } from '../../../../src/shared/model';
import { fleetRows, groupTiles } from '../../../../src/renderer/src/features/inventory/fleet-groups';
import { hostInputFromDraft, emptyDraft } from '../../../../src/renderer/src/features/inventory/host-form-model';
import type { TileState } from '../../../../src/renderer/src/store/tiles';
import { makeTarget } from '../support/snapshots';

const tile = (id: string, status: HealthStatus, name = id): TileState => ({ target: makeTarget(id, name), snapshot: null, status, sparklines: {}, receivedAt: 0 });
const host = (id: string, over: Partial<InventoryHost> = {}): InventoryHost => ({
  id,
  name: id,
  address: `10.0.0.${id.length}`,
  port: 22,
  user: 'ops',
  authMethod: 'agent',
  keyPath: null,
  hasSecret: false,
  jumpHost: null,
  tags: [],
  enabled: true,
  hostKeyPolicy: 'ask',
  intervalMs: 5000,
  trustedFingerprints: [],
  connection: { state: 'connecting' },
  ...over,
});
const service = (id: string, name: string, hostIds: string[]): InventoryService => ({ id, name, owner: '', contact: '', hostIds });

const tiles = { local: tile('local', 'ok'), web1: tile('web1', 'warn'), web2: tile('web2', 'ok'), db1: tile('db1', 'crit') };
const order = ['db1', 'web1', 'local', 'web2'];
const services = [service('s-web', '웹', ['web1', 'web2']), service('s-db', 'DB', ['db1', 'web2'])];
const hosts = [host('web1', { tags: ['frontend'] }), host('web2'), host('db1', { address: '192.168.1.9' })];
const all = { query: '', status: null };

describe('grouping tiles by service', () => {
  it('puts each tile under every service it is in, the rest under "no service", worst group first', () => {
    const groups = groupTiles(order, tiles, services, hosts, all, 'ko-KR');
    expect(groups.map((g) => [g.key, g.worst, g.tileIds])).toEqual([
      ['s-db', 'crit', ['db1', 'web2']],
      ['s-web', 'warn', ['web1', 'web2']],
      ['', 'ok', ['local']],
    ]);
    expect(groups[0]!.counts).toEqual({ crit: 1, unknown: 0, warn: 0, ok: 1 });
  });

  it('filters by words in name, address or tags and by status, keeping the roll-up of the whole service', () => {
    const byTag = groupTiles(order, tiles, services, hosts, { query: 'FRONT', status: null }, 'en-US');
    expect(byTag.map((g) => [g.key, g.tileIds, g.worst, g.total])).toEqual([['s-web', ['web1'], 'warn', 2]]);
    expect(groupTiles(order, tiles, services, hosts, { query: '192.168', status: null }, 'en-US').map((g) => g.tileIds)).toEqual([['db1']]);
    expect(groupTiles(order, tiles, services, hosts, { query: '', status: 'ok' }, 'en-US').flatMap((g) => g.tileIds)).toEqual(['web2', 'web2', 'local']);
    expect(groupTiles(order, tiles, services, hosts, { query: 'nothing', status: null }, 'en-US')).toEqual([]);
  });

  it('lays groups out as a header row and rows of N tiles', () => {
    const groups = groupTiles(order, tiles, services, hosts, all, 'ko-KR');
    expect(fleetRows(groups, 1).map((r) => (r.kind === 'header' ? `#${r.group.key}` : r.tileIds.join('+')))).toEqual(['#s-db', 'db1', 'web2', '#s-web', 'web1', 'web2', '#', 'local']);
    expect(fleetRows(groups, 3).filter((r) => r.kind === 'tiles')).toHaveLength(3);
  });

  it('groups a thousand hosts into every service, each host once per group', () => {
    const many: Record<string, TileState> = {};
    const ids = Array.from({ length: 1000 }, (_, i) => `h${i}`);
    ids.forEach((id, i) => (many[id] = tile(id, (['ok', 'warn', 'crit', 'unknown'] as const)[i % 4]!)));
    const svcs = Array.from({ length: 20 }, (_, i) => service(`s${i}`, `svc ${i}`, ids.filter((_, j) => j % 20 === i)));
    // Its speed is bench:ui's business; a test asserts the result, never a wall-clock time.
    const rows = fleetRows(groupTiles(ids, many, svcs, [], all, 'en-US'), 4);
    expect(rows.filter((r) => r.kind === 'header')).toHaveLength(20);
    const placed = rows.flatMap((r) => (r.kind === 'tiles' ? r.tileIds : []));
    expect(placed).toHaveLength(1000);
    expect(new Set(placed).size).toBe(1000);
  });
});

describe('the host form', () => {
  it('sends a secret only when typed, and turns the draft into the contract input', () => {
    const draft = { ...emptyDraft(), address: ' 10.0.0.5 ', user: 'ops', keyPath: '/k', tags: 'a, b,,', intervalSeconds: '10' };
    expect(hostInputFromDraft(draft)).toEqual({
      name: '10.0.0.5',
      address: '10.0.0.5',
      port: 22,
      user: 'ops',
      auth: { method: 'key', keyPath: '/k' },
      jumpHost: null,
      tags: ['a', 'b'],
      enabled: true,
      hostKeyPolicy: 'ask',
      intervalMs: 10_000,
    });
    expect(hostInputFromDraft({ ...draft, authMethod: 'password', secret: 'pw' }).auth).toEqual({ method: 'password', password: 'pw' });
  });
});
