// Message template placeholders: `{{name}}`, and optional sections `{{#name}}…{{/name}}` that are
// kept only when the value is present. No expressions, no nesting, nothing evaluated.

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
export function withoutSections(body: string, tokens: TemplateToken[]): string {
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
