import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BOOT_DATA_ELEMENT_ID, parseBootData, type BootData } from '../../../src/shared/boot-data';
import { createIndexPageHandler } from '../../../src/main/serve/index-page';
import { createStaticHandler } from '../../../src/main/serve/static-files';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-index-'));
fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><head><script type="module" src="./assets/app.js"></script></head><body><div id="root"></div></body></html>');

const data: BootData = {
  appInfo: { version: '0.1.0', host: 'serve', platform: 'linux', osLocale: 'en-US', dataDir: '/data' },
  overview: [{ target: { id: 'local', name: 'desk', kind: 'local', intervalMs: 2_000, enabled: true }, snapshot: null, status: 'unknown', sparklines: {} }],
};

let server: http.Server | null = null;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function serve(bootData: () => Promise<BootData | null>): Promise<string> {
  server = http.createServer(createStaticHandler(root, { indexPage: createIndexPageHandler(root, bootData) }));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const blockOf = (html: string) => /<script type="application\/json" id="([^"]+)">(.*?)<\/script>/.exec(html);

describe('the console page of opsdeck serve', () => {
  it('carries the first data in a data block before </body>, is never cached and keeps the CSP', async () => {
    const base = await serve(async () => data);
    for (const p of ['/', '/index.html']) {
      const res = await fetch(base + p);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await res.text();
      const block = blockOf(html);
      expect(block?.[1]).toBe(BOOT_DATA_ELEMENT_ID);
      expect(parseBootData(block?.[2])).toEqual(data);
      expect(html.endsWith('</body></html>')).toBe(true);
    }
  });

  it('sends everything before </body> while the first data is still coming', async () => {
    let release!: (d: BootData) => void;
    const base = await serve(() => new Promise((r) => (release = r)));
    const res = await fetch(base);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('<script type="module" src="./assets/app.js"></script>');
    expect(first).not.toContain('</body>');
    release(data);
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(parseBootData(blockOf(rest)?.[2])).toEqual(data);
  });

  it('is sent without a data block when the engine has none, and HEAD has no body', async () => {
    const base = await serve(async () => {
      throw new Error('engine stopped');
    });
    const html = await (await fetch(base)).text();
    expect(html).toContain('<div id="root">');
    expect(blockOf(html)).toBeNull();
    const head = await fetch(base, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
