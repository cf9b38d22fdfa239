// Number parsing shared by the /proc and df parsers. Kernel counters are unsigned decimal
// integers; anything else (signs, exponents, hex, overflow to Infinity) is rejected, so a
// garbled line becomes null instead of a plausible-looking wrong value.

const UNSIGNED_DECIMAL = /^\d{1,20}(\.\d{1,20})?$/;

/** A non-negative integer counter, or null when the token is not one. */
export function parseCounter(token: string | undefined): number | null {
  // 1 to 20 ASCII digits (always a finite Number); a char loop, as every poll parses hundreds.
  if (token === undefined || token.length === 0 || token.length > 20) return null;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return Number(token);
}

/** A non-negative decimal such as a load average or an uptime in seconds. */
export function parseDecimal(token: string | undefined): number | null {
  if (token === undefined || !UNSIGNED_DECIMAL.test(token)) return null;
  const value = Number(token);
  return Number.isFinite(value) ? value : null;
}

/** Splits a line on runs of spaces and tabs, dropping empty tokens. */
export function fields(line: string): string[] {
  // A scan instead of split(/[ \t]+/): the regex split was the largest parser cost per poll.
  // After trim() the text starts and ends with a token, so no empty token is pushed.
  const trimmed = line.trim();
  const out: string[] = [];
  if (trimmed === '') return out;
  let start = 0;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed.charCodeAt(i);
    if (c !== 32 && c !== 9) continue;
    if (i > start) out.push(trimmed.slice(start, i));
    start = i + 1;
  }
  out.push(trimmed.slice(start));
  return out;
}

/** Keeps a percentage inside 0..100 (rounding of independently read counters can overshoot). */
export function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value));
}
