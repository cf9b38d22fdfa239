// Schema version 5: checks of every kind beyond the SSH inventory (databases first). One row per
// watched thing: its kind, the host it runs on or is reached through, and the kind's own settings
// as JSON, which the kind's schema validates on every read. No column holds a secret.

import type { Migration } from './migrations';

export const CHECKS_MIGRATION: Migration = {
  version: 5,
  name: 'checks',
  up(db) {
    db.exec(`
      -- A rowid table on purpose: checks list in the order they were added. parent_id has no
      -- foreign key: a check outlives an edit of its host's record, and a deleted host's checks
      -- are shown as needing a new host rather than deleted behind the person's back.
      CREATE TABLE checks (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        enabled INTEGER NOT NULL,
        interval_ms INTEGER NOT NULL,
        parent_id TEXT,
        config TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX checks_by_parent ON checks (parent_id);
    `);
  },
};
