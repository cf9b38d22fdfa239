// Prometheus as a data source against a real Prometheus scraping a real node_exporter on
// loopback: the node_exporter target becomes a host tile whose CPU and memory match what
// `opsdeck probe local --json` reads from /proc over the same seconds, a dead target is DOWN with its scrape
// error, charts come from query_range, the wrong address, credentials or server fail with their
// own codes, and `opsdeck probe prometheus+http://` prints the same fleet as a summary.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import os from 'node:os';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckTestResult } from '../../../src/shared/checks';
import { filesystemSeriesKey, type OverviewTile } from '../../../src/shared/model';
import { noteText } from '../../../src/renderer/src/features/checks/note-text';
import { sourceErrorText } from '../../../src/renderer/src/features/checks/source-error-text';
import { createTranslate } from '../../../src/renderer/src/i18n/catalogue';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createEngine, type Engine } from '../../../src/main/engine/engine';
import { memorySecretStore } from '../../../src/main/engine/secrets';
import { freePort } from '../../support/sshd';
import { startPrometheus, TEST_ALERT_RULES, type PrometheusStack } from '../../support/prometheus';
import { cliPath, tempDataDir } from '../../support/serve-process';
import { waitFor } from '../../support/wait-for';

const run = promisify(execFile);
const ko = createTranslate('ko');
const en = createTranslate('en');
let prom: PrometheusStack;
let engine: Engine;
let deadTarget: string;

beforeAll(async () => {
  deadTarget = `127.0.0.1:${await freePort()}`;
  prom = await startPrometheus({ deadTargets: [deadTarget], alertRules: TEST_ALERT_RULES });
  engine = createEngine({ dataDir: tempDataDir(), host: 'serve', logger: new MemoryLogger(), secrets: memorySecretStore('test'), knownHostsFile: null, intervalMs: 60_000 });
  await engine.start();
}, 90_000);

afterAll(async () => {
  await engine?.stop();
  await prom?.stop();
});

const fedTile = (tiles: OverviewTile[], instance: string) => tiles.find((t) => t.target.source && t.target.id.endsWith(`:${instance}`));

