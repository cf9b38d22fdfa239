// The HTTP(S) kind's kept connection between polls, against real node:https servers on loopback:
// a reused connection says so and shows the certificate its own handshake read (and when), yet a
// server that went away is refused on the next poll, a certificate changed behind an open
// connection is read at the latest at the next full handshake, and a restart with another
// certificate on the same port is read at once.
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KindContext } from '../../../src/main/engine/collectors/check-kind';
import { httpKind } from '../../../src/main/engine/collectors/http';
import type { Collector } from '../../../src/main/engine/collectors/types';
import { systemClock, type Clock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { FRESH_CONNECTION_EVERY_MS } from '../../../src/main/engine/transport/kept-connection';
import { OpsError } from '../../../src/shared/errors';
import { makeEndpointCerts, type EndpointCerts, type IssuedCert } from '../../support/test-tls';

let certs: EndpointCerts;
beforeAll(async () => {
  certs = await makeEndpointCerts(fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-kept-certs-')));
}, 60_000);

interface CountingServer {
  port: number;
  /** TLS handshakes completed: one per new connection. */
  handshakes: number;
  requests: number;
  server: https.Server;
  close(): Promise<void>;
}

/** A health endpoint that keeps idle connections (as nginx does for 75 s) and counts handshakes. */
async function startServer(cert: IssuedCert, port = 0, onRequest?: (s: CountingServer, req: import('node:http').IncomingMessage) => boolean): Promise<CountingServer> {
  const state = { handshakes: 0, requests: 0 } as CountingServer;
  const server = https.createServer({ cert: cert.cert, key: cert.key, keepAliveTimeout: 600_000 }, (req, res) => {
    state.requests += 1;
    if (onRequest?.(state, req)) return;
    res.writeHead(200, { 'content-type': 'text/plain' }).end('service: healthy\n');
  });
  server.on('secureConnection', () => (state.handshakes += 1));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return Object.assign(state, {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** The system clock, moved forward by `shift.ms`: ten minutes pass without waiting ten minutes. */
const shift = { ms: 0 };
const shiftedClock: Clock = { now: () => Date.now() + shift.ms, setTimeout: systemClock.setTimeout, clearTimeout: systemClock.clearTimeout };
const ctx = (): KindContext => ({ clock: shiftedClock, logger: new MemoryLogger(), secret: async () => null, openStream: () => Promise.reject(new Error('no tunnels here')), intervalMs: 30_000 });

const opened: Collector[] = [];
const servers: CountingServer[] = [];
afterEach(async () => {
  shift.ms = 0;
  await Promise.all(opened.splice(0).map((c) => c.close?.()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => undefined);

function collector(config: Record<string, unknown>): Collector {
  const c = httpKind.createCollector(httpKind.configSchema.parse(config), ctx());
  opened.push(c);
  return c;
}

async function serve(cert: IssuedCert, port = 0, onRequest?: Parameters<typeof startServer>[2]): Promise<CountingServer> {
  const s = await startServer(cert, port, onRequest);
  servers.push(s);
  return s;
}

/** Lets the client see what the server did to the kept socket (its FIN) before the next poll. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('the kept connection between polls', () => {
  it('reuses the connection: no DNS, connect or TLS reading, the certificate as its handshake read it, and when', async () => {
    const server = await serve(certs.valid);
    const check = collector({ url: `https://127.0.0.1:${server.port}/health`, caFile: certs.caPath });
    const first = await check.collect();
    expect(first.facts).toMatchObject({ connection: 'new', certSubject: 'CN=127.0.0.1, O=OpsDeck Test', tlsVersion: 'TLSv1.3' });
    expect(first.metrics['http.tlsMs']).toBeGreaterThanOrEqual(0);
    expect(first.metrics['http.connectMs']).toBeGreaterThanOrEqual(0);
    const readAt = first.facts.certReadAt!;
    expect(Math.abs(Date.parse(readAt) - first.ts)).toBeLessThan(5_000);

    const second = await check.collect();
    expect(second.down).toBeUndefined();
    expect(second.facts).toMatchObject({ connection: 'reused', certSubject: 'CN=127.0.0.1, O=OpsDeck Test', certReadAt: readAt, tlsVersion: 'TLSv1.3', remoteAddress: first.facts.remoteAddress });
    // No handshake happened, so none is reported (null, not a made-up 0); the answer was timed.
    expect(second.metrics).toMatchObject({ 'http.dnsMs': null, 'http.connectMs': null, 'http.tlsMs': null, 'http.up': 1, 'http.status': 200 });
    expect(second.metrics['http.firstByteMs']).toBeGreaterThanOrEqual(0);
    expect(second.metrics['tls.daysLeft']).toBeGreaterThan(89);
    expect(server.handshakes).toBe(1);
    expect(server.requests).toBe(2);
  });

  it('notices a server that went away: the next poll is refused, exactly', async () => {
    const server = await serve(certs.valid);
    const check = collector({ url: `https://127.0.0.1:${server.port}/health`, caFile: certs.caPath });
    await check.collect();
    expect((await check.collect()).facts.connection).toBe('reused');
    await server.close();
    const gone = await check.collect();
    expect(gone.down).toMatchObject({ code: 'CONNECTION_REFUSED', data: { host: '127.0.0.1', port: server.port } });
    expect(gone.metrics['http.up']).toBe(0);
  });

  it('is refused, exactly, even when the server vanished before the client saw its connection close', async () => {
    const server = await serve(certs.valid);
    const check = collector({ url: `https://127.0.0.1:${server.port}/health`, caFile: certs.caPath });
    await check.collect();
    // No wait between the close and the poll: the poll may still pick the kept socket, and fail on it.
    await server.close();
    const gone = await check.collect();
    expect(gone.down).toMatchObject({ code: 'CONNECTION_REFUSED' });
  });

  it('reads the new certificate of a server restarted on the same port with a different one', async () => {
    const before = await serve(certs.valid);
    const url = `https://127.0.0.1:${before.port}/health`;
    const check = collector({ url, caFile: certs.caPath });
    const first = await check.collect();
    expect(first.metrics['tls.daysLeft']).toBeGreaterThan(89);
    await before.close();
    servers.splice(servers.indexOf(before), 1);
    await serve(certs.expiringSoon, before.port);
    await settle();
    const after = await check.collect();
    expect(after.facts.connection).toBe('new');
    expect(after.metrics['tls.daysLeft']).toBeLessThan(11);
    expect(after.metrics['tls.daysLeft']).toBeGreaterThan(9);
    expect(Date.parse(after.facts.certReadAt!)).toBeGreaterThanOrEqual(Date.parse(first.facts.certReadAt!));
  });

  it('shows the certificate of the open connection, with its read time, until a full handshake at least every 15 minutes reads a changed one', async () => {
    const server = await serve(certs.valid);
    const check = collector({ url: `https://127.0.0.1:${server.port}/health`, caFile: certs.caPath });
    const first = await check.collect();
    // New connections now get another certificate; the open one keeps its own.
    server.server.setSecureContext({ cert: certs.expiringSoon.cert, key: certs.expiringSoon.key });
    const kept = await check.collect();
    expect(kept.facts).toMatchObject({ connection: 'reused', certReadAt: first.facts.certReadAt, certExpires: first.facts.certExpires });

    shift.ms = FRESH_CONNECTION_EVERY_MS - 1_000;
    expect((await check.collect()).facts.connection).toBe('reused');
    shift.ms = FRESH_CONNECTION_EVERY_MS + 1_000;
    const renewed = await check.collect();
    expect(renewed.facts.connection).toBe('new');
    expect(renewed.metrics['http.tlsMs']).toBeGreaterThanOrEqual(0);
    expect(renewed.metrics['tls.daysLeft']).toBeLessThan(11);
    expect(Date.parse(renewed.facts.certReadAt!)).toBeGreaterThan(Date.parse(first.facts.certReadAt!) + FRESH_CONNECTION_EVERY_MS);
    expect(server.handshakes).toBe(2);
  });

  it('tries a fresh connection once when the server drops the kept one instead of answering', async () => {
    const seenSockets = new Set<unknown>();
    // Every second request on a connection is dropped unanswered, as a server closing idle connections does.
    const server = await serve(certs.valid, 0, (_s, req) => {
      if (seenSockets.has(req.socket)) {
        req.socket.destroy();
        return true;
      }
      seenSockets.add(req.socket);
      return false;
    });
    const check = collector({ url: `https://127.0.0.1:${server.port}/health`, caFile: certs.caPath });
    await check.collect();
    const again = await check.collect();
    expect(again.down).toBeUndefined();
    expect(again.facts.connection).toBe('new');
    expect(server.handshakes).toBe(2);
  });

  it('never keeps a connection for a POST: it could not be retried safely', async () => {
    const server = await serve(certs.valid);
    const check = collector({ url: `https://127.0.0.1:${server.port}/health`, caFile: certs.caPath, method: 'POST', body: '{}' });
    await check.collect();
    expect((await check.collect()).facts.connection).toBe('new');
    expect(server.handshakes).toBe(2);
  });

  it('keeps plain HTTP connections too, and closes the kept connection when the check stops', async () => {
    const { startHttpEndpoint } = await import('../../support/endpoint-servers');
    const plain = await startHttpEndpoint();
    try {
      const check = collector({ url: `${plain.base}/health` });
      expect((await check.collect()).facts).toMatchObject({ connection: 'new', certReadAt: null });
      const second = await check.collect();
      expect(second.facts.connection).toBe('reused');
      expect(second.metrics['http.connectMs']).toBeNull();
    } finally {
      await plain.close();
    }
  });

  it('closes its connection when the check stops', async () => {
    const server = await serve(certs.valid);
    const check = collector({ url: `https://127.0.0.1:${server.port}/health`, caFile: certs.caPath });
    await check.collect();
    const open = () => new Promise<number>((resolve, reject) => server.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
    expect(await open()).toBe(1);
    await check.close?.();
    await settle();
    expect(await open()).toBe(0);
  });

  it('leaves an unknown outcome (a rejected poll) as before: an unreadable CA file', async () => {
    const check = collector({ url: 'https://127.0.0.1:1/health', caFile: '/nonexistent/ca.pem' });
    await expect(check.collect()).rejects.toBeInstanceOf(OpsError);
  });
});
