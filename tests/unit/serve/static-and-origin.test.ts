import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticHandler } from '../../../src/main/serve/static-files';
import { isSameOrigin } from '../../../src/main/serve/ws-bridge';
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
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
  server = http.createServer(createStaticHandler(root));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

function get(p: string, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    // Raw path on purpose: fetch() would normalise "../" away before it reaches the server.
    const req = http.request(`${base}${p}`, { method, path: p }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
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

  it('never serves a file outside its folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/..%2fsecret.txt']) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('do not serve');
    }
  });

  it('answers 404 for missing files and 405 for writes', async () => {
    expect((await get('/nope.js')).status).toBe(404);
    expect((await get('/', 'POST')).status).toBe(405);
  });
});

describe('WebSocket origin check', () => {
  const req = (origin: string | undefined, host: string) => ({ headers: { origin, host } }) as unknown as http.IncomingMessage;
  it('accepts the page this host served and clients without an Origin', () => {
    expect(isSameOrigin(req('http://127.0.0.1:7420', '127.0.0.1:7420'))).toBe(true);
    expect(isSameOrigin(req(undefined, '127.0.0.1:7420'))).toBe(true);
  });
  it('refuses other sites in the same browser', () => {
    expect(isSameOrigin(req('https://evil.example', '127.0.0.1:7420'))).toBe(false);
    expect(isSameOrigin(req('http://127.0.0.1:9999', '127.0.0.1:7420'))).toBe(false);
    expect(isSameOrigin(req('null', '127.0.0.1:7420'))).toBe(false);
  });
  it('knows loopback addresses', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
  });
});
