// Checks (schema 5). Every write is durable: these are things a person typed.

import type Database from 'better-sqlite3';
import { durableWrite } from './durable-write';

export interface StoredCheck {
  id: string;
  kind: string;
  name: string;
  enabled: boolean;
  intervalMs: number;
  parentId: string | null;
  /** The kind's settings; validated by the kind's schema wherever it is used. */
  config: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

export interface ChecksStore {
  listChecks(): StoredCheck[];
  getCheck(id: string): StoredCheck | null;
  /** Inserts or replaces; created_at of an existing row is kept. */
  putCheck(check: StoredCheck): void;
  /** True when a row was deleted. */
  deleteCheck(id: string): boolean;
}

interface CheckRow {
  id: string;
  kind: string;
  name: string;
  enabled: number;
  interval_ms: number;
  parent_id: string | null;
  config: string;
  created_at: number;
  updated_at: number;
}

function parseConfig(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    // A row edited by hand into nonsense: the kind's schema then reports what is missing.
    return {};
  }
}

const fromRow = (r: CheckRow): StoredCheck => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  enabled: r.enabled === 1,
  intervalMs: r.interval_ms,
  parentId: r.parent_id,
  config: parseConfig(r.config),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function createChecksStore(db: Database.Database): ChecksStore {
  const list = db.prepare<[], CheckRow>('SELECT * FROM checks ORDER BY rowid');
  const get = db.prepare<[string], CheckRow>('SELECT * FROM checks WHERE id = ?');
  const upsert = db.prepare(
    `INSERT INTO checks (id, kind, name, enabled, interval_ms, parent_id, config, created_at, updated_at)
     VALUES (@id, @kind, @name, @enabled, @interval_ms, @parent_id, @config, @created_at, @updated_at)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, enabled = excluded.enabled,
       interval_ms = excluded.interval_ms, parent_id = excluded.parent_id, config = excluded.config,
       updated_at = excluded.updated_at`,
  );
  const remove = db.prepare<[string]>('DELETE FROM checks WHERE id = ?');
  return {
    listChecks: () => list.all().map(fromRow),
    getCheck: (id) => {
      const row = get.get(id);
      return row ? fromRow(row) : null;
    },
    putCheck: (c) =>
      durableWrite(db, () => {
        upsert.run({
          id: c.id,
          kind: c.kind,
          name: c.name,
          enabled: c.enabled ? 1 : 0,
          interval_ms: c.intervalMs,
          parent_id: c.parentId,
          config: JSON.stringify(c.config),
          created_at: c.createdAt,
          updated_at: c.updatedAt,
        });
      }),
    deleteCheck: (id) => durableWrite(db, () => remove.run(id).changes > 0),
  };
}
