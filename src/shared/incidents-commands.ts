// Commands: what a person (or an alert) asks an incident to do, validated where they arrive.
import { z } from 'zod';
import { OpsError } from './errors';
import { IncidentSourceSchema } from './incidents-record';
import { formatIssuePath, idList, logEvidenceSchema, longText, metricSnapshotSchema, person, shortText, ts } from './incidents-schema-parts';
import { AUDIENCES, INCIDENT_ROLES, SEVERITIES, UPDATE_PHASES } from './incidents-vocabulary';

const reason = z.string().max(2000);
const note = z.string().max(10_000);

export const IncidentCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('create'),
    /** Chosen by the engine (a UUID), never by the renderer. */
    id: z.string().min(1).max(100),
    title: shortText,
    severity: z.enum(SEVERITIES),
    source: IncidentSourceSchema,
    services: idList.optional(),
    hosts: idList.optional(),
    impact: longText.optional(),
    /** When the problem was first seen (the alert's time); defaults to now. */
    detectedAt: ts.optional(),
    snapshot: metricSnapshotSchema.optional(),
  }),
  z.strictObject({ type: z.literal('acknowledge') }),
  z.strictObject({ type: z.literal('setSeverity'), severity: z.enum(SEVERITIES), reason: reason.optional() }),
  z.strictObject({ type: z.literal('assignRole'), role: z.enum(INCIDENT_ROLES), person }),
  z.strictObject({ type: z.literal('releaseRole'), role: z.enum(INCIDENT_ROLES), person }),
  z.strictObject({ type: z.literal('checkItem'), itemId: z.string().min(1).max(200), note: note.optional() }),
  z.strictObject({ type: z.literal('skipItem'), itemId: z.string().min(1).max(200), reason: reason.optional() }),
  z.strictObject({ type: z.literal('uncheckItem'), itemId: z.string().min(1).max(200), reason: reason.optional() }),
  z.strictObject({ type: z.literal('advanceStage') }),
  z.strictObject({ type: z.literal('addNote'), text: note }),
  z.strictObject({ type: z.literal('postUpdate'), audience: z.enum(AUDIENCES), message: note, phase: z.enum(UPDATE_PHASES).optional() }),
  z.strictObject({ type: z.literal('attachMetrics'), snapshot: metricSnapshotSchema }),
  z.strictObject({ type: z.literal('attachLogLines'), evidence: logEvidenceSchema }),
  z.strictObject({
    type: z.literal('updateDetails'),
    title: shortText.optional(),
    impact: longText.optional(),
    workaround: longText.optional(),
    services: idList.optional(),
    hosts: idList.optional(),
  }),
  z.strictObject({ type: z.literal('setField'), fieldId: z.string().min(1).max(100), value: longText }),
  z.strictObject({ type: z.literal('markRecoveryStarted'), note: note.optional() }),
  z.strictObject({ type: z.literal('resolve'), note: note.optional() }),
  z.strictObject({ type: z.literal('close') }),
  z.strictObject({ type: z.literal('reopen'), toStageId: z.string().min(1).max(200), reason }),
]);
export type IncidentCommand = z.infer<typeof IncidentCommandSchema>;
export type IncidentCommandType = IncidentCommand['type'];

/** Validates a command that arrived from a renderer or a socket. */
export function parseIncidentCommand(raw: unknown): IncidentCommand {
  const result = IncidentCommandSchema.safeParse(raw);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw new OpsError('INVALID_COMMAND', `The incident command is not valid at ${formatIssuePath(first?.path ?? [])}: ${first?.message ?? 'unknown problem'}.`);
}
