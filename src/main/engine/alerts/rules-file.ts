// Rules and channels as a YAML file (the `yaml` package), checked with zod; every problem names
// its line. The file is written for people: `above: 85`, `for: 5m`, no target means every
// target that has the metric, no channel list means every channel. Shipped rules use the same
// format (resources/rules/default-alert-rules.json is YAML's JSON subset).
import { LineCounter, parseDocument, stringify, isMap, isSeq, type Node } from 'yaml';
import { z } from 'zod';
import { DEFAULT_ALERT_SETTINGS, type AlertRule, type AlertSettings, type RulesFileIssue } from '../../../shared/alerts';
import { alertRuleSchema, alertSettingsSchema } from '../../../shared/contract/alerts-schemas';
import { OpsError } from '../../../shared/errors';

/** A channel as a rules file declares it; the channels module reads the settings. */
export interface ImportedChannel {
  name: string;
  type: string;
  [setting: string]: unknown;
}

export interface RulesFile {
  rules: AlertRule[];
  channels: ImportedChannel[];
  settings: Partial<AlertSettings> | null;
}

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "5s", "1h30m", "250ms", or a number of seconds. */
export function parseDuration(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;
  let total = 0;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * UNITS[m[2]!]!;
    at = re.lastIndex;
  }
  return at === text.length && at > 0 ? Math.round(total) : null;
}

/** The shortest plain form of a duration: 300000 -> "5m". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  for (const [unit, size] of [['w', UNITS.w], ['d', UNITS.d], ['h', UNITS.h], ['m', UNITS.m], ['s', UNITS.s]] as const) {
    if (ms % size! === 0) return `${ms / size!}${unit}`;
  }
  return `${ms}ms`;
}

const durationField = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `"${String(v)}" is not a duration; write e.g. 30s, 5m, 1h30m or a number of seconds` });
    return z.NEVER;
  }
  return ms;
});
const list = z.union([z.string(), z.array(z.string())]).transform((v) => (typeof v === 'string' ? [v] : v));
const severity = z.enum(['critical', 'warning', 'info'], { message: 'severity is critical, warning or info' });

const overrideInFile = z.strictObject({
  target: z.string().optional(),
  service: z.string().optional(),
  enabled: z.boolean().optional(),
  above: z.number().optional(),
  below: z.number().optional(),
  recovery: z.number().nullable().optional(),
  for: durationField.optional(),
  severity: severity.optional(),
});

const ruleInFile = z
  .strictObject({
    name: z.string(),
    label: z.string().nullable().optional(),
    metric: z.string(),
    above: z.number().optional(),
    below: z.number().optional(),
    recovery: z.number().nullable().optional(),
    unusual: z.number().optional(),
    halfLife: durationField.optional(),
    warmup: z.number().int().optional(),
    nodata: z.literal(true).optional(),
    for: durationField.optional(),
    recoverFor: durationField.optional(),
    recover_for: durationField.optional(),
    keepFiringFor: durationField.optional(),
    keep_firing_for: durationField.optional(),
    severity: severity.optional(),
    targets: list.optional(),
    target: list.optional(),
    services: list.optional(),
    service: list.optional(),
    kinds: list.optional(),
    channels: list.nullable().optional(),
    enabled: z.boolean().optional(),
    description: z.string().nullable().optional(),
    overrides: z.array(overrideInFile).optional(),
  })
  .superRefine((r, ctx) => {
    const conditions = [r.above, r.below, r.unusual, r.nodata].filter((c) => c !== undefined).length;
    if (conditions !== 1) ctx.addIssue({ code: 'custom', message: 'a rule needs exactly one of above, below, unusual or nodata', path: [] });
  });

const channelInFile = z.looseObject({ name: z.string().trim().min(1).max(100), type: z.string().trim().min(1).max(40) });

const settingsInFile = z
  .strictObject({
    groupWait: durationField.optional(),
    repeatInterval: durationField.optional(),
    escalateAfter: durationField.optional(),
    incidents: z.enum(['open', 'propose', 'off']).optional(),
    recoveryConfirm: durationField.optional(),
    noDataAfter: durationField.optional(),
  })
  .optional();

const fileSchema = z.strictObject({
  rules: z.array(ruleInFile).optional(),
  channels: z.array(channelInFile).optional(),
  settings: settingsInFile,
});

type RuleInFile = z.output<typeof ruleInFile>;

function toRule(r: RuleInFile): AlertRule {
  const condition: AlertRule['condition'] =
    r.nodata !== undefined
      ? { kind: 'nodata' }
      : r.unusual !== undefined
        ? { kind: 'unusual', deviations: r.unusual, halfLifeMs: r.halfLife ?? 3_600_000, warmupSamples: r.warmup ?? 30 }
        : { kind: 'threshold', direction: r.above !== undefined ? 'above' : 'below', threshold: (r.above ?? r.below)!, recovery: r.recovery ?? null };
  return {
    id: r.name,
    label: r.label ?? null,
    metric: r.metric,
    condition,
    forMs: r.for ?? 0,
    recoverForMs: r.recoverFor ?? r.recover_for ?? 0,
    keepFiringForMs: r.keepFiringFor ?? r.keep_firing_for ?? 0,
    severity: r.severity ?? 'warning',
    targets: r.targets ?? r.target ?? [],
    services: r.services ?? r.service ?? [],
    kinds: r.kinds ?? [],
    channels: r.channels ?? null,
    enabled: r.enabled ?? true,
    description: r.description ?? null,
    overrides: (r.overrides ?? []).map((o) => ({
      ...(o.target !== undefined ? { target: o.target } : {}),
      ...(o.service !== undefined ? { service: o.service } : {}),
      ...(o.enabled !== undefined ? { enabled: o.enabled } : {}),
      ...(o.above !== undefined || o.below !== undefined ? { threshold: (o.above ?? o.below)! } : {}),
      ...(o.recovery !== undefined ? { recovery: o.recovery } : {}),
      ...(o.for !== undefined ? { forMs: o.for } : {}),
      ...(o.severity !== undefined ? { severity: o.severity } : {}),
    })),
  };
}

/** Line (1-based) of the node at `path`, or of its nearest ancestor that exists. */
function lineOf(doc: ReturnType<typeof parseDocument>, counter: LineCounter, path: ReadonlyArray<PropertyKey>): number | null {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as Array<string | number>, true) as Node | undefined;
    const offset = node && (isMap(node) || isSeq(node) || 'range' in node) ? node.range?.[0] : undefined;
    if (offset !== undefined) return counter.linePos(offset).line;
  }
  return null;
}

