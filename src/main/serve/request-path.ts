// The path of an HTTP request, checked before anything touches the file system: a NUL byte,
// a bad %-escape, a ".." segment, a backslash or an overlong address is a 400, never a throw.

export const MAX_URL_LENGTH = 2048;

export type CheckedPath = { ok: true; pathname: string; query: URLSearchParams } | { ok: false; reason: string };

export function checkRequestPath(rawUrl: string | undefined): CheckedPath {
  const raw = rawUrl ?? '/';
  if (raw.length > MAX_URL_LENGTH) return { ok: false, reason: 'The address is too long.' };
  if (!raw.startsWith('/')) return { ok: false, reason: 'The address must be a path.' };
  const cut = raw.search(/[?#]/);
  const rawPath = cut < 0 ? raw : raw.slice(0, cut);
  const rawQuery = cut < 0 || raw[cut] === '#' ? '' : raw.slice(cut + 1).split('#')[0]!;
  let pathname: string;
  try {
    pathname = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, reason: 'The address has a malformed %-escape.' };
  }
  // Control characters (NUL first of all) have no place in a file name we serve.
  if (/[\u0000-\u001f\u007f\\]/.test(pathname)) return { ok: false, reason: 'The address has a character no file here has.' };
  if (pathname.split('/').some((segment) => segment === '..' || segment === '.')) return { ok: false, reason: 'The address may not step out of its folder.' };
  let query: URLSearchParams;
  try {
    query = new URLSearchParams(rawQuery);
  } catch {
    return { ok: false, reason: 'The address has a malformed query.' };
  }
  return { ok: true, pathname, query };
}
