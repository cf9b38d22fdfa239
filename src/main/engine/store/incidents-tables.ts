// Incidents and their append-only timelines, plus the side tables, behind IncidentStore.
//
// Durability: every write goes through durableWrite(), one IMMEDIATE transaction per command
// with PRAGMA synchronous=FULL for its commit. The connection otherwise runs WAL with
// synchronous=NORMAL, where a commit can sit in the WAL without an fsync until the next
// checkpoint and a power cut may lose it. An incident change is something a person did and was
// told is saved, so its commit is fsynced before we answer. One transaction per command means
// the record, its new timeline entries and its audit row are committed together or not at all.

import type Database from 'better-sqlite3';
import { OpsError } from '../../../shared/errors';
import { IncidentSchema, TimelineEntrySchema, type Incident, type TimelineEntry } from '../../../shared/incidents';
import type { Logger } from '../core/logger';
import { durableWrite } from './durable-write';
import { AuditLog, conflict, PlaybookVersions, PostmortemsTable } from './incident-side-tables';
import type { IncidentStore, IncidentWriter, StoredIncident, StoredIncidentHead } from './incidents-store-types';

interface IncidentRaw {
  id: string;
  record: string;
  revision: number;
  timeline_count: number;
  playbook_version: number;
}

interface TimelineRaw {
  seq: number;
  entry: string;
}

type RecordRow = [record: string, revision: number, count: number, playbook: number, status: string, severity: string, detected: number, updated: number, id: string];

export class IncidentTables implements IncidentStore {
  private readonly one: Database.Statement<[string], IncidentRaw>;
  private readonly all: Database.Statement<[], IncidentRaw>;
  private readonly timeline: Database.Statement<[string, number], TimelineRaw>;
  private readonly count: Database.Statement<[], number>;
  private readonly insertRecord: Database.Statement<RecordRow>;
  private readonly updateRecord: Database.Statement<[...RecordRow, number]>;
  private readonly insertEntry: Database.Statement<[string, number, number, string, string, string]>;
  private readonly playbooks: PlaybookVersions;
  private readonly postmortems: PostmortemsTable;
  private readonly auditLog: AuditLog;

