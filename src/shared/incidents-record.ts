// The incident record: where it came from, who holds which role, the state of each checklist
// item, and the append-only timeline of everything that happened to it.
import { z } from 'zod';
import { idList, logEvidenceSchema, longText, metricSnapshotSchema, person, shortText, ts, tsOrNull } from './incidents-schema-parts';
import { AUDIENCES, INCIDENT_ROLES, INCIDENT_STATUSES, SEVERITIES, UPDATE_PHASES } from './incidents-vocabulary';

export type MetricSnapshot = z.infer<typeof metricSnapshotSchema>;

export const IncidentSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('manual') }),
  z.strictObject({ kind: z.literal('host'), targetId: z.string().min(1).max(200) }),
  z.strictObject({ kind: z.literal('service'), serviceId: z.string().min(1).max(200) }),
  z.strictObject({
    kind: z.literal('threshold'),
    targetId: z.string().min(1).max(200),
    metric: z.string().min(1).max(300),
    value: z.number(),
    threshold: z.number(),
    status: z.enum(['warn', 'crit']),
  }),
]);
export type IncidentSource = z.infer<typeof IncidentSourceSchema>;

const itemStateSchema = z.strictObject({
  state: z.enum(['done', 'skipped']),
  at: ts,
  by: person,
  reason: z.string().nullable(),
  /** Ticked by an event rather than by hand. */
  auto: z.boolean(),
});
export type ChecklistItemState = z.infer<typeof itemStateSchema>;

const rolesSchema = z.strictObject({
  commander: person.nullable(),
  communications: person.nullable(),
  scribe: person.nullable(),
  resolvers: z.array(person),
});
export type IncidentRoles = z.infer<typeof rolesSchema>;

const detailChange = z.strictObject({ field: z.string(), from: z.string(), to: z.string() });

const entryBase = { seq: z.number().int().positive(), ts, user: person };
export const TimelineEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...entryBase, kind: z.literal('created'), title: z.string(), severity: z.enum(SEVERITIES), source: IncidentSourceSchema, snapshot: metricSnapshotSchema.nullable() }),
  z.strictObject({ ...entryBase, kind: z.literal('acknowledged') }),
  z.strictObject({ ...entryBase, kind: z.literal('severity-changed'), from: z.enum(SEVERITIES), to: z.enum(SEVERITIES), reason: z.string().nullable() }),
  z.strictObject({ ...entryBase, kind: z.literal('role-assigned'), role: z.enum(INCIDENT_ROLES), person, previous: person.nullable() }),
  z.strictObject({ ...entryBase, kind: z.literal('role-released'), role: z.enum(INCIDENT_ROLES), person }),
  z.strictObject({ ...entryBase, kind: z.literal('item-checked'), stageId: z.string(), itemId: z.string(), note: z.string().nullable(), auto: z.boolean() }),
  z.strictObject({ ...entryBase, kind: z.literal('item-skipped'), stageId: z.string(), itemId: z.string(), reason: z.string().nullable() }),
  z.strictObject({ ...entryBase, kind: z.literal('item-unchecked'), stageId: z.string(), itemId: z.string(), reason: z.string().nullable() }),
  z.strictObject({ ...entryBase, kind: z.literal('stage-advanced'), from: z.string(), to: z.string() }),
  z.strictObject({ ...entryBase, kind: z.literal('note'), text: z.string() }),
  z.strictObject({ ...entryBase, kind: z.literal('status-update'), audience: z.enum(AUDIENCES), message: z.string(), phase: z.enum(UPDATE_PHASES).nullable() }),
  z.strictObject({ ...entryBase, kind: z.literal('metrics-attached'), snapshot: metricSnapshotSchema }),
  z.strictObject({ ...entryBase, kind: z.literal('logs-attached'), evidence: logEvidenceSchema }),
  z.strictObject({ ...entryBase, kind: z.literal('details-updated'), changes: z.array(detailChange) }),
  z.strictObject({ ...entryBase, kind: z.literal('field-set'), fieldId: z.string(), value: z.string() }),
  z.strictObject({ ...entryBase, kind: z.literal('recovery-started'), note: z.string().nullable() }),
  z.strictObject({ ...entryBase, kind: z.literal('resolved'), note: z.string().nullable() }),
  z.strictObject({ ...entryBase, kind: z.literal('closed') }),
  z.strictObject({ ...entryBase, kind: z.literal('reopened'), fromStatus: z.enum(INCIDENT_STATUSES), fromStage: z.string(), toStage: z.string(), reason: z.string() }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;
export type TimelineKind = TimelineEntry['kind'];

export const IncidentSchema = z.strictObject({
  id: z.string().min(1).max(100),
  /** The playbook the incident runs under (the store keeps a copy of that version). */
  playbookId: z.string(),
  title: shortText,
  severity: z.enum(SEVERITIES),
  status: z.enum(INCIDENT_STATUSES),
  stageIndex: z.number().int().nonnegative(),
  stageEnteredAt: ts,
  source: IncidentSourceSchema,
  services: idList,
  hosts: idList,
  /** What users notice, in plain words: it leads every customer message. */
  impact: longText,
  workaround: longText,
  /** Free-text share fields of the playbook, by field id. */
  fields: z.record(z.string(), longText),
  roles: rolesSchema,
  checklist: z.record(z.string(), itemStateSchema),
  createdAt: ts,
  createdBy: person,
  detectedAt: ts,
  acknowledgedAt: tsOrNull,
  recoveryStartedAt: tsOrNull,
  resolvedAt: tsOrNull,
  closedAt: tsOrNull,
  lastStatusUpdateAt: tsOrNull,
  lastReopenedAt: tsOrNull,
  reopenCount: z.number().int().nonnegative(),
  /** Bumped by every command; the store can use it for optimistic concurrency. */
  revision: z.number().int().positive(),
  timeline: z.array(TimelineEntrySchema),
});
export type Incident = z.infer<typeof IncidentSchema>;
