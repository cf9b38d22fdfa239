// PURE: the statuses an endpoint check accepts ("200-299", "200,204,301-302", "2xx"), parsed
// once when the settings are saved and matched against every answer.

export type StatusRanges = ReadonlyArray<readonly [number, number]>;

const PART = /^(?:([1-5])xx|(\d{3})(?:\s*-\s*(\d{3}))?)$/i;

/** The accepted statuses, or null when the text is not a list of codes and ranges (100-599). */
export function parseExpectedStatus(text: string): StatusRanges | null {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.length > 20 || parts.some((p) => p === '')) return null;
  const ranges: Array<[number, number]> = [];
  for (const part of parts) {
    const m = PART.exec(part);
    if (!m) return null;
    if (m[1]) {
      const base = Number(m[1]) * 100;
      ranges.push([base, base + 99]);
      continue;
    }
    const from = Number(m[2]);
    const to = m[3] === undefined ? from : Number(m[3]);
    if (from < 100 || to > 599 || to < from) return null;
    ranges.push([from, to]);
  }
  return ranges;
}

export function statusAccepted(ranges: StatusRanges, status: number): boolean {
  return ranges.some(([from, to]) => status >= from && status <= to);
}

/** The list written back the way a person reads it: "200-299", "200, 301-302". */
export function statusRangesText(ranges: StatusRanges): string {
  return ranges.map(([from, to]) => (from === to ? String(from) : `${from}-${to}`)).join(', ');
}

/** Why a status is unexpected, for the sentence the screens write. */
export function statusReason(status: number): 'auth' | 'redirect' | 'client' | 'server' | 'other' {
  if (status === 401 || status === 403 || status === 407) return 'auth';
  if (status >= 300 && status < 400) return 'redirect';
  if (status >= 400 && status < 500) return 'client';
  if (status >= 500 && status < 600) return 'server';
  return 'other';
}

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** The method of the next request after a redirect, the way browsers do it (RFC 9110 15.4). */
export function methodAfterRedirect(status: number, method: string): string {
  if (status === 303 && method !== 'HEAD') return 'GET';
  if ((status === 301 || status === 302) && method === 'POST') return 'GET';
  return method;
}
