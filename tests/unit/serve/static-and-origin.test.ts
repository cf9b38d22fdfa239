import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsGzip, createStaticHandler } from '../../../src/main/serve/static-files';
import { createHostAllowlist, requestAllowed } from '../../../src/main/serve/host-allowlist';
import { checkRequestPath } from '../../../src/main/serve/request-path';
import { isLoopback } from '../../../src/main/serve/server';

let server: http.Server;
let base: string;
let root: string;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-static-'));
  root = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>OpsDeck</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app-1234.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'big-5678.js'), 'console.log("plain")');
  fs.writeFileSync(path.join(root, 'assets', 'big-5678.js.gz'), gzipSync('console.log("plain")'));
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
  server = http.createServer(createStaticHandler(root));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

function get(p: string, method = 'GET', headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; raw: Buffer }> {
  return new Promise((resolve, reject) => {
    // Raw path on purpose: fetch() would normalise "../" away before it reaches the server.
    const req = http.request(`${base}${p}`, { method, path: p, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString(), raw: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static renderer files', () => {
  it('serves index.html at / with a strict CSP and no-cache', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-cache');
  });

  it('caches hashed assets for a year', async () => {
    const r = await get('/assets/app-1234.js');
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toContain('immutable');
  });

  it('sends the gzip copy of a script to clients that accept gzip, and the plain file to others', async () => {
    const zipped = await get('/assets/big-5678.js', 'GET', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(zipped.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(gunzipSync(zipped.raw).toString()).toBe('console.log("plain")');
    for (const accept of [undefined, 'identity', 'gzip;q=0, br']) {
      const plain = await get('/assets/big-5678.js', 'GET', accept === undefined ? {} : { 'Accept-Encoding': accept });
      expect(plain.headers['content-encoding'], accept).toBeUndefined();
      expect(plain.headers.vary, accept).toBe('Accept-Encoding');
      expect(plain.body, accept).toBe('console.log("plain")');
    }
    expect((await get('/assets/app-1234.js', 'GET', { 'Accept-Encoding': 'gzip' })).headers['content-encoding']).toBeUndefined();
  });

  it('reads Accept-Encoding as HTTP means it', () => {
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0, *')).toBe(false);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('br, deflate')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it('never serves a file outside its folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/..%2fsecret.txt']) {
      const r = await get(p);
      expect([400, 404], p).toContain(r.status);
      expect(r.body).not.toContain('do not serve');
    }
  });

  it('answers 404 for missing files and 405 for writes', async () => {
    expect((await get('/nope.js')).status).toBe(404);
    expect((await get('/', 'POST')).status).toBe(405);
  });
});

describe('the Host and Origin allowlist', () => {
  const req = (origin: string | undefined, host: string | undefined) => ({ headers: { origin, host } }) as unknown as http.IncomingMessage;
  const loopback = createHostAllowlist({ listenHost: '127.0.0.1', port: 7420 });

  it('accepts the names of this computer with the port serve listens on, and clients without an Origin', () => {
    expect(requestAllowed(req('http://127.0.0.1:7420', '127.0.0.1:7420'), loopback)).toBe(true);
    expect(requestAllowed(req('http://localhost:7420', 'localhost:7420'), loopback)).toBe(true);
    expect(requestAllowed(req(undefined, '[::1]:7420'), loopback)).toBe(true);
  });

  it('refuses a rebinding-style request: a foreign Host with a matching Origin', () => {
    expect(requestAllowed(req('http://evil.example:7420', 'evil.example:7420'), loopback)).toBe(false);
    expect(requestAllowed(req(undefined, 'evil.example:7420'), loopback)).toBe(false);
    expect(requestAllowed(req(undefined, undefined), loopback)).toBe(false);
  });

  it('refuses other sites, other ports and opaque origins in the same browser', () => {
    expect(requestAllowed(req('https://evil.example', '127.0.0.1:7420'), loopback)).toBe(false);
    expect(requestAllowed(req('http://127.0.0.1:9999', '127.0.0.1:7420'), loopback)).toBe(false);
    expect(requestAllowed(req('null', '127.0.0.1:7420'), loopback)).toBe(false);
    expect(requestAllowed(req(undefined, '127.0.0.1:9999'), loopback)).toBe(false);
  });

  it('on every address, allows this computer\'s interface addresses and names given with --allow-host, nothing else', () => {
    const lan = createHostAllowlist({ listenHost: '0.0.0.0', port: 8080, extraNames: ['Ops-Wall.example'], interfaces: () => ['127.0.0.1', '10.1.2.3', '[fe80::1]'] });
    expect(lan.allowsHost('10.1.2.3:8080')).toBe(true);
    expect(lan.allowsHost('[fe80::1]:8080')).toBe(true);
    expect(lan.allowsHost('ops-wall.example:8080')).toBe(true);
    expect(lan.allowsHost('10.1.2.4:8080')).toBe(false);
    expect(lan.allowsHost('ops-wall.example:80')).toBe(false);
    expect(lan.allowsOrigin('http://ops-wall.example:8080')).toBe(true);
  });

  it('on one LAN address, allows that address only (not loopback names)', () => {
    const one = createHostAllowlist({ listenHost: '192.0.2.10', port: 7420 });
    expect([...one.hosts]).toEqual(['192.0.2.10:7420']);
  });

  it('knows loopback addresses', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
  });
});

describe('request paths', () => {
  it('turns NUL bytes, bad escapes, dot segments, backslashes and overlong addresses into reasons, never throws', () => {
    for (const bad of ['/%00', '/a%00.js', '/%', '/%zz', '/%E0%A4%A', '/../secret.txt', '/assets/%2e%2e/x', '/a\\b', '/%5c..%5csecret', `/${'a'.repeat(3000)}`, 'http://x/', '/%0a']) {
      const checked = checkRequestPath(bad);
      expect(checked.ok, bad).toBe(false);
    }
    expect(checkRequestPath('/assets/app-1234.js?v=1')).toMatchObject({ ok: true, pathname: '/assets/app-1234.js' });
    expect((checkRequestPath('/?token=abc&mode=wall') as { query: URLSearchParams }).query.get('token')).toBe('abc');
  });

  it('answers 400 for such paths and keeps serving', async () => {
    for (const bad of ['/%00', '/%E0%A4%A', '/assets/%2e%2e/x']) expect((await get(bad)).status, bad).toBe(400);
    expect((await get('/assets/app-1234.js')).status).toBe(200);
  });
});
