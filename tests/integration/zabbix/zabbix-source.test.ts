// Zabbix 6.0 as a data source against a real zabbix_server + PostgreSQL + PHP frontend started
// on loopback (tests/support/zabbix.ts). The problem is raised by zabbix_server itself: a trapper
// value crosses a trigger's threshold. One harness per file (about 9 s with the cached schema,
// 14 s the first time on a machine; see docs/zabbix.md).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createEngine, type Engine } from '../../../src/main/engine/engine';
import { memorySecretStore } from '../../../src/main/engine/secrets';
import { ZabbixRpc } from '../../../src/main/engine/transport/zabbix-rpc';
import { pollZabbix } from '../../../src/main/engine/collectors/zabbix';
import { zabbixSeries } from '../../../src/main/engine/collectors/zabbix-series';
import { cliPath, tempDataDir } from '../../support/serve-process';
import { waitFor } from '../../support/wait-for';
import { createProblem, startZabbix, type ProblemScenario, type ZabbixHarness } from '../../support/zabbix';

let zbx: ZabbixHarness;
let problem: ProblemScenario;
let engine: Engine | null = null;

beforeAll(async () => {
  zbx = await startZabbix();
  console.log(`zabbix harness ${zbx.version}: ${JSON.stringify(zbx.timings)}`);
  problem = await createProblem(zbx, { hostName: 'web-01' });
}, 240_000);

afterAll(async () => {
  await engine?.stop();
  await zbx?.stop();
}, 60_000);

