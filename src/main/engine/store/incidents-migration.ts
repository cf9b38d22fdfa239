// Schema version 3: incidents, their append-only timelines, post-mortems, the organisation's
// playbook versions and the audit log. Kept in its own file so migrations.ts stays a list.

import type { Migration } from './migrations';

export const INCIDENTS_MIGRATION: Migration = {
  version: 3,
  name: 'incidents-postmortems-playbooks-audit',
  up(db) {
    db.exec(`
      -- Every playbook an incident ever ran under, plus each version the organisation saved.
      -- Rows are never changed, so an incident keeps the stages and wording it started with.
      CREATE TABLE playbook_versions (
        version INTEGER PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('default', 'organisation')),
        content TEXT NOT NULL,
        saved_at INTEGER NOT NULL,
        saved_by TEXT NOT NULL
      );

      -- The current record of each incident as JSON, without its timeline (kept below).
      -- revision is the optimistic-concurrency token; timeline_count is the number of timeline
      -- rows that belong to this revision, so a reader can prove the two were written together.
      -- The plain columns are copies of record fields for listing and reports.
      CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        record TEXT NOT NULL,
        revision INTEGER NOT NULL CHECK (revision > 0),
        timeline_count INTEGER NOT NULL,
        playbook_version INTEGER NOT NULL REFERENCES playbook_versions (version),
        status TEXT NOT NULL,
        severity TEXT NOT NULL,
        detected_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX incidents_by_detection ON incidents (detected_at);

      -- Append-only: the triggers below refuse any change to a written entry.
      CREATE TABLE incident_timeline (
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        seq INTEGER NOT NULL,
        ts INTEGER NOT NULL,
        user TEXT NOT NULL,
        kind TEXT NOT NULL,
        entry TEXT NOT NULL,
        PRIMARY KEY (incident_id, seq)
      ) WITHOUT ROWID;
      CREATE TRIGGER incident_timeline_no_update BEFORE UPDATE ON incident_timeline
        BEGIN SELECT RAISE(ABORT, 'incident timeline entries are append-only'); END;
      CREATE TRIGGER incident_timeline_no_delete BEFORE DELETE ON incident_timeline
        BEGIN SELECT RAISE(ABORT, 'incident timeline entries are append-only'); END;

      CREATE TABLE postmortems (
        incident_id TEXT PRIMARY KEY REFERENCES incidents (id),
        record TEXT NOT NULL,
        revision INTEGER NOT NULL CHECK (revision > 0),
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) WITHOUT ROWID;

      -- Who changed what, and when. who is the local OS user name; detail is JSON.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        ts INTEGER NOT NULL,
        who TEXT NOT NULL,
        action TEXT NOT NULL,
        subject_kind TEXT NOT NULL,
        subject_id TEXT,
        detail TEXT NOT NULL
      );
      CREATE INDEX audit_by_subject ON audit_log (subject_kind, subject_id, id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
  },
};
