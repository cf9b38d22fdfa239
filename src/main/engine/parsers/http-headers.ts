// PURE: the extra request headers of an endpoint check, one "Name: value" per line. Credentials
// never go here (they would be stored in plain settings): Authorization and its kin are refused
// and belong in the check's secret; headers OpsDeck manages itself are refused too.

export interface HeaderLine {
  name: string;
  value: string;
}

export type HeaderParse = { ok: true; headers: HeaderLine[] } | { ok: false; line: number; reason: 'syntax' | 'credential' | 'managed' | 'tooMany' };

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const CREDENTIALS = new Set(['authorization', 'proxy-authorization', 'cookie']);
const MANAGED = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'expect']);

export function parseHeaderLines(text: string): HeaderParse {
  const headers: HeaderLine[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    const value = colon > 0 ? line.slice(colon + 1).trim() : '';
    // Control characters in a value would split the request (header injection).
    if (!TOKEN.test(name) || /[\x00-\x08\x0a-\x1f\x7f]/.test(value) || value.length > 4096) return { ok: false, line: i + 1, reason: 'syntax' };
    const lower = name.toLowerCase();
    if (CREDENTIALS.has(lower)) return { ok: false, line: i + 1, reason: 'credential' };
    if (MANAGED.has(lower)) return { ok: false, line: i + 1, reason: 'managed' };
    headers.push({ name, value });
    if (headers.length > 50) return { ok: false, line: i + 1, reason: 'tooMany' };
  }
  return { ok: true, headers };
}
