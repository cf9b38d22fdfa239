// The message composer: fills the playbook's Korean and English templates from an incident.
// The renderer is deliberately tiny: `{{name}}` is replaced by a value, `{{#name}}…{{/name}}`
// is kept only when the value is present, and nothing is evaluated. Values are inserted as
// they are and never scanned again, so a note containing "{{x}}" stays literal text. A
// placeholder without a value stays visible in the text and is reported, never left blank.
import { OpsError } from '../../../shared/errors';
import {
  BUILTIN_PLACEHOLDERS,
  DEFAULT_TIME_ZONE,
  scanTemplate,
  type Audience,
  type BuiltinPlaceholder,
  type Incident,
  type IncidentLang,
  type IncidentStatus,
  type Playbook,
} from '../../../shared/incidents';
import { formatCadence, formatDuration, formatLocalTime } from './local-time';
import { customFieldIds, severityDefinition, stageAt, statusUpdateCadenceMinutes } from './playbook';

/** The text as pieces: what was filled, and where a value is still missing (for the preview). */
export type TemplateSegment = { kind: 'text'; text: string } | { kind: 'gap'; name: string };

export interface RenderResult {
  text: string;
  segments: TemplateSegment[];
  /** Every placeholder the template uses (values and sections), in order of first use. */
  uses: string[];
  /** Known placeholders that had no value; they are left in the text as {{name}}. */
  missing: string[];
  /** Placeholders nobody knows; left in the text as written. */
  unknown: string[];
  /** Malformed markers or unbalanced sections. */
  errors: string[];
}

/**
 * Renders one template body. `known` lists the names that may appear; by default every key of
 * `values`. A known name whose value is undefined or blank counts as missing.
 */
export function renderTemplate(body: string, values: Readonly<Record<string, string | undefined>>, known: ReadonlySet<string> = new Set(Object.keys(values))): RenderResult {
  const { tokens, errors } = scanTemplate(body);
  const missing = new Set<string>();
  const unknown = new Set<string>();
  const present = (name: string) => (values[name] ?? '').trim() !== '';
  const literalSections = new Set<string>();
  let out = '';
  const segments: TemplateSegment[] = [];
  const uses = [...new Set(tokens.map((t) => t.name))];
  let cursor = 0;
  let skipping: string | null = null;
  const emit = (text: string) => {
    if (text === '') return;
    out += text;
    const last = segments.at(-1);
    if (last?.kind === 'text') last.text += text;
    else segments.push({ kind: 'text', text });
  };
  const gap = (name: string, literal: string) => {
    out += literal;
    segments.push({ kind: 'gap', name });
  };

  for (const t of tokens) {
    if (skipping !== null) {
      if (t.kind === 'close' && t.name === skipping) {
        skipping = null;
        cursor = t.end;
      }
      continue;
    }
    emit(body.slice(cursor, t.start));
    cursor = t.end;
    const literal = body.slice(t.start, t.end);
    if (t.kind === 'open') {
      if (!known.has(t.name)) {
        unknown.add(t.name);
        literalSections.add(t.name);
        gap(t.name, literal);
      } else if (!present(t.name)) skipping = t.name;
    } else if (t.kind === 'close') {
      if (literalSections.delete(t.name)) gap(t.name, literal);
    } else if (!known.has(t.name)) {
      unknown.add(t.name);
      gap(t.name, literal);
    } else if (!present(t.name)) {
      missing.add(t.name);
      gap(t.name, literal);
    } else emit(values[t.name]!);
  }
  if (skipping === null) emit(body.slice(cursor));
  return { text: out, segments, uses, missing: [...missing], unknown: [...unknown], errors };
}

export interface ComposeOptions {
  lang: IncidentLang;
  /** The moment the message is written; "now" and the next update time derive from it. */
  now: number;
  /** Zone for the times in the text; default Asia/Seoul. */
  timeZone?: string;
  /** The news of this update ({{update}}), written by a person. */
  update?: string;
  /** Overrides the next update time (e.g. when the severity has no cadence). */
  nextUpdateAt?: number;
  /** Display names of services by id, from the service catalog. */
  serviceNames?: Readonly<Record<string, string>>;
}

export interface ComposedMessage extends RenderResult {
  templateId: string;
  audience: Audience;
  lang: IncidentLang;
  /** Nothing missing, unknown or malformed: ready to copy. */
  complete: boolean;
}

