// The organisation's glossary rows: its own terms and its overrides of built-in terms, one
// JSON entry per id. The engine's glossary service owns their meaning and validates them.

import type Database from 'better-sqlite3';
import type { Logger } from '../core/logger';
import { durableWrite } from './durable-write';
import type { GlossaryRow, GlossaryWriter, StoredGlossaryOrigin } from './store-types';

interface RawRow {
  id: string;
  entry: string;
  origin: string;
  updated_at: number;
}

export class GlossaryTable {
  private readonly selectAll: Database.Statement<[], RawRow>;
  private readonly upsert: Database.Statement<[string, string, StoredGlossaryOrigin, number]>;
  private readonly deleteOne: Database.Statement<[string]>;

  constructor(
    private readonly db: Database.Database,
    private readonly logger: Logger,
  ) {
    this.selectAll = db.prepare<[], RawRow>('SELECT id, entry, origin, updated_at FROM glossary_entries ORDER BY id');
    this.upsert = db.prepare(`
      INSERT INTO glossary_entries (id, entry, origin, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET entry = excluded.entry, origin = excluded.origin, updated_at = excluded.updated_at
    `);
    this.deleteOne = db.prepare('DELETE FROM glossary_entries WHERE id = ?');
  }

  list(): GlossaryRow[] {
    const rows: GlossaryRow[] = [];
    for (const raw of this.selectAll.all()) {
      try {
        rows.push({ id: raw.id, entry: JSON.parse(raw.entry) as unknown, origin: raw.origin === 'override' ? 'override' : 'org', updatedAt: raw.updated_at });
      } catch (err) {
        // One damaged row must not hide the rest of the glossary.
        this.logger.log('warn', 'store-glossary-row-unreadable', { id: raw.id, message: String(err) });
      }
    }
    return rows;
  }

  /** Everything `fn` does through the writer commits together, durably, or not at all. */
  write<T>(fn: (writer: GlossaryWriter) => T): T {
    const writer: GlossaryWriter = {
      list: () => this.list(),
      put: (row) => void this.upsert.run(row.id, JSON.stringify(row.entry), row.origin, row.updatedAt),
      remove: (id) => this.deleteOne.run(id).changes > 0,
    };
    return durableWrite(this.db, () => fn(writer));
  }
}
