// The incident store's public shape: incidents with their timelines, post-mortems, playbook
// versions and the audit log. The incident service depends on this interface only.

import type { Incident, Postmortem, TimelineEntry } from '../../../shared/incidents';

/** An incident as stored: the full record (timeline included) and the playbook version it runs under. */
export interface StoredIncident {
  incident: Incident;
  playbookVersion: number;
}

/** The record without its timeline, for lists and reports that never read the timeline. */
export interface StoredIncidentHead {
  incident: Omit<Incident, 'timeline'>;
  playbookVersion: number;
}

export type StoredPlaybookSource = 'default' | 'organisation';

export interface StoredPlaybook {
  version: number;
  source: StoredPlaybookSource;
  /** The playbook file text, as validated when it was saved. */
  content: string;
  savedAt: number;
  savedBy: string;
}

export interface StoredPostmortem {
  postmortem: Postmortem;
  revision: number;
  updatedAt: number;
  updatedBy: string;
}

export type AuditSubject = 'incident' | 'postmortem' | 'playbook';

export interface AuditEntry {
  ts: number;
  /** The local OS user name. */
  who: string;
  /** What was done, e.g. "incident.create" or "incident.checkItem". */
  action: string;
  subjectKind: AuditSubject;
  subjectId: string | null;
  /** Any JSON-serializable detail (the command, a file name). */
  detail: unknown;
}

export interface AuditRow extends AuditEntry {
  id: number;
}

/** Reads and writes inside one durable incident transaction. */
export interface IncidentWriter {
  /** 1 for the first incident ever stored, and so on. */
  nextIncidentNumber(): number;
  getIncident(id: string): StoredIncident | null;
  /** Stores a new incident with its whole timeline. */
  insertIncident(incident: Incident, playbookVersion: number, at: number): void;
  /**
   * Replaces the record and appends the new timeline entries, if the stored revision is still
   * `expectedRevision`; otherwise throws REVISION_CONFLICT (or NOT_FOUND).
   */
  updateIncident(incident: Incident, expectedRevision: number, newEntries: readonly TimelineEntry[], at: number): void;
  latestPlaybook(): StoredPlaybook | null;
  insertPlaybook(playbook: Omit<StoredPlaybook, 'version'>): StoredPlaybook;
  getPostmortem(incidentId: string): StoredPostmortem | null;
  /** Saves a post-mortem if its stored revision is `expectedRevision` (0: none yet); returns the new revision. */
  putPostmortem(postmortem: Postmortem, expectedRevision: number, at: number, by: string): number;
  audit(entry: AuditEntry): void;
}

export interface IncidentStore {
  /** Newest detection first; unreadable rows are logged and skipped. */
  listIncidentHeads(): StoredIncidentHead[];
  getIncident(id: string): StoredIncident | null;
  getPlaybook(version: number): StoredPlaybook | null;
  latestPlaybook(): StoredPlaybook | null;
  getPostmortem(incidentId: string): StoredPostmortem | null;
  listPostmortems(): StoredPostmortem[];
  /** Oldest first; optionally only one subject's rows. */
  listAudit(filter?: { subjectKind: AuditSubject; subjectId?: string }): AuditRow[];
  /**
   * Runs `fn` in one IMMEDIATE transaction that is fsynced at commit (synchronous=FULL): a
   * command's record, its timeline entries and its audit row land together, or none of them do.
   */
  write<T>(fn: (writer: IncidentWriter) => T): T;
}
