// The renderer is served from app://opsdeck/ out of the built bundle (inside app.asar when
// packaged), not from file://: one origin the CSP and the IPC host can name, no file-system
// privileges for the page, and the CSP sent as a response header. Path resolution is pure, and
// the handler takes a Request and returns a Response, so both run under plain Node in tests.
import fs from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'opsdeck';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_PATH = 'index.html';

/**
 * Standard: relative URLs, an origin and 'self' in the CSP work as on the web. Secure: a secure
 * context like https. Code cache: V8 keeps compiled scripts between starts. No CSP bypass, no
 * service workers.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true,
} as const;

/** Only files of these types exist in the renderer bundle; anything else is not ours to serve. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export type AppPathResolution = { ok: true; relativePath: string; contentType: string } | { ok: false; status: 400 | 404 };

/**
 * Maps an app:// URL to a file path relative to the bundle root, or refuses it. `/` is the
 * index page; every other path must name a file as it is (no fallback to index.html, so a
 * mistyped asset is a 404, not a page). Refused: another host, encoded separators or NUL,
 * backslashes, `.`/`..` segments, empty segments, absolute or drive paths, unknown file types.
 */
export function resolveAppPath(rawUrl: string): AppPathResolution {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404 };
  const encoded = url.pathname;
  // An encoded slash, backslash or NUL would become a separator or a terminator after decoding.
  if (/%(2f|5c|00)/i.test(encoded)) return { ok: false, status: 400 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 400 };
  if (!decoded.startsWith('/')) return { ok: false, status: 400 };
  const relative = decoded.slice(1);
  if (relative === '') return { ok: true, relativePath: APP_INDEX_PATH, contentType: CONTENT_TYPES['.html']! };
  if (relative.startsWith('/') || /^[a-zA-Z]:/.test(relative)) return { ok: false, status: 400 };
  const segments = relative.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 400 };
  if (segments.some((s) => s === '')) return { ok: false, status: 404 };
  const contentType = CONTENT_TYPES[path.posix.extname(relative).toLowerCase()];
  if (!contentType) return { ok: false, status: 404 };
  return { ok: true, relativePath: segments.join('/'), contentType };
}

/** Headers on every app:// response, errors included. */
export function appSecurityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

const TEXT_PLAIN = 'text/plain; charset=utf-8';
const REASONS: Record<number, string> = { 400: 'Bad request', 404: 'Not found', 405: 'Method not allowed' };

function refusal(status: 400 | 404 | 405): Response {
  const headers: Record<string, string> = { 'Content-Type': TEXT_PLAIN, ...appSecurityHeaders() };
  if (status === 405) headers.Allow = 'GET, HEAD';
  return new Response(REASONS[status], { status, headers });
}

export interface AppFileReader {
  /** The file's bytes, or null when it does not exist or is not a regular file. */
  read(file: string): Promise<Uint8Array | null>;
}

/** Reads through Node's fs, which in Electron's main process also reads inside app.asar. */
export const fsFileReader: AppFileReader = {
  async read(file) {
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) return null;
      return await fs.readFile(file);
    } catch {
      return null;
    }
  },
};

/** The app:// handler for `protocol.handle`: serves files under `root` and nothing else. */
export function createAppProtocolHandler(root: string, reader: AppFileReader = fsFileReader): (request: Request) => Promise<Response> {
  const resolvedRoot = path.resolve(root);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405);
    const resolution = resolveAppPath(request.url);
    if (!resolution.ok) return refusal(resolution.status);
    const file = path.resolve(resolvedRoot, ...resolution.relativePath.split('/'));
    // resolveAppPath already refuses every way out; this is the second lock on the same door.
    if (!file.startsWith(resolvedRoot + path.sep)) return refusal(404);
    const body = await reader.read(file);
    if (!body) return refusal(404);
    const headers = {
      'Content-Type': resolution.contentType,
      'Content-Length': String(body.byteLength),
      // A new version replaces the bundle: never keep an old index.html or script.
      'Cache-Control': 'no-cache',
      ...appSecurityHeaders(),
    };
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
  };
}

/** The address of the index page, with the renderer's query (e.g. mode=wall). */
export function appIndexUrl(query: Record<string, string> = {}): string {
  const url = new URL(`${APP_ORIGIN}/${APP_INDEX_PATH}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.href;
}

/** True for the index page of app://opsdeck, with any query or fragment. */
export function isAppIndexUrl(candidate: string): boolean {
  try {
    const url = new URL(candidate);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && (url.pathname === '/' || url.pathname === `/${APP_INDEX_PATH}`);
  } catch {
    return false;
  }
}
