// The headless host: one engine, the renderer as static files, and the WebSocket bridge.
// Every request passes the Host/Origin allowlist; the page's data and the socket need a token.
// Timeouts and a connection cap are explicit, so slow or idle clients cannot pile up.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BootData } from '../../shared/boot-data';
import { createEngine, type Engine, type EngineOptions } from '../engine/engine';
import type { Logger } from '../engine/core/logger';
import { createServeAccess, requestToken, type ServeAccess } from './access';
import { createHostAllowlist } from './host-allowlist';
import { createIndexPageHandler } from './index-page';
import { createStaticHandler, securityHeaders } from './static-files';
import { TokenGate } from './tokens';
import { attachWsBridge } from './ws-bridge';

export interface ServeOptions {
  port: number;
  host: string;
  rendererDir: string;
  engine: Omit<EngineOptions, 'host'>;
  logger: Logger;
  /** Names besides the listening address that browsers may use to reach serve (--allow-host). */
  allowHosts?: readonly string[];
}

/** Limits of the HTTP server: a slow or idle client is cut off, never waited for. */
export const HTTP_LIMITS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  /** How often Node checks the two timeouts above. */
  checkEveryMs: 1_000,
  /** Sockets idle this long are closed (WebSockets turn this off for themselves). */
  idleSocketMs: 60_000,
  maxConnections: 512,
  maxHeaderBytes: 16 * 1024,
} as const;

export interface RunningServer {
  /** The address without a token (for logs and messages). */
  url: string;
  /** The console for operators: url with ?token=. Printed, never logged. */
  consoleUrl: string;
  /** The read-only wall: url with ?mode=wall&token=<viewer token>. */
  wallUrl: string;
  /** The wall's link under each other allowed name (LAN addresses, --allow-host names). */
  otherWallUrls: string[];
  engine: Engine;
  /**
   * Settles when the engine has started (it starts once the port is open, so a browser can load
   * the page meanwhile). Rejects with the engine's error: the caller reports it and closes.
   */
  started: Promise<void>;
  close(): Promise<void>;
}

/** How long a page waits for this computer's first poll before it is sent with older data (or none). */
const FIRST_POLL_WAIT_MS = 500;

async function bootData(engine: Engine, started: Promise<void>): Promise<BootData> {
  await started;
  await engine.localPolled(FIRST_POLL_WAIT_MS);
  const [appInfo, overview] = await Promise.all([engine.api.getAppInfo(), engine.api.getOverview()]);
  return { appInfo, overview };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  // Alert notifications link back to the console (without a token: the page says where the link is).
  let listeningUrl: string | null = null;
  const engine = createEngine({ ...opts.engine, host: 'serve', logger: opts.logger, consoleUrl: () => listeningUrl });
  const gate = new TokenGate(opts.engine.dataDir);
  let startEngine!: () => void;
  const started = new Promise<void>((resolve) => (startEngine = resolve)).then(() => engine.start());
  started.catch(() => {}); // the caller awaits it; this only keeps it from counting as unhandled
  // Set once the port is known (it may be 0 until listen); no request arrives before that.
  let access: ServeAccess | null = null;
  const indexPage = createIndexPageHandler(opts.rendererDir, () => bootData(engine, started), (req) => access?.pageAuthorized(req) ?? false);
  const files = createStaticHandler(opts.rendererDir, { indexPage });
  const server = http.createServer(
    {
      headersTimeout: HTTP_LIMITS.headersTimeoutMs,
      requestTimeout: HTTP_LIMITS.requestTimeoutMs,
      keepAliveTimeout: HTTP_LIMITS.keepAliveTimeoutMs,
      connectionsCheckingInterval: HTTP_LIMITS.checkEveryMs,
      maxHeaderSize: HTTP_LIMITS.maxHeaderBytes,
    },
    (req, res) => {
      try {
        if (!access?.hostAllowed(req)) {
          res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() }).end('This address is not one OpsDeck serves. Open the link that opsdeck serve printed.');
          return;
        }
        // The page asks here whether its token still works (a browser cannot see a socket's 401).
        if (req.url?.split('?')[0] === '/auth-check') {
          const role = access.roleOf(requestToken(req) ?? '');
          res.writeHead(role ? 204 : 401, { 'Cache-Control': 'no-store', ...securityHeaders() }).end();
          return;
        }
        files(req, res);
      } catch {
        if (!res.headersSent) res.writeHead(500, securityHeaders());
        res.end();
      }
    },
  );
  server.maxConnections = HTTP_LIMITS.maxConnections;
  server.setTimeout(HTTP_LIMITS.idleSocketMs, (socket) => socket.destroy());
  // A request Node cannot even parse (bad bytes, oversized headers) is answered here, not thrown.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
    else socket.destroy();
  });
  const bridge = attachWsBridge(server, engine.api, opts.logger, started, {
    check: (req) => (access ? access.check(req) : { ok: false, status: 403, reason: 'Not ready.' }),
    roleOf: (token) => gate.roleOf(token),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  access = createServeAccess(createHostAllowlist({ listenHost: opts.host, port: address.port, extraNames: opts.allowHosts }), gate);
  // The port is ours: the engine opens its store while a browser fetches the page and scripts.
  startEngine();
  const urlHost = urlHostFor(opts.host, address);
  const url = `http://${urlHost}:${address.port}/`;
  listeningUrl = url;
  const tokens = gate.current();
  opts.logger.log('info', 'serve-listening', { url, allowedHosts: [...access.allowlist.hosts] });
  return {
    url,
    consoleUrl: `${url}?token=${tokens.operator}`,
    wallUrl: `${url}?mode=wall&token=${tokens.viewer}`,
    otherWallUrls: [...access.allowlist.hosts]
      .filter((h) => !/^(127\.|localhost|\[::1\])/.test(h) && h !== `${urlHost}:${address.port}`)
      .map((h) => `http://${h}/?mode=wall&token=${tokens.viewer}`),
    engine,
    started,
    async close() {
      await bridge.close();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await started.catch(() => {});
      await engine.stop();
    },
  };
}

/** The name a person opens: the address serve listens on, or 127.0.0.1 when it listens on every address. */
function urlHostFor(listenHost: string, address: AddressInfo): string {
  if (listenHost === '0.0.0.0' || listenHost === '::') return '127.0.0.1';
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}
