// Real HTTP(S) and TCP servers on loopback for the endpoint checks, started by the tests on free
// ports: health and JSON answers, statuses, redirect chains, a bearer-protected path, one that
// hangs after its headers and one that streams 100 MB. They record what they were sent.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  path: string;
  method: string;
  authorization: string | null;
  apiKey: string | null;
  userAgent: string | null;
}

export interface TestEndpoint {
  /** http(s)://127.0.0.1:PORT */
  base: string;
  port: number;
  seen: SeenRequest[];
  /** Bytes /huge wrote before the client went away, and whether it went away before the end. */
  huge: { written: number; cutShort: boolean | null };
  close(): Promise<void>;
}

export const HUGE_BYTES = 100 * 1024 * 1024;
export const TEST_TOKEN = 's3cret-token';

function handler(state: Pick<TestEndpoint, 'seen' | 'huge'>, redirectTo: () => string) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    state.seen.push({
      path: url.pathname,
      method: req.method ?? '',
      authorization: req.headers.authorization ?? null,
      apiKey: typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : null,
      userAgent: req.headers['user-agent'] ?? null,
    });
    const p = url.pathname;
    if (p === '/health') return res.writeHead(200, { 'content-type': 'text/plain' }).end('service: healthy\n');
    if (p === '/json') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'UP', checks: [{ name: 'db', state: 'ok' }], version: 3 }));
    const status = /^\/status\/(\d{3})$/.exec(p);
    if (status) return res.writeHead(Number(status[1]), { 'content-type': 'text/plain' }).end(`status ${status[1]}\n`);
    const chain = /^\/redirect\/(\d+)$/.exec(p);
    if (chain) {
      const n = Number(chain[1]);
      return res.writeHead(302, { location: n <= 1 ? '/health' : `/redirect/${n - 1}` }).end();
    }
    if (p === '/loop') return res.writeHead(302, { location: '/loop' }).end();
    if (p === '/elsewhere') return res.writeHead(302, { location: redirectTo() }).end();
    if (p === '/auth') {
      if (req.headers.authorization === `Bearer ${TEST_TOKEN}` || req.headers['x-api-key'] === TEST_TOKEN) return res.writeHead(200).end('welcome\n');
      return res.writeHead(401, { 'www-authenticate': 'Bearer' }).end('who are you?\n');
    }
    if (p === '/hang-after-headers') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('the rest never comes');
      return;
    }
    if (p === '/hang-before-headers') return;
    if (p === '/huge') {
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      state.huge = { written: 0, cutShort: null };
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(HUGE_BYTES) });
      const pump = () => {
        while (state.huge.written < HUGE_BYTES) {
          state.huge.written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (state.huge.cutShort = state.huge.written < HUGE_BYTES || !res.writableFinished));
      return pump();
    }
    res.writeHead(404).end('not here\n');
  };
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

function endpoint(server: http.Server, scheme: 'http' | 'https', port: number, state: Pick<TestEndpoint, 'seen' | 'huge'>): TestEndpoint {
  return Object.assign(state, {
    base: `${scheme}://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/**
 * An HTTPS server presenting this certificate. `redirectTo` is where /elsewhere points;
 * `keepAliveTimeout`: how long it keeps an idle connection (Node's default 5 s; nginx's 75 s).
 */
export async function startHttpsEndpoint(cert: { cert: string; key: string }, redirectTo: () => string = () => '/health', options: { keepAliveTimeout?: number } = {}): Promise<TestEndpoint> {
  const state = { seen: [] as SeenRequest[], huge: { written: 0, cutShort: null as boolean | null } };
  const server = https.createServer({ cert: cert.cert, key: cert.key, ...options }, handler(state, redirectTo));
  return endpoint(server, 'https', await listen(server), state);
}

export async function startHttpEndpoint(redirectTo: () => string = () => '/health'): Promise<TestEndpoint> {
  const state = { seen: [] as SeenRequest[], huge: { written: 0, cutShort: null as boolean | null } };
  const server = http.createServer(handler(state, redirectTo));
  return endpoint(server, 'http', await listen(server), state);
}

/** A TCP service that greets every connection with `banner` (null: says nothing). */
export async function startTcpService(banner: string | null): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (banner !== null) socket.write(banner);
  });
  const port = await listen(server);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port where nothing listens (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
