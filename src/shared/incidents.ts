// Incidents as plain data: the playbook file (stages, checklists, timers, severities, message
// templates, post-mortem guidance), the incident record with its timeline, the commands that
// change it, and the post-mortem record. Everything here crosses IPC and WebSocket as JSON, so
// each shape has a zod schema; types are inferred from the schemas so the two never drift.
import { z } from 'zod';
import { OpsError } from './errors';

// ---------------------------------------------------------------------------------------------
// Vocabulary

export type IncidentLang = 'ko' | 'en';
export const INCIDENT_LANGS: readonly IncidentLang[] = ['ko', 'en'];

/** Lower is more urgent. When unsure, pick the higher severity and review it afterwards. */
export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Roles are hats, not job titles: one person may wear several in a small incident. */
export const INCIDENT_ROLES = ['commander', 'communications', 'scribe', 'resolver'] as const;
export type IncidentRole = (typeof INCIDENT_ROLES)[number];
/** Roles held by one person at a time; a new assignment is a handoff. */
export const SINGLE_HOLDER_ROLES = ['commander', 'communications', 'scribe'] as const;

export const INCIDENT_STATUSES = ['active', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Public status-page phases, optional on an update. */
export const UPDATE_PHASES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type UpdatePhase = (typeof UPDATE_PHASES)[number];

export const AUDIENCES = ['internal', 'customer'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Events that can tick a checklist item by themselves (see ChecklistItem.autoCheckOn). */
export const AUTO_CHECK_EVENTS = ['acknowledged', 'recovery-started', 'resolved', 'internal-update', 'customer-update'] as const;
export type AutoCheckEvent = (typeof AUTO_CHECK_EVENTS)[number];

/** Stable codes of every OpsError the incident modules throw. */
export const INCIDENT_ERROR_CODES = [
  'INVALID_PLAYBOOK',
  'INVALID_COMMAND',
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'INCIDENT_EXISTS',
  'INCIDENT_CLOSED',
  'REASON_REQUIRED',
  'STAGE_INCOMPLETE',
  'NO_NEXT_STAGE',
  'UNKNOWN_STAGE',
  'STAGE_NOT_REACHED',
  'UNKNOWN_ITEM',
  'ITEM_ALREADY_DONE',
  'ITEM_NOT_DONE',
  'UNKNOWN_FIELD',
  'FIELD_READ_ONLY',
  'NO_CHANGE',
  'ROLE_NOT_HELD',
  'ALREADY_ACKNOWLEDGED',
  'NOT_ACKNOWLEDGED',
  'RECOVERY_ALREADY_STARTED',
  'ALREADY_RESOLVED',
  'NOT_RESOLVED',
  'REVISION_CONFLICT',
] as const;
export type IncidentErrorCode = (typeof INCIDENT_ERROR_CODES)[number];

/** The default zone for dates a person reads (Korean-first); callers pass the user's zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Seoul';

// ---------------------------------------------------------------------------------------------
// Building blocks

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CAMEL_CASE = /^[a-z][A-Za-z0-9]*$/;

const kebabId = z.string().regex(KEBAB_CASE, 'ids are kebab-case, e.g. confirm-symptom');
/** Share-field ids double as template placeholders, so they are camelCase: {{suspectedCause}}. */
const fieldId = z.string().regex(CAMEL_CASE, 'field ids are camelCase, e.g. suspectedCause');

/** One line of prose: no line breaks, no padding, something to read. */
const line = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine((s) => !/[\r\n]/.test(s), 'one line only');
const paragraph = z.string().trim().min(1).max(4000);
const bilingualLine = z.strictObject({ ko: line, en: line });
const bilingualText = z.strictObject({ ko: paragraph, en: paragraph });
export type Bilingual = z.infer<typeof bilingualLine>;

const minutes = z.number().int().positive().max(7 * 24 * 60).nullable();
/** Minutes per severity; null means "no timer for this severity". */
const severityMinutes = z.strictObject({ SEV1: minutes, SEV2: minutes, SEV3: minutes, SEV4: minutes });
export type SeverityMinutes = z.infer<typeof severityMinutes>;

const days = z.number().int().positive().max(365).nullable();
const severityDays = z.strictObject({ SEV1: days, SEV2: days, SEV3: days, SEV4: days });

// ---------------------------------------------------------------------------------------------
// Template placeholders: `{{name}}`, and optional sections `{{#name}}…{{/name}}` that are kept
// only when the value is present. No expressions, no nesting, nothing evaluated.

/** Values every incident can fill, whatever the playbook says. */
export const BUILTIN_PLACEHOLDERS = [
  'incidentId',
  'title',
  'severity',
  'severityName',
  'status',
  'stage',
  'services',
  'hosts',
  'impact',
  'workaround',
  'detectedAt',
  'acknowledgedAt',
  'recoveryStartedAt',
  'resolvedAt',
  'duration',
  'now',
  'nextUpdateAt',
  'updateCadence',
  'update',
  'commander',
  'communications',
  'scribe',
  'resolvers',
] as const;
export type BuiltinPlaceholder = (typeof BUILTIN_PLACEHOLDERS)[number];
const BUILTIN_SET: ReadonlySet<string> = new Set(BUILTIN_PLACEHOLDERS);
export const isBuiltinPlaceholder = (name: string): name is BuiltinPlaceholder => BUILTIN_SET.has(name);

/** Internal detail customers should never read (host names say nothing to them). */
export const INTERNAL_ONLY_PLACEHOLDERS: readonly BuiltinPlaceholder[] = ['hosts'];

export interface TemplateToken {
  kind: 'value' | 'open' | 'close';
  name: string;
  start: number;
  end: number;
}

const TOKEN_RE = /\{\{([^{}]*)\}\}/g;
const TOKEN_INNER_RE = /^\s*([#/]?)\s*([A-Za-z][A-Za-z0-9_]*)\s*$/;

/** Splits a template into tokens; malformed markers and unbalanced sections become errors. */
export function scanTemplate(body: string): { tokens: TemplateToken[]; errors: string[] } {
  const tokens: TemplateToken[] = [];
  const errors: string[] = [];
  let open: TemplateToken | null = null;
  for (const m of body.matchAll(TOKEN_RE)) {
    const inner = TOKEN_INNER_RE.exec(m[1]!);
    const start = m.index;
    const end = start + m[0].length;
    if (!inner) {
      errors.push(`"${m[0]}" at character ${start} is not a placeholder; write {{name}}, {{#name}} or {{/name}}`);
      continue;
    }
    const kind = inner[1] === '#' ? 'open' : inner[1] === '/' ? 'close' : 'value';
    const token: TemplateToken = { kind, name: inner[2]!, start, end };
    if (kind === 'open') {
      if (open) errors.push(`section {{#${token.name}}} at character ${start} opens inside section {{#${open.name}}}; sections do not nest`);
      open = token;
    } else if (kind === 'close') {
      if (!open || open.name !== token.name) errors.push(`{{/${token.name}}} at character ${start} closes a section that is not open`);
      open = null;
    }
    tokens.push(token);
  }
  if (open) errors.push(`section {{#${open.name}}} at character ${open.start} is never closed with {{/${open.name}}}`);
  // A stray "{{" without a closing "}}" would otherwise reach a customer verbatim.
  const stripped = body.replace(TOKEN_RE, '');
  const stray = stripped.indexOf('{{');
  if (stray >= 0) errors.push('the text has a "{{" that is not a complete placeholder');
  return { tokens, errors };
}

/** The body with every section removed: what a reader sees when no optional value is present. */
function withoutSections(body: string, tokens: TemplateToken[]): string {
  let out = '';
  let cursor = 0;
  let sectionStart: number | null = null;
  for (const t of tokens) {
    if (t.kind === 'open' && sectionStart === null) {
      out += body.slice(cursor, t.start);
      sectionStart = t.start;
    } else if (t.kind === 'close' && sectionStart !== null) {
      cursor = t.end;
      sectionStart = null;
    }
  }
  return sectionStart === null ? out + body.slice(cursor) : out;
}

// ---------------------------------------------------------------------------------------------
// Playbook file

const checklistItemSchema = z.strictObject({
  id: kebabId,
  text: bilingualLine,
  required: z.boolean(),
  /** Glossary entry that explains the term in this item. */
  glossaryId: kebabId.optional(),
  /** The item ticks itself when this event happens (the incident room shows the event's button). */
  autoCheckOn: z.enum(AUTO_CHECK_EVENTS).optional(),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

const shareFieldSchema = z.strictObject({
  /** A built-in placeholder (read from the record) or a free-text field of this playbook. */
  id: fieldId,
  label: bilingualLine,
});
export type ShareField = z.infer<typeof shareFieldSchema>;

const timerSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('status-update'),
    id: kebabId,
    label: bilingualLine,
    /** Minutes between status updates, counted from the last update (or acknowledgement). */
    everyMinutes: severityMinutes,
  }),
  z.strictObject({
    kind: z.literal('acknowledge'),
    id: kebabId,
    label: bilingualLine,
    /** Minutes from detection until someone should have acknowledged the incident. */
    withinMinutes: severityMinutes,
  }),
  z.strictObject({
    kind: z.literal('checklist'),
    id: kebabId,
    label: bilingualLine,
    itemId: kebabId,
    withinMinutes: severityMinutes,
    from: z.enum(['detected', 'acknowledged', 'stage-entered']),
  }),
]);
export type TimerDefinition = z.infer<typeof timerSchema>;
export type TimerKind = TimerDefinition['kind'];

const stageSchema = z.strictObject({
  id: kebabId,
  name: bilingualLine,
  /** Glossary entry that explains the stage to someone outside the response team. */
  glossaryId: kebabId.optional(),
  goal: bilingualLine,
  responsible: z.strictObject({
    team: bilingualLine,
    roles: z.array(z.enum(INCIDENT_ROLES)).min(1),
  }),
  checklist: z.array(checklistItemSchema).min(1).max(50),
  share: z.array(shareFieldSchema).max(20),
  timers: z.array(timerSchema).max(10),
});
export type PlaybookStage = z.infer<typeof stageSchema>;

const severityDefinitionSchema = z.strictObject({
  id: z.enum(SEVERITIES),
  name: bilingualLine,
  definition: bilingualText,
  examples: z.array(bilingualLine).max(10),
  /** Whether time spent in this severity counts against availability. */
  countsAsDowntime: z.boolean(),
});
export type SeverityDefinition = z.infer<typeof severityDefinitionSchema>;

export const REQUIRED_TEMPLATE_IDS = ['internal-notice', 'internal-update', 'customer-notice', 'customer-update', 'customer-resolved'] as const;

const templateSchema = z.strictObject({
  id: kebabId,
  audience: z.enum(AUDIENCES),
  /** A final notice closes the conversation, so it need not announce a next update. */
  final: z.boolean(),
  name: bilingualLine,
  body: bilingualText,
});
export type MessageTemplate = z.infer<typeof templateSchema>;

const wordingHintSchema = z.strictObject({
  /** Lower-case words or phrases that suggest blame or overstatement. */
  match: z.strictObject({ ko: z.array(line), en: z.array(line) }),
  hint: bilingualLine,
});
export type WordingHint = z.infer<typeof wordingHintSchema>;

const postmortemPolicySchema = z.strictObject({
  requiredFor: z.array(z.enum(SEVERITIES)),
  /** Days from resolution to the review meeting. */
  reviewWithinDays: severityDays,
  /** Default due dates of new action items, in days. */
  actionItemDueDays: z.strictObject({ corrective: z.number().int().positive(), preventive: z.number().int().positive() }),
  guidance: z.array(bilingualLine).min(1),
  reviewQuestions: z.array(bilingualLine),
  wordingHints: z.array(wordingHintSchema),
});
export type PostmortemPolicy = z.infer<typeof postmortemPolicySchema>;

export const PLAYBOOK_FORMAT_VERSION = 1;

export const PlaybookSchema = z
  .strictObject({
    $comment: z.string().optional(),
    formatVersion: z.literal(PLAYBOOK_FORMAT_VERSION),
    id: kebabId,
    name: bilingualLine,
    severityGuidance: bilingualLine,
    severities: z.array(severityDefinitionSchema).length(SEVERITIES.length),
    stages: z.array(stageSchema).min(1).max(10),
    templates: z.array(templateSchema).min(1),
    postmortem: postmortemPolicySchema,
  })
  .superRefine((pb, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });

    pb.severities.forEach((s, i) => {
      if (s.id !== SEVERITIES[i]) issue(['severities', i, 'id'], `expected ${SEVERITIES[i]} here: severities are listed once each, SEV1 first`);
    });

    const stageIds = new Set<string>();
    const itemIds = new Set<string>();
    const customFields = new Set<string>();
    pb.stages.forEach((stage, si) => {
      if (stageIds.has(stage.id)) issue(['stages', si, 'id'], `duplicate stage id ${stage.id}`);
      stageIds.add(stage.id);
      // Item ids are unique across stages: the incident keeps checklist state by item id.
      stage.checklist.forEach((item, ii) => {
        if (itemIds.has(item.id)) issue(['stages', si, 'checklist', ii, 'id'], `duplicate checklist item id ${item.id}`);
        itemIds.add(item.id);
      });
      const shareIds = new Set<string>();
      stage.share.forEach((f, fi) => {
        if (shareIds.has(f.id)) issue(['stages', si, 'share', fi, 'id'], `field ${f.id} is listed twice in this stage`);
        shareIds.add(f.id);
        if (!isBuiltinPlaceholder(f.id)) customFields.add(f.id);
      });
      const timerIds = new Set<string>();
      let statusTimers = 0;
      stage.timers.forEach((t, ti) => {
        if (timerIds.has(t.id)) issue(['stages', si, 'timers', ti, 'id'], `duplicate timer id ${t.id}`);
        timerIds.add(t.id);
        if (t.kind === 'status-update' && ++statusTimers > 1) issue(['stages', si, 'timers', ti], 'a stage has at most one status-update timer');
        if (t.kind === 'checklist' && !stage.checklist.some((item) => item.id === t.itemId))
          issue(['stages', si, 'timers', ti, 'itemId'], `no checklist item ${t.itemId} in stage ${stage.id}`);
      });
    });

    const known = (name: string) => isBuiltinPlaceholder(name) || customFields.has(name);
    const templateIds = new Set<string>();
    pb.templates.forEach((tpl, ti) => {
      if (templateIds.has(tpl.id)) issue(['templates', ti, 'id'], `duplicate template id ${tpl.id}`);
      templateIds.add(tpl.id);
      for (const lang of INCIDENT_LANGS) {
        const path = ['templates', ti, 'body', lang];
        const body = tpl.body[lang];
        const { tokens, errors } = scanTemplate(body);
        for (const e of errors) issue(path, e);
        for (const t of tokens) if (!known(t.name)) issue(path, `unknown placeholder {{${t.name}}}: use a built-in value or a field listed under a stage's share`);
        if (tpl.audience !== 'customer' || errors.length > 0) continue;
        for (const t of tokens)
          if ((INTERNAL_ONLY_PLACEHOLDERS as readonly string[]).includes(t.name)) issue(path, `customer messages must not use {{${t.name}}}: it is internal detail`);
        const always = withoutSections(body, tokens);
        const firstParagraph = always.split(/\n\s*\n/)[0] ?? '';
        if (!/\{\{\s*impact\s*\}\}/.test(firstParagraph)) issue(path, 'a customer message leads with the impact: put {{impact}} in its first paragraph, outside any section');
        if (!tpl.final && !/\{\{\s*nextUpdateAt\s*\}\}/.test(always))
          issue(path, 'a customer message always says when the next update comes: add {{nextUpdateAt}} outside any section');
      }
    });
    const missing = REQUIRED_TEMPLATE_IDS.filter((id) => !templateIds.has(id));
    if (missing.length > 0) issue(['templates'], `missing template(s): ${missing.join(', ')}`);
  });

