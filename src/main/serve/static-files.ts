// Serves the built renderer (out/renderer) with security headers, and the build's gzip copies to
// browsers that accept them. Only files inside the root are ever served; anything else is a
// 404, and a malformed path (request-path.ts) a 400.
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkRequestPath } from './request-path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

const MIME: Record<string, string> = {
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
  '.map': 'application/json; charset=utf-8',
};

// The one policy of every OpsDeck page (src/shared/csp.ts), also used by the desktop shell.
export { CONTENT_SECURITY_POLICY };

export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/** True when the Accept-Encoding header allows gzip: named, or by `*`, with a weight above 0. */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const weights = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    weights.set(coding.trim(), q === undefined ? 1 : Number(q.slice(2)));
  }
  return (weights.get('gzip') ?? weights.get('*') ?? 0) > 0;
}

export interface StaticHandlerOptions {
  /** Answers / and /index.html instead of the file as it is (serve puts the first data in it). */
  indexPage?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

export function createStaticHandler(root: string, opts: StaticHandlerOptions = {}) {
  const resolvedRoot = path.resolve(root);
  const plain = (res: ServerResponse, status: number, text: string): void => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() }).end(text);
  };
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', ...securityHeaders() }).end();
      return;
    }
    const checked = checkRequestPath(req.url);
    if (!checked.ok) return plain(res, 400, `Bad request: ${checked.reason}`);
    let pathname = checked.pathname;
    if (pathname === '/' || pathname === '') pathname = '/index.html';
    if (pathname === '/index.html' && opts.indexPage) {
      opts.indexPage(req, res).catch(() => plain(res, 500, 'The page could not be sent.'));
      return;
    }
    const file = path.resolve(resolvedRoot, `.${pathname}`);
    if (file !== resolvedRoot && !file.startsWith(resolvedRoot + path.sep)) return plain(res, 404, 'Not found');
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) return plain(res, 404, 'Not found');
      // The build leaves a gzip copy next to scripts and style sheets (electron.vite.config.ts).
      fs.stat(`${file}.gz`, (gzErr, gzStat) => {
        const hasGzip = !gzErr && gzStat.isFile();
        const gzip = hasGzip && acceptsGzip(req.headers['accept-encoding']);
        res.writeHead(200, {
          'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
          'Content-Length': gzip ? gzStat.size : stat.size,
          ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
          ...(hasGzip ? { Vary: 'Accept-Encoding' } : {}),
          // Hashed asset names can be cached; index.html must always be fresh.
          'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          ...securityHeaders(),
        });
        if (req.method === 'HEAD') res.end();
        else fs.createReadStream(gzip ? `${file}.gz` : file).on('error', () => res.destroy()).pipe(res);
      });
    });
  };
  // No request may throw out of the server: whatever slips through is a 500 for this request only.
  return (req: IncomingMessage, res: ServerResponse): void => {
    try {
      handle(req, res);
    } catch {
      plain(res, 500, 'Internal error');
    }
  };
}