describe('Zabbix as a data source', () => {
  it('asks the version first and reads hosts, mapped items and the problem with an API token', async () => {
    const rpc = new ZabbixRpc({ url: zbx.apiUrl, credentials: { token: zbx.token } });
    const { version, result } = await pollZabbix(rpc, Date.now());
    expect(version).toBe(zbx.version);
    expect(version).toMatch(/^6\.0\./);
    const host = result.tables!.hosts!.rows.find((r) => r.name === 'web-01');
    expect(host).toMatchObject({ source: 'Zabbix', cpu: 37.5, problems: 1 });
    expect(result.externalAlerts).toContainEqual(
      expect.objectContaining({ text: problem.triggerName, severity: 'critical', sourceSeverity: 'high', acknowledged: false, host: 'web-01' }),
    );
    expect(result.metrics['zabbix.problems.unacknowledged']).toBeGreaterThanOrEqual(1);
  });

  it('charts a host from history.get with OpsDeck\'s series names, and asks trend.get for a week', async () => {
    // Dated one and two seconds back (no waiting for the clock); ends on 37.5 now, the value the
    // other tests read as the host's current CPU.
    const now = Math.floor(Date.now() / 1000);
    expect(await zbx.send('web-01', 'system.cpu.util', 20, now - 2)).toBe(1);
    expect(await zbx.send('web-01', 'system.cpu.util', 30, now - 1)).toBe(1);
    expect(await zbx.send('web-01', 'system.cpu.util', 37.5)).toBe(1);
    const rpc = new ZabbixRpc({ url: zbx.apiUrl, credentials: { token: zbx.token } });
    const chart = await waitFor('the values in Zabbix history', async () => {
      const c = await zabbixSeries(rpc, problem.hostid, ['cpu.usage', 'mem.used'], '1h', Date.now() + 1_000);
      return c.series[0]!.points.length >= 4 ? c : null;
    }, 30_000);
    expect(chart.source).toBe('history');
    const values = chart.series[0]!.points.map(([, v]) => v);
    expect(values).toEqual(expect.arrayContaining([37.5, 20, 30]));
    expect(chart.series[0]!.points.every(([ts], i, all) => i === 0 || ts >= all[i - 1]![0])).toBe(true);
    // mem.used has no item on this host: an empty series, not zeros.
    expect(chart.series[1]).toEqual({ key: 'mem.used', points: [] });
    // Trends close once an hour, so a fresh server may have none yet: the call must still answer.
    const week = await zabbixSeries(rpc, problem.hostid, ['cpu.usage'], '7d', Date.now());
    expect(week.source).toBe('trends');
    expect(Array.isArray(week.series[0]!.points)).toBe(true);
  });

  it('fails on a JSON-RPC error carried by HTTP 200, and on a wrong token, with codes', async () => {
    const rpc = new ZabbixRpc({ url: zbx.apiUrl, credentials: { token: zbx.token } });
    await expect(rpc.call('history.get', { history: 9 })).rejects.toMatchObject({ code: 'SOURCE_API_ERROR', data: { method: 'history.get' } });
    const wrong = new ZabbixRpc({ url: zbx.apiUrl, credentials: { token: 'f'.repeat(64) } });
    await expect(wrong.call('host.get', {})).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    const badPassword = new ZabbixRpc({ url: zbx.apiUrl, credentials: { user: 'Admin', password: 'wrong' } });
    await expect(badPassword.call('host.get', {})).rejects.toMatchObject({ code: 'AUTH_FAILED', data: { reason: 'refused' } });
  });

  it('logs in again exactly once when the session expired on the server', async () => {
    const rpc = new ZabbixRpc({ url: zbx.apiUrl, credentials: { user: 'Admin', password: 'zabbix' } });
    await rpc.call('host.get', { output: ['hostid'] });
    expect(rpc.logins).toBe(1);
    // Every Admin session but the harness's own is ended on the server, as an expiry would.
    await zbx.pg.primary.query("DELETE FROM sessions WHERE userid = 1 AND sessionid <> $1", [zbx.session], 'zabbix');
    const hosts = await rpc.call<unknown[]>('host.get', { output: ['hostid'] });
    expect(hosts.length).toBeGreaterThan(0);
    expect(rpc.logins).toBe(2);
  });

  it('a real Zabbix problem appears among the engine\'s alerts with its severity and acknowledgement state; the token stays out of the store', async () => {
    const dataDir = tempDataDir();
    engine = createEngine({ dataDir, host: 'serve', logger: new MemoryLogger(), secrets: memorySecretStore('test'), knownHostsFile: null, intervalMs: 60_000 });
    await engine.start();
    const check = await engine.api.saveCheck({ kind: 'zabbix', name: '본사 Zabbix', intervalMs: 1_000, config: { url: zbx.apiUrl }, secret: zbx.token });
    expect(check.hasSecret).toBe(true);
    expect(JSON.stringify(check)).not.toContain(zbx.token);

    const external = async () => (await engine!.api.listAlerts()).find((a) => a.external?.text === problem.triggerName);
    const firing = await waitFor('the Zabbix problem among the alerts', async () => (await external()) ?? null, 30_000);
    expect(firing).toMatchObject({
      severity: 'critical',
      state: 'firing',
      conditionKind: 'external',
      target: { id: check.id, name: '본사 Zabbix', kind: 'zabbix' },
      external: { sourceKind: 'zabbix', sourceLabel: '본사 Zabbix', sourceSeverity: 'high', acknowledged: false, host: 'web-01', text: problem.triggerName },
    });
    expect(firing.activeSince).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect((await engine.api.getAlert({ alertId: firing.id })).alert.id).toBe(firing.id);
    await expect(engine.api.acknowledgeAlert({ alertId: firing.id })).rejects.toMatchObject({ code: 'EXTERNAL_ALERT' });

    // Acknowledged in Zabbix: the next poll shows it acknowledged here.
    await zbx.call('event.acknowledge', { eventids: [firing.external!.externalId], action: 6, message: 'looking into it' });
    const acked = await waitFor('the acknowledgement read back', async () => {
      const a = await external();
      return a?.state === 'acknowledged' ? a : null;
    }, 30_000);
    expect(acked.external!.acknowledged).toBe(true);

    // The source's own tile: counts of problems.
    const snap = await engine.api.getSnapshot({ targetId: check.id });
    expect(snap?.metrics['zabbix.problems']).toBeGreaterThanOrEqual(1);
    expect(snap?.facts.version).toBe(zbx.version);

    await engine.stop();
    engine = null;
    // The token never reached the data folder (SQLite, logs).
    for (const f of fs.readdirSync(dataDir, { recursive: true }) as string[]) {
      const p = `${dataDir}/${f}`;
      if (fs.statSync(p).isFile()) expect(fs.readFileSync(p).includes(zbx.token), f).toBe(false);
    }
  });
});

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const { OPSDECK_ZABBIX_TOKEN: _t, OPSDECK_ZABBIX_PASSWORD: _p, ...base } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, [cliPath, ...args], { env: { ...base, ...env }, timeout: 40_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('opsdeck probe zabbix+http://', () => {
  it('prints the version, how the token went, the hosts and the problems as JSON', async () => {
    const r = await cli(['probe', `zabbix+${zbx.apiUrl}`, '--json'], { OPSDECK_ZABBIX_TOKEN: zbx.token });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ kind: 'zabbix', version: zbx.version, auth: { method: 'token', sentIn: 'auth-field' } });
    expect(report.hosts.list).toContainEqual({ name: 'web-01', cpu: 37.5, memory: null, problems: 1 });
    expect(report.problems.bySeverity.high).toBeGreaterThanOrEqual(1);
    expect(report.problems.list).toContainEqual(expect.objectContaining({ severity: 'high', host: 'web-01', text: problem.triggerName }));
    expect(r.stdout + r.stderr).not.toContain(zabbixTokenPrefix());
  });

  it('says what failed: refused, a wrong token, not a Zabbix API, no token given', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const refused = await cli(['probe', `zabbix+http://127.0.0.1:${closedPort}/api_jsonrpc.php`], { OPSDECK_ZABBIX_TOKEN: 'x' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^opsdeck: UNREACHABLE: .*refused/m);

    const auth = await cli(['probe', `zabbix+${zbx.apiUrl}`], { OPSDECK_ZABBIX_TOKEN: 'f'.repeat(64) });
    expect(auth.code).toBe(1);
    expect(auth.stderr).toMatch(/^opsdeck: AUTH_FAILED: /m);

    // The frontend's login page: a real web server that is not the API.
    const notZabbix = await cli(['probe', `zabbix+http://127.0.0.1:${zbx.apiPort}/index.php`, '--json'], { OPSDECK_ZABBIX_TOKEN: zbx.token });
    expect(notZabbix.code).toBe(1);
    expect(JSON.parse(notZabbix.stdout)).toMatchObject({ code: 'PROTOCOL', message: expect.stringContaining('not a Zabbix API') });

    const none = await cli(['probe', `zabbix+${zbx.apiUrl}`]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^opsdeck: SECRET_MISSING: Zabbix 6\.0\.\d+ answers .*OPSDECK_ZABBIX_TOKEN/m);
  });
});

const zabbixTokenPrefix = () => zbx.token.slice(0, 16);
