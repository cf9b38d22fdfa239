// An endpoint added through the browser: `opsdeck serve` in Chromium and real HTTPS servers on
// loopback with certificates made by the test setup. The person opens "Add an endpoint", and the
// test button says exactly what failed — self-signed, expired, refused, an unexpected status —
// until the right CA file makes it pass; then the tile and the page show the timings and the
// certificate's days left, in Korean and in English.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot } from '../support/browser';
import { closedPort, startHttpsEndpoint, type TestEndpoint } from '../support/endpoint-servers';
import { startServe, tempDataDir, type ServeHandle } from '../support/serve-process';
import { makeEndpointCerts, type EndpointCerts } from '../support/test-tls';
import { engineCall } from './incident-steps';

let browser: Browser;
let serve: ServeHandle;
let page: Page;
let certs: EndpointCerts;
let valid: TestEndpoint;
let selfSigned: TestEndpoint;
let expired: TestEndpoint;
let keeping: TestEndpoint;

beforeAll(async () => {
  certs = await makeEndpointCerts(fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-e2e-certs-')));
  [browser, valid, selfSigned, expired, keeping] = await Promise.all([
    launchChromium(),
    startHttpsEndpoint(certs.valid),
    startHttpsEndpoint(certs.selfSigned),
    startHttpsEndpoint(certs.expired),
    // Keeps idle connections as nginx does (75 s), longer than its check's interval.
    startHttpsEndpoint(certs.valid, undefined, { keepAliveTimeout: 75_000 }),
  ]);
  serve = await startServe({ dataDir: tempDataDir('opsdeck-e2e-endpoint-'), args: ['--interval', '2'], env: { DBUS_SESSION_BUS_ADDRESS: '' } });
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1440, height: 1000 } });
  page = await context.newPage();
}, 90_000);
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  await Promise.all([valid, selfSigned, expired, keeping].map((s) => s?.close()));
});

async function testButton(): Promise<{ code: string | null; reason: string | null; text: string } | { ok: string }> {
  await page.locator('[data-testid="check-test"]').click();
  const result = page.locator('[data-testid="check-test-error"], [data-testid="check-test-ok"]');
  await result.first().waitFor({ timeout: 30_000 });
  if ((await page.locator('[data-testid="check-test-ok"]').count()) > 0) return { ok: await page.locator('[data-testid="check-test-ok"]').innerText() };
  const error = page.locator('[data-testid="check-test-error"]');
  return { code: await error.getAttribute('data-code'), reason: await error.getAttribute('data-reason'), text: await error.locator('p').first().innerText() };
}