export type Playbook = z.infer<typeof PlaybookSchema>;

/** "stages[2].checklist[0].text.ko" for a zod issue path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || '(the whole file)';
}

/** Validates a parsed playbook file; a bad shape is an OpsError naming the first problem's path. */
export function parsePlaybook(raw: unknown): Playbook {
  const result = PlaybookSchema.safeParse(raw);
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues;
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  throw new OpsError('INVALID_PLAYBOOK', `The playbook file is not valid at ${formatIssuePath(first?.path ?? [])}: ${first?.message ?? 'unknown problem'}${more}.`);
}

/** Parses the text of a playbook file (import). */
export function parsePlaybookJson(text: string): Playbook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new OpsError('INVALID_PLAYBOOK', `The playbook file is not valid JSON: ${(err as Error).message}.`);
  }
  return parsePlaybook(raw);
}

/** The file text for export: stable key order as parsed, two-space indentation, final newline. */
export function playbookToJson(playbook: Playbook): string {
  return `${JSON.stringify(playbook, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Incident record

const shortText = z.string().trim().min(1).max(200);
const person = z.string().trim().min(1).max(100);
const longText = z.string().max(10_000);
const ts = z.number().int().nonnegative();
const tsOrNull = ts.nullable();
const idList = z.array(z.string().trim().min(1).max(200)).max(100);

const metricSnapshotSchema = z.strictObject({
  targetId: z.string().min(1).max(200),
  ts,
  /** Readings as seen when the incident started; a missing reading is null. */
  metrics: z.record(z.string().max(200), z.number().nullable()),
});
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

// ---------------------------------------------------------------------------------------------
// Commands: what a person (or an alert) asks the incident to do

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

// ---------------------------------------------------------------------------------------------
// Post-mortem record

export const ACTION_ITEM_KINDS = ['corrective', 'preventive'] as const;
export type ActionItemKind = (typeof ACTION_ITEM_KINDS)[number];
export const ACTION_ITEM_STATUSES = ['open', 'in-progress', 'done', 'wont-do'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
export const POSTMORTEM_STATUSES = ['draft', 'in-review', 'reviewed', 'closed'] as const;
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date looks like 2026-03-31');

export const ActionItemSchema = z.strictObject({
  id: z.string().min(1).max(100),
  title: shortText,
  kind: z.enum(ACTION_ITEM_KINDS),
  owner: person,
  /** Calendar date in the organisation's zone; overdue from the day after. */
  dueDate: isoDate,
  status: z.enum(ACTION_ITEM_STATUSES),
  ticket: z.string().max(500).nullable(),
});
export type ActionItem = z.infer<typeof ActionItemSchema>;

const textList = z.array(z.string().trim().min(1).max(4000)).max(100);

export const PostmortemSchema = z.strictObject({
  incidentId: z.string().min(1).max(100),
  status: z.enum(POSTMORTEM_STATUSES),
  authors: z.array(person),
  createdAt: ts,
  updatedAt: ts,
  summary: longText,
  impact: z.strictObject({
    /** When users were first affected, if before detection; defaults to the detection time. */
    startedAt: tsOrNull,
    /** When users stopped being affected; defaults to the resolution time. */
    endedAt: tsOrNull,
    usersAffected: z.number().int().nonnegative().nullable(),
    services: idList,
    description: longText,
  }),
  rootCauses: textList,
  trigger: longText,
  detection: longText,
  resolution: longText,
  wentWell: textList,
  wentWrong: textList,
  gotLucky: textList,
  actionItems: z.array(ActionItemSchema).max(200),
  /** Timeline rows the incident could not know (e.g. when a bad change shipped). */
  extraTimeline: z.array(z.strictObject({ ts, text: z.string().trim().min(1).max(2000) })).max(200),
});
export type Postmortem = z.infer<typeof PostmortemSchema>;
