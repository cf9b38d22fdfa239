// Schema version 8: the errors and warnings a log source read, kept for "jump to this time" from
// an alert or an incident timeline. Only those two levels, at most a few dozen per source and
// minute, for as long as raw samples; the counts themselves are ordinary series.

import type { Migration } from './migrations';

export const LOG_EVENTS_MIGRATION: Migration = {
  version: 8,
  name: 'log-events',
  up(db) {
    db.exec(`
      -- No foreign key to checks: deleting a source deletes its rows explicitly, and a failed
      -- constraint must never throw away a batch. seq orders events read in the same millisecond.
      CREATE TABLE log_events (
        check_id TEXT NOT NULL,
        ts INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        level TEXT NOT NULL,
        text TEXT NOT NULL,
        lines INTEGER NOT NULL,
        PRIMARY KEY (check_id, ts, seq)
      ) WITHOUT ROWID;
      CREATE INDEX log_events_by_ts ON log_events (ts);
    `);
  },
};