const pathText = (path: ReadonlyArray<PropertyKey>) => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(file)';

function fail(issues: RulesFileIssue[]): never {
  const first = issues[0]!;
  const where = first.line !== null ? `line ${first.line}` : first.path;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  throw Object.assign(
    new OpsError('RULES_INVALID', `The rules file has a problem at ${where} (${first.path}): ${first.message}${more}. Fix it and import again; nothing was changed.`, {
      ...(first.line !== null ? { line: first.line } : {}),
      path: first.path,
    }),
    { issues },
  );
}

/** Parses and checks a rules file. Throws RULES_INVALID (with `issues`, each naming its line). */
export function parseRulesFile(text: string): RulesFile {
  if (text.length > 2_000_000) throw new OpsError('TOO_LARGE', 'The rules file is over 2 MB. Split it, or remove what you do not need.');
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  if (doc.errors.length) {
    fail(doc.errors.map((e) => ({ line: e.linePos?.[0]?.line ?? null, path: '(file)', message: e.message.split('\n')[0]! })));
  }
  const raw: unknown = doc.toJS() ?? {};
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    fail(parsed.error.issues.map((i) => ({ line: lineOf(doc, counter, i.path), path: pathText(i.path), message: i.message })));
  }
  const issues: RulesFileIssue[] = [];
  const rules: AlertRule[] = [];
  const seen = new Set<string>();
  (parsed.data.rules ?? []).forEach((r, index) => {
    const rule = toRule(r);
    const checked = alertRuleSchema.safeParse(rule);
    if (!checked.success) {
      for (const i of checked.error.issues) {
        // Name the field as the file writes it, not as the record stores it.
        const filePath = fileFieldOf(i.path);
        issues.push({ line: lineOf(doc, counter, ['rules', index, ...filePath]), path: pathText(['rules', index, ...filePath]), message: i.message });
      }
      return;
    }
    if (seen.has(rule.id)) issues.push({ line: lineOf(doc, counter, ['rules', index, 'name']), path: pathText(['rules', index, 'name']), message: `the name "${rule.id}" is used by an earlier rule` });
    seen.add(rule.id);
    rules.push(checked.data);
  });
  const names = new Set<string>();
  (parsed.data.channels ?? []).forEach((c, index) => {
    const key = c.name.toLowerCase();
    if (names.has(key)) issues.push({ line: lineOf(doc, counter, ['channels', index, 'name']), path: pathText(['channels', index, 'name']), message: `the channel name "${c.name}" is used twice` });
    names.add(key);
  });
  if (issues.length) fail(issues);
  const s = parsed.data.settings;
  const settings: Partial<AlertSettings> | null = s
    ? {
        ...(s.groupWait !== undefined ? { groupWaitMs: s.groupWait } : {}),
        ...(s.repeatInterval !== undefined ? { repeatIntervalMs: s.repeatInterval } : {}),
        ...(s.escalateAfter !== undefined ? { escalateAfterMs: s.escalateAfter } : {}),
        ...(s.incidents !== undefined ? { incidentPolicy: s.incidents } : {}),
        ...(s.recoveryConfirm !== undefined ? { recoveryConfirmMs: s.recoveryConfirm } : {}),
        ...(s.noDataAfter !== undefined ? { noDataAfterMs: s.noDataAfter } : {}),
      }
    : null;
  // The bounds of the stored settings (a repeat of at least a minute, ...) are checked here too,
  // so a value below them is a RULES_INVALID naming its line, not a failure while saving.
  const bounded = settings ? alertSettingsSchema.safeParse({ ...DEFAULT_ALERT_SETTINGS, ...settings }) : null;
  if (bounded && !bounded.success) {
    fail(
      bounded.error.issues.map((i) => {
        const key = SETTING_IN_FILE[String(i.path[0])] ?? String(i.path[0]);
        return { line: lineOf(doc, counter, ['settings', key]), path: pathText(['settings', key]), message: i.message };
      }),
    );
  }
  return { rules, channels: (parsed.data.channels ?? []) as ImportedChannel[], settings };
}

