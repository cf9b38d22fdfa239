// `opsdeck probe prometheus+http://…` against a real Prometheus and node_exporter on loopback:
// a targets and health summary in JSON, and 'opsdeck: CODE: sentence' for wrong input.
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../../support/serve-process';
import { freePort } from '../../support/sshd';
import { startPrometheus, type PrometheusStack } from '../../support/prometheus';

const run = promisify(execFile);
let prom: PrometheusStack;

beforeAll(async () => {
  prom = await startPrometheus();
}, 90_000);
afterAll(async () => prom?.stop());

/** With --json an error is one object {code, message} on stdout; without, "opsdeck: CODE: sentence" on stderr. */
async function probeFails(spec: string, json = true): Promise<string> {
  try {
    await run(process.execPath, [cliPath, 'probe', spec, ...(json ? ['--json'] : [])]);
  } catch (err) {
    const { stdout, stderr } = err as { stdout: string; stderr: string };
    if (!json) return stderr;
    const { code, message } = JSON.parse(stdout) as { code: string; message: string };
    return `opsdeck: ${code}: ${message}`;
  }
  throw new Error('the probe succeeded');
}

describe('opsdeck probe prometheus+http://', () => {
  it('prints the targets and every node_exporter host with its CPU and memory', async () => {
    const { stdout } = await run(process.execPath, [cliPath, 'probe', `prometheus+${prom.url}`, '--json']);
    const report = JSON.parse(stdout);
    expect(report.targets).toEqual({ total: 1, up: 1, down: 0 });
    expect(report.scrapeIntervalSeconds).toBe(1);
    expect(report.hosts).toHaveLength(1);
    expect(report.hosts[0]).toMatchObject({ instance: prom.instance, up: true, lastError: null });
    expect(report.hosts[0].cpuUsage).toBeGreaterThanOrEqual(0);
    expect(report.hosts[0].memUsed).toBeGreaterThan(0);
  }, 30_000);

  it('names what is wrong: refused, not Prometheus, wrong credentials, a bad address', async () => {
    expect(await probeFails(`prometheus+http://127.0.0.1:${await freePort()}`)).toMatch(/^opsdeck: UNREACHABLE: Nothing accepts connections/m);
    const fake = http.createServer((req, res) => {
      if (req.url?.includes('secret')) return void res.writeHead(401).end();
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    const port = (fake.address() as AddressInfo).port;
    try {
      expect(await probeFails(`prometheus+http://127.0.0.1:${port}`)).toMatch(/^opsdeck: NOT_PROMETHEUS: /m);
      expect(await probeFails(`prometheus+http://127.0.0.1:${port}/secret`)).toMatch(/^opsdeck: AUTH_FAILED: /m);
    } finally {
      fake.close();
    }
    expect(await probeFails('prometheus+ftp://x')).toMatch(/^opsdeck: BAD_TARGET: .*prometheus\+http:\/\/host:9090/m);
    expect(await probeFails(`prometheus+http://127.0.0.1:${await freePort()}`, false)).toMatch(/^opsdeck: UNREACHABLE: Nothing accepts connections/m);
  }, 30_000);
});
