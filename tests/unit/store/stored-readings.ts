// What the store committed, read through a second connection: raw readings decoded from the
// chunk rows, as (series, ts, value) rows in time order.
import Database from 'better-sqlite3';
import { decodeChunk } from '../../../src/main/engine/store/chunk-codec';

export interface StoredReading {
  seriesId: number;
  ts: number;
  value: number | null;
}

export function storedReadings(db: Database.Database): StoredReading[] {
  const rows = db.prepare<[], { start_ts: number; series_id: number; data: Buffer }>('SELECT start_ts, series_id, data FROM sample_chunks').all();
  const out: StoredReading[] = [];
  for (const row of rows) {
    const { ts, values } = decodeChunk(row.start_ts, row.data);
    ts.forEach((t, i) => out.push({ seriesId: row.series_id, ts: t, value: values[i]! }));
  }
  return out.sort((a, b) => a.ts - b.ts || a.seriesId - b.seriesId);
}

/** Readings in committed chunks (their count column, which must match the blobs). */
export function committedReadings(db: Database.Database): number {
  return db.prepare<[], number>('SELECT coalesce(sum(count), 0) FROM sample_chunks').pluck().get() ?? 0;
}

export function withDatabase<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