describe('an endpoint in the browser', () => {
  it('names each failure exactly, passes with the CA file, and shows the endpoint on its tile and page', async () => {
    await page.goto(`${serve.url}#/inventory`);
    await page.locator('[data-testid="endpoints-panel"]').waitFor();
    await page.locator('[data-testid="endpoints-empty"]').waitFor();
    expect(await page.locator('[data-testid="endpoints-panel"] h2').innerText()).toBe('엔드포인트');
    await page.locator('[data-testid="endpoints-add"]').click();
    await page.locator('[data-testid="check-form"]').waitFor();
    await page.locator('[data-testid="check-kind-http"]').click();
    // The token field appears only once an authentication method is chosen.
    expect(await page.locator('[data-testid="check-field-password"]').count()).toBe(0);
    await page.locator('[data-testid="check-field-name"]').fill('쇼핑몰 API');

    await page.locator('[data-testid="check-field-url"]').fill(`${selfSigned.base}/health`);
    const self = await testButton();
    expect(self).toMatchObject({ code: 'TLS_FAILED', reason: 'selfSigned' });
    expect('text' in self && self.text).toContain('자체 서명 인증서');
    await page.screenshot({ path: shot('endpoint-form-self-signed-ko') });

    await page.locator('[data-testid="check-field-url"]').fill(`${expired.base}/health`);
    await page.locator('[data-testid="check-field-caFile"]').fill(certs.caPath);
    const old = await testButton();
    expect(old).toMatchObject({ code: 'TLS_FAILED', reason: 'expired' });
    expect('text' in old && old.text).toMatch(/만료되었습니다\(\d{4}-\d\d-\d\d\)/);

    const port = await closedPort();
    await page.locator('[data-testid="check-field-url"]').fill(`https://127.0.0.1:${port}/health`);
    expect(await testButton()).toMatchObject({ code: 'CONNECTION_REFUSED', text: expect.stringContaining(`127.0.0.1:${port}가 연결을 거부했습니다`) });

    await page.locator('[data-testid="check-field-url"]').fill(`${valid.base}/status/503`);
    expect(await testButton()).toMatchObject({ code: 'HTTP_STATUS', reason: 'server', text: expect.stringContaining('HTTP 503') });

    await page.locator('[data-testid="check-field-url"]').fill(`${valid.base}/health`);
    await page.locator('[data-testid="check-field-keyword"]').fill('healthy');
    const ok = await testButton();
    expect('ok' in ok && ok.ok).toMatch(/HTTP 200 · 전체 .* \(DNS — · 연결 .* · TLS .* · 첫 바이트 .*\)/);
    expect('ok' in ok && ok.ok).toMatch(/인증서 (89|90)일 남음 \(\d{4}-\d\d-\d\d까지\) · CN=127\.0\.0\.1, O=OpsDeck Test · 발급자 CN=opsdeck-endpoint-ca/);
    await page.screenshot({ path: shot('endpoint-form-ok-ko') });

    await page.locator('[data-testid="check-save"]').click();
    await page.locator('[data-testid="check-form-saved"]').waitFor();
    await page.locator('[data-testid="check-form-close"]').click();
    const row = page.locator('[data-testid="endpoints-list"] [data-testid^="check-row-"]');
    await row.waitFor();
    const checkId = (await row.getAttribute('data-testid'))!.replace('check-row-', '');
    expect(await row.innerText()).toContain(`${valid.base}/health`);
    // The databases list stays a databases list.
    await page.locator('[data-testid="checks-empty"]').waitFor();

    // A second endpoint whose certificate expired, added over the socket: a DOWN tile with the reason in words.
    const down = (await engineCall(serve.url, 'saveCheck', { kind: 'http', name: '옛 결제 페이지', config: { url: `${expired.base}/health`, caFile: certs.caPath } })) as { id: string };
    await page.screenshot({ path: shot('endpoint-inventory-ko'), fullPage: true });

    await page.goto(`${serve.url}#/`);
    const tile = page.locator(`[data-testid="tile-${checkId}"]`);
    await tile.waitFor({ timeout: 30_000 });
    await expect.poll(() => tile.getAttribute('data-status'), { timeout: 30_000 }).toBe('ok');
    expect(await tile.getAttribute('data-kind')).toBe('http');
    expect(await tile.innerText()).toMatch(/응답 시간[\s\S]*HTTP 상태 코드[\s\S]*200[\s\S]*인증서 남은 기간[\s\S]*(89|90)일/);
    const downTile = page.locator(`[data-testid="tile-${down.id}"]`);
    await expect.poll(() => downTile.getAttribute('data-status'), { timeout: 30_000 }).toBe('crit');
    // The tile says what happened in one sentence; what to do is on the endpoint's page.
    expect(await downTile.locator('[data-testid="tile-reason"]').first().innerText()).toMatch(/^127\.0\.0\.1의 인증서가 만료되었습니다\(\d{4}-\d\d-\d\d\)\.\s*\??$/);
    await page.screenshot({ path: shot('endpoint-overview-ko'), fullPage: true });

    await tile.locator('a.tile-link').click();
    await page.locator('[data-testid="check-page"][data-state="ready"]').waitFor();
    expect(await page.locator('[data-testid="fact-certIssuer"]').innerText()).toBe('CN=opsdeck-endpoint-ca');
    expect(await page.locator('[data-testid="fact-certExpires"]').innerText()).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(await page.locator('[data-testid="fact-httpVersion"]').innerText()).toBe('HTTP/1.1');
    // This server closes idle connections after 5 s, before the next poll 30 s later: every poll connects anew.
    expect(await page.locator('[data-testid="fact-connection"]').innerText()).toMatch(/^새 연결/);
    await expect.poll(async () => Number((await page.locator('[data-testid="chart-phases"]').getAttribute('data-points')) ?? 0), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.locator('main').innerText()).not.toMatch(/\{\w+\}|metric\.http|endpoint\.|check\./);
    await page.screenshot({ path: shot('endpoint-page-ko'), fullPage: true });

    // The same screens in English.
    await page.evaluate(() => localStorage.setItem('opsdeck.language', 'en'));
    await page.reload();
    await page.locator('[data-testid="check-page"][data-state="ready"]').waitFor();
    expect(await page.locator('main').innerText()).toContain('Certificate issuer');
    await page.screenshot({ path: shot('endpoint-page-en'), fullPage: true });
    await page.goto(`${serve.url}#/`);
    await expect.poll(async () => downTile.locator('[data-testid="tile-reason"]').first().innerText().catch(() => ''), { timeout: 30_000 }).toMatch(/^The certificate of 127\.0\.0\.1 expired on \d{4}-\d\d-\d\d\.\s*\??$/);
    await page.screenshot({ path: shot('endpoint-overview-en'), fullPage: true });
    await page.goto(`${serve.url}#/inventory`);
    await page.locator('[data-testid="endpoints-add"]').click();
    await page.locator('[data-testid="check-kind-http"]').click();
    await page.locator('[data-testid="check-field-name"]').fill('Shop API');
    await page.locator('[data-testid="check-field-url"]').fill(`${selfSigned.base}/health`);
    await page.locator('[data-testid="check-field-auth"]').selectOption('bearer');
    await page.locator('[data-testid="check-field-password"]').waitFor();
    const en = await testButton();
    expect(en).toMatchObject({ code: 'TLS_FAILED', reason: 'selfSigned', text: expect.stringContaining('is self-signed') });
    await page.screenshot({ path: shot('endpoint-form-self-signed-en') });
  });

  it('says when a poll reused the kept connection, and when the certificate it shows was read', async () => {
    await page.evaluate(() => localStorage.setItem('opsdeck.language', 'ko'));
    const kept = (await engineCall(serve.url, 'saveCheck', { kind: 'http', name: '재고 API', intervalMs: 3_000, config: { url: `${keeping.base}/health`, caFile: certs.caPath } })) as { id: string };
    await page.goto(`${serve.url}#/check/${kept.id}`);
    await page.locator('[data-testid="check-page"][data-state="ready"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="fact-connection"]').innerText(), { timeout: 20_000 }).toMatch(/^이전 점검의 연결을 재사용/);
    expect(await page.locator('[data-testid="fact-certReadAt"]').innerText()).toMatch(/\d{4}.*\d{1,2}:\d\d/);
    expect(await page.locator('[data-testid="fact-certSubject"]').innerText()).toBe('CN=127.0.0.1, O=OpsDeck Test');
    expect(await page.locator('main').innerText()).not.toMatch(/\{\w+\}|check\.connection/);
    await page.screenshot({ path: shot('endpoint-page-reused-ko'), fullPage: true });
    await page.evaluate(() => localStorage.setItem('opsdeck.language', 'en'));
    await page.reload();
    await page.locator('[data-testid="check-page"][data-state="ready"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="fact-connection"]').innerText(), { timeout: 20_000 }).toMatch(/^Reused from an earlier check/);
    expect(await page.locator('main').innerText()).toContain('Certificate read at');
    await page.screenshot({ path: shot('endpoint-page-reused-en'), fullPage: true });
  });
});
