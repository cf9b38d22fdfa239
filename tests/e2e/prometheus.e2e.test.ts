// A Prometheus data source added through the browser: `opsdeck serve` in Chromium, a real
// Prometheus scraping a real node_exporter on loopback. "Add a data source" with a wrong port
// says the connection was refused; the right address passes with the targets counted; saved, the
// node_exporter host appears as a tile that names its source, and Prometheus's own alerts
// (one firing, one pending) are on the Alerts screen beside OpsDeck's, in Korean and in English.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot } from '../support/browser';
import { closedPort } from '../support/endpoint-servers';
import { startPrometheus, TEST_ALERT_RULES, type PrometheusStack } from '../support/prometheus';
import { startServe, tempDataDir, type ServeHandle } from '../support/serve-process';

let browser: Browser;
let serve: ServeHandle;
let page: Page;
let prom: PrometheusStack;

beforeAll(async () => {
  [browser, prom] = await Promise.all([launchChromium(), startPrometheus({ alertRules: TEST_ALERT_RULES })]);
  serve = await startServe({ dataDir: tempDataDir('opsdeck-e2e-prometheus-'), args: ['--interval', '2'], env: { DBUS_SESSION_BUS_ADDRESS: '' } });
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1440, height: 1000 } });
  page = await context.newPage();
}, 90_000);
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  await prom?.stop();
});

async function testButton(): Promise<{ code: string | null; text: string } | { ok: string }> {
  await page.locator('[data-testid="check-test"]').click();
  await page.locator('[data-testid="check-test-error"], [data-testid="check-test-ok"]').first().waitFor({ timeout: 30_000 });
  if ((await page.locator('[data-testid="check-test-ok"]').count()) > 0) return { ok: await page.locator('[data-testid="check-test-ok"]').innerText() };
  const error = page.locator('[data-testid="check-test-error"]');
  return { code: await error.getAttribute('data-code'), text: await error.locator('p').first().innerText() };
}

