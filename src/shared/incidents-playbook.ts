// The playbook file: stages, checklists, timers, severities, message templates and post-mortem
// guidance, with the checks that span the whole file (unique ids, known placeholders, customer
// messages that lead with the impact), and its JSON import and export.
import { z } from 'zod';
import { OpsError } from './errors';
import { formatIssuePath } from './incidents-schema-parts';
import { INTERNAL_ONLY_PLACEHOLDERS, isBuiltinPlaceholder, scanTemplate, withoutSections } from './incidents-templates';
import { AUDIENCES, AUTO_CHECK_EVENTS, INCIDENT_LANGS, INCIDENT_ROLES, SEVERITIES } from './incidents-vocabulary';

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
