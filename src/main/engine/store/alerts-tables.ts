// Alert rules, alerts with their timelines, silences, maintenance windows (schema 6). Things a
// person did (rules, silences, windows, acknowledgements) and every lifecycle change are durable
// writes; the periodic checkpoint of evaluation state is not (a crash loses seconds of it).

import type Database from 'better-sqlite3';
import type { Logger } from '../core/logger';
import { durableWrite } from './durable-write';

export interface StoredRuleRow {
  id: string;
  origin: 'user' | 'override';
  /** Parsed JSON; the alerts module validates it. */
  rule: unknown;
  updatedAt: number;
}

export interface StoredAlert {
  id: string;
  ruleId: string;
  targetId: string;
  seriesKey: string | null;
  state: string;
  severity: string;
  activeSince: number | null;
  firingSince: number | null;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  ackNote: string | null;
  resolvedAt: number | null;
  incidentId: string | null;
  incidentProposed: boolean;
  machine: unknown;
  mark: unknown;
  detail: unknown;
  updatedAt: number;
}

export interface StoredTimelineEntry {
  alertId: string;
  seq: number;
  ts: number;
  kind: string;
  data: unknown;
}

export interface StoredSilence {
  id: string;
  matcher: unknown;
  startsAt: number;
  endsAt: number;
  reason: string;
  createdBy: string;
  createdAt: number;
}

export interface StoredMaintenance {
  id: string;
  name: string;
  schedule: unknown;
  timeZone: string;
  scope: unknown;
  createdBy: string;
  createdAt: number;
  deletedAt: number | null;
}

export interface StoredChannelImport {
  name: string;
  type: string;
  settings: Record<string, unknown>;
  secretFields: string[];
  importedAt: number;
}

export interface AlertsWriter {
  putAlert(alert: StoredAlert): void;
  deleteAlert(id: string): void;
  appendTimeline(entry: StoredTimelineEntry): void;
}

export interface AlertsStore {
  listRules(): StoredRuleRow[];
  putRule(row: StoredRuleRow): void;
  deleteRule(id: string): boolean;
  /** Several rules in one durable transaction (an import). */
  putRules(rows: readonly StoredRuleRow[]): void;

  loadAlerts(): StoredAlert[];
  /** Alert rows and timeline entries in one transaction; durable for lifecycle changes. */
  writeAlerts(fn: (w: AlertsWriter) => void, durable: boolean): void;
  timeline(alertId: string, limit: number): StoredTimelineEntry[];
  lastTimelineSeqs(): Map<string, number>;
  /** Keeps the newest `keep` entries of each alert. */
  trimTimelines(keep: number): number;

  listSilences(): StoredSilence[];
  putSilence(s: StoredSilence): void;
  deleteSilence(id: string): boolean;

  listMaintenance(): StoredMaintenance[];
  putMaintenance(m: StoredMaintenance): void;

  listChannelImports(): StoredChannelImport[];
  putChannelImports(rows: readonly StoredChannelImport[]): void;
}

const json = (text: string, fallback: unknown): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
};

interface AlertRow {
  id: string;
  rule_id: string;
  target_id: string;
  series_key: string | null;
  state: string;
  severity: string;
  active_since: number | null;
  firing_since: number | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  ack_note: string | null;
  resolved_at: number | null;
  incident_id: string | null;
  incident_proposed: number;
  machine: string;
  mark: string;
  detail: string;
  updated_at: number;
}

const ALERT_COLUMNS =
  'id, rule_id, target_id, series_key, state, severity, active_since, firing_since, acknowledged_at, acknowledged_by, ack_note, resolved_at, incident_id, incident_proposed, machine, mark, detail, updated_at';