describe('a Prometheus data source in the browser', () => {
  it('names a refused port, passes with the right address, and shows the host tile with its source', async () => {
    await page.goto(`${serve.url}#/inventory`);
    await page.locator('[data-testid="sources-empty"]').waitFor();
    expect(await page.locator('[data-testid="sources-panel"] h2').innerText()).toBe('데이터 소스');
    await page.locator('[data-testid="sources-add"]').click();
    await page.locator('[data-testid="check-form"]').waitFor();
    await page.locator('[data-testid="check-field-name"]').fill('실험실 Prometheus');

    const port = await closedPort();
    await page.locator('[data-testid="check-field-url"]').fill(`http://127.0.0.1:${port}`);
    expect(await testButton()).toMatchObject({ code: 'UNREACHABLE', text: expect.stringContaining(`127.0.0.1:${port}에서 연결을 거부했습니다`) });
    await page.screenshot({ path: shot('prometheus-form-refused-ko') });

    await page.locator('[data-testid="check-field-url"]').fill(prom.url);
    const ok = await testButton();
    expect('ok' in ok && ok.ok).toMatch(/수집 대상 1개 중 1개 정상, 호스트 1대/);
    await page.locator('[data-testid="check-save"]').click();
    await page.locator('[data-testid="check-form-saved"]').waitFor();
    await page.locator('[data-testid="check-form-close"]').click();
    const row = page.locator('[data-testid="sources-list"] [data-testid^="check-row-"]');
    await row.waitFor();
    const checkId = (await row.getAttribute('data-testid'))!.replace('check-row-', '');
    expect(await row.innerText()).toContain(prom.url);

    await page.goto(`${serve.url}#/`);
    const tile = page.locator(`[data-testid="tile-${checkId}:${prom.instance}"]`);
    await tile.waitFor({ timeout: 30_000 });
    expect(await tile.locator('[data-testid="tile-source"]').innerText()).toBe('출처: Prometheus · 실험실 Prometheus');
    // With a source's hosts on screen, "only this computer is watched" would be untrue.
    expect(await page.locator('[data-testid="first-run-hint"]').count()).toBe(0);
    await expect.poll(() => tile.locator('[data-testid="metric-mem.used"]').innerText(), { timeout: 30_000 }).toMatch(/\d/);
    await page.screenshot({ path: shot('prometheus-overview-ko'), fullPage: true });
    // The fed host's page draws its charts from the source (query_range), not from OpsDeck's store.
    await tile.click();
    await page.locator('[data-testid="host-page"]').waitFor();
    expect(await page.locator('[data-testid="host-source"]').innerText()).toBe('Prometheus 소스 “실험실 Prometheus”에서 읽어 온 호스트입니다. OpsDeck은 이 서버에 직접 접속하지 않고, 수치와 차트를 Prometheus에서 가져옵니다.');
    for (const chart of ['cpu', 'memory', 'disk', 'load']) {
      await expect.poll(() => page.locator(`[data-testid="chart-${chart}"]`).getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
      expect(await page.locator(`[data-testid="chart-${chart}"] canvas`).count(), chart).toBeGreaterThan(0);
    }
    await page.screenshot({ path: shot('prometheus-host-ko'), fullPage: true });
    await page.goto(`${serve.url}#/`);

    await page.goto(`${serve.url}#/alerts`);
    const firing = page.locator('[data-testid="alert-row"][data-source="prometheus"][data-state="firing"]');
    const pending = page.locator('[data-testid="alert-row"][data-source="prometheus"][data-state="pending"]');
    await firing.waitFor({ timeout: 30_000 });
    await pending.waitFor({ timeout: 30_000 });
    const firingKo = await firing.innerText();
    expect(firingKo).toContain('OpsDeckAlwaysFiring: 디스크 교체 필요 (시험용 경보)');
    expect(firingKo).toContain('출처: 실험실 Prometheus · Prometheus 심각도: 심각');
    expect(await firing.locator('[data-testid="alert-state"]').innerText()).toBe('울림');
    expect(await pending.locator('[data-testid="alert-source"]').innerText()).toBe(`출처: 실험실 Prometheus · Prometheus 심각도: 경고 · 호스트 ${prom.instance}`);
    expect(await pending.locator('[data-testid="alert-state"]').innerText()).toBe('대기');
    // No English in the Korean rows but product names and what Prometheus itself wrote.
    const koText = (firingKo + (await pending.innerText())).replace(/Prometheus|Alertmanager|OpsDeckAlwaysFiring|NodeUpForAnHour: \S+ has answered for an hour|127\.0\.0\.1:\d+/g, '');
    expect(koText).not.toMatch(/[A-Za-z]/);
    expect(await firing.locator('[data-testid="alert-ack"]').count()).toBe(0);
    await page.screenshot({ path: shot('prometheus-alerts-ko'), fullPage: true });

    await page.goto(`${serve.url}#/`);
    await page.evaluate(() => localStorage.setItem('opsdeck.language', 'en'));
    await page.reload();
    await tile.waitFor({ timeout: 30_000 });
    expect(await tile.locator('[data-testid="tile-source"]').innerText()).toBe('From Prometheus · 실험실 Prometheus');
    await page.screenshot({ path: shot('prometheus-overview-en'), fullPage: true });

    await page.goto(`${serve.url}#/alerts`);
    await firing.waitFor({ timeout: 30_000 });
    expect(await firing.locator('[data-testid="alert-source"]').innerText()).toBe('From 실험실 Prometheus · Prometheus severity: Critical');
    expect(await firing.locator('[data-testid="alert-state"]').innerText()).toBe('Firing');
    expect(await pending.locator('[data-testid="alert-source"]').innerText()).toBe(`From 실험실 Prometheus · Prometheus severity: Warning · Host ${prom.instance}`);
    expect(await firing.locator('[data-testid="alert-handle-there"]').innerText()).toBe('Prometheus has no acknowledgement: fix the rule, or silence it in Alertmanager');
    await page.screenshot({ path: shot('prometheus-alerts-en'), fullPage: true });

    await page.goto(`${serve.url}#/inventory`);
    await page.locator('[data-testid="sources-add"]').click();
    await page.locator('[data-testid="check-field-name"]').fill('Lab');
    await page.locator('[data-testid="check-field-url"]').fill(`http://127.0.0.1:${port}`);
    expect(await testButton()).toMatchObject({ code: 'UNREACHABLE', text: expect.stringContaining(`Connection refused at 127.0.0.1:${port}`) });
    await page.screenshot({ path: shot('prometheus-form-refused-en') });
  });
});
