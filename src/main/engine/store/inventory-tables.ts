// Hosts, services and trusted host keys (schema 4). Every write is durable: these are things a
// person typed or confirmed. Columns rather than JSON, so a new field fails to compile here
// until a migration stores it.

import type Database from 'better-sqlite3';
import type { AuthMethod, HostKeyPolicyName } from '../../../shared/inventory-contract';
import type { Logger } from '../core/logger';
import { durableWrite } from './durable-write';

export interface StoredHost {
  id: string;
  name: string;
  address: string;
  port: number;
  user: string;
  authMethod: AuthMethod;
  keyPath: string | null;
  jumpHost: string | null;
  tags: string[];
  enabled: boolean;
  hostKeyPolicy: HostKeyPolicyName;
  intervalMs: number;
  createdAt: number;
  updatedAt: number;
}

export interface StoredService {
  id: string;
  name: string;
  owner: string;
  contact: string;
  hostIds: string[];
}

export interface TrustedHostKey {
  address: string;
  port: number;
  fingerprint: string;
  keyType: string | null;
  trustedAt: number;
}

export interface InventoryStore {
  listHosts(): StoredHost[];
  getHost(id: string): StoredHost | null;
  /** Inserts or replaces; created_at of an existing row is kept. */
  putHost(host: StoredHost): void;
  /** Also drops the host from every service. True when a row was deleted. */
  deleteHost(id: string): boolean;
  listServices(): StoredService[];
  /** Inserts or replaces, with exactly `hostIds` as members (unknown ids are left out). */
  putService(service: StoredService, now: number): void;
  deleteService(id: string): boolean;
  trustedKeys(address: string, port: number): TrustedHostKey[];
  addTrustedKey(key: TrustedHostKey): void;
}

interface HostRow {
  id: string;
  name: string;
  address: string;
  port: number;
  username: string;
  auth_method: string;
  key_path: string | null;
  jump_host: string | null;
  tags: string;
  enabled: number;
  host_key_policy: string;
  interval_ms: number;
  created_at: number;
  updated_at: number;
}

function parseTags(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

function toHost(r: HostRow): StoredHost {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    port: r.port,
    user: r.username,
    authMethod: r.auth_method as AuthMethod,
    keyPath: r.key_path,
    jumpHost: r.jump_host,
    tags: parseTags(r.tags),
    enabled: r.enabled !== 0,
    hostKeyPolicy: r.host_key_policy as HostKeyPolicyName,
    intervalMs: r.interval_ms,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function createInventoryTables(db: Database.Database, _logger: Logger): InventoryStore {
  const hostColumns = 'id, name, address, port, username, auth_method, key_path, jump_host, tags, enabled, host_key_policy, interval_ms, created_at, updated_at';
  const selectHosts = db.prepare<[], HostRow>(`SELECT ${hostColumns} FROM inventory_hosts ORDER BY rowid`);
  const selectHost = db.prepare<[string], HostRow>(`SELECT ${hostColumns} FROM inventory_hosts WHERE id = ?`);
  const upsertHost = db.prepare(`
    INSERT INTO inventory_hosts (${hostColumns})
    VALUES (@id, @name, @address, @port, @username, @auth_method, @key_path, @jump_host, @tags, @enabled, @host_key_policy, @interval_ms, @created_at, @updated_at)
    ON CONFLICT (id) DO UPDATE SET
      name = excluded.name, address = excluded.address, port = excluded.port, username = excluded.username,
      auth_method = excluded.auth_method, key_path = excluded.key_path, jump_host = excluded.jump_host,
      tags = excluded.tags, enabled = excluded.enabled, host_key_policy = excluded.host_key_policy,
      interval_ms = excluded.interval_ms, updated_at = excluded.updated_at
  `);
  const removeHost = db.prepare<[string]>('DELETE FROM inventory_hosts WHERE id = ?');
  const selectServices = db.prepare<[], Omit<StoredService, 'hostIds'>>('SELECT id, name, owner, contact FROM inventory_services ORDER BY rowid');
  const selectMembers = db.prepare<[], { service_id: string; host_id: string }>(
    'SELECT m.service_id, m.host_id FROM inventory_service_hosts m JOIN inventory_hosts h ON h.id = m.host_id ORDER BY h.rowid',
  );
  const upsertService = db.prepare(`
    INSERT INTO inventory_services (id, name, owner, contact, created_at, updated_at) VALUES (@id, @name, @owner, @contact, @now, @now)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, owner = excluded.owner, contact = excluded.contact, updated_at = excluded.updated_at
  `);
  const clearMembers = db.prepare<[string]>('DELETE FROM inventory_service_hosts WHERE service_id = ?');
  const addMember = db.prepare<[string, string]>(
    'INSERT OR IGNORE INTO inventory_service_hosts (service_id, host_id) SELECT ?, id FROM inventory_hosts WHERE id = ?',
  );
  const removeService = db.prepare<[string]>('DELETE FROM inventory_services WHERE id = ?');
  const selectKeys = db.prepare<[string, number], { fingerprint: string; key_type: string | null; trusted_at: number }>(
    'SELECT fingerprint, key_type, trusted_at FROM trusted_host_keys WHERE address = ? AND port = ? ORDER BY trusted_at',
  );
  const insertKey = db.prepare(
    'INSERT OR IGNORE INTO trusted_host_keys (address, port, fingerprint, key_type, trusted_at) VALUES (@address, @port, @fingerprint, @keyType, @trustedAt)',
  );

  return {
    listHosts: () => selectHosts.all().map(toHost),
    getHost: (id) => {
      const row = selectHost.get(id);
      return row ? toHost(row) : null;
    },
    putHost: (h) =>
      durableWrite(db, () =>
        upsertHost.run({
          id: h.id,
          name: h.name,
          address: h.address,
          port: h.port,
          username: h.user,
          auth_method: h.authMethod,
          key_path: h.keyPath,
          jump_host: h.jumpHost,
          tags: JSON.stringify(h.tags),
          enabled: h.enabled ? 1 : 0,
          host_key_policy: h.hostKeyPolicy,
          interval_ms: h.intervalMs,
          created_at: h.createdAt,
          updated_at: h.updatedAt,
        }),
      ),
    deleteHost: (id) => durableWrite(db, () => removeHost.run(id).changes > 0),
    listServices: () => {
      const members = new Map<string, string[]>();
      for (const m of selectMembers.all()) members.set(m.service_id, [...(members.get(m.service_id) ?? []), m.host_id]);
      return selectServices.all().map((s) => ({ ...s, hostIds: members.get(s.id) ?? [] }));
    },
    putService: (s, now) =>
      durableWrite(db, () => {
        upsertService.run({ id: s.id, name: s.name, owner: s.owner, contact: s.contact, now });
        clearMembers.run(s.id);
        for (const hostId of s.hostIds) addMember.run(s.id, hostId);
      }),
    deleteService: (id) => durableWrite(db, () => removeService.run(id).changes > 0),
    trustedKeys: (address, port) =>
      selectKeys.all(address, port).map((r) => ({ address, port, fingerprint: r.fingerprint, keyType: r.key_type, trustedAt: r.trusted_at })),
    addTrustedKey: (k) => durableWrite(db, () => void insertKey.run({ ...k })),
  };
}
