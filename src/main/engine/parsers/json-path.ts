// PURE: a small JSONPath subset for endpoint checks: `$.status`, `$.checks[0].state`,
// `$['db-primary'].up`. Enough to read a health endpoint's field; no filters or wildcards,
// so a path can never run code or take long.

export type JsonPath = ReadonlyArray<string | number>;

const STEP = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d{1,9})\]|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\])/;

/** The steps of a path, or null when it is not of the supported form. A leading `$` is optional. */
export function parseJsonPath(text: string): JsonPath | null {
  let rest = text.trim();
  if (rest === '' || rest.length > 512) return null;
  if (rest.startsWith('$')) rest = rest.slice(1);
  else if (!rest.startsWith('.') && !rest.startsWith('[')) rest = `.${rest}`;
  const steps: Array<string | number> = [];
  while (rest.length > 0) {
    const m = STEP.exec(rest);
    if (!m) return null;
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
    else steps.push((m[3] ?? m[4]!).replace(/\\(.)/g, '$1'));
    rest = rest.slice(m[0].length);
    if (steps.length > 32) return null;
  }
  return steps.length > 0 ? steps : null;
}

export type JsonLookup = { found: true; value: unknown } | { found: false };

export function readJsonPath(document: unknown, path: JsonPath): JsonLookup {
  let current: unknown = document;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(current) || step >= current.length) return { found: false };
      current = current[step];
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, step)) return { found: false };
      current = (current as Record<string, unknown>)[step];
    }
  }
  return { found: true, value: current };
}

/** A JSON value as a person would type it to compare: strings bare, everything else as JSON. */
export function jsonValueText(value: unknown): string {
  if (typeof value === 'string') return value;
  const text = JSON.stringify(value);
  return text === undefined ? 'null' : text;
}
