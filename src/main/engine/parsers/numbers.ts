// Number parsing shared by the /proc and df parsers. Kernel counters are unsigned decimal
// integers; anything else (signs, exponents, hex, overflow to Infinity) is rejected, so a
// garbled line becomes null instead of a plausible-looking wrong value.

const UNSIGNED_INT = /^\d{1,20}$/;
const UNSIGNED_DECIMAL = /^\d{1,20}(\.\d{1,20})?$/;

/** A non-negative integer counter, or null when the token is not one. */
export function parseCounter(token: string | undefined): number | null {
  if (token === undefined || !UNSIGNED_INT.test(token)) return null;
  const value = Number(token);
  return Number.isFinite(value) ? value : null;
}

/** A non-negative decimal such as a load average or an uptime in seconds. */
export function parseDecimal(token: string | undefined): number | null {
  if (token === undefined || !UNSIGNED_DECIMAL.test(token)) return null;
  const value = Number(token);
  return Number.isFinite(value) ? value : null;
}

/** Splits a line on runs of spaces and tabs, dropping empty tokens. */
export function fields(line: string): string[] {
  // After trim() a split leaves no empty token, except for an empty line.
  const trimmed = line.trim();
  return trimmed === '' ? [] : trimmed.split(/[ \t]+/);
}

/** Keeps a percentage inside 0..100 (rounding of independently read counters can overshoot). */
export function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value));
}