  constructor(
    private readonly db: Database.Database,
    private readonly logger: Logger,
  ) {
    const columns = 'id, record, revision, timeline_count, playbook_version';
    this.one = db.prepare<[string], IncidentRaw>(`SELECT ${columns} FROM incidents WHERE id = ?`);
    this.all = db.prepare<[], IncidentRaw>(`SELECT ${columns} FROM incidents ORDER BY detected_at DESC, id DESC`);
    this.timeline = db.prepare<[string, number], TimelineRaw>('SELECT seq, entry FROM incident_timeline WHERE incident_id = ? AND seq <= ? ORDER BY seq');
    this.count = db.prepare<[], number>('SELECT count(*) FROM incidents').pluck();
    this.insertRecord = db.prepare(`
      INSERT INTO incidents (record, revision, timeline_count, playbook_version, status, severity, detected_at, updated_at, id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.updateRecord = db.prepare(`
      UPDATE incidents SET record = ?, revision = ?, timeline_count = ?, playbook_version = ?, status = ?, severity = ?, detected_at = ?, updated_at = ?
      WHERE id = ? AND revision = ?`);
    this.insertEntry = db.prepare('INSERT INTO incident_timeline (incident_id, seq, ts, user, kind, entry) VALUES (?, ?, ?, ?, ?, ?)');
    this.playbooks = new PlaybookVersions(db);
    this.postmortems = new PostmortemsTable(db, logger);
    this.auditLog = new AuditLog(db);
  }

  listIncidentHeads(): StoredIncidentHead[] {
    this.assertOpen();
    const out: StoredIncidentHead[] = [];
    for (const raw of this.all.all()) {
      try {
        const incident = IncidentSchema.omit({ timeline: true }).parse(JSON.parse(raw.record));
        out.push({ incident, playbookVersion: raw.playbook_version });
      } catch (err) {
        this.logger.log('warn', 'store-incident-unreadable', { id: raw.id, message: String(err) });
      }
    }
    return out;
  }

  getIncident(id: string): StoredIncident | null {
    this.assertOpen();
    return this.read(id);
  }

  getPlaybook(version: number) {
    this.assertOpen();
    return this.playbooks.get(version);
  }

  latestPlaybook() {
    this.assertOpen();
    return this.playbooks.latest();
  }

  getPostmortem(incidentId: string) {
    this.assertOpen();
    return this.postmortems.get(incidentId);
  }

  listPostmortems() {
    this.assertOpen();
    return this.postmortems.list();
  }

  listAudit(filter?: Parameters<IncidentStore['listAudit']>[0]) {
    this.assertOpen();
    return this.auditLog.list(filter);
  }

  write<T>(fn: (writer: IncidentWriter) => T): T {
    this.assertOpen();
    const writer: IncidentWriter = {
      nextIncidentNumber: () => (this.count.get() ?? 0) + 1,
      getIncident: (id) => this.read(id),
      insertIncident: (incident, playbookVersion, at) => {
        if (this.one.get(incident.id)) throw new OpsError('INCIDENT_EXISTS', `Incident ${incident.id} already exists.`);
        this.insertRecord.run(...recordRow(incident, playbookVersion, at));
        this.append(incident.id, incident.timeline);
      },
      updateIncident: (incident, expectedRevision, newEntries, at) => {
        const current = this.one.get(incident.id);
        if (!current) throw new OpsError('NOT_FOUND', `There is no incident ${incident.id}.`);
        if (current.revision !== expectedRevision)
          throw conflict(`Incident ${incident.id} was changed by someone else after you opened it (now revision ${current.revision}, yours ${expectedRevision}).`);
        if (incident.revision !== expectedRevision + 1 || incident.timeline.length !== current.timeline_count + newEntries.length)
          throw new OpsError('INTERNAL', `Incident ${incident.id}: the new revision does not follow the stored one.`);
        this.updateRecord.run(...recordRow(incident, current.playbook_version, at), expectedRevision);
        this.append(incident.id, newEntries);
      },
      latestPlaybook: () => this.playbooks.latest(),
      insertPlaybook: (p) => this.playbooks.add(p),
      getPostmortem: (incidentId) => this.postmortems.get(incidentId),
      putPostmortem: (pm, expected, at, by) => this.postmortems.put(pm, expected, at, by),
      audit: (entry) => this.auditLog.add(entry),
    };
    return durableWrite(this.db, () => fn(writer));
  }

  private read(id: string): StoredIncident | null {
    const raw = this.one.get(id);
    if (!raw) return null;
    // Only the entries of the stored revision: they were committed in the same transaction.
    const rows = this.timeline.all(id, raw.timeline_count);
    if (rows.length !== raw.timeline_count) {
      throw new OpsError('STORE_FAILED', `Incident ${id} has ${rows.length} timeline entries where its record expects ${raw.timeline_count}. The database may be damaged; restore it from a backup.`);
    }
    try {
      const timeline = rows.map((r) => TimelineEntrySchema.parse(JSON.parse(r.entry)));
      const incident = IncidentSchema.parse({ ...(JSON.parse(raw.record) as object), timeline });
      return { incident, playbookVersion: raw.playbook_version };
    } catch (err) {
      this.logger.log('error', 'store-incident-unreadable', { id, message: String(err) });
      throw new OpsError('STORE_FAILED', `Incident ${id} cannot be read from the database. It may have been edited by hand or damaged; the details are in the engine log.`);
    }
  }

  private append(id: string, entries: readonly TimelineEntry[]): void {
    for (const e of entries) this.insertEntry.run(id, e.seq, e.ts, e.user, e.kind, JSON.stringify(e));
  }

  private assertOpen(): void {
    if (!this.db.open) throw new OpsError('STORE_FAILED', 'The incident store is already closed because OpsDeck is shutting down; restart OpsDeck to use it again.');
  }
}

function recordRow(incident: Incident, playbookVersion: number, at: number): RecordRow {
  const { timeline, ...record } = incident;
  return [JSON.stringify(record), incident.revision, timeline.length, playbookVersion, incident.status, incident.severity, incident.detectedAt, at, incident.id];
}
