// Decimal numbers exactly as Intl.NumberFormat writes them for ko-KR and en-US with at most N
// fraction digits: '.' before the fraction, ',' between groups of three, rounded half away from
// zero on the shortest decimal form of the double, no trailing zeros. Both UI languages write
// numbers this way, and the first Intl.NumberFormat of a page costs 40-100 ms of ICU set-up on
// the way to the first number on screen. A property test holds this equal to Intl. Pure.

/** The digits of |value| with the position of the decimal point, from its shortest decimal form. */
function decimalDigits(abs: number): { digits: string; point: number } {
  const [mantissa = '0', exponent] = String(abs).split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  let digits = whole + fraction;
  let point = whole.length + (exponent === undefined ? 0 : Number(exponent));
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  return { digits, point };
}

/** Adds one unit in the last place of a string of decimal digits ("199" -> "200", "99" -> "100"). */
function incremented(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== '9') {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
    out[i] = '0';
  }
  return `1${out.join('')}`;
}

function grouped(whole: string): string {
  let out = '';
  for (let end = whole.length; end > 0; end -= 3) out = (end > 3 ? ',' : '') + whole.slice(Math.max(0, end - 3), end) + out;
  return out;
}

/** `value` must be finite; `maxFractionDigits` a whole number from 0 to 20. */
export function formatDecimal(value: number, maxFractionDigits: number): string {
  const negative = value < 0 || Object.is(value, -0);
  let { digits, point } = decimalDigits(Math.abs(value));
  const keep = point + maxFractionDigits;
  if (digits.length > keep) {
    const roundUp = digits.charCodeAt(keep) >= 53; // '5'
    digits = digits.slice(0, keep);
    if (roundUp) {
      const next = incremented(digits);
      if (next.length > digits.length) point += 1;
      digits = next;
    }
  }
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const fraction = digits.slice(point).replace(/0+$/, '');
  return `${negative ? '-' : ''}${grouped(whole)}${fraction ? `.${fraction}` : ''}`;
}
