// Zabbix as a data source in the browser: `opsdeck serve` in Chromium and a real Zabbix 6.0
// (server, PostgreSQL, PHP frontend) on loopback. The person adds the source with its API token
// through the inventory's data sources panel (the generic check form), tests it, and sees the real problem on the Alerts screen beside
// OpsDeck's own alerts, with Zabbix's severity and acknowledgement, in Korean and English.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot } from '../support/browser';
import { startServe, tempDataDir, type ServeHandle } from '../support/serve-process';
import { startPrometheus, type PrometheusStack } from '../support/prometheus';
import { createLinuxHost, createProblem, startZabbix, type ProblemScenario, type ZabbixHarness } from '../support/zabbix';
import { engineCall } from './incident-steps';

let browser: Browser;
let zbx: ZabbixHarness;
let problem: ProblemScenario;
let serve: ServeHandle;
let page: Page;
let prom: PrometheusStack;
let payDb: { hostid: string };
let thisMachine: { hostid: string };
const dataDir = tempDataDir('opsdeck-e2e-zabbix-');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-e2e-zabbix-home-'));

beforeAll(async () => {
  [browser, zbx, prom] = await Promise.all([launchChromium(), startZabbix(), startPrometheus()]);
  console.log(`zabbix harness ${zbx.version}: ${JSON.stringify(zbx.timings)}`);
  // A Korean team names its triggers in Korean: the Korean screen then has no English but names.
  problem = await createProblem(zbx, { hostName: 'pay-api-01', triggerName: '결제 API 오류 급증 (pay-api-01)' });
  // A host with the Linux template's items, and this machine, which node_exporter reports too (one fleet).
  [payDb, thisMachine] = await Promise.all([
    createLinuxHost(zbx, 'pay-db-01', { 'system.cpu.util': 42.5, 'vm.memory.utilization': 63.25, 'vfs.fs.size[/,pused]': 71, 'system.cpu.num': 4, 'system.cpu.load[all,avg1]': 1.5 }),
    createLinuxHost(zbx, os.hostname(), { 'system.cpu.util': 99 }),
  ]);
  serve = await startServe({ dataDir, args: ['--interval', '2'], env: { HOME: home, SSH_AUTH_SOCK: '', DBUS_SESSION_BUS_ADDRESS: '' } });
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
}, 240_000);
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  await zbx?.stop();
  await prom?.stop();
}, 60_000);

