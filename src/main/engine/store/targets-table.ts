// Saved polling targets. Columns rather than JSON, so that a new required field on Target
// fails to compile here until a migration stores it.

import type Database from 'better-sqlite3';
import type { Target, TargetKind } from '../../../shared/model';

interface TargetRow {
  id: string;
  name: string;
  kind: string;
  interval_ms: number;
  enabled: number;
}

export class TargetsTable {
  private readonly upsert: Database.Statement<[TargetRow]>;
  private readonly selectAll: Database.Statement<[], TargetRow>;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(`
      INSERT INTO targets (id, name, kind, interval_ms, enabled) VALUES (@id, @name, @kind, @interval_ms, @enabled)
      ON CONFLICT (id) DO UPDATE SET
        name = excluded.name, kind = excluded.kind, interval_ms = excluded.interval_ms, enabled = excluded.enabled
    `);
    // rowid survives the upsert, so this is the order in which targets were first saved.
    this.selectAll = db.prepare('SELECT id, name, kind, interval_ms, enabled FROM targets ORDER BY rowid');
  }

  save(t: Target): void {
    this.upsert.run({ id: t.id, name: t.name, kind: t.kind, interval_ms: t.intervalMs, enabled: t.enabled ? 1 : 0 });
  }

  list(): Target[] {
    return this.selectAll.all().map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind as TargetKind,
      intervalMs: r.interval_ms,
      enabled: r.enabled !== 0,
    }));
  }
}