describe('a Prometheus data source', () => {
  it('shows node_exporter as a host tile, with its source, whose CPU and memory match opsdeck probe local --json over the same seconds', async () => {
    const check = await engine.api.saveCheck({ kind: 'prometheus', name: 'Lab Prometheus', intervalMs: 1_000, config: { url: prom.url, auth: 'none' } });
    const tile = await waitFor('the node_exporter tile', async () => {
      const t = fedTile(await engine.api.getOverview(), prom.instance);
      return t?.snapshot?.metrics['cpu.usage'] != null ? t : null;
    });
    expect(tile.target.kind).toBe('prometheus-node');
    expect(tile.target.source).toEqual({ checkId: check.id, kind: 'prometheus', name: 'Lab Prometheus' });
    // The same metric names and units as an SSH host, so rules, glossary and charts apply unchanged.
    const m = tile.snapshot!.metrics;
    expect(m['mem.totalBytes']).toBeGreaterThan(0);
    expect(m['cpu.cores']).toBeGreaterThan(0);
    expect(m['load.perCore']).not.toBeNull();
    expect(m.uptime).toBeGreaterThan(0);
    expect(tile.snapshot!.facts.hostname).toBeTruthy();

    // The same 12 s on both sides: `opsdeck probe local --json` reads /proc/stat at its start and
    // end; the tile's samples each hold rate() over four 1 s scrapes, so the three taken 4, 8 and
    // 12 s after the probe's start cover those 12 s back to back. A long window keeps the edges
    // (where the two cannot line up to the millisecond) small on a busy shared machine.
    async function sameWindow() {
      const fed: Array<{ ts: number; cpu: number; mem: number }> = [];
      const off = engine.api.onDidSample((e) => {
        const { targetId, ts, metrics } = e.snapshot;
        if (targetId === tile.target.id && metrics['cpu.usage'] != null && metrics['mem.used'] != null) fed.push({ ts, cpu: metrics['cpu.usage'], mem: metrics['mem.used'] });
      });
      const { stdout } = await run(process.execPath, [cliPath, 'probe', 'local', '--json', '--sample-ms', '12000']);
      const local = JSON.parse(stdout) as { ts: number; sampledFrom: number; metrics: Record<string, { value: number | null }> };
      await waitFor('a fed sample after the probe', async () => fed.some((f) => f.ts >= local.ts));
      off();
      const nearest = (at: number) => fed.reduce((x, y) => (Math.abs(y.ts - at) < Math.abs(x.ts - at) ? y : x));
      const windows = [1, 2, 3].map((k) => nearest(local.sampledFrom + ((local.ts - local.sampledFrom) * k) / 3));
      const fedCpu = windows.reduce((sum, w) => sum + w.cpu, 0) / windows.length;
      // Memory is a reading at one moment: the probe's end and the sample nearest to it.
      return { localCpu: local.metrics['cpu.usage']!.value!, fedCpu, localMem: local.metrics['mem.used']!.value!, fedMem: windows[2]!.mem };
    }
    // A second round only when another job's burst fell on one edge of the first.
    const rounds = [await sameWindow()];
    if (Math.abs(rounds[0]!.fedCpu - rounds[0]!.localCpu) >= 5) rounds.push(await sameWindow());
    const agreed = rounds.find((r) => Math.abs(r.fedCpu - r.localCpu) < 5 && Math.abs(r.fedMem - r.localMem) < 5);
    expect(agreed, JSON.stringify(rounds)).toBeDefined();
    // The tile itself (what the overview draws) carries the same readings.
    const shown = fedTile(await engine.api.getOverview(), prom.instance)!;
    expect(shown.snapshot!.metrics['mem.used']).toBeGreaterThan(0);
    expect(shown.status).not.toBe('unknown');
  }, 60_000);

  it('marks a target Prometheus cannot scrape DOWN, with the scrape error', async () => {
    const tile = await waitFor('the dead target', async () => {
      const t = fedTile(await engine.api.getOverview(), deadTarget);
      return t?.snapshot?.reasons.some((r) => r.code === 'DOWN') ? t : null;
    });
    expect(tile.status).toBe('crit');
    const down = tile.snapshot!.reasons.find((r) => r.code === 'DOWN')!;
    expect(down.data?.reason).toBe('scrape');
    expect(String(down.data?.scrapeError)).toMatch(/refused/);
  }, 30_000);

  it('draws a fed host chart from query_range at the chart width, and stores no history for it', async () => {
    const tile = fedTile(await engine.api.getOverview(), prom.instance)!;
    const series = await engine.api.getSeries({ targetId: tile.target.id, keys: ['cpu.usage', 'mem.used'], range: '15m', widthPx: 300 });
    const mem = series.series.find((s) => s.key === 'mem.used')!;
    expect(mem.points.length).toBeGreaterThan(0);
    expect(mem.points.length).toBeLessThanOrEqual(301);
    expect(mem.points.at(-1)![1]).toBeGreaterThan(0);
    // 15 minutes over 300 px: a 3 s step.
    const ts = mem.points.map((p) => p[0]);
    if (ts.length > 1) expect(ts[1]! - ts[0]!).toBe(3_000);
    expect(tile.sparklines['cpu.usage'] ?? []).toEqual([]);
  }, 30_000);

  it("draws the disk chart per mount and the load chart's core line, as for an SSH host", async () => {
    const tile = fedTile(await engine.api.getOverview(), prom.instance)!;
    const root = tile.snapshot!.filesystems!.find((f) => f.mount === '/')!;
    const series = await engine.api.getSeries({ targetId: tile.target.id, keys: [filesystemSeriesKey('/'), 'cpu.cores'], range: '15m', widthPx: 300 });
    const used = series.series.find((s) => s.key === filesystemSeriesKey('/'))!.points.at(-1)![1]!;
    // The same df arithmetic as the tile's filesystem row, a few seconds apart.
    expect(Math.abs(used - root.usedPercent)).toBeLessThan(1);
    expect(series.series.find((s) => s.key === 'cpu.cores')!.points.at(-1)![1]).toBe(os.cpus().length);
  }, 30_000);

  it("lists Prometheus's own alerts beside OpsDeck's: firing and pending, with severity, text, host and source", async () => {
    const [check] = (await engine.api.listChecks()).filter((c) => c.kind === 'prometheus');
    const fromProm = async () => (await engine.api.listAlerts()).filter((a) => a.conditionKind === 'external' && a.target.id === check!.id);
    const alerts = await waitFor('both Prometheus alerts', async () => {
      const list = await fromProm();
      return list.length >= 2 ? list : null;
    });
    const firing = alerts.find((a) => a.external?.text.startsWith('OpsDeckAlwaysFiring'))!;
    expect(firing).toMatchObject({ severity: 'critical', state: 'firing', ruleId: 'external:prometheus', target: { id: check!.id, kind: 'prometheus', name: 'Lab Prometheus' } });
    expect(firing.external).toMatchObject({ sourceKind: 'prometheus', sourceLabel: 'Lab Prometheus', sourceSeverity: 'critical', text: 'OpsDeckAlwaysFiring: 디스크 교체 필요 (시험용 경보)', host: null, acknowledged: false });
    expect(firing.activeSince).toBeGreaterThan(Date.now() - 120_000);
    expect(firing.activeSince).toBeLessThanOrEqual(Date.now());
    const pending = alerts.find((a) => a.external?.text.startsWith('NodeUpForAnHour'))!;
    expect(pending).toMatchObject({ severity: 'warning', state: 'pending', firingSince: null, external: { host: prom.instance, sourceSeverity: 'warning', text: `NodeUpForAnHour: ${prom.instance} has answered for an hour` } });
    // Prometheus owns them: OpsDeck sends them to nobody and takes no acknowledgement.
    await expect(engine.api.acknowledgeAlert({ alertId: firing.id })).rejects.toMatchObject({ code: 'EXTERNAL_ALERT' });
    const tiles = await engine.api.getOverview();
    expect(tiles.find((t) => t.target.id === check!.id)!.snapshot!.metrics['prom.alerts.firing']).toBe(1);
    // The same alert, polled again, keeps its id (a fingerprint of its labels).
    const again = await waitFor('a later poll', async () => {
      const list = await fromProm();
      const same = list.find((a) => a.id === firing.id);
      return same && same.lastEvaluatedAt > firing.lastEvaluatedAt ? same : null;
    });
    expect(again.activeSince).toBe(firing.activeSince);
  }, 30_000);

  it('the source tile counts targets up and down and lists the dead one first', async () => {
    const tiles = await engine.api.getOverview();
    const source = tiles.find((t) => t.target.kind === 'prometheus')!;
    expect(source.snapshot!.metrics['prom.targets.up']).toBe(1);
    expect(source.snapshot!.metrics['prom.targets.down']).toBe(1);
    expect(source.snapshot!.tables!.targets!.rows[0]!.instance).toBe(deadTarget);
  });

  const failures: CheckTestResult[] = [];
  it('says exactly what failed: refused, not Prometheus, an error answer, wrong credentials', async () => {
    const refused = await engine.api.testCheck({ kind: 'prometheus', name: 'x', config: { url: `http://127.0.0.1:${await freePort()}`, auth: 'none' } });
    expect(refused).toMatchObject({ ok: false, code: 'UNREACHABLE' });

    const fake = http.createServer((req, res) => {
      if (req.headers.authorization !== 'Bearer right-token') return void res.writeHead(401).end('no');
      if (req.url?.startsWith('/html')) return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error' }));
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    try {
      const auth = await engine.api.testCheck({ kind: 'prometheus', name: 'x', config: { url: base, auth: 'bearer' }, secret: 'wrong' });
      expect(auth).toMatchObject({ ok: false, code: 'AUTH_FAILED' });
      const html = await engine.api.testCheck({ kind: 'prometheus', name: 'x', config: { url: `${base}/html`, auth: 'bearer' }, secret: 'right-token' });
      expect(html).toMatchObject({ ok: false, code: 'NOT_PROMETHEUS' });
      const errorAnswer = await engine.api.testCheck({ kind: 'prometheus', name: 'x', config: { url: base, auth: 'bearer' }, secret: 'right-token' });
      expect(errorAnswer).toMatchObject({ ok: false, code: 'SOURCE_ERROR', data: { errorType: 'bad_data' } });
      const noSecret = await engine.api.testCheck({ kind: 'prometheus', name: 'x', config: { url: base, auth: 'bearer' } });
      expect(noSecret).toMatchObject({ ok: false, code: 'SECRET_MISSING' });
      failures.push(refused, auth, html, errorAnswer, noSecret);
    } finally {
      fake.close();
    }
    // A secret never crosses the network in the clear: credentials need https:// unless the address is this computer.
    const clear = await engine.api.testCheck({ kind: 'prometheus', name: 'x', config: { url: 'http://prometheus.invalid:9090', auth: 'bearer' }, secret: 'right-token' }).catch((err: unknown) => err);
    expect(clear).toMatchObject({ code: 'CHECK_INVALID', data: { field: 'auth' } });
    const ok = await engine.api.testCheck({ kind: 'prometheus', name: 'x', config: { url: prom.url, auth: 'none' } });
    expect(ok).toMatchObject({ ok: true, facts: { targets: '2', up: '1', hosts: '2' } });
  }, 30_000);

  it("the add form's test button words each of those real failures in Korean and in English", () => {
    const expected = [
      { ko: /연결을 거부했습니다/, en: /^Connection refused at 127\.0\.0\.1:\d+/ },
      { ko: /인증 정보를 거부했습니다\(HTTP 401\)/, en: /refused the credentials \(HTTP 401\)/ },
      { ko: /Prometheus API가 아닙니다/, en: /not with the Prometheus API/ },
      { ko: /`status: "error"`.*\(bad_data\)/, en: /`status: "error"` \(bad_data\)/ },
      { ko: /토큰 또는 비밀번호가 필요합니다/, en: /A token or password is needed/ },
    ];
    expect(failures).toHaveLength(expected.length);
    failures.forEach((f, i) => {
      if (f.ok) throw new Error('expected a failure');
      expect(sourceErrorText(ko, f.code, f.data, 'Prometheus')).toMatch(expected[i]!.ko);
      expect(sourceErrorText(en, f.code, f.data, 'Prometheus')).toMatch(expected[i]!.en);
    });
  });

  it('says on the source page when /api/v1/alerts cannot be read, and still shows the fleet', async () => {
    // A proxy in front of the real Prometheus that forwards everything but the alert list.
    const upstream = new URL(prom.url);
    const proxy = http.createServer((req, res) => {
      if (req.url?.startsWith('/api/v1/alerts')) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('blocked');
      const forward = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.writeHead(502).end());
      req.pipe(forward);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const check = await engine.api.saveCheck({ kind: 'prometheus', name: 'Behind a proxy', intervalMs: 1_000, config: { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, auth: 'none' } });
    try {
      const tile = await waitFor('the proxied source polled', async () => {
        const t = (await engine.api.getOverview()).find((x) => x.target.id === check.id);
        return t?.snapshot && t.snapshot.metrics['prom.nodes'] != null ? t : null;
      });
      expect(tile.snapshot!.notes).toEqual([{ code: 'PROM_ALERTS_UNREADABLE' }]);
      expect(tile.snapshot!.metrics['prom.alerts.firing']).toBeUndefined();
      expect(tile.snapshot!.metrics['prom.nodes']).toBe(2);
      expect(noteText(ko, tile.snapshot!.notes![0]!)).toMatch(/경보 목록\(\/api\/v1\/alerts\)을 읽지 못해/);
      expect(noteText(en, tile.snapshot!.notes![0]!)).toMatch(/alert list \(\/api\/v1\/alerts\) could not be read/);
    } finally {
      await engine.api.deleteCheck({ checkId: check.id });
      proxy.close();
    }
  }, 30_000);

  it('takes the hosts away with the source', async () => {
    const [check] = (await engine.api.listChecks()).filter((c) => c.kind === 'prometheus');
    await engine.api.deleteCheck({ checkId: check!.id });
    const tiles = await engine.api.getOverview();
    expect(tiles.filter((t) => t.target.source)).toEqual([]);
  });
});

/** With --json an error is one object {code, message} on stdout; without, "opsdeck: CODE: sentence" on stderr. */
async function probeFails(spec: string, json = true, flags: string[] = []): Promise<string> {
  try {
    await run(process.execPath, [cliPath, 'probe', spec, ...flags, ...(json ? ['--json'] : [])]);
  } catch (err) {
    const { stdout, stderr } = err as { stdout: string; stderr: string };
    if (!json) return stderr;
    const { code, message } = JSON.parse(stdout) as { code: string; message: string };
    return `opsdeck: ${code}: ${message}`;
  }
  throw new Error('the probe succeeded');
}

// The same Prometheus, read by the CLI: one stack per file keeps CI short.
describe('opsdeck probe prometheus+http://', () => {
  it('prints the targets and every node_exporter host with its CPU and memory, and the dead one with its scrape error', async () => {
    const { stdout } = await run(process.execPath, [cliPath, 'probe', `prometheus+${prom.url}`, '--json']);
    const report = JSON.parse(stdout);
    expect(report.targets).toEqual({ total: 2, up: 1, down: 1 });
    expect(report.scrapeIntervalSeconds).toBe(1);
    const host = report.hosts.find((h: { instance: string }) => h.instance === prom.instance);
    expect(host).toMatchObject({ up: true, lastError: null });
    expect(host.cpuUsage).toBeGreaterThanOrEqual(0);
    expect(host.memUsed).toBeGreaterThan(0);
    const dead = report.hosts.find((h: { instance: string }) => h.instance === deadTarget);
    expect(dead).toMatchObject({ up: false, cpuUsage: null });
    expect(dead.lastError).toMatch(/refused/);
    const text = await run(process.execPath, [cliPath, 'probe', `prometheus+${prom.url}`]);
    expect(text.stdout).toMatch(/1 of 2 targets up, scrape every 1 s/);
    expect(text.stdout).toContain(`(${deadTarget}): DOWN: `);
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
    const token = path.join(prom.dir, 'token');
    fs.writeFileSync(token, 'secret-token\n', { mode: 0o600 });
    expect(await probeFails('prometheus+http://prometheus.invalid:9090', true, ['--token-file', token])).toMatch(/^opsdeck: BAD_FLAG: A token or password goes only over https:\/\//m);
    expect(await probeFails('prometheus+ftp://x')).toMatch(/^opsdeck: BAD_TARGET: .*prometheus\+http:\/\/host:9090/m);
    expect(await probeFails(`prometheus+http://127.0.0.1:${await freePort()}`, false)).toMatch(/^opsdeck: UNREACHABLE: Nothing accepts connections/m);
  }, 30_000);
});
