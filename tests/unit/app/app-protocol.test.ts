import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appIndexUrl, createAppProtocolHandler, isAppIndexUrl, resolveAppPath, type AppFileReader } from '../../../src/main/app/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/csp';

let dir: string;
let root: string;

beforeAll(() => {
  // <dir>/secret.txt sits next to the bundle root: nothing may ever reach it.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-app-protocol-'));
  root = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets', 'nested'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>OpsDeck</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js.gz'), 'gz');
  fs.writeFileSync(path.join(root, 'assets', 'nested', 'x.js'), '1');
  fs.mkdirSync(path.join(root, 'assets', 'folder.js'));
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const get = (url: string, init: RequestInit = {}) => createAppProtocolHandler(root)(new Request(url, init));

describe('app:// path resolution', () => {
  it('maps / to the index page and names files as they are', () => {
    expect(resolveAppPath('app://opsdeck/')).toEqual({ ok: true, relativePath: 'index.html', contentType: 'text/html; charset=utf-8' });
    expect(resolveAppPath('app://opsdeck/index.html?mode=wall#/glossary')).toMatchObject({ ok: true, relativePath: 'index.html' });
    expect(resolveAppPath('app://opsdeck/assets/index-abc.js')).toEqual({ ok: true, relativePath: 'assets/index-abc.js', contentType: 'text/javascript; charset=utf-8' });
    expect(resolveAppPath('app://opsdeck/assets/%E1%84%92.css')).toMatchObject({ ok: true, relativePath: 'assets/\u1112.css' });
  });

  it.each([
    ['app://opsdeck/assets%2F..%2F..%2Fsecret.txt'],
    ['app://opsdeck/assets%5c..%5csecret.txt'],
    ['app://opsdeck/index.html%00.js'],
    ['app://opsdeck/assets/..%2fsecret.txt'],
    ['app://opsdeck//etc/passwd'],
    ['app://opsdeck/C:/Windows/win.ini'],
    ['app://opsdeck/%E0%A4%A'],
  ])('refuses %s as a bad request', (url) => {
    expect(resolveAppPath(url)).toEqual({ ok: false, status: 400 });
  });

  it('leaves nothing of a dot-dot path that the URL parser did not already fold away', () => {
    // WHATWG URL parsing removes literal and %2e dot segments before the handler sees them.
    for (const url of ['app://opsdeck/assets/../../secret.txt', 'app://opsdeck/%2e%2e/secret.txt', 'app://opsdeck/assets/%2E%2E/%2e%2e/index.html']) {
      const resolved = resolveAppPath(url);
      // Folded to /secret.txt (not a type we serve) or /index.html (inside the root).
      expect(resolved.ok ? resolved.relativePath : String(resolved.status)).toMatch(/^(404|index\.html)$/);
    }
  });

  it.each([
    ['another host', 'app://elsewhere/index.html'],
    ['another scheme', 'file:///opt/OpsDeck/index.html'],
    ['an unknown file type', 'app://opsdeck/assets/index-abc.js.gz'],
    ['no extension', 'app://opsdeck/assets'],
    ['an empty segment', 'app://opsdeck/assets//index-abc.js'],
  ])('answers 404 for %s', (_what, url) => {
    expect(resolveAppPath(url)).toEqual({ ok: false, status: 404 });
  });
});

describe('app:// handler', () => {
  it('serves a file with its type and the one CSP as a header', async () => {
    const res = await get('app://opsdeck/assets/index-abc.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('console.log(1)');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the index page at / and at /index.html, with the CSP', async () => {
    for (const url of ['app://opsdeck/', 'app://opsdeck/index.html?mode=wall']) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await res.text()).toContain('<title>OpsDeck</title>');
    }
  });

  it('answers 404 for unknown paths, with no index fallback, and the CSP on the error too', async () => {
    for (const url of ['app://opsdeck/assets/missing.js', 'app://opsdeck/glossary/index.html', 'app://opsdeck/assets/nested.js']) {
      const res = await get(url);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await res.text()).toBe('Not found');
    }
  });

  it('answers a folder that exists with 404, not a listing', async () => {
    const res = await get('app://opsdeck/assets/folder.js');
    expect(res.status).toBe(404);
  });

  it('never reads outside the bundle, whatever the path', async () => {
    const res = await get('app://opsdeck/assets%2F..%2F..%2Fsecret.txt');
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('do not serve');
  });

  it('answers HEAD without a body and refuses other methods with 405', async () => {
    const head = await get('app://opsdeck/assets/index-abc.css', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('6');
    expect(await head.text()).toBe('');
    const post = await get('app://opsdeck/index.html', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('fuzz: every file it is asked to read lies inside the root', async () => {
    const read: string[] = [];
    const spy: AppFileReader = { read: async (file) => (read.push(file), null) };
    const handler = createAppProtocolHandler(root, spy);
    const segment = fc.oneof(fc.constantFrom('..', '.', '%2e%2e', '%2E.', '%2f', '%5c', '%00', '\\', 'C:', '', 'assets', 'index.html', 'a.js'), fc.string({ maxLength: 6 }));
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 6 }), async (segments) => {
        let url: string;
        try {
          url = new URL(`app://opsdeck/${segments.join('/')}`).href;
        } catch {
          return;
        }
        const res = await handler(new Request(url));
        expect([200, 400, 404]).toContain(res.status);
      }),
      { numRuns: 400 },
    );
    for (const file of read) expect(file.startsWith(root + path.sep)).toBe(true);
  });
});

describe('app:// index address', () => {
  it('is app://opsdeck/index.html with the renderer query', () => {
    expect(appIndexUrl()).toBe('app://opsdeck/index.html');
    expect(appIndexUrl({ mode: 'wall' })).toBe('app://opsdeck/index.html?mode=wall');
  });

  it('recognises only our index page as ours', () => {
    expect(isAppIndexUrl('app://opsdeck/index.html#/glossary')).toBe(true);
    expect(isAppIndexUrl('app://opsdeck/')).toBe(true);
    expect(isAppIndexUrl('app://opsdeck/assets/index-abc.js')).toBe(false);
    expect(isAppIndexUrl('app://other/index.html')).toBe(false);
    expect(isAppIndexUrl('file:///opt/OpsDeck/resources/app.asar/out/renderer/index.html')).toBe(false);
    expect(isAppIndexUrl('not a url')).toBe(false);
  });
});
