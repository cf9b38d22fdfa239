// Schema version 7: notification channels, their outbox and their delivery log. No column
// holds a secret (webhook URLs with tokens, bot tokens and passwords live in the keychain), and
// the delivery log never holds a message body: only what happened, a code and a status.

import type { Migration } from './migrations';

export const CHANNELS_MIGRATION: Migration = {
  version: 7,
  name: 'notification-channels',
  up(db) {
    db.exec(`
      -- A rowid table on purpose: channels list in the order they were added. Names are unique
      -- (case-insensitive): a rules file refers to a channel by its name.
      CREATE TABLE notify_channels (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        enabled INTEGER NOT NULL,
        language TEXT NOT NULL,
        settings TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX notify_channels_by_name ON notify_channels (name COLLATE NOCASE);

      -- One row per notification and channel until it is delivered or given up: what survives a
      -- restart. seq keeps each channel's messages in the order they were queued.
      CREATE TABLE notify_outbox (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        channel_id TEXT NOT NULL,
        notification_id TEXT NOT NULL,
        event TEXT NOT NULL,
        notification TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        next_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX notify_outbox_by_channel ON notify_outbox (channel_id, seq);

      -- Every attempt's outcome, newest last (seq is the page cursor). Bounded by the engine: oldest rows go first.
      CREATE TABLE notify_deliveries (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        notification_id TEXT NOT NULL,
        event TEXT NOT NULL,
        at INTEGER NOT NULL,
        attempt INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        code TEXT,
        status INTEGER,
        detail TEXT,
        next_attempt_at INTEGER
      );
      CREATE INDEX notify_deliveries_by_channel ON notify_deliveries (channel_id, seq);
    `);
  },
};
