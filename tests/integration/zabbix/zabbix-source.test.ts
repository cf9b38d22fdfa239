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
import os from 'node:os';
import type { OverviewTile } from '../../../src/shared/model';
import { freePort } from '../../support/sshd';
import { startPrometheus, type PrometheusStack } from '../../support/prometheus';
import { createLinuxHost, createProblem, createUnreachableAgentHost, startZabbix, type ProblemScenario, type ZabbixHarness } from '../../support/zabbix';

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
      // The three values just sent, not any four points: the host's setup left readings too, and
      // Zabbix's history syncer writes on its own schedule.
      const sent = c.series[0]!.points.filter(([ts]) => ts >= (now - 2) * 1000).map(([, v]) => v);
      return [20, 30, 37.5].every((v) => sent.includes(v)) ? c : null;
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

describe('Zabbix hosts as host tiles, and one fleet with Prometheus', () => {
  let fleetEngine: Engine;
  let prom: PrometheusStack | null = null;
  let db: { hostid: string };
  let down: { hostid: string; error: string };
  let zabbixCheckId: string;
  const dbValues = {
    'system.cpu.util': 42.5,
    'system.cpu.num': 4,
    'system.cpu.load[all,avg1]': 1.5,
    'vm.memory.utilization': 63.25,
    'vm.memory.size[total]': 8589934592,
    'vm.memory.size[available]': 3156213760,
    'vfs.fs.size[/,total]': 100000000000,
    'vfs.fs.size[/,used]': 71000000000,
    'vfs.fs.size[/,pused]': 71,
    'net.if.in["eth0"]': 80000,
    'net.if.out["eth0"]': 16000,
    'system.uptime': 3600,
  };
  const zabbixTile = (tiles: OverviewTile[], hostid: string) => tiles.find((t) => t.target.id === `${zabbixCheckId}:${hostid}`);

  beforeAll(async () => {
    [db, down] = await Promise.all([createLinuxHost(zbx, 'db-01', dbValues, { visibleName: 'DB 01' }), createUnreachableAgentHost(zbx, 'agent-down', await freePort())]);
    fleetEngine = createEngine({ dataDir: tempDataDir(), host: 'serve', logger: new MemoryLogger(), secrets: memorySecretStore('test'), knownHostsFile: null, intervalMs: 60_000 });
    await fleetEngine.start();
    zabbixCheckId = (await fleetEngine.api.saveCheck({ kind: 'zabbix', name: '본사 Zabbix', intervalMs: 1_000, config: { url: zbx.apiUrl }, secret: zbx.token })).id;
  }, 120_000);
  afterAll(async () => {
    await fleetEngine?.stop();
    await prom?.stop();
  }, 30_000);

  it('shows a Zabbix host as a host tile named by its source, with the CPU and memory Zabbix holds', async () => {
    const tile = await waitFor('the db-01 tile', async () => {
      const t = zabbixTile(await fleetEngine.api.getOverview(), db.hostid);
      return t?.snapshot?.metrics['cpu.usage'] != null ? t : null;
    }, 30_000);
    expect(tile.target).toMatchObject({ name: 'DB 01', kind: 'zabbix-host', source: { checkId: zabbixCheckId, kind: 'zabbix', name: '본사 Zabbix' } });
    // What Zabbix itself holds for the host, read straight from its API.
    const held = await zbx.call<Array<{ key_: string; lastvalue: string }>>('item.get', { hostids: [db.hostid], output: ['key_', 'lastvalue'] });
    const value = (key: string) => Number(held.find((i) => i.key_ === key)!.lastvalue);
    const m = tile.snapshot!.metrics;
    expect(m['cpu.usage']).toBe(value('system.cpu.util'));
    expect(m['mem.used']).toBe(value('vm.memory.utilization'));
    expect(m['mem.totalBytes']).toBe(value('vm.memory.size[total]'));
    expect(m['mem.usedBytes']).toBe(value('vm.memory.size[total]') - value('vm.memory.size[available]'));
    expect(m['disk.used']).toBe(value('vfs.fs.size[/,pused]'));
    expect(m['load.1']).toBe(1.5);
    expect(m['load.perCore']).toBe(1.5 / 4);
    // Zabbix's template counts bits per second; OpsDeck bytes.
    expect(m['net.rxBps']).toBe(10_000);
    expect(m['net.txBps']).toBe(2_000);
    expect(m.uptime).toBe(3600);
    expect(tile.snapshot!.filesystems).toEqual([expect.objectContaining({ mount: '/', sizeBytes: 100000000000, usedBytes: 71000000000, usedPercent: 71 })]);
    expect(tile.snapshot!.facts).toMatchObject({ hostname: 'db-01', zabbixHost: 'db-01' });
    expect(tile.status).toBe('ok');
  }, 40_000);

  it('marks a host whose agent Zabbix cannot reach DOWN, with Zabbix\'s own error', async () => {
    expect(down.error).toMatch(/cannot connect|refused/i);
    const tile = await waitFor('the agent-down tile', async () => {
      const t = zabbixTile(await fleetEngine.api.getOverview(), down.hostid);
      return t?.snapshot?.reasons.some((r) => r.code === 'DOWN') ? t : null;
    }, 30_000);
    expect(tile.status).toBe('crit');
    const reason = tile.snapshot!.reasons.find((r) => r.code === 'DOWN')!;
    expect(reason).toMatchObject({ errorCode: 'UNREACHABLE', data: { reason: 'zabbix-agent', sourceError: down.error } });
    expect(tile.snapshot!.metrics).toEqual({});
  }, 40_000);

  it('reads every host\'s items with one item.get per poll, not one per host', async () => {
    const rpc = new ZabbixRpc({ url: zbx.apiUrl, credentials: { token: zbx.token } });
    const calls: string[] = [];
    const call = rpc.call.bind(rpc);
    rpc.call = ((method: string, params: unknown) => {
      calls.push(method);
      return call(method, params);
    }) as typeof rpc.call;
    const { result } = await pollZabbix(rpc, Date.now());
    expect(result.members!.length).toBeGreaterThanOrEqual(4);
    expect(calls.filter((m) => m === 'item.get')).toHaveLength(1);
    expect(calls.filter((m) => m === 'host.get')).toHaveLength(1);
  });

  it('draws the Zabbix host\'s chart from history.get through the engine\'s getSeries', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await zbx.send('db-01', 'system.cpu.util', 12.5, now - 2)).toBe(1);
    expect(await zbx.send('db-01', 'system.cpu.util', 42.5, now - 1)).toBe(1);
    const targetId = `${zabbixCheckId}:${db.hostid}`;
    // Zabbix's history syncer writes the two values on its own schedule: wait for exactly them
    // (the host's setup already left other readings of 42.5 in the history).
    const has = (points: Array<[number, number]>, ts: number, value: number) => points.some(([t, v]) => t === ts * 1000 && v === value);
    const series = await waitFor('both values in the chart', async () => {
      const s = await fleetEngine.api.getSeries({ targetId, keys: ['cpu.usage', 'mem.used', 'disk.readBps'], range: '1h', widthPx: 400 });
      const points = s.series[0]!.points as Array<[number, number]>;
      return has(points, now - 2, 12.5) && has(points, now - 1, 42.5) ? s : null;
    }, 30_000);
    const [item] = await zbx.call<Array<{ itemid: string }>>('item.get', { hostids: [db.hostid], filter: { key_: 'system.cpu.util' }, output: ['itemid'] });
    const history = await zbx.call<Array<{ clock: string; value: string }>>('history.get', { itemids: [item!.itemid], history: 0, sortfield: 'clock', sortorder: 'ASC', time_from: now - 3600, output: ['clock', 'value'] });
    expect(series.series[0]!.points).toEqual(history.map((h) => [Number(h.clock) * 1000, Number(h.value)]));
    expect(series.series[0]!.points.map(([, v]) => v)).toEqual(expect.arrayContaining([12.5, 42.5]));
    expect(series.series[1]!.points.length).toBeGreaterThanOrEqual(1);
    // No Zabbix item for disk bytes: an empty series, not zeros.
    expect(series.series[2]).toEqual({ key: 'disk.readBps', points: [] });
  }, 40_000);

  it('shows a host known to both Prometheus and Zabbix once, as the Prometheus tile, and says so', async () => {
    // node_exporter reports this machine's host name; Zabbix knows a host of the same name.
    const hostname = os.hostname();
    const [same] = await Promise.all([createLinuxHost(zbx, hostname.toUpperCase() === hostname ? hostname.toLowerCase() : hostname.toUpperCase(), { 'system.cpu.util': 99 }), startPrometheus().then((p) => void (prom = p))]);
    const zabbixFirst = await waitFor('the Zabbix tile of this machine', async () => zabbixTile(await fleetEngine.api.getOverview(), same.hostid) ?? null, 30_000);
    expect(zabbixFirst.snapshot!.metrics['cpu.usage']).toBe(99);

    const promCheck = await fleetEngine.api.saveCheck({ kind: 'prometheus', name: 'Lab Prometheus', intervalMs: 1_000, config: { url: prom!.url, auth: 'none' } });
    const shown = await waitFor('one tile, Prometheus\'s, naming Zabbix too', async () => {
      const tiles = await fleetEngine.api.getOverview();
      const p = tiles.find((t) => t.target.id === `${promCheck.id}:${prom!.instance}`);
      return p && p.target.alsoFrom?.length && !zabbixTile(tiles, same.hostid) ? p : null;
    }, 30_000);
    expect(shown.target.alsoFrom).toEqual([{ checkId: zabbixCheckId, kind: 'zabbix', name: '본사 Zabbix' }]);
    expect(shown.target.source).toMatchObject({ kind: 'prometheus' });
    // Prometheus's readings, not Zabbix's 99 %.
    expect(shown.snapshot!.metrics['cpu.usage']).not.toBe(99);
    const tiles = await fleetEngine.api.getOverview();
    // "This computer" is left beside it (docs/decisions.md): only fed tiles count here.
    expect(tiles.filter((t) => t.target.kind !== 'local' && t.target.name.toLowerCase() === hostname.toLowerCase())).toHaveLength(1);
    // Zabbix's own hosts table says where the host is shown; other Zabbix hosts stay tiles.
    const source = await waitFor('the shownAs cell', async () => {
      const snap = await fleetEngine.api.getSnapshot({ targetId: zabbixCheckId });
      const row = snap?.tables?.hosts?.rows.find((r) => r.id === same.hostid);
      return row?.shownAs ? row : null;
    }, 30_000);
    expect(source.shownAs).toBe(shown.target.name);
    expect(zabbixTile(tiles, db.hostid)).toBeDefined();
    // The targets event and listTargets carry the same choice.
    expect((await fleetEngine.api.listTargets()).find((t) => t.id === shown.target.id)?.alsoFrom).toHaveLength(1);

    // The Prometheus source goes: Zabbix shows the machine again.
    await fleetEngine.api.deleteCheck({ checkId: promCheck.id });
    await waitFor('the Zabbix tile back', async () => zabbixTile(await fleetEngine.api.getOverview(), same.hostid) ?? null, 30_000);
  }, 90_000);
});

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
