// The console as a person sees it: `opsdeck serve` in Debian Chromium. Screenshots are kept in
// .test-artifacts/screenshots for a human to look at.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot } from '../support/browser';
import { startServe, tempDataDir, type ServeHandle } from '../support/serve-process';

let browser: Browser;
const dataDir = tempDataDir('opsdeck-e2e-');
let serve: ServeHandle | null = null;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

async function openConsole(locale: string, hash = ''): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${serve!.url}${hash}`);
  return page;
}

const metricText = (page: Page, key: string) => page.locator(`[data-testid="tile-local"] [data-testid="metric-${key}"]`).innerText();

describe('the dashboard in a browser', () => {
  it('shows live numbers that change, in Korean by default on a Korean system', async () => {
    serve = await startServe({ dataDir, args: ['--interval', '1'] });
    const page = await openConsole('ko-KR');
    await page.locator('[data-testid="tile-local"]').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('ko');
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="tile-local"] [data-testid="metric-cpu.usage"]')?.textContent ?? ''), null, { timeout: 15_000 });
    const first = `${await metricText(page, 'cpu.usage')}|${await metricText(page, 'mem.used')}`;
    await expect
      .poll(async () => `${await metricText(page, 'cpu.usage')}|${await metricText(page, 'mem.used')}`, { timeout: 20_000, interval: 500 })
      .not.toBe(first);
    const status = await page.locator('[data-testid="tile-local"] [data-testid="tile-status"]').innerText();
    expect(status).toMatch(/정상|주의|위험|알 수 없음/);
    // A fresh install says it watches only this computer, and how to add servers.
    expect(await page.locator('[data-testid="first-run-hint"]').innerText()).toContain('지금은 이 컴퓨터만 보고 있습니다');
    await page.screenshot({ path: shot('overview-ko'), fullPage: true });
    await page.context().close();
  });

  it('switches to English and back, and remembers the choice', async () => {
    const page = await openConsole('ko-KR');
    await page.locator('[data-testid="tile-local"]').waitFor();
    await page.locator('[data-testid="lang-switch"]').click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    const status = await page.locator('[data-testid="tile-local"] [data-testid="tile-status"]').innerText();
    expect(status).toMatch(/OK|Warning|Critical|Unknown/i);
    await page.screenshot({ path: shot('overview-en'), fullPage: true });
    await page.reload();
    await page.locator('[data-testid="tile-local"]').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.context().close();
  });

  it('opens the host page with charts for CPU, memory, load, disk, disk I/O and network', async () => {
    const page = await openConsole('ko-KR');
    await page.locator('[data-testid="tile-local"]').click();
    await page.locator('[data-testid="host-page"]').waitFor();
    for (const chart of ['cpu', 'memory', 'load', 'disk', 'disk-io', 'network']) {
      await expect.poll(() => page.locator(`[data-testid="chart-${chart}"]`).getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
      expect(await page.locator(`[data-testid="chart-${chart}"] canvas`).count(), chart).toBeGreaterThan(0);
    }
    await expect.poll(() => page.locator('[data-testid="fs-table"] tbody tr').count()).toBeGreaterThan(0);
    await page.screenshot({ path: shot('host-ko'), fullPage: true });
    await page.locator('[data-testid="range-1h"]').click();
    await expect.poll(() => page.locator('[data-testid="chart-cpu"]').getAttribute('data-state')).toBe('ready');
    await page.context().close();
  });

  it('after a restart the host charts fill with the history from before it', async () => {
    const before = Number(await (async () => {
      const page = await openConsole('en-US', '#/host/local');
      await expect.poll(() => page.locator('[data-testid="chart-memory"]').getAttribute('data-points'), { timeout: 15_000 }).not.toBeNull();
      const n = await page.locator('[data-testid="chart-memory"]').getAttribute('data-points');
      await page.context().close();
      return n;
    })());
    expect(before).toBeGreaterThan(3);
    expect(await serve!.stop()).toBe(0);

    serve = await startServe({ dataDir, args: ['--interval', '1'] });
    const page = await openConsole('en-US', '#/host/local');
    await page.locator('[data-testid="host-page"]').waitFor();
    await expect.poll(async () => Number(await page.locator('[data-testid="chart-memory"]').getAttribute('data-points')), { timeout: 15_000 }).toBeGreaterThanOrEqual(before);
    await page.screenshot({ path: shot('host-en-after-restart'), fullPage: true });
    await page.context().close();
  });

  it('the wall layout shows large tiles and a clock without controls', async () => {
    const page = await openConsole('ko-KR', '&mode=wall');
    await page.locator('[data-testid="wall"]').waitFor();
    await page.locator('[data-testid="wall-clock"]').waitFor();
    await page.locator('[data-testid="tile-local"]').waitFor();
    expect(await page.locator('[data-testid="lang-switch"]').count()).toBe(0);
    await page.screenshot({ path: shot('wall-ko') });
    await page.context().close();
  });
});
