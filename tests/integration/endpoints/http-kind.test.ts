// The HTTP(S) kind against real node:https servers on loopback presenting certificates made by
// the test setup (a CA, valid, expiring, expired, wrong-name and self-signed ones): verification
// is never turned off, so every refusal here is the one a user's browser would make.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KindContext } from '../../../src/main/engine/collectors/check-kind';
import { httpKind } from '../../../src/main/engine/collectors/http';
import { rulesForKind } from '../../../src/main/engine/collectors/registry';
import { systemClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { DEFAULT_RULES } from '../../../src/main/engine/rules/default-rules';
import { buildSnapshot, failedSnapshot } from '../../../src/main/engine/target-monitor';
import type { CheckTestResult } from '../../../src/shared/checks';
import type { Target } from '../../../src/shared/model';
import { closedPort, HUGE_BYTES, startHttpEndpoint, startHttpsEndpoint, TEST_TOKEN, type TestEndpoint } from '../../support/endpoint-servers';
import { makeEndpointCerts, spkiPinOf, type EndpointCerts } from '../../support/test-tls';
import { waitFor } from '../../support/wait-for';

let certs: EndpointCerts;
let valid: TestEndpoint;
let plain: TestEndpoint;
let other: TestEndpoint;
const servers: Record<string, TestEndpoint> = {};

beforeAll(async () => {
  certs = await makeEndpointCerts(fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-http-certs-')));
  other = await startHttpEndpoint();
  [valid, plain] = await Promise.all([startHttpsEndpoint(certs.valid, () => `${other.base}/auth`), startHttpEndpoint(() => `${other.base}/auth`)]);
  for (const name of ['expiringSoon', 'expiringNow', 'expired', 'wrongName', 'selfSigned'] as const) servers[name] = await startHttpsEndpoint(certs[name]);
}, 60_000);
afterAll(async () => {
  await Promise.all([valid, plain, other, ...Object.values(servers)].map((s) => s?.close()));
});

function ctx(secret: string | null = null): KindContext {
  return { clock: systemClock, logger: new MemoryLogger(), secret: async () => secret, openStream: () => Promise.reject(new Error('no tunnels here')) };
}

const target: Target = { id: 'c-web', name: 'shop', kind: 'http', intervalMs: 30_000, enabled: true };
const rules = rulesForKind(DEFAULT_RULES, 'http');

async function test(config: Record<string, unknown>, secret: string | null = null): Promise<CheckTestResult> {
  return httpKind.testConnection(httpKind.configSchema.parse(config), ctx(secret));
}

async function poll(config: Record<string, unknown>, secret: string | null = null) {
  const collector = httpKind.createCollector(httpKind.configSchema.parse(config), ctx(secret));
  try {
    return buildSnapshot(target, await collector.collect(), rules);
  } catch (err) {
    return failedSnapshot(target, null, err, Date.now());
  }
}

function failed(result: CheckTestResult) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result;
}

describe('HTTPS with verified certificates', () => {
  it('reads a valid certificate signed by the endpoint CA: days left, subject, issuer, and the time of every step', async () => {
    const result = await test({ url: `${valid.base}/health`, caFile: certs.caPath });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.metrics!['http.status']).toBe(200);
    expect(result.metrics!['http.up']).toBe(1);
    expect(result.metrics!['tls.daysLeft']).toBeGreaterThan(89);
    expect(result.metrics!['tls.daysLeft']).toBeLessThanOrEqual(90);
    for (const key of ['http.connectMs', 'http.tlsMs', 'http.firstByteMs', 'http.responseMs']) expect(result.metrics![key], key).toBeGreaterThanOrEqual(0);
    // An IP address is not looked up: no DNS reading rather than a made-up 0.
    expect(result.metrics!['http.dnsMs']).toBeNull();
    expect(result.facts).toMatchObject({ certSubject: 'CN=127.0.0.1, O=OpsDeck Test', certIssuer: 'CN=opsdeck-endpoint-ca', httpVersion: 'HTTP/1.1', tlsVersion: 'TLSv1.3', finalUrl: `${valid.base}/health` });
    expect(Date.parse(result.facts.certExpires!)).toBeGreaterThan(Date.now() + 89 * 86_400_000);
    expect(valid.seen.at(-1)?.userAgent).toMatch(/^OpsDeck\//);
  });

  it('times the name lookup when the address is a name', async () => {
    const result = await test({ url: `https://localhost:${valid.port}/health`, caFile: certs.caPath });
    expect(result.ok && result.metrics!['http.dnsMs']).toBeGreaterThanOrEqual(0);
  });

  it('refuses a certificate from a CA this endpoint does not trust, and still says when it expires', async () => {
    const result = failed(await test({ url: `${valid.base}/health` }));
    expect(result).toMatchObject({ code: 'TLS_FAILED', data: { reason: 'untrustedCa', issuer: 'CN=opsdeck-endpoint-ca', down: 1 } });
    expect(result.data!.daysLeft).toBeGreaterThan(89);
  });

  it('refuses a self-signed certificate unless it is given as the trusted certificate; a pin alone does not trust it', async () => {
    const url = `${servers.selfSigned!.base}/health`;
    expect(failed(await test({ url })).data).toMatchObject({ reason: 'selfSigned', subject: 'CN=127.0.0.1, O=Self Signed' });
    expect(failed(await test({ url, pin: certs.selfSigned.pin })).data).toMatchObject({ reason: 'selfSigned' });
    expect((await test({ url, caFile: certs.selfSigned.certPath })).ok).toBe(true);
  });

  it('checks a pinned public key on top of verification: the leaf or its CA match, another key is refused', async () => {
    const url = `${valid.base}/health`;
    expect((await test({ url, caFile: certs.caPath, pin: certs.valid.pin })).ok).toBe(true);
    expect((await test({ url, caFile: certs.caPath, pin: certs.caPin })).ok).toBe(true);
    // The same pin written as hex digits, the way openssl dgst prints it.
    const hex = Buffer.from(certs.valid.pin.slice(7), 'base64').toString('hex').replace(/(..)(?!$)/g, '$1:');
    expect((await test({ url, caFile: certs.caPath, pin: hex })).ok).toBe(true);
    expect(failed(await test({ url, caFile: certs.caPath, pin: certs.expired.pin })).data).toMatchObject({ reason: 'pinMismatch' });
  });

  it('refuses an expired certificate, naming the day it ended, and keeps the reading: DOWN with negative days left', async () => {
    const config = { url: `${servers.expired!.base}/health`, caFile: certs.caPath };
    const result = failed(await test(config));
    expect(result.data).toMatchObject({ reason: 'expired' });
    expect(result.data!.daysLeft).toBeLessThan(-29);
    expect(Date.parse(String(result.data!.notAfter))).toBeLessThan(Date.now() - 29 * 86_400_000);
    const snapshot = await poll(config);
    expect(snapshot.status).toBe('crit');
    expect(snapshot.reasons[0]).toMatchObject({ code: 'DOWN', errorCode: 'TLS_FAILED', data: { reason: 'expired' } });
    expect(snapshot.metrics['http.up']).toBe(0);
    expect(snapshot.metrics['tls.daysLeft']).toBeLessThan(-29);
  });

  it('refuses a certificate issued for another name, listing the names it is for', async () => {
    const result = failed(await test({ url: `${servers.wrongName!.base}/health`, caFile: certs.caPath }));
    expect(result.data).toMatchObject({ reason: 'wrongName' });
    expect(String(result.data!.names)).toContain('wrong.example');
  });

  it('warns under 21 days left and is critical under 7, by the default rules', async () => {
    const soon = await poll({ url: `${servers.expiringSoon!.base}/health`, caFile: certs.caPath });
    expect(soon.status).toBe('warn');
    expect(soon.reasons[0]).toMatchObject({ code: 'THRESHOLD', metric: 'tls.daysLeft', threshold: 21, below: true });
    const now = await poll({ url: `${servers.expiringNow!.base}/health`, caFile: certs.caPath });
    expect(now.status).toBe('crit');
    expect(now.reasons[0]).toMatchObject({ code: 'THRESHOLD', metric: 'tls.daysLeft', threshold: 7 });
    expect((await poll({ url: `${valid.base}/health`, caFile: certs.caPath })).status).toBe('ok');
  });
});

describe('what the answer must be', () => {
  it('names an unexpected status, why it is wrong (server, client, auth) and what the check accepts', async () => {
    expect(failed(await test({ url: `${plain.base}/status/503` }))).toMatchObject({ code: 'HTTP_STATUS', data: { status: 503, expected: '200-299', reason: 'server', down: 1 } });
    expect(failed(await test({ url: `${plain.base}/status/404` })).data).toMatchObject({ status: 404, reason: 'client' });
    expect((await test({ url: `${plain.base}/status/404`, expectStatus: '200, 404' })).ok).toBe(true);
    expect((await test({ url: `${plain.base}/status/204`, expectStatus: '2xx' })).ok).toBe(true);
    const snapshot = await poll({ url: `${plain.base}/status/500` });
    expect(snapshot).toMatchObject({ status: 'crit', metrics: { 'http.status': 500, 'http.up': 0 } });
    expect(snapshot.metrics['http.responseMs']).toBeGreaterThanOrEqual(0);
  });

  it('sends the bearer token from the secret, and says "auth" when it is missing', async () => {
    expect((await test({ url: `${plain.base}/auth`, auth: 'bearer' }, TEST_TOKEN)).ok).toBe(true);
    expect(plain.seen.at(-1)?.authorization).toBe(`Bearer ${TEST_TOKEN}`);
    expect(failed(await test({ url: `${plain.base}/auth`, auth: 'bearer' }, null)).data).toMatchObject({ status: 401, reason: 'auth' });
    expect((await test({ url: `${plain.base}/auth`, auth: 'header', authHeader: 'X-Api-Key' }, TEST_TOKEN)).ok).toBe(true);
    expect(plain.seen.at(-1)).toMatchObject({ apiKey: TEST_TOKEN, authorization: null });
  });

  it('finds a keyword in the body, or says which one is missing', async () => {
    expect((await test({ url: `${valid.base}/health`, caFile: certs.caPath, keyword: 'healthy' })).ok).toBe(true);
    expect(failed(await test({ url: `${valid.base}/health`, caFile: certs.caPath, keyword: 'ready' }))).toMatchObject({ code: 'KEYWORD_MISSING', data: { keyword: 'ready', truncated: 0 } });
  });

  it('reads a JSON field: present, equal to the expected value, or why not', async () => {
    const url = `${plain.base}/json`;
    expect((await test({ url, jsonPath: '$.status', jsonExpect: 'UP' })).ok).toBe(true);
    expect((await test({ url, jsonPath: '$.checks[0].state', jsonExpect: 'ok' })).ok).toBe(true);
    expect((await test({ url, jsonPath: 'version', jsonExpect: '3' })).ok).toBe(true);
    expect(failed(await test({ url, jsonPath: '$.status', jsonExpect: 'DOWN' }))).toMatchObject({ code: 'JSON_PATH_FAILED', data: { reason: 'mismatch', expected: 'DOWN', actual: 'UP' } });
    expect(failed(await test({ url, jsonPath: '$.database' })).data).toMatchObject({ reason: 'missing', path: '$.database' });
    expect(failed(await test({ url: `${plain.base}/health`, jsonPath: '$.status' })).data).toMatchObject({ reason: 'notJson' });
  });
});

describe('redirects', () => {
  it('follows a chain and counts it, or stops at the first redirect when told not to follow', async () => {
    const followed = await test({ url: `${plain.base}/redirect/3`, keyword: 'healthy' });
    expect(followed.ok && followed.metrics!['http.redirects']).toBe(3);
    expect(followed.ok && followed.facts.finalUrl).toBe(`${plain.base}/health`);
    expect(failed(await test({ url: `${plain.base}/redirect/3`, followRedirects: false })).data).toMatchObject({ status: 302, reason: 'redirect', location: '/redirect/2' });
    expect((await test({ url: `${plain.base}/redirect/1`, followRedirects: false, expectStatus: '302' })).ok).toBe(true);
  });

  it('gives up after the most redirects allowed, and on a loop', async () => {
    expect(failed(await test({ url: `${plain.base}/redirect/3`, maxRedirects: 2 }))).toMatchObject({ code: 'TOO_MANY_REDIRECTS', data: { max: 2 } });
    expect(failed(await test({ url: `${plain.base}/loop` })).code).toBe('TOO_MANY_REDIRECTS');
  });

  it('never sends the token to another address a redirect points to', async () => {
    const before = other.seen.length;
    const result = failed(await test({ url: `https://127.0.0.1:${valid.port}/elsewhere`, caFile: certs.caPath, auth: 'bearer' }, TEST_TOKEN));
    expect(valid.seen.at(-1)).toMatchObject({ path: '/elsewhere', authorization: `Bearer ${TEST_TOKEN}` });
    expect(other.seen.slice(before)).toEqual([expect.objectContaining({ path: '/auth', authorization: null })]);
    expect(result.data).toMatchObject({ status: 401, reason: 'auth' });
  });
});

describe('deadlines, size limits and refusals', () => {
  it('ends a server that hangs after its headers at the deadline: DOWN, stopped while reading the body', async () => {
    const result = failed(await test({ url: `${plain.base}/hang-after-headers`, timeoutSeconds: 1 }));
    expect(result).toMatchObject({ code: 'TIMEOUT', data: { phase: 'body', seconds: 1, down: 1 } });
    expect(failed(await test({ url: `${valid.base}/hang-before-headers`, caFile: certs.caPath, timeoutSeconds: 1 })).data).toMatchObject({ phase: 'firstByte' });
  });

  it('keeps the deadline under the interval', async () => {
    const config = httpKind.configSchema.parse({ url: `${plain.base}/hang-after-headers`, timeoutSeconds: 60 });
    const result = await httpKind.testConnection(config, { ...ctx(), intervalMs: 1_500 });
    expect(result).toMatchObject({ ok: false, code: 'TIMEOUT', data: { seconds: 1.2 } });
  });

  it('cuts a 100 MB body at the size limit and stops reading it', async () => {
    const result = await test({ url: `${valid.base}/huge`, caFile: certs.caPath, maxBodyKiB: 256 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.metrics!['http.bodyBytes']).toBe(256 * 1024);
    expect(result.notes).toEqual([{ code: 'HTTP_BODY_TRUNCATED', data: { limitKiB: 256 } }]);
    await waitFor('the server to see the client go', async () => valid.huge.cutShort !== null);
    expect(valid.huge.cutShort).toBe(true);
    expect(valid.huge.written).toBeLessThan(HUGE_BYTES / 4);
    // A keyword past the limit cannot be found, and the sentence says the body was cut.
    expect(failed(await test({ url: `${valid.base}/huge`, caFile: certs.caPath, maxBodyKiB: 64, keyword: 'zzz' })).data).toMatchObject({ truncated: 1, limitKiB: 64 });
  });

  it('is DOWN when the port refuses the connection', async () => {
    const port = await closedPort();
    const config = { url: `http://127.0.0.1:${port}/` };
    expect(failed(await test(config))).toMatchObject({ code: 'CONNECTION_REFUSED', data: { host: '127.0.0.1', port, down: 1 } });
    const snapshot = await poll(config);
    expect(snapshot.status).toBe('crit');
    expect(snapshot.reasons[0]).toMatchObject({ code: 'DOWN', errorCode: 'CONNECTION_REFUSED' });
  });

  it('says a name that does not resolve is a DNS failure', async () => {
    const result = failed(await test({ url: 'http://no-such-host.invalid/' }));
    expect(result.code).toBe('DNS_FAILED');
    // NXDOMAIN from the resolver is DOWN; a resolver that cannot answer at all is UNKNOWN.
    expect(result.data).toMatchObject(result.data!.reason === 'notFound' ? { host: 'no-such-host.invalid', down: 1 } : { reason: 'temporary', down: 0 });
  });

  it('is TLS_FAILED (handshake) when an https address answers in plain HTTP', async () => {
    expect(failed(await test({ url: `https://127.0.0.1:${plain.port}/health` })).data).toMatchObject({ reason: 'handshake' });
  });

  it('names an unreadable CA file as a setting to fix, not the service being down', async () => {
    const result = failed(await test({ url: `${valid.base}/health`, caFile: '/nonexistent/ca.pem' }));
    expect(result).toMatchObject({ code: 'CHECK_INVALID', data: { field: 'caFile', down: 0 } });
    expect((await poll({ url: `${valid.base}/health`, caFile: '/nonexistent/ca.pem' })).status).toBe('unknown');
  });

  it('accepts the pin exactly as the usual openssl recipe prints it', async () => {
    const { stdout } = await promisify(execFile)('sh', ['-c', `openssl x509 -in '${certs.valid.certPath}' -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`]);
    expect(`sha256/${stdout.trim()}`).toBe(spkiPinOf(certs.valid.cert));
    expect((await test({ url: `${valid.base}/health`, caFile: certs.caPath, pin: stdout.trim() })).ok).toBe(true);
  });
});
