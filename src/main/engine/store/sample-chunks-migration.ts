// Schema version 9: raw readings move from one row per reading (`samples`, clustered by series)
// to one row per series and 2-minute chunk (`sample_chunks`, clustered by time), see
// chunk-codec.ts. Existing readings are converted, so no history is lost; minutes an older
// OpsDeck left pending at a crash are rolled up from the old rows first.

import type Database from 'better-sqlite3';
import { chunkStart, encodeChunk, type Readings } from './chunk-codec';
import type { Migration } from './migrations';

/** Where an older OpsDeck's rollups were pending after a crash (its recovery watermark). */
const OLD_WATERMARK_KEY = 'store.rollups.pendingFrom';

export const SAMPLE_CHUNKS_MIGRATION: Migration = {
  version: 9,
  name: 'sample-chunks',
  up(db) {
    db.exec(`
      -- A rowid table: rows are appended in write order, and the (start_ts, series_id) index
      -- only grows at its end, so writing a chunk boundary is sequential. count = readings in data.
      CREATE TABLE sample_chunks (
        start_ts INTEGER NOT NULL,
        series_id INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
        count INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (start_ts, series_id)
      );
    `);
    recomputePendingRollups(db);
    convertSamples(db);
    db.exec('DROP TABLE samples');
  },
};

function recomputePendingRollups(db: Database.Database): void {
  const saved = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(OLD_WATERMARK_KEY);
  const from = saved === undefined ? NaN : Number(saved);
  if (Number.isFinite(from)) {
    db.prepare(`
      INSERT INTO rollups_1m (series_id, minute_ts, avg, min, max, count)
      SELECT series_id, (ts / 60000) * 60000 AS minute, avg(value), min(value), max(value), count(value)
      FROM samples WHERE ts >= ? GROUP BY series_id, minute
      ON CONFLICT (series_id, minute_ts) DO UPDATE SET
        avg = excluded.avg, min = excluded.min, max = excluded.max, count = excluded.count
    `).run(from);
  }
  db.prepare('DELETE FROM settings WHERE key = ?').run(OLD_WATERMARK_KEY);
}

function convertSamples(db: Database.Database): void {
  const ids = db.prepare<[], number>('SELECT DISTINCT series_id FROM samples ORDER BY series_id').pluck().all();
  const rows = db.prepare<[number], [number, number | null]>('SELECT ts, value FROM samples WHERE series_id = ? ORDER BY ts').raw();
  const insert = db.prepare<[number, number, number, Buffer]>('INSERT INTO sample_chunks (start_ts, series_id, count, data) VALUES (?, ?, ?, ?)');
  // One series at a time (its rows are ordered by ts): memory stays at one series' 48 hours.
  for (const id of ids) {
    let start = NaN;
    let chunk: Readings = { ts: [], values: [] };
    const put = () => {
      if (chunk.ts.length > 0) insert.run(start, id, chunk.ts.length, encodeChunk(start, chunk));
    };
    for (const [ts, value] of rows.all(id)) {
      if (chunkStart(ts) !== start) {
        put();
        start = chunkStart(ts);
        chunk = { ts: [], values: [] };
      }
      chunk.ts.push(ts);
      chunk.values.push(value);
    }
    put();
  }
}
