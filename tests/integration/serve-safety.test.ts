// `opsdeck serve` left running: no foreign name, no tokenless page or socket, no viewer write,
// no malformed request and no pile of idle sockets gets past it or stops its polling.
import { execFile } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EVENT_CHANNELS, METHOD_ACCESS, METHOD_CHANNELS, METHOD_NAMES, type RpcResult } from '../../src/shared/api';
import { BOOT_DATA_ELEMENT_ID } from '../../src/shared/boot-data';
import type { WsServerFrame } from '../../src/shared/ws-protocol';
import { cliPath, startServe, type ServeHandle } from '../support/serve-process';
import { INCIDENT_ARGS } from '../support/incident-rpc-args';
import { waitFor } from '../support/wait-for';

const run = promisify(execFile);
let serve: ServeHandle;
let port: number;
beforeAll(async () => {
  serve = await startServe({ args: ['--interval', '1'] });
  port = Number(new URL(serve.base).port);
});
afterAll(async () => {
  expect(await serve.stop()).toBe(0);
  // The tokens were printed, never logged.
  const log = await import('node:fs').then((fs) => fs.readFileSync(`${serve.dataDir}/logs/serve.log`, 'utf8'));
  expect(log).not.toContain(serve.token);
  expect(log).not.toContain(serve.viewerToken);
});

function request(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const ws = new WebSocket(url, { headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, channel: string, arg?: unknown): Promise<RpcResult> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as WsServerFrame;
      if (frame.kind === 'result' && frame.id === id) {
        ws.off('message', onMessage);
        resolve(frame.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, arg }));
  });
}

