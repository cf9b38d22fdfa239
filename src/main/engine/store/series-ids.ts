// Maps (target, series key) to the integer id that samples and rollups are stored under.
// Ids are cached because every ingested row needs one.

import type Database from 'better-sqlite3';
import type { SeriesKey, TargetId } from '../../../shared/model';

export class SeriesIds {
  /** target id -> series key -> series id */
  private readonly cache = new Map<TargetId, Map<string, number>>();
  private readonly select: Database.Statement<[TargetId, string], number>;
  private readonly insert: Database.Statement<[TargetId, string]>;

  constructor(db: Database.Database) {
    this.select = db.prepare<[TargetId, string], number>('SELECT id FROM series WHERE target_id = ? AND key = ?').pluck();
    this.insert = db.prepare<[TargetId, string]>('INSERT INTO series (target_id, key) VALUES (?, ?)');
  }

  /** The id of an existing series, or undefined. Misses are not cached: the series may appear later. */
  find(targetId: TargetId, key: SeriesKey): number | undefined {
    const cached = this.cache.get(targetId)?.get(key);
    if (cached !== undefined) return cached;
    const id = this.select.get(targetId, key);
    if (id !== undefined) this.remember(targetId, key, id);
    return id;
  }

  /** The id of a series, created when missing. Call inside the write transaction. */
  findOrCreate(targetId: TargetId, key: SeriesKey): number {
    const existing = this.find(targetId, key);
    if (existing !== undefined) return existing;
    const id = Number(this.insert.run(targetId, key).lastInsertRowid);
    this.remember(targetId, key, id);
    return id;
  }

  /** Drops cached ids, e.g. after a rolled-back transaction whose new series no longer exist. */
  forget(): void {
    this.cache.clear();
  }

  private remember(targetId: TargetId, key: string, id: number): void {
    let byKey = this.cache.get(targetId);
    if (!byKey) this.cache.set(targetId, (byKey = new Map()));
    byKey.set(key, id);
  }
}
