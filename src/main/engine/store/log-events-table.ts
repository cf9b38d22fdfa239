// Stored errors and warnings of log sources (schema 7). Written in batches from the collectors'
// polls (metric-like: synchronous=NORMAL is enough), read by time range for "jump to this time".

import type Database from 'better-sqlite3';
import { LOG_LEVELS, type LogLevel, type StoredLogEvent } from '../../../shared/logs';

export interface LogEventsStore {
  append(checkId: string, events: ReadonlyArray<Omit<StoredLogEvent, 'checkId'>>): void;
  /** Oldest first, at most `limit`, within [from, until]. */
  query(checkId: string, from: number, until: number, limit: number): StoredLogEvent[];
  deleteCheck(checkId: string): void;
  /** Deletes events older than `cutoff`, at most `limit` rows; returns how many. */
  deleteOlder(cutoff: number, limit: number): number;
}

interface Row {
  check_id: string;
  ts: number;
  seq: number;
  level: string;
  text: string;
  lines: number;
}

const LEVELS: ReadonlySet<string> = new Set(LOG_LEVELS);

export function createLogEventsStore(db: Database.Database): LogEventsStore {
  const insert = db.prepare('INSERT OR IGNORE INTO log_events (check_id, ts, seq, level, text, lines) VALUES (?, ?, ?, ?, ?, ?)');
  const select = db.prepare<[string, number, number, number], Row>('SELECT * FROM log_events WHERE check_id = ? AND ts >= ? AND ts <= ? ORDER BY ts, seq LIMIT ?');
  const removeCheck = db.prepare('DELETE FROM log_events WHERE check_id = ?');
  const removeOldKeyed = db.prepare(
    'DELETE FROM log_events WHERE (check_id, ts, seq) IN (SELECT check_id, ts, seq FROM log_events WHERE ts < ? ORDER BY ts LIMIT ?)',
  );
  const appendAll = db.transaction((checkId: string, events: ReadonlyArray<Omit<StoredLogEvent, 'checkId'>>) => {
    for (const e of events) insert.run(checkId, e.ts, e.seq, e.level, e.text, e.lines);
  });
  return {
    append(checkId, events) {
      if (events.length > 0) appendAll(checkId, events);
    },
    query(checkId, from, until, limit) {
      return select.all(checkId, from, until, limit).map((r) => ({
        checkId: r.check_id,
        ts: r.ts,
        seq: r.seq,
        level: (LEVELS.has(r.level) ? r.level : 'unknown') as LogLevel,
        text: r.text,
        lines: r.lines,
      }));
    },
    deleteCheck(checkId) {
      removeCheck.run(checkId);
    },
    deleteOlder(cutoff, limit) {
      return removeOldKeyed.run(cutoff, limit).changes;
    },
  };
}
