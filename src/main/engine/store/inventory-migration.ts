// Schema version 4: the inventory (SSH hosts, services and their members) and the host keys a
// person trusted. No column holds a secret: passwords and passphrases live in the SecretStore.

import type { Migration } from './migrations';

export const INVENTORY_MIGRATION: Migration = {
  version: 4,
  name: 'inventory-services-trusted-host-keys',
  up(db) {
    db.exec(`
      -- A rowid table on purpose: hosts list in the order they were added.
      -- tags is a JSON array of strings. jump_host is kept for when ProxyJump is supported.
      CREATE TABLE inventory_hosts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        address TEXT NOT NULL,
        port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
        username TEXT NOT NULL,
        auth_method TEXT NOT NULL CHECK (auth_method IN ('agent', 'key', 'password')),
        key_path TEXT,
        jump_host TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        enabled INTEGER NOT NULL,
        host_key_policy TEXT NOT NULL CHECK (host_key_policy IN ('ask', 'accept-new')),
        interval_ms INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE inventory_services (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        owner TEXT NOT NULL,
        contact TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE inventory_service_hosts (
        service_id TEXT NOT NULL REFERENCES inventory_services (id) ON DELETE CASCADE,
        host_id TEXT NOT NULL REFERENCES inventory_hosts (id) ON DELETE CASCADE,
        PRIMARY KEY (service_id, host_id)
      ) WITHOUT ROWID;
      CREATE INDEX inventory_service_hosts_by_host ON inventory_service_hosts (host_id);

      -- Trust is per address and port, like known_hosts: two inventory entries for one server
      -- share it. The SHA256 fingerprint is what the person compared and confirmed.
      CREATE TABLE trusted_host_keys (
        address TEXT NOT NULL,
        port INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        key_type TEXT,
        trusted_at INTEGER NOT NULL,
        PRIMARY KEY (address, port, fingerprint)
      ) WITHOUT ROWID;
    `);
  },
};