describe('a Zabbix source in the browser', () => {
  it('adds the source with a token, and its real problem shows on the Alerts screen with severity and acknowledgement', async () => {
    await page.goto(`${serve.url}#/inventory`);
    await page.locator('[data-testid="sources-add"]').click();
    await page.locator('[data-testid="check-form"]').waitFor();
    // The data sources panel offers its kinds (Prometheus, Zabbix) and no database kinds.
    expect(await page.locator('[data-testid="check-form"]').innerText()).toContain('데이터 소스 추가');
    expect(await page.locator('[data-testid^="check-kind-"]').count()).toBe(2);
    await page.locator('[data-testid="check-kind-zabbix"]').check();
    await page.locator('[data-testid="check-field-name"]').fill('본사 Zabbix');
    await page.locator('[data-testid="check-field-url"]').fill(zbx.apiUrl);
    await page.locator('[data-testid="check-field-secret"]').fill(zbx.token);
    await page.locator('[data-testid="check-test"]').click();
    await page.locator('[data-testid="check-test-ok"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="check-test-ok"]').innerText()).toMatch(new RegExp(`버전 ${zbx.version.replace(/\./g, '\\.')} · 호스트 \\d+대 · 열린 문제 [1-9]\\d*건`));
    expect(await page.locator('.check-grants').count()).toBe(0);
    await page.screenshot({ path: shot('zabbix-form-ko') });
    await page.locator('[data-testid="check-save"]').click();
    await page.locator('[data-testid="check-form-saved"]').waitFor();
    await page.locator('[data-testid="check-form-close"]').click();
    expect(await page.content()).not.toContain(zbx.token);
    // The source as saved polls every 30 s; the test polls it every 2 s (the token stays: same address).
    const [saved] = (await engineCall(serve.url, 'listChecks')) as Array<{ id: string; kind: string; name: string; config: Record<string, unknown>; hasSecret: boolean }>;
    expect(saved).toMatchObject({ kind: 'zabbix', name: '본사 Zabbix', hasSecret: true });
    expect(await engineCall(serve.url, 'saveCheck', { id: saved!.id, kind: saved!.kind, name: saved!.name, config: saved!.config, intervalMs: 2_000 })).toMatchObject({ hasSecret: true, intervalMs: 2_000 });

    await page.goto(`${serve.url}#/alerts`);
    // This problem's row: Zabbix raises its own problems too (its default "Zabbix server" host has no agent here).
    const row = page.locator('[data-testid="alert-row"][data-source="zabbix"]', { hasText: problem.triggerName });
    await row.first().waitFor({ timeout: 30_000 });
    expect(await row.first().getAttribute('data-state')).toBe('firing');
    const ko = await row.first().innerText();
    expect(ko).toContain(problem.triggerName);
    expect(ko).toContain('출처: 본사 Zabbix · Zabbix 심각도: 높음');
    // No English words in the Korean row but product and host names.
    expect(ko.replace(/Zabbix|pay-api-01|API/g, '')).not.toMatch(/[A-Za-z]/);
    expect(ko).toContain('호스트 pay-api-01');
    expect(ko).toContain('Zabbix에서 확인 처리하세요');
    expect(await row.first().locator('[data-testid="alert-ack"]').count()).toBe(0);
    await page.screenshot({ path: shot('zabbix-alerts-ko'), fullPage: true });

    // Acknowledged in Zabbix: the screen follows on the next poll.
    const eventId = (await row.first().getAttribute('data-alert-id'))!.split(':').pop()!;
    await zbx.call('event.acknowledge', { eventids: [eventId], action: 6, message: 'on it' });
    await expect.poll(() => row.first().getAttribute('data-state'), { timeout: 30_000 }).toBe('acknowledged');
    expect(await row.first().locator('[data-testid="alert-external-ack"]').innerText()).toBe('Zabbix에서 확인됨');
    await page.screenshot({ path: shot('zabbix-alerts-acknowledged-ko'), fullPage: true });

    await page.evaluate(() => localStorage.setItem('opsdeck.language', 'en'));
    await page.reload();
    await row.first().waitFor({ timeout: 30_000 });
    const en = await row.first().innerText();
    expect(en).toContain('From 본사 Zabbix · Zabbix severity: High');
    expect(en).toContain('Acknowledged in Zabbix');
    await page.screenshot({ path: shot('zabbix-alerts-en'), fullPage: true });

    // The source's own page: the hosts Zabbix watches, with the data source named.
    await page.locator('[data-testid="alert-row"][data-source="zabbix"] td:nth-child(2) a').first().click();
    await page.locator('[data-testid="check-page"][data-state="ready"]').waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await page.locator('[data-testid="table-hosts"]').innerText()).includes('pay-api-01'), { timeout: 30_000 }).toBe(true);
    expect(await page.locator('[data-testid="table-problems"]').innerText()).toContain('High');
    await page.screenshot({ path: shot('zabbix-source-page-en'), fullPage: true });
    await page.evaluate(() => localStorage.setItem('opsdeck.language', 'ko'));
    await page.reload();
    await page.locator('[data-testid="check-page"][data-state="ready"]').waitFor({ timeout: 30_000 });
    const problemsKo = await page.locator('[data-testid="table-problems"]').innerText();
    expect(problemsKo).toContain('높음');
    expect(problemsKo).not.toMatch(/\b(high|yes|no)\b/i);
    expect(await page.locator('[data-testid="fact-auth"]').innerText()).toBe('API 토큰');
    await page.screenshot({ path: shot('zabbix-source-page-ko'), fullPage: true });
  });

  it('shows each Zabbix host as a tile that names its source, and a machine Prometheus also knows once, saying which readings it shows', async () => {
    const [source] = (await engineCall(serve.url, 'listChecks')) as Array<{ id: string }>;
    const zabbixId = source!.id;
    await page.evaluate(() => localStorage.setItem('opsdeck.language', 'ko'));
    await page.goto(`${serve.url}#/`);
    const tile = page.locator(`[data-testid="tile-${zabbixId}:${payDb.hostid}"]`);
    await tile.waitFor({ timeout: 30_000 });
    // The kind's name arrives with the kinds list, a moment after the first paint.
    await expect.poll(() => tile.locator('[data-testid="tile-source"]').innerText(), { timeout: 10_000 }).toBe('출처: Zabbix · 본사 Zabbix');
    await expect.poll(() => tile.locator('[data-testid="metric-cpu.usage"]').innerText(), { timeout: 30_000 }).toMatch(/^4[23](\.\d)?\s?%$/);
    expect(await tile.locator('[data-testid="metric-mem.used"]').innerText()).toMatch(/^63(\.\d+)?\s?%$/);
    expect(await tile.locator('[data-testid="metric-disk.used"]').innerText()).toMatch(/^71(\.0)?\s?%$/);
    // No English on the Korean tile but the names (of the host, the source and the product).
    expect((await tile.innerText()).replace(/pay-db-01|Zabbix|CPU|I\/O/g, '')).not.toMatch(/[A-Za-z]/);
    await page.screenshot({ path: shot('zabbix-tiles-ko'), fullPage: true });

    // Prometheus also reads this machine: one tile, Prometheus's, which says Zabbix knows it too.
    const promCheck = (await engineCall(serve.url, 'saveCheck', { kind: 'prometheus', name: '실험실 Prometheus', intervalMs: 2_000, config: { url: prom.url, auth: 'none' } })) as { id: string };
    const promTile = page.locator(`[data-testid="tile-${promCheck.id}:${prom.instance}"]`);
    await promTile.waitFor({ timeout: 30_000 });
    await expect.poll(() => promTile.locator('[data-testid="tile-also-from"]').count(), { timeout: 30_000 }).toBe(1);
    expect(await promTile.locator('[data-testid="tile-also-from"]').innerText()).toBe('본사 Zabbix에도 있는 호스트');
    await expect.poll(() => page.locator(`[data-testid="tile-${zabbixId}:${thisMachine.hostid}"]`).count(), { timeout: 30_000 }).toBe(0);
    await promTile.locator('a.tile-link').click();
    await page.locator('[data-testid="host-page"][data-state="ready"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="host-source"]').innerText()).toBe('Prometheus 소스 “실험실 Prometheus”에서 읽어 온 호스트입니다. OpsDeck은 이 서버에 직접 접속하지 않고, 수치와 차트를 Prometheus에서 가져옵니다.');
    expect(await page.locator('[data-testid="host-fleet-choice"]').innerText()).toBe('Prometheus와 Zabbix(본사 Zabbix)가 모두 아는 호스트: Prometheus의 수치를 보여 줍니다.');
    await page.screenshot({ path: shot('zabbix-fleet-host-ko'), fullPage: true });

    await page.evaluate(() => localStorage.setItem('opsdeck.language', 'en'));
    await page.reload();
    await page.locator('[data-testid="host-fleet-choice"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="host-fleet-choice"]').innerText()).toBe('Known to both Prometheus and Zabbix (본사 Zabbix): showing the Prometheus readings.');
    expect(await page.locator('[data-testid="host-source"]').innerText()).toBe('Read from the Prometheus source “실험실 Prometheus”. OpsDeck does not log in to this server; its numbers and charts come from Prometheus.');
    await page.screenshot({ path: shot('zabbix-fleet-host-en'), fullPage: true });

    // The Zabbix host's own page: its source and its chart, asked of Zabbix.
    await page.goto(`${serve.url}#/`);
    await tile.waitFor({ timeout: 30_000 });
    await expect.poll(() => tile.locator('[data-testid="tile-source"]').innerText(), { timeout: 10_000 }).toBe('From Zabbix · 본사 Zabbix');
    await page.screenshot({ path: shot('zabbix-tiles-en'), fullPage: true });
    await tile.locator('a.tile-link').click();
    await page.locator('[data-testid="host-page"][data-state="ready"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="host-source"]').innerText()).toBe('Read from the Zabbix source “본사 Zabbix”. OpsDeck does not log in to this server; its numbers and charts come from Zabbix.');
    expect(await page.locator('[data-testid="host-fleet-choice"]').count()).toBe(0);
    await page.screenshot({ path: shot('zabbix-host-page-en'), fullPage: true });
  });
});
