// Number parsing shared by the /proc and df parsers. Kernel counters are unsigned decimal
// integers; anything else (signs, exponents, hex, overflow to Infinity) is rejected, so a
// garbled line becomes null instead of a plausible-looking wrong value.

/** A non-negative integer counter (1 to 20 ASCII digits), or null when the token is not one. */
export function parseCounter(token: string | undefined): number | null {
  return token === undefined ? null : counterAt(token, 0, token.length);
}

/** A non-negative decimal such as a load average or an uptime in seconds. */
export function parseDecimal(token: string | undefined): number | null {
  return token === undefined ? null : decimalAt(token, 0, token.length);
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

// Scanning helpers for the per-poll parsers: they read tokens in place, between two indexes
// of the text, so a poll allocates no line strings, token arrays or token substrings.

/** Index of the end of the line starting at `from` (its "\n", or the text's end). */
export function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? text.length : newline;
}

/** Whether String.prototype.trim() removes this UTF-16 code unit (the set /\s/ matches). */
export function isTrimmedSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 5760 || (c >= 8192 && c <= 8202) || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288 || c === 65279;
}

/** parseCounter(text.slice(start, end)) without the slice: a char loop, as every poll reads hundreds. */
export function counterAt(text: string, start: number, end: number): number | null {
  const length = end - start;
  if (length <= 0 || length > 20) return null;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    value = value * 10 + digit;
  }
  // Up to 15 digits the sum is exact; longer tokens round as Number() rounds them.
  return length > 15 ? Number(text.slice(start, end)) : value;
}

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** parseDecimal(text.slice(start, end)) without the slice: 1-20 digits, optionally "." and 1-20 digits. */
export function decimalAt(text: string, start: number, end: number): number | null {
  let digits = 0;
  let point = -1;
  let mantissa = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && point < 0 && i > start) {
      point = i;
      continue;
    }
    if (c < 48 || c > 57) return null;
    digits++;
    mantissa = mantissa * 10 + (c - 48);
  }
  const whole = point < 0 ? end - start : point - start;
  const fraction = point < 0 ? 0 : end - point - 1;
  if (whole === 0 || whole > 20 || (point >= 0 && (fraction === 0 || fraction > 20))) return null;
  // An exact integer over an exact power of ten is correctly rounded, as Number() is; past 15
  // digits the integer may not be exact, so Number() reads the slice.
  if (digits <= 15) return mantissa / (POWERS_OF_TEN[fraction] ?? 1);
  const value = Number(text.slice(start, end));
  return Number.isFinite(value) ? value : null;
}

/**
 * Walks the tokens of text[from, to) exactly as fields() splits that slice (trim, then runs of
 * spaces and tabs), without slicing: after next() returns true, [start, end) is the token.
 */
export class TokenScanner {
  start = 0;
  end = 0;
  private limit = 0;
  // The token's digits read as a number during the same pass, or -1 when it has a non-digit.
  private digits = -1;

  constructor(readonly text: string) {}

  /** Starts over on text[from, to); returns this for chaining. */
  reset(from: number, to: number): this {
    const { text } = this;
    while (from < to && isTrimmedSpace(text.charCodeAt(from))) from++;
    while (to > from && isTrimmedSpace(text.charCodeAt(to - 1))) to--;
    this.end = from;
    this.limit = to;
    return this;
  }

  next(): boolean {
    const { text, limit } = this;
    let i = this.end;
    let c = 0;
    while (i < limit && ((c = text.charCodeAt(i)) === 32 || c === 9)) i++;
    if (i >= limit) return false;
    this.start = i;
    let value = 0;
    for (; i < limit; i++) {
      c = text.charCodeAt(i);
      if (c === 32 || c === 9) break;
      if (value >= 0) value = c >= 48 && c <= 57 ? value * 10 + (c - 48) : -1;
    }
    this.end = i;
    this.digits = value;
    return true;
  }

  /** The current token as a counter (see parseCounter). */
  counter(): number | null {
    const length = this.end - this.start;
    if (this.digits < 0 || length > 20) return null;
    // Up to 15 digits the sum is exact; longer tokens round as Number() rounds them.
    return length > 15 ? Number(this.text.slice(this.start, this.end)) : this.digits;
  }

  /** Whether the current token is exactly `word`. */
  is(word: string): boolean {
    return this.end - this.start === word.length && this.text.startsWith(word, this.start);
  }

  token(): string {
    return this.text.slice(this.start, this.end);
  }
}
