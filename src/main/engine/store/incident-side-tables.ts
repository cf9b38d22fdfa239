// The tables around incidents: playbook versions, post-mortems and the audit log. Rows are
// JSON validated on the way in (by the service) and on the way out (here), since a file may
// come from an older OpsDeck or have been edited by hand.

import type Database from 'better-sqlite3';
import { OpsError } from '../../../shared/errors';
import { PostmortemSchema, type Postmortem } from '../../../shared/incidents';
import type { Logger } from '../core/logger';
import type { AuditEntry, AuditRow, AuditSubject, StoredPlaybook, StoredPostmortem } from './incidents-store-types';

interface PlaybookRaw {
  version: number;
  source: string;
  content: string;
  saved_at: number;
  saved_by: string;
}

interface PostmortemRaw {
  incident_id: string;
  record: string;
  revision: number;
  updated_at: number;
  updated_by: string;
}

interface AuditRaw {
  id: number;
  ts: number;
  who: string;
  action: string;
  subject_kind: string;
  subject_id: string | null;
  detail: string;
}

const toPlaybook = (raw: PlaybookRaw): StoredPlaybook => ({
  version: raw.version,
  source: raw.source === 'organisation' ? 'organisation' : 'default',
  content: raw.content,
  savedAt: raw.saved_at,
  savedBy: raw.saved_by,
});

export class PlaybookVersions {
  private readonly byVersion: Database.Statement<[number], PlaybookRaw>;
  private readonly newest: Database.Statement<[], PlaybookRaw>;
  private readonly insert: Database.Statement<[string, string, number, string]>;

  constructor(db: Database.Database) {
    this.byVersion = db.prepare<[number], PlaybookRaw>('SELECT * FROM playbook_versions WHERE version = ?');
    this.newest = db.prepare<[], PlaybookRaw>('SELECT * FROM playbook_versions ORDER BY version DESC LIMIT 1');
    this.insert = db.prepare('INSERT INTO playbook_versions (source, content, saved_at, saved_by) VALUES (?, ?, ?, ?)');
  }

  get(version: number): StoredPlaybook | null {
    const raw = this.byVersion.get(version);
    return raw ? toPlaybook(raw) : null;
  }

  latest(): StoredPlaybook | null {
    const raw = this.newest.get();
    return raw ? toPlaybook(raw) : null;
  }

  add(p: Omit<StoredPlaybook, 'version'>): StoredPlaybook {
    const { lastInsertRowid } = this.insert.run(p.source, p.content, p.savedAt, p.savedBy);
    return { ...p, version: Number(lastInsertRowid) };
  }
}

export class PostmortemsTable {
  private readonly one: Database.Statement<[string], PostmortemRaw>;
  private readonly all: Database.Statement<[], PostmortemRaw>;
  private readonly insert: Database.Statement<[string, string, number, string]>;
  private readonly update: Database.Statement<[string, number, string, string, number]>;

  constructor(
    db: Database.Database,
    private readonly logger: Logger,
  ) {
    this.one = db.prepare<[string], PostmortemRaw>('SELECT * FROM postmortems WHERE incident_id = ?');
    this.all = db.prepare<[], PostmortemRaw>('SELECT * FROM postmortems ORDER BY incident_id');
    this.insert = db.prepare('INSERT INTO postmortems (incident_id, record, revision, updated_at, updated_by) VALUES (?, ?, 1, ?, ?)');
    this.update = db.prepare('UPDATE postmortems SET record = ?, revision = revision + 1, updated_at = ?, updated_by = ? WHERE incident_id = ? AND revision = ?');
  }

  get(incidentId: string): StoredPostmortem | null {
    const raw = this.one.get(incidentId);
    return raw ? this.parse(raw) : null;
  }

  list(): StoredPostmortem[] {
    const out: StoredPostmortem[] = [];
    for (const raw of this.all.all()) {
      try {
        out.push(this.parse(raw));
      } catch (err) {
        // One damaged row must not hide every report.
        this.logger.log('warn', 'store-postmortem-unreadable', { incidentId: raw.incident_id, message: String(err) });
      }
    }
    return out;
  }

  put(pm: Postmortem, expectedRevision: number, at: number, by: string): number {
    const text = JSON.stringify(pm);
    if (expectedRevision === 0) {
      if (this.one.get(pm.incidentId)) throw conflict(`Someone saved a post-mortem for ${pm.incidentId} while you were writing this draft.`);
      this.insert.run(pm.incidentId, text, at, by);
      return 1;
    }
    if (this.update.run(text, at, by, pm.incidentId, expectedRevision).changes === 1) return expectedRevision + 1;
    const current = this.one.get(pm.incidentId);
    if (!current) throw new OpsError('NOT_FOUND', `There is no saved post-mortem for ${pm.incidentId} at revision ${expectedRevision}.`);
    throw conflict(`The post-mortem of ${pm.incidentId} was saved by ${current.updated_by} after you opened it (now revision ${current.revision}, yours ${expectedRevision}).`);
  }

  private parse(raw: PostmortemRaw): StoredPostmortem {
    const postmortem = PostmortemSchema.parse(JSON.parse(raw.record));
    return { postmortem, revision: raw.revision, updatedAt: raw.updated_at, updatedBy: raw.updated_by };
  }
}

export function conflict(sentence: string): OpsError {
  return new OpsError('REVISION_CONFLICT', `${sentence} Reload to see the latest version, then make your change again.`);
}

export class AuditLog {
  private readonly insert: Database.Statement<[number, string, string, string, string | null, string]>;
  private readonly all: Database.Statement<[], AuditRaw>;
  private readonly byKind: Database.Statement<[string], AuditRaw>;
  private readonly bySubject: Database.Statement<[string, string], AuditRaw>;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO audit_log (ts, who, action, subject_kind, subject_id, detail) VALUES (?, ?, ?, ?, ?, ?)');
    this.all = db.prepare<[], AuditRaw>('SELECT * FROM audit_log ORDER BY id');
    this.byKind = db.prepare<[string], AuditRaw>('SELECT * FROM audit_log WHERE subject_kind = ? ORDER BY id');
    this.bySubject = db.prepare<[string, string], AuditRaw>('SELECT * FROM audit_log WHERE subject_kind = ? AND subject_id = ? ORDER BY id');
  }

  add(e: AuditEntry): void {
    this.insert.run(e.ts, e.who, e.action, e.subjectKind, e.subjectId, JSON.stringify(e.detail ?? null));
  }

  list(filter?: { subjectKind: AuditSubject; subjectId?: string }): AuditRow[] {
    const rows = !filter ? this.all.all() : filter.subjectId === undefined ? this.byKind.all(filter.subjectKind) : this.bySubject.all(filter.subjectKind, filter.subjectId);
    return rows.map((r) => ({
      id: r.id,
      ts: r.ts,
      who: r.who,
      action: r.action,
      subjectKind: r.subject_kind as AuditSubject,
      subjectId: r.subject_id,
      detail: JSON.parse(r.detail) as unknown,
    }));
  }
}