describe('a rebinding-style request (a foreign Host with a matching Origin)', () => {
  it('gets 403 and no page, with the token and without', async () => {
    const evil = { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` };
    for (const path of [`/?token=${serve.token}`, '/', '/index.html', '/assets/']) {
      const r = await request(path, evil);
      expect(r.status, path).toBe(403);
      expect(r.body).not.toContain(BOOT_DATA_ELEMENT_ID);
      expect(r.body).not.toContain('<script');
    }
  });

  it('cannot open the socket, with the token and without', async () => {
    const evil = { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` };
    await expect(open(serve.wsUrl(), evil)).rejects.toThrow('HTTP 403');
    await expect(open(serve.wsUrl(null), evil)).rejects.toThrow('HTTP 403');
    await expect(open(serve.wsUrl(), { Origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
  });
});

describe('without a token', () => {
  it('the page is the "where is my link" screen with no data in it', async () => {
    for (const path of ['/', '/index.html', '/?token=wrong', '/?mode=wall']) {
      const r = await request(path);
      expect(r.status).toBe(200);
      expect(r.body).toContain('data-testid="token-screen"');
      expect(r.body).toContain('opsdeck token show');
      expect(r.body).not.toContain(BOOT_DATA_ELEMENT_ID);
    }
    const withToken = await request(`/?token=${serve.token}`);
    expect(withToken.body).toContain(BOOT_DATA_ELEMENT_ID);
    expect(withToken.body).not.toContain('data-testid="token-screen"');
  });

  it('the socket is refused at the upgrade with 401; a Bearer header works like ?token=', async () => {
    await expect(open(serve.wsUrl(null))).rejects.toThrow('HTTP 401');
    await expect(open(serve.wsUrl('0'.repeat(48)))).rejects.toThrow('HTTP 401');
    const bearer = await open(serve.wsUrl(null), { Authorization: `Bearer ${serve.token}` });
    expect((await call(bearer, 1, METHOD_CHANNELS.listTargets)).ok).toBe(true);
    bearer.close();
  });
});

describe('the viewer (wall) link', () => {
  it('reads everything the wall shows, and every write method is FORBIDDEN', async () => {
    const ws = await open(serve.wsUrl(serve.viewerToken));
    let id = 1;
    const writes = METHOD_NAMES.filter((m) => METHOD_ACCESS[m] === 'write');
    expect(writes.length).toBeGreaterThan(10);
    for (const method of writes) {
      const r = await call(ws, id++, METHOD_CHANNELS[method], {});
      expect(r, method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect((await call(ws, id++, METHOD_CHANNELS.getOverview)).ok).toBe(true);
    expect(await call(ws, id++, METHOD_CHANNELS.listIncidents, INCIDENT_ARGS.listIncidents)).toMatchObject({ ok: true });
    // Nothing a write would have made exists.
    const operator = await open(serve.wsUrl());
    const inventory = (await call(operator, 1, METHOD_CHANNELS.listInventory)) as { ok: true; value: { hosts: unknown[] } };
    expect(inventory.value.hosts).toEqual([]);
    ws.close();
    operator.close();
  });
});

describe('requests that used to crash it', () => {
  it('GET /%00 and other malformed paths get 400; serve keeps answering', async () => {
    for (const path of ['/%00', '/a%00b.js', '/%E0%A4%A', '/..%2f..%2fetc%2fpasswd', `/${'x'.repeat(5000)}`]) {
      expect((await request(path)).status, path.slice(0, 40)).toBe(400);
    }
    expect((await request(`/?token=${serve.token}`)).status).toBe(200);
  });

  it('a few hundred idle sockets leave serve answering and polling on schedule', async () => {
    const idle: net.Socket[] = [];
    for (let i = 0; i < 300; i++) {
      const s = net.connect(port, '127.0.0.1');
      s.on('error', () => undefined);
      s.resume(); // read, so the server's close is seen
      if (i % 2) s.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n'); // half of them never finish their headers
      idle.push(s);
    }
    await Promise.all(idle.map((s) => new Promise((r) => (s.connecting ? s.once('connect', r) : r(null)))));
    const ws = await open(serve.wsUrl());
    const sampleTimes: number[] = [];
    ws.on('message', (d) => {
      const frame = JSON.parse(String(d)) as WsServerFrame;
      if (frame.kind === 'event' && frame.channel === EVENT_CHANNELS.onDidSample) sampleTimes.push((frame.payload as { snapshot: { ts: number } }).snapshot.ts);
    });
    expect((await request(`/?token=${serve.token}`)).status).toBe(200);
    await waitFor('four samples', async () => (sampleTimes.length >= 4 ? true : null), 15_000);
    // Samples are 1 s apart on the engine's schedule; a stalled loop would leave gaps of many
    // intervals. The bound is 5 intervals, loose enough for a loaded machine.
    const gaps = sampleTimes.slice(1).map((t, i) => t - sampleTimes[i]!);
    for (const gap of gaps) expect(gap).toBeLessThan(5_000);
    // Sockets that never send a whole request are cut off by the header timeout, not kept forever.
    const closedByServer = new Set<number>();
    idle.forEach((s, i) => s.once('close', () => closedByServer.add(i)));
    await waitFor('the half-open sockets closed', async () => (idle.every((s, i) => i % 2 === 0 || closedByServer.has(i) || s.destroyed) ? true : null), 30_000).catch((err) => {
      throw new Error(`${String(err)}: ${idle.filter((s, i) => i % 2 === 1 && !s.destroyed).length} still open`);
    });
    for (const s of idle) s.destroy();
    ws.close();
  }, 60_000);
});

describe('token rotate', () => {
  it('turns the old link away and closes its open socket', async () => {
    const ws = await open(serve.wsUrl());
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const { stdout } = await run(process.execPath, [cliPath, 'token', 'rotate'], { env: { ...process.env, OPSDECK_DATA_DIR: serve.dataDir } });
    const next = /\?token=([0-9a-f]+)/.exec(stdout)![1]!;
    expect(next).not.toBe(serve.token);
    expect(await closed).toBe(4401);
    await expect(open(serve.wsUrl())).rejects.toThrow('HTTP 401');
    const fresh = await open(serve.wsUrl(next));
    expect((await call(fresh, 1, METHOD_CHANNELS.listTargets)).ok).toBe(true);
    fresh.close();
    serve.token = next; // for the log check after the run
  }, 20_000);
});
