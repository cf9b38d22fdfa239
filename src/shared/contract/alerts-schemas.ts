import { z } from 'zod';
import type { AlertRule, AlertSettings, MaintenanceSchedule } from '../alerts';
import type { AlertsApi } from './alerts-api';
import { noArgument, type ArgSchemas } from './schema-helpers';

export const ruleIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'a rule name is letters, digits, . _ - (up to 100)');
const refId = z.string().min(1).max(200);
const duration = z.number().int().min(0).max(30 * 86_400_000);
const severity = z.enum(['critical', 'warning', 'info']);
const finite = z.number().finite();
const metric = z
  .string()
  .min(1)
  .max(300)
  .regex(/^(\*|[A-Za-z][A-Za-z0-9._]*(:.*)?\*?)$/, 'a metric is a series key such as mem.used or fs.used:/, or a pattern such as fs.used:*');

export const ruleConditionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('threshold'), direction: z.enum(['above', 'below']), threshold: finite, recovery: finite.nullable() }),
  z.strictObject({
    kind: z.literal('unusual'),
    deviations: z.number().min(0.5).max(100),
    halfLifeMs: z.number().int().min(60_000).max(30 * 86_400_000),
    warmupSamples: z.number().int().min(2).max(100_000),
  }),
  z.strictObject({ kind: z.literal('nodata') }),
]);

export const ruleOverrideSchema = z
  .strictObject({
    target: refId.optional(),
    service: refId.optional(),
    enabled: z.boolean().optional(),
    threshold: finite.optional(),
    recovery: finite.nullable().optional(),
    forMs: duration.optional(),
    severity: severity.optional(),
  })
  .refine((o) => (o.target === undefined) !== (o.service === undefined), 'an override names exactly one target or one service');

export const alertRuleSchema: z.ZodType<AlertRule> = z
  .strictObject({
    id: ruleIdSchema,
    label: z.string().trim().max(200).nullable(),
    metric,
    condition: ruleConditionSchema,
    forMs: duration,
    recoverForMs: duration,
    keepFiringForMs: duration,
    severity,
    targets: z.array(refId).max(1_000),
    services: z.array(refId).max(1_000),
    kinds: z.array(z.string().min(1).max(32)).max(50),
    channels: z.array(z.string().trim().min(1).max(100)).max(100).nullable(),
    enabled: z.boolean(),
    description: z.string().max(2_000).nullable(),
    overrides: z.array(ruleOverrideSchema).max(1_000),
  })
  .refine((r) => r.condition.kind !== 'threshold' || r.condition.recovery === null || (r.condition.direction === 'above' ? r.condition.recovery <= r.condition.threshold : r.condition.recovery >= r.condition.threshold), {
    message: 'the recovery value must be on the good side of the threshold (at or below it for "above", at or above it for "below")',
    path: ['condition', 'recovery'],
  });

const escalationTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('service-owner') }),
  z.strictObject({ kind: z.literal('incident-role'), role: z.enum(['commander', 'communications', 'scribe']) }),
  z.strictObject({ kind: z.literal('person'), name: z.string().trim().min(1).max(100), contact: z.string().trim().max(200) }),
]);

export const alertSettingsSchema: z.ZodType<AlertSettings> = z
  .strictObject({
    groupWaitMs: z.number().int().min(0).max(3_600_000),
    repeatIntervalMs: z.number().int().min(60_000).max(7 * 86_400_000),
    escalateAfterMs: z.number().int().min(60_000).max(7 * 86_400_000),
    escalation: z.array(escalationTarget).min(1).max(10),
    incidentPolicy: z.enum(['open', 'propose', 'off']),
    recoveryConfirmMs: z.number().int().min(0).max(86_400_000),
    flapStartPercent: z.number().min(1).max(100),
    flapStopPercent: z.number().min(0).max(100),
    noDataAfterMs: z.number().int().min(1_000).max(86_400_000),
  })
  .refine((s) => s.flapStopPercent <= s.flapStartPercent, { message: 'flapping must stop at or below where it starts', path: ['flapStopPercent'] });

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM');
const windowDuration = z.number().int().min(60_000).max(31 * 86_400_000);
export const maintenanceScheduleSchema: z.ZodType<MaintenanceSchedule> = z.discriminatedUnion('kind', [
  z
    .strictObject({ kind: z.literal('once'), startsAt: z.number().int(), endsAt: z.number().int() })
    .refine((s) => s.endsAt > s.startsAt, { message: 'a window ends after it starts', path: ['endsAt'] }),
  z.strictObject({ kind: z.literal('weekly'), days: z.array(z.number().int().min(0).max(6)).min(1).max(7), time, durationMs: windowDuration }),
  z.strictObject({ kind: z.literal('monthly'), dayOfMonth: z.number().int().min(1).max(31), time, durationMs: windowDuration }),
  z.strictObject({ kind: z.literal('cron'), expression: z.string().trim().min(9).max(200), durationMs: windowDuration }),
]);

const scope = z.strictObject({ targets: z.array(refId).max(1_000), services: z.array(refId).max(1_000), rules: z.array(ruleIdSchema).max(1_000) });
const matcher = z.strictObject({ ruleId: ruleIdSchema.optional(), targetId: refId.optional(), serviceId: refId.optional(), severity: severity.optional() });
const alertId = z.string().min(1).max(700);
const entityId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id is 1-64 letters, digits, - or _');

export const ALERTS_ARG_SCHEMAS = {
  listAlerts: noArgument,
  getAlert: z.strictObject({ alertId }),
  acknowledgeAlert: z.strictObject({ alertId, note: z.string().max(2_000).optional(), by: z.string().trim().min(1).max(100).optional() }),
  openIncidentFromAlert: z.strictObject({ alertId }),
  listAlertRules: noArgument,
  saveAlertRule: z.strictObject({ rule: alertRuleSchema }),
  deleteAlertRule: z.strictObject({ ruleId: ruleIdSchema }),
  previewAlertRule: z.strictObject({ rule: alertRuleSchema, targetId: refId.optional() }),
  getAlertSettings: noArgument,
  saveAlertSettings: z.strictObject({ settings: alertSettingsSchema }),
  listSilences: noArgument,
  saveSilence: z
    .strictObject({ id: entityId.optional(), matcher, startsAt: z.number().int().optional(), endsAt: z.number().int(), reason: z.string().trim().min(1).max(500) })
    .refine((s) => Object.values(s.matcher).some((v) => v !== undefined), { message: 'a silence matches at least a rule, a target, a service or a severity', path: ['matcher'] }),
  expireSilence: z.strictObject({ silenceId: entityId }),
  listMaintenance: noArgument,
  saveMaintenance: z.strictObject({ id: entityId.optional(), name: z.string().trim().min(1).max(200), schedule: maintenanceScheduleSchema, timeZone: z.string().min(1).max(64).optional(), scope }),
  deleteMaintenance: z.strictObject({ maintenanceId: entityId }),
  exportAlertRules: noArgument,
  importAlertRules: z.strictObject({ content: z.string().max(2_000_000) }),
  getDiskForecasts: z.strictObject({ targetId: refId }),
  getBaselineBand: z.strictObject({ targetId: refId, key: z.string().min(1).max(300), range: z.enum(['15m', '1h', '24h', '7d']) }),
  getIncidentHealth: z.strictObject({ incidentId: z.string().min(1).max(100) }),
} satisfies ArgSchemas<AlertsApi>;
