// The inventory tables: hosts in the order they were added, services with their members,
// trusted keys per address and port, and cascades when a host goes away.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { openStore, type Store } from '../../../src/main/engine/store';
import type { StoredHost } from '../../../src/main/engine/store/inventory-tables';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-inventory-'));
  store = openStore({ dataDir: dir, clock: new FakeClock(), logger: new MemoryLogger() });
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const host = (id: string, over: Partial<StoredHost> = {}): StoredHost => ({
  id,
  name: `web ${id}`,
  address: '10.0.0.5',
  port: 22,
  user: 'ops',
  authMethod: 'key',
  keyPath: '/home/ops/.ssh/id_ed25519',
  jumpHost: null,
  tags: ['prod', '웹'],
  enabled: true,
  hostKeyPolicy: 'ask',
  intervalMs: 5_000,
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

describe('inventory store', () => {
  it('keeps hosts in the order they were added, and an update keeps the creation time', () => {
    store.inventory.putHost(host('h-b'));
    store.inventory.putHost(host('h-a', { authMethod: 'agent', keyPath: null }));
    store.inventory.putHost(host('h-b', { name: 'renamed', createdAt: 99, updatedAt: 5, enabled: false }));
    expect(store.inventory.listHosts().map((h) => [h.id, h.name, h.enabled, h.createdAt, h.updatedAt])).toEqual([
      ['h-b', 'renamed', false, 1, 5],
      ['h-a', 'web h-a', true, 1, 1],
    ]);
    expect(store.inventory.getHost('h-a')).toMatchObject({ authMethod: 'agent', keyPath: null, tags: ['prod', '웹'] });
    expect(store.inventory.getHost('nope')).toBeNull();
  });

  it('stores services with exactly the given members, drops unknown ids, and forgets a deleted host', () => {
    store.inventory.putHost(host('h-1'));
    store.inventory.putHost(host('h-2'));
    store.inventory.putService({ id: 's-1', name: '결제', owner: '김운영', contact: '010-0000-0000', hostIds: ['h-2', 'h-1', 'ghost'] }, 10);
    expect(store.inventory.listServices()).toEqual([{ id: 's-1', name: '결제', owner: '김운영', contact: '010-0000-0000', hostIds: ['h-1', 'h-2'] }]);
    store.inventory.putService({ id: 's-1', name: '결제', owner: '', contact: '', hostIds: ['h-2'] }, 11);
    expect(store.inventory.listServices()[0]!.hostIds).toEqual(['h-2']);
    expect(store.inventory.deleteHost('h-2')).toBe(true);
    expect(store.inventory.listServices()[0]!.hostIds).toEqual([]);
    expect(store.inventory.deleteService('s-1')).toBe(true);
    expect(store.inventory.deleteService('s-1')).toBe(false);
  });

  it('trusts keys per address and port, once per fingerprint', () => {
    const key = { address: '10.0.0.5', port: 22, fingerprint: `SHA256:${'a'.repeat(43)}`, keyType: 'ssh-ed25519', trustedAt: 3 };
    store.inventory.addTrustedKey(key);
    store.inventory.addTrustedKey({ ...key, trustedAt: 4 });
    expect(store.inventory.trustedKeys('10.0.0.5', 22)).toEqual([key]);
    expect(store.inventory.trustedKeys('10.0.0.5', 2222)).toEqual([]);
  });
});
