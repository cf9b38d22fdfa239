// Schema version 6: alert rules the organisation wrote or changed, the alerts themselves (one
// per rule x target x series) with their timelines, silences, maintenance windows, and channels
// imported from a rules file while no channels module stores them. No column holds a secret.

import type { Migration } from './migrations';

export const ALERTS_MIGRATION: Migration = {
  version: 6,
  name: 'alerts',
  up(db) {
    db.exec(`
      -- The shipped rules are never stored (a new OpsDeck brings better ones); only the
      -- organisation's own ('user') and its versions of shipped ones ('override').
      CREATE TABLE alert_rules (
        id TEXT PRIMARY KEY,
        origin TEXT NOT NULL CHECK (origin IN ('user', 'override')),
        rule TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      -- machine: the evaluation state (pending since, recovery clock, flap history, baseline);
      -- mark: what people were told. Both JSON, both written with every lifecycle change.
      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        rule_id TEXT NOT NULL,
        target_id TEXT NOT NULL,
        series_key TEXT,
        state TEXT NOT NULL,
        severity TEXT NOT NULL,
        active_since INTEGER,
        firing_since INTEGER,
        acknowledged_at INTEGER,
        acknowledged_by TEXT,
        ack_note TEXT,
        resolved_at INTEGER,
        incident_id TEXT,
        incident_proposed INTEGER NOT NULL DEFAULT 0,
        machine TEXT NOT NULL,
        mark TEXT NOT NULL,
        detail TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX alerts_by_target ON alerts (target_id);

      CREATE TABLE alert_timeline (
        alert_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        ts INTEGER NOT NULL,
        kind TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (alert_id, seq)
      ) WITHOUT ROWID;

      CREATE TABLE alert_silences (
        id TEXT PRIMARY KEY,
        matcher TEXT NOT NULL,
        starts_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL,
        reason TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );

      -- Removed windows keep their row (deleted_at): past availability still counts them.
      CREATE TABLE maintenance_windows (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        schedule TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        scope TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        deleted_at INTEGER
      );

      -- Only used while no channels module takes imported channels: their settings without
      -- secrets (those go to the keychain), until the channels module adopts them.
      CREATE TABLE alert_channel_imports (
        name TEXT PRIMARY KEY COLLATE NOCASE,
        type TEXT NOT NULL,
        settings TEXT NOT NULL,
        secret_fields TEXT NOT NULL,
        imported_at INTEGER NOT NULL
      );
    `);
  },
};