export function createAlertsTables(db: Database.Database, logger: Logger): AlertsStore {
  const selectRules = db.prepare<[], { id: string; origin: 'user' | 'override'; rule: string; updated_at: number }>('SELECT id, origin, rule, updated_at FROM alert_rules ORDER BY id');
  const upsertRule = db.prepare(
    'INSERT INTO alert_rules (id, origin, rule, updated_at) VALUES (@id, @origin, @rule, @updatedAt) ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, rule = excluded.rule, updated_at = excluded.updated_at',
  );
  const removeRule = db.prepare<[string]>('DELETE FROM alert_rules WHERE id = ?');
  const selectAlerts = db.prepare<[], AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts`);
  const upsertAlert = db.prepare(`
    INSERT INTO alerts (${ALERT_COLUMNS}) VALUES (@id, @rule_id, @target_id, @series_key, @state, @severity, @active_since, @firing_since,
      @acknowledged_at, @acknowledged_by, @ack_note, @resolved_at, @incident_id, @incident_proposed, @machine, @mark, @detail, @updated_at)
    ON CONFLICT (id) DO UPDATE SET state = excluded.state, severity = excluded.severity, active_since = excluded.active_since,
      firing_since = excluded.firing_since, acknowledged_at = excluded.acknowledged_at, acknowledged_by = excluded.acknowledged_by,
      ack_note = excluded.ack_note, resolved_at = excluded.resolved_at, incident_id = excluded.incident_id,
      incident_proposed = excluded.incident_proposed, machine = excluded.machine, mark = excluded.mark, detail = excluded.detail,
      updated_at = excluded.updated_at
  `);
  const removeAlert = db.prepare<[string]>('DELETE FROM alerts WHERE id = ?');
  const removeAlertTimeline = db.prepare<[string]>('DELETE FROM alert_timeline WHERE alert_id = ?');
  const insertEntry = db.prepare('INSERT OR REPLACE INTO alert_timeline (alert_id, seq, ts, kind, data) VALUES (?, ?, ?, ?, ?)');
  const selectTimeline = db.prepare<[string, number], { seq: number; ts: number; kind: string; data: string }>(
    'SELECT seq, ts, kind, data FROM (SELECT seq, ts, kind, data FROM alert_timeline WHERE alert_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq',
  );
  const selectLastSeqs = db.prepare<[], { alert_id: string; seq: number }>('SELECT alert_id, max(seq) AS seq FROM alert_timeline GROUP BY alert_id');
  const trim = db.prepare<[number]>(
    'DELETE FROM alert_timeline WHERE seq <= (SELECT max(t.seq) FROM alert_timeline t WHERE t.alert_id = alert_timeline.alert_id) - ?',
  );
  const selectSilences = db.prepare<[], { id: string; matcher: string; starts_at: number; ends_at: number; reason: string; created_by: string; created_at: number }>(
    'SELECT id, matcher, starts_at, ends_at, reason, created_by, created_at FROM alert_silences ORDER BY starts_at',
  );
  const upsertSilence = db.prepare(
    'INSERT OR REPLACE INTO alert_silences (id, matcher, starts_at, ends_at, reason, created_by, created_at) VALUES (@id, @matcher, @startsAt, @endsAt, @reason, @createdBy, @createdAt)',
  );
  const removeSilence = db.prepare<[string]>('DELETE FROM alert_silences WHERE id = ?');
  const selectWindows = db.prepare<[], { id: string; name: string; schedule: string; time_zone: string; scope: string; created_by: string; created_at: number; deleted_at: number | null }>(
    'SELECT id, name, schedule, time_zone, scope, created_by, created_at, deleted_at FROM maintenance_windows ORDER BY created_at',
  );
  const upsertWindow = db.prepare(
    'INSERT OR REPLACE INTO maintenance_windows (id, name, schedule, time_zone, scope, created_by, created_at, deleted_at) VALUES (@id, @name, @schedule, @timeZone, @scope, @createdBy, @createdAt, @deletedAt)',
  );
  const selectImports = db.prepare<[], { name: string; type: string; settings: string; secret_fields: string; imported_at: number }>(
    'SELECT name, type, settings, secret_fields, imported_at FROM alert_channel_imports ORDER BY name',
  );
  const upsertImport = db.prepare(
    'INSERT OR REPLACE INTO alert_channel_imports (name, type, settings, secret_fields, imported_at) VALUES (@name, @type, @settings, @secretFields, @importedAt)',
  );

  const toAlert = (r: AlertRow): StoredAlert => ({
    id: r.id,
    ruleId: r.rule_id,
    targetId: r.target_id,
    seriesKey: r.series_key,
    state: r.state,
    severity: r.severity,
    activeSince: r.active_since,
    firingSince: r.firing_since,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
    ackNote: r.ack_note,
    resolvedAt: r.resolved_at,
    incidentId: r.incident_id,
    incidentProposed: r.incident_proposed === 1,
    machine: json(r.machine, null),
    mark: json(r.mark, null),
    detail: json(r.detail, {}),
    updatedAt: r.updated_at,
  });

  const writer: AlertsWriter = {
    putAlert: (a) =>
      void upsertAlert.run({
        id: a.id,
        rule_id: a.ruleId,
        target_id: a.targetId,
        series_key: a.seriesKey,
        state: a.state,
        severity: a.severity,
        active_since: a.activeSince,
        firing_since: a.firingSince,
        acknowledged_at: a.acknowledgedAt,
        acknowledged_by: a.acknowledgedBy,
        ack_note: a.ackNote,
        resolved_at: a.resolvedAt,
        incident_id: a.incidentId,
        incident_proposed: a.incidentProposed ? 1 : 0,
        machine: JSON.stringify(a.machine),
        mark: JSON.stringify(a.mark),
        detail: JSON.stringify(a.detail),
        updated_at: a.updatedAt,
      }),
    deleteAlert: (id) => {
      removeAlertTimeline.run(id);
      removeAlert.run(id);
    },
    appendTimeline: (e) => void insertEntry.run(e.alertId, e.seq, e.ts, e.kind, JSON.stringify(e.data)),
  };

  return {
    listRules: () => selectRules.all().map((r) => ({ id: r.id, origin: r.origin, rule: json(r.rule, null), updatedAt: r.updated_at })),
    putRule: (row) => durableWrite(db, () => void upsertRule.run({ ...row, rule: JSON.stringify(row.rule) })),
    putRules: (rows) => durableWrite(db, () => rows.forEach((row) => upsertRule.run({ ...row, rule: JSON.stringify(row.rule) }))),
    deleteRule: (id) => durableWrite(db, () => removeRule.run(id).changes > 0),
    loadAlerts: () => selectAlerts.all().map(toAlert),
    writeAlerts: (fn, durable) => {
      if (durable) durableWrite(db, () => fn(writer));
      else db.transaction(() => fn(writer))();
    },
    timeline: (alertId, limit) => selectTimeline.all(alertId, limit).map((r) => ({ alertId, seq: r.seq, ts: r.ts, kind: r.kind, data: json(r.data, {}) })),
    lastTimelineSeqs: () => new Map(selectLastSeqs.all().map((r) => [r.alert_id, r.seq])),
    trimTimelines: (keep) => {
      const removed = trim.run(keep).changes;
      if (removed) logger.log('info', 'alert-timelines-trimmed', { removed });
      return removed;
    },
    listSilences: () =>
      selectSilences.all().map((r) => ({ id: r.id, matcher: json(r.matcher, {}), startsAt: r.starts_at, endsAt: r.ends_at, reason: r.reason, createdBy: r.created_by, createdAt: r.created_at })),
    putSilence: (s) => durableWrite(db, () => void upsertSilence.run({ ...s, matcher: JSON.stringify(s.matcher) })),
    deleteSilence: (id) => durableWrite(db, () => removeSilence.run(id).changes > 0),
    listMaintenance: () =>
      selectWindows.all().map((r) => ({
        id: r.id,
        name: r.name,
        schedule: json(r.schedule, null),
        timeZone: r.time_zone,
        scope: json(r.scope, null),
        createdBy: r.created_by,
        createdAt: r.created_at,
        deletedAt: r.deleted_at,
      })),
    putMaintenance: (m) => durableWrite(db, () => void upsertWindow.run({ ...m, schedule: JSON.stringify(m.schedule), scope: JSON.stringify(m.scope) })),
    listChannelImports: () =>
      selectImports.all().map((r) => ({
        name: r.name,
        type: r.type,
        settings: (json(r.settings, {}) ?? {}) as Record<string, unknown>,
        secretFields: (json(r.secret_fields, []) ?? []) as string[],
        importedAt: r.imported_at,
      })),
    putChannelImports: (rows) =>
      durableWrite(db, () =>
        rows.forEach((r) => upsertImport.run({ name: r.name, type: r.type, settings: JSON.stringify(r.settings), secretFields: JSON.stringify(r.secretFields), importedAt: r.importedAt })),
      ),
  };
}
