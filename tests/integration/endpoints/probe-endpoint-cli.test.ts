// The built `opsdeck probe https://...` as a person runs it, against real HTTPS servers on
// loopback. The acceptance line of issue 14: it reports days to certificate expiry for a real
// local HTTPS server, and refuses a self-signed one unless its CA is pinned, naming the reason.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startHttpsEndpoint, startTcpService, type TestEndpoint } from '../../support/endpoint-servers';
import { cliPath } from '../../support/serve-process';
import { makeEndpointCerts, type EndpointCerts } from '../../support/test-tls';

let certs: EndpointCerts;
let valid: TestEndpoint;
let selfSigned: TestEndpoint;
let expired: TestEndpoint;
let smtp: Awaited<ReturnType<typeof startTcpService>>;
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-probe-http-home-'));

beforeAll(async () => {
  certs = await makeEndpointCerts(fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-probe-certs-')));
  [valid, selfSigned, expired, smtp] = await Promise.all([startHttpsEndpoint(certs.valid), startHttpsEndpoint(certs.selfSigned), startHttpsEndpoint(certs.expired), startTcpService('220 mail.test ESMTP\r\n')]);
}, 60_000);
afterAll(async () => {
  await Promise.all([valid?.close(), selfSigned?.close(), expired?.close(), smtp?.close()]);
});

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cliPath, ...args], { env: { ...process.env, HOME: home, OPSDECK_DATA_DIR: path.join(home, 'data') }, timeout: 40_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('opsdeck probe https://', () => {
  it('reports the days to certificate expiry of a real local HTTPS server, with its CA given', async () => {
    const run = await cli(['probe', `${valid.base}/health`, '--ca', certs.caPath, '--expect-status', '200', '--keyword', 'healthy', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ kind: 'http', ok: true, status: 'ok', error: null, facts: { certSubject: 'CN=127.0.0.1, O=OpsDeck Test', certIssuer: 'CN=opsdeck-endpoint-ca' } });
    expect(report.metrics['tls.daysLeft']).toMatchObject({ unit: 'days', status: 'ok' });
    expect(report.metrics['tls.daysLeft'].value).toBeGreaterThan(89);
    expect(report.metrics['http.status'].value).toBe(200);
    expect(report.metrics['http.tlsMs'].value).toBeGreaterThanOrEqual(0);
    const text = await cli(['probe', `${valid.base}/health`, '--ca', certs.caPath]);
    expect(text.stdout).toMatch(/tls\.daysLeft\s+(89|90)(\.\d+)? days/);
    expect(text.stdout).toMatch(/^  certificate expires in (89|90) days, on \d{4}-\d\d-\d\d$/m);
  });

  it('refuses a self-signed server, naming the reason, with a non-zero exit', async () => {
    const run = await cli(['probe', `${selfSigned.base}/health`]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^opsdeck: TLS_FAILED: The certificate of 127\.0\.0\.1:\d+ was refused: it is self-signed; .*--ca FILE.*\(valid until \d{4}-\d\d-\d\d, (59|60) days left\)\.$/);
    const json = await cli(['probe', `${selfSigned.base}/health`, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, status: 'crit', error: { code: 'TLS_FAILED', data: { reason: 'selfSigned' } } });
  });

  it('accepts the self-signed server once its certificate is pinned as the CA, and checks a key pin on top', async () => {
    const run = await cli(['probe', `${selfSigned.base}/health`, '--ca', certs.selfSigned.certPath, '--pin', certs.selfSigned.pin, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).metrics['tls.daysLeft'].value).toBeGreaterThan(59);
    const wrongPin = await cli(['probe', `${selfSigned.base}/health`, '--ca', certs.selfSigned.certPath, '--pin', certs.valid.pin]);
    expect(wrongPin.code).toBe(1);
    expect(wrongPin.stderr).toMatch(/^opsdeck: TLS_FAILED: .*pinned key/);
    // A pin alone does not make a self-signed certificate trusted.
    expect((await cli(['probe', `${selfSigned.base}/health`, '--pin', certs.selfSigned.pin])).stderr).toMatch(/it is self-signed/);
  });

  it('says an expired certificate has expired, and when', async () => {
    const run = await cli(['probe', `${expired.base}/health`, '--ca', certs.caPath]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^opsdeck: TLS_FAILED: .*it has expired; renew it on the server \(valid until \d{4}-\d\d-\d\d, -3\d days left\)\.\n$/);
  });

  it('fails on an unexpected status and a missing keyword with their own codes', async () => {
    expect((await cli(['probe', `${valid.base}/status/503`, '--ca', certs.caPath])).stderr).toMatch(/^opsdeck: HTTP_STATUS: The endpoint answered HTTP 503; the check accepts 200-299\./);
    expect((await cli(['probe', `${valid.base}/health`, '--ca', certs.caPath, '--keyword', 'ready'])).stderr).toMatch(/^opsdeck: KEYWORD_MISSING: /);
  });

  it('refuses flags that do not fit, and bad values, as usage errors', async () => {
    const bad = await cli(['probe', `${valid.base}/`, '--pin', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^opsdeck: BAD_FLAG: --pin: /);
    expect((await cli(['probe', 'local', '--keyword', 'x'])).code).toBe(2);
    expect((await cli(['probe', `tcp://127.0.0.1:${smtp.port}`, '--ca', certs.caPath])).code).toBe(2);
    expect((await cli(['probe', `${valid.base}/`, '--via', 'ssh://x@y'])).code).toBe(2);
  });
});

describe('opsdeck probe tcp://', () => {
  it('times a connection to a port, and is CONNECTION_REFUSED where nothing listens', async () => {
    const ok = await cli(['probe', `tcp://127.0.0.1:${smtp.port}`, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ kind: 'tcp', ok: true, metrics: { 'tcp.up': { value: 1 } } });
    const port = await closedPort();
    const refused = await cli(['probe', `tcp://127.0.0.1:${port}`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`opsdeck: CONNECTION_REFUSED: 127.0.0.1:${port} refused the connection: nothing listens there.\n`);
  });
});
