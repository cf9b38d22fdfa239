// How the token travels for every Zabbix version: the `auth` field before 6.4, the
// Authorization header from 6.4 (7.2 removed the field); and the client's rules against a
// scripted JSON-RPC server on loopback (version first, one re-login, HTTP 200 errors fail).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { authStyleFor, buildRequest, parseZabbixVersion, ZabbixRpc } from '../../../src/main/engine/transport/zabbix-rpc';

describe('the auth style for a Zabbix version', () => {
  it.each([
    ['5.0.30', 'field', 'user', false],
    ['5.2.7', 'field', 'user', false],
    ['5.4.0', 'field', 'username', true],
    ['6.0.14', 'field', 'username', true],
    ['6.2.9', 'field', 'username', true],
    ['6.4.0', 'header', 'username', true],
    ['6.4.12', 'header', 'username', true],
    ['7.0.5', 'header', 'username', true],
    ['7.2.0', 'header', 'username', true],
    ['7.4.1', 'header', 'username', true],
    ['8.0.0', 'header', 'username', true],
  ] as const)('%s sends credentials in the %s, logs in with "%s", tokens: %s', (version, carrier, loginParam, tokens) => {
    expect(authStyleFor(version)).toEqual({ carrier, loginParam, tokens });
  });

  it('puts the token in the body before 6.4 and in the header from 6.4, never both', () => {
    const old = buildRequest(authStyleFor('6.0.14'), 'host.get', {}, 1, 'TOKEN');
    expect(old.body.auth).toBe('TOKEN');
    expect(old.headers.authorization).toBeUndefined();
    const now = buildRequest(authStyleFor('7.2.0'), 'host.get', {}, 1, 'TOKEN');
    expect(now.body).not.toHaveProperty('auth');
    expect(now.headers.authorization).toBe('Bearer TOKEN');
    expect(buildRequest(authStyleFor('7.2.0'), 'apiinfo.version', [], 1, null).headers.authorization).toBeUndefined();
  });

  it('refuses a version that is not one', () => {
    expect(parseZabbixVersion('6.0.14')).toEqual([6, 0, 14]);
    expect(parseZabbixVersion('<html>')).toBeNull();
    expect(() => authStyleFor('nginx')).toThrow(expect.objectContaining({ code: 'PROTOCOL' }));
  });
});

interface Seen {
  method: string;
  auth: unknown;
  authorization: string | undefined;
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A scripted Zabbix API: `answer` returns the JSON-RPC reply for one request. */
async function fakeZabbix(answer: (req: { method: string; params: unknown; auth: unknown; authorization?: string }, seen: Seen[]) => unknown): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const json = JSON.parse(body) as { method: string; params: unknown; auth?: unknown; id: number };
      const entry = { method: json.method, auth: json.auth, authorization: req.headers.authorization };
      seen.push(entry);
      const reply = answer({ ...json, auth: json.auth, authorization: req.headers.authorization }, seen);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(typeof reply === 'string' ? reply : JSON.stringify({ jsonrpc: '2.0', id: json.id, ...(reply as object) }));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api_jsonrpc.php`, seen };
}

describe('the Zabbix API client', () => {
  it.each([
    ['6.0.14', { auth: 'TKN', authorization: undefined }],
    ['7.2.3', { auth: undefined, authorization: 'Bearer TKN' }],
  ])('asks apiinfo.version first without credentials, then sends a token the way %s wants', async (version, expected) => {
    const z = await fakeZabbix((r) => (r.method === 'apiinfo.version' ? { result: version } : { result: [] }));
    const rpc = new ZabbixRpc({ url: z.url, credentials: { token: 'TKN' } });
    await rpc.call('host.get', {});
    expect(z.seen[0]).toEqual({ method: 'apiinfo.version', auth: undefined, authorization: undefined });
    expect(z.seen[1]).toEqual({ method: 'host.get', ...expected });
  });

  it('treats an HTTP 200 that carries a JSON-RPC error as a failure', async () => {
    const z = await fakeZabbix((r) => (r.method === 'apiinfo.version' ? { result: '6.0.14' } : { error: { code: -32602, message: 'Invalid params.', data: 'Invalid parameter "/1": unexpected parameter "x".' } }));
    await expect(new ZabbixRpc({ url: z.url, credentials: { token: 'T' } }).call('host.get', { x: 1 })).rejects.toMatchObject({ code: 'SOURCE_API_ERROR', data: { method: 'host.get', apiCode: -32602 } });
  });

  it('logs in again exactly once after the session expired, and gives up if the new one fails too', async () => {
    let sessions = 0;
    let expireAll = false;
    const z = await fakeZabbix((r) => {
      if (r.method === 'apiinfo.version') return { result: '6.0.14' };
      if (r.method === 'user.login') return { result: `S${++sessions}` };
      if (expireAll || r.auth === 'S1') return { error: { code: -32602, message: 'Invalid params.', data: 'Session terminated, re-login, please.' } };
      return { result: [{ hostid: '1' }] };
    });
    const rpc = new ZabbixRpc({ url: z.url, credentials: { user: 'Admin', password: 'pw' } });
    // The first session is fresh from user.login: refused at once means the login itself is bad, no retry.
    await expect(rpc.call('host.get', {})).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    expect(rpc.logins).toBe(1);
    expect(await rpc.call('host.get', {})).toEqual([{ hostid: '1' }]);
    expect(rpc.logins).toBe(2);
    expireAll = true;
    await expect(rpc.call('host.get', {})).rejects.toMatchObject({ code: 'AUTH_FAILED', data: { reason: 'session' } });
    expect(rpc.logins).toBe(3);
    expect(z.seen.filter((s) => s.method === 'user.login')).toHaveLength(3);
  });

  it('says "not Zabbix" for a web server that answers something else, and "refused" when nothing listens', async () => {
    const z = await fakeZabbix(() => '<html>It works!</html>');
    await expect(new ZabbixRpc({ url: z.url, credentials: { token: 'T' } }).version()).rejects.toMatchObject({ code: 'PROTOCOL', data: { reason: 'not-zabbix' } });
    const closed = await fakeZabbix(() => ({}));
    const url = closed.url;
    await new Promise((r) => servers.pop()!.close(r));
    await expect(new ZabbixRpc({ url, credentials: { token: 'T' } }).version()).rejects.toMatchObject({ code: 'UNREACHABLE', data: { reason: 'refused' } });
  });
});