const STATUS_WORDS: Record<IncidentStatus, { ko: string; en: string }> = {
  active: { ko: '대응 중', en: 'in progress' },
  resolved: { ko: '복구됨', en: 'resolved' },
  closed: { ko: '종료', en: 'closed' },
};

const NO_CADENCE = { ko: '정해진 주기 없음', en: 'no fixed cadence' };

/** Every value a template can use for this incident; absent keys are values not known yet. */
export function templateValues(incident: Incident, playbook: Playbook, opts: ComposeOptions): Record<string, string | undefined> {
  const { lang, now } = opts;
  const zone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const time = (ts: number | null) => (ts === null ? undefined : formatLocalTime(ts, zone));
  const list = (xs: readonly string[]) => (xs.length === 0 ? undefined : xs.join(', '));
  const cadence = incident.status === 'active' ? statusUpdateCadenceMinutes(playbook, incident.stageIndex, incident.severity) : null;
  // Posting this message restarts the update clock, so the next one is due a cadence from now.
  const nextUpdateAt = opts.nextUpdateAt ?? (cadence === null ? null : now + cadence * 60_000);

  const builtins: Record<BuiltinPlaceholder, string | undefined> = {
    incidentId: incident.id,
    title: incident.title,
    severity: incident.severity,
    severityName: severityDefinition(playbook, incident.severity).name[lang],
    status: STATUS_WORDS[incident.status][lang],
    stage: stageAt(playbook, incident.stageIndex).name[lang],
    services: list(incident.services.map((id) => opts.serviceNames?.[id] ?? id)),
    hosts: list(incident.hosts),
    impact: incident.impact,
    workaround: incident.workaround,
    detectedAt: time(incident.detectedAt),
    acknowledgedAt: time(incident.acknowledgedAt),
    recoveryStartedAt: time(incident.recoveryStartedAt),
    resolvedAt: time(incident.resolvedAt),
    duration: formatDuration((incident.resolvedAt ?? now) - incident.detectedAt, lang),
    now: time(now),
    nextUpdateAt: time(nextUpdateAt),
    updateCadence: cadence === null ? NO_CADENCE[lang] : formatCadence(cadence, lang),
    update: opts.update,
    commander: incident.roles.commander ?? undefined,
    communications: incident.roles.communications ?? undefined,
    scribe: incident.roles.scribe ?? undefined,
    resolvers: list(incident.roles.resolvers),
  };
  const values: Record<string, string | undefined> = { ...builtins };
  for (const id of customFieldIds(playbook)) values[id] = incident.fields[id];
  return values;
}

/** Fills one of the playbook's templates for this incident in one language. */
export function composeMessage(incident: Incident, playbook: Playbook, templateId: string, opts: ComposeOptions): ComposedMessage {
  const template = playbook.templates.find((t) => t.id === templateId);
  if (!template) throw new OpsError('NOT_FOUND', `The playbook has no message template "${templateId}".`);
  const known = new Set<string>([...BUILTIN_PLACEHOLDERS, ...customFieldIds(playbook)]);
  const result = renderTemplate(template.body[opts.lang], templateValues(incident, playbook, opts), known);
  return {
    ...result,
    templateId,
    audience: template.audience,
    lang: opts.lang,
    complete: result.missing.length === 0 && result.unknown.length === 0 && result.errors.length === 0,
  };
}

// Phrases that promise a time of repair. Customer messages never estimate one: a missed promise
// costs more trust than no promise. The composer warns when a person types one into an update.
const RESOLUTION_PROMISES: readonly RegExp[] = [
  /\bETA\b/,
  /\bwill be (?:fully )?(?:fixed|resolved|restored|back)\b(?! as soon)/i,
  /\bexpected to be (?:fixed|resolved|restored|back)\b/i,
  /\b(?:fixed|resolved|restored) (?:by|within|in) \d/i,
  /(?:까지|이내에?|안에|후에?)\s*(?:복구|해결|정상화)(?:될|됩|하겠|할|예정)/,
  /(?:복구|해결|정상화)\s*예정/,
  /예상\s*(?:복구|해결)\s*(?:시각|시간)/,
];

/** The phrases in a text that promise when the problem will be fixed. */
export function findResolutionPromises(text: string): string[] {
  const found: string[] = [];
  for (const re of RESOLUTION_PROMISES) {
    const m = re.exec(text);
    if (m) found.push(m[0]);
  }
  return found;
}