/** A stored setting's field as a rules file writes it. */
const SETTING_IN_FILE: Record<string, string> = {
  groupWaitMs: 'groupWait',
  repeatIntervalMs: 'repeatInterval',
  escalateAfterMs: 'escalateAfter',
  incidentPolicy: 'incidents',
  recoveryConfirmMs: 'recoveryConfirm',
  noDataAfterMs: 'noDataAfter',
};

function fileFieldOf(path: ReadonlyArray<PropertyKey>): PropertyKey[] {
  const [head, ...rest] = path;
  switch (head) {
    case 'id':
      return ['name'];
    case 'forMs':
      return ['for'];
    case 'recoverForMs':
      return ['recoverFor'];
    case 'keepFiringForMs':
      return ['keepFiringFor'];
    case 'condition':
      return rest[0] === 'recovery' ? ['recovery'] : [];
    case 'overrides':
      return ['overrides', ...rest.slice(0, 1), ...(rest[1] === 'forMs' ? ['for'] : rest[1] === 'threshold' ? [] : rest.slice(1))];
    default:
      return [...path];
  }
}

/** A rule as a file writes it: only what differs from the defaults a file leaves out. */
export function ruleToFile(rule: AlertRule): Record<string, unknown> {
  const c = rule.condition;
  const out: Record<string, unknown> = { name: rule.id };
  if (rule.label) out.label = rule.label;
  out.metric = rule.metric;
  if (c.kind === 'threshold') {
    out[c.direction] = c.threshold;
    if (c.recovery !== null) out.recovery = c.recovery;
  } else if (c.kind === 'unusual') {
    out.unusual = c.deviations;
    out.halfLife = formatDuration(c.halfLifeMs);
    out.warmup = c.warmupSamples;
  } else out.nodata = true;
  if (rule.forMs) out.for = formatDuration(rule.forMs);
  if (rule.recoverForMs) out.recoverFor = formatDuration(rule.recoverForMs);
  if (rule.keepFiringForMs) out.keepFiringFor = formatDuration(rule.keepFiringForMs);
  out.severity = rule.severity;
  if (rule.targets.length) out.targets = rule.targets;
  if (rule.services.length) out.services = rule.services;
  if (rule.kinds.length) out.kinds = rule.kinds;
  if (rule.channels !== null) out.channels = rule.channels;
  if (!rule.enabled) out.enabled = false;
  if (rule.description) out.description = rule.description;
  if (rule.overrides.length) {
    out.overrides = rule.overrides.map((o) => {
      const x: Record<string, unknown> = {};
      if (o.target !== undefined) x.target = o.target;
      if (o.service !== undefined) x.service = o.service;
      if (o.enabled !== undefined) x.enabled = o.enabled;
      if (o.threshold !== undefined) x[c.kind === 'threshold' ? c.direction : 'above'] = o.threshold;
      if (o.recovery !== undefined) x.recovery = o.recovery;
      if (o.forMs !== undefined) x.for = formatDuration(o.forMs);
      if (o.severity !== undefined) x.severity = o.severity;
      return x;
    });
  }
  return out;
}

export function settingsToFile(s: AlertSettings): Record<string, unknown> {
  return {
    groupWait: formatDuration(s.groupWaitMs),
    repeatInterval: formatDuration(s.repeatIntervalMs),
    escalateAfter: formatDuration(s.escalateAfterMs),
    incidents: s.incidentPolicy,
    recoveryConfirm: formatDuration(s.recoveryConfirmMs),
    noDataAfter: formatDuration(s.noDataAfterMs),
  };
}

export function writeRulesFile(rules: readonly AlertRule[], channels: readonly ImportedChannel[], settings: AlertSettings | null): string {
  const header = '# OpsDeck alert rules. Import with "npx opsdeck rules import FILE" or in Settings > Rules.\n';
  const body: Record<string, unknown> = { rules: rules.map(ruleToFile) };
  if (channels.length) body.channels = channels;
  if (settings) body.settings = settingsToFile(settings);
  return header + stringify(body, { lineWidth: 0 });
}

export { alertSettingsSchema };
