// The glossary as a person uses it, in Debian Chromium against `opsdeck serve`: popovers from
// the host page, search, deep links, the organisation's own terms across a restart, and a JSON
// export imported into another data folder. Screenshots go to .test-artifacts/screenshots.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot } from '../support/browser';
import { startServe, tempDataDir, type ServeHandle } from '../support/serve-process';

let browser: Browser;
const dataDir = tempDataDir('opsdeck-e2e-glossary-');
let serve: ServeHandle;
let other: ServeHandle | null = null;
let exportedFile = '';

beforeAll(async () => {
  browser = await launchChromium();
  serve = await startServe({ dataDir, args: ['--interval', '1'] });
});
afterAll(async () => {
  await other?.stop();
  await serve?.stop();
  await browser?.close();
});

async function openPage(locale: 'ko-KR' | 'en-US', hash: string, handle: ServeHandle = serve, theme?: 'light'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  if (theme) await page.addInitScript((t) => localStorage.setItem('opsdeck.theme', t), theme);
  await page.goto(`${handle.url}${hash}`);
  return page;
}

const popover = (page: Page) => page.locator('[data-testid="glossary-popover"]');
/** Waits until the popover shows the entry (the glossary may still be loading when it opens). */
async function popoverShows(page: Page, id: string): Promise<void> {
  await expect.poll(async () => `${await popover(page).getAttribute('data-entry')}:${await popover(page).getAttribute('data-state')}`, { timeout: 10_000 }).toBe(`${id}:ready`);
}
const focusIsInPopover = (page: Page) => page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null);

async function openHostCharts(page: Page): Promise<void> {
  await page.locator('[data-testid="host-page"]').waitFor();
  await expect.poll(() => page.locator('[data-testid="chart-cpu"]').getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
}

describe('glossary popovers on the host page', () => {
  it('open from a chart title in Korean: focus moves in, Esc closes and gives focus back', async () => {
    const page = await openPage('ko-KR', '#/host/local');
    await openHostCharts(page);
    const button = page.locator('[data-testid="chart-cpu"] .glossary-btn');
    await button.click();
    await popoverShows(page, 'cpu-usage');
    expect(await popover(page).getAttribute('role')).toBe('dialog');
    expect(await popover(page).innerText()).toContain('CPU 사용률');
    expect(await popover(page).innerText()).toContain('왜 중요한가요');
    expect(await focusIsInPopover(page)).toBe(true);
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: shot('glossary-popover-chart-ko') });
    await page.keyboard.press('Escape');
    await expect.poll(() => popover(page).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-glossary'))).toBe('cpu-usage');
    await page.context().close();
  });

  it('open from a chart title and a metric label in English; an outside click closes', async () => {
    const page = await openPage('en-US', '#/host/local');
    await openHostCharts(page);
    await page.locator('[data-testid="chart-network"] .glossary-btn').click();
    await popoverShows(page, 'network-throughput');
    expect(await popover(page).innerText()).toContain('Why it matters');
    await page.mouse.click(5, 890);
    await expect.poll(() => popover(page).count()).toBe(0);

    const metric = page.locator('[data-testid="current-values"] dt', { hasText: 'I/O wait' }).locator('.glossary-btn');
    await metric.click();
    await popoverShows(page, 'iowait');
    expect(await popover(page).innerText()).toMatch(/waiting for the disk|disk/i);
    await page.screenshot({ path: shot('glossary-popover-metric-en') });
    await popover(page).locator('[data-testid="glossary-popover-more"]').click();
    await page.locator('[data-testid="glossary-entry"][data-entry="iowait"]').waitFor();
    expect(page.url()).toMatch(/#\/glossary\/iowait$/);
    await page.context().close();
  });

  it('open from a metric label in Korean, readable in the light theme', async () => {
    const page = await openPage('ko-KR', '#/host/local', serve, 'light');
    await openHostCharts(page);
    await page.locator('[data-testid="current-values"] dt', { hasText: '코어당 부하' }).locator('.glossary-btn').click();
    await popoverShows(page, 'load-average');
    expect(await popover(page).innerText()).toContain('부하');
    await page.screenshot({ path: shot('glossary-popover-metric-ko-light') });
    await page.context().close();
  });

  it('every metric label, status badge, chart title and reason on the host page has a "?"', async () => {
    const page = await openPage('ko-KR', '#/host/local');
    await openHostCharts(page);
    const missing = await page.evaluate(() => {
      const gaps: string[] = [];
      document.querySelectorAll('[data-testid="current-values"] dt, [data-testid="host-facts"] dt').forEach((dt) => {
        if (/가동|호스트/.test(dt.textContent ?? '') || dt.closest('[data-testid="current-values"]')) if (!dt.querySelector('.glossary-btn')) gaps.push(`label ${dt.textContent}`);
      });
      document.querySelectorAll('.chart-title').forEach((t) => !t.querySelector('.glossary-btn') && gaps.push(`chart ${t.textContent}`));
      document.querySelectorAll('.badge').forEach((b) => !b.parentElement?.querySelector('.glossary-btn') && gaps.push(`badge ${b.textContent}`));
      document.querySelectorAll('[data-testid="reasons"] li').forEach((r) => !r.querySelector('.glossary-btn') && r.textContent !== '…' && gaps.push(`reason ${r.textContent}`));
      return gaps;
    });
    expect(missing).toEqual([]);
    await page.context().close();
  });

  it('the wall shows no "?" buttons (no keyboard there)', async () => {
    const page = await openPage('ko-KR', '&mode=wall');
    await page.locator('[data-testid="tile-local"]').waitFor();
    expect(await page.locator('.glossary-btn').count()).toBe(0);
    await page.context().close();
  });
});

describe('the glossary screen', () => {
  it('finds 장애 from "ㅈㅇ" and latency from "latncy"', async () => {
    const page = await openPage('ko-KR', '#/');
    await page.locator('[data-testid="nav-glossary"]').click();
    await page.locator('[data-testid="glossary-list"]').waitFor();
    await page.locator('[data-testid="glossary-search"]').fill('ㅈㅇ');
    const first = page.locator('[data-testid="glossary-list-entry"]').first();
    await expect.poll(() => first.getAttribute('data-entry')).toBe('incident');
    expect(await first.innerText()).toContain('장애');
    await page.screenshot({ path: shot('glossary-search-choseong-ko') });
    await page.locator('[data-testid="glossary-search"]').fill('latncy');
    await expect.poll(() => first.getAttribute('data-entry')).toBe('latency');
    await first.click();
    await page.locator('[data-testid="glossary-entry"][data-entry="latency"]').waitFor();
    await page.context().close();
  });

  it('opens an entry by deep link, with bands, related links and a safe source link; prints cleanly', async () => {
    const page = await openPage('ko-KR', '#/glossary/cpu-usage');
    const entry = page.locator('[data-testid="glossary-entry"][data-entry="cpu-usage"]');
    await entry.waitFor();
    expect(await entry.locator('h1').innerText()).toContain('CPU 사용률');
    expect(await entry.locator('[data-testid="bands-table"] tbody tr').count()).toBeGreaterThan(1);
    expect(await entry.locator('[data-testid="related-link"]').count()).toBeGreaterThan(0);
    const source = entry.locator('[data-testid="source-link"]');
    expect(await source.getAttribute('target')).toBe('_blank');
    expect(await source.getAttribute('rel')).toBe('noopener noreferrer');
    await page.screenshot({ path: shot('glossary-entry-ko'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="glossary-search"]').isVisible()).toBe(false);
    await page.screenshot({ path: shot('glossary-entry-print-ko'), fullPage: true });
    await page.context().close();

    const en = await openPage('en-US', '#/glossary/nines');
    await en.locator('[data-testid="glossary-entry"][data-entry="nines"] [data-testid="reference-table"]').waitFor();
    await en.locator('[data-testid="glossary-index-S"]').click();
    await en.screenshot({ path: shot('glossary-entry-en') });
    await en.context().close();
  });

  it('adds an organisation term with validation messages, and it survives a restart', async () => {
    const page = await openPage('ko-KR', '#/glossary');
    await page.locator('[data-testid="glossary-add"]').click();
    const form = page.locator('[data-testid="glossary-form"]');
    await form.locator('[data-testid="form-save"]').click();
    await form.locator('[data-testid="form-error-summary"]').waitFor();
    expect(await form.locator('[data-testid="error-termKo"]').innerText()).toContain('입력해 주세요');
    await form.locator('[data-testid="field-sourceUrl"]').fill('http://wiki.example.com');
    await form.locator('[data-testid="form-save"]').click();
    expect(await form.locator('[data-testid="error-sourceUrl"]').innerText()).toContain('https://');
    await page.screenshot({ path: shot('glossary-form-errors-ko'), fullPage: true });

    await form.locator('[data-testid="field-termKo"]').fill('결제 게이트웨이');
    await form.locator('[data-testid="field-termEn"]').fill('Payment gateway');
    expect(await form.locator('[data-testid="field-id"]').inputValue()).toBe('payment-gateway');
    await form.locator('[data-testid="field-acronym"]').fill('PGW');
    await form.locator('[data-testid="field-definitionKo"]').fill('카드 결제를 카드사로 전달하는 우리 회사의 내부 서비스입니다.');
    await form.locator('[data-testid="field-definitionEn"]').fill('Our internal service that passes card payments on to the card companies.');
    await form.locator('[data-testid="field-whyKo"]').fill('멈추면 모든 주문이 결제 단계에서 실패합니다.');
    await form.locator('[data-testid="field-whyEn"]').fill('When it stops, every order fails at checkout.');
    await form.locator('[data-testid="field-related"]').fill('latency error-rate');
    await form.locator('[data-testid="field-sourceTitle"]').fill('결제팀 위키');
    await form.locator('[data-testid="field-sourceUrl"]').fill('https://wiki.example.com/payments/gateway');
    await form.locator('[data-testid="form-save"]').click();
    const entry = page.locator('[data-testid="glossary-entry"][data-entry="payment-gateway"]');
    await entry.waitFor();
    expect(await entry.getAttribute('data-origin')).toBe('org');
    expect(await entry.locator('[data-testid="origin-badge"]').innerText()).toBe('조직 용어');
    await page.screenshot({ path: shot('glossary-org-term-ko'), fullPage: true });
    await page.context().close();

    expect(await serve.stop()).toBe(0);
    serve = await startServe({ dataDir, args: ['--interval', '1'] });
    const after = await openPage('en-US', '#/glossary/payment-gateway');
    const again = after.locator('[data-testid="glossary-entry"][data-entry="payment-gateway"]');
    await again.waitFor();
    expect(await again.locator('h1').innerText()).toContain('Payment gateway');
    await after.locator('[data-testid="glossary-search"]').fill('ㄱㅈ ㄱㅇㅌㅇㅇ');
    await after.locator('[data-testid="glossary-filter-org"]').click();
    await after.locator('[data-testid="glossary-search"]').fill('');
    expect(await after.locator('[data-testid="glossary-list-entry"]').count()).toBe(1);
    await after.screenshot({ path: shot('glossary-org-term-after-restart-en') });
    await after.context().close();
  });

  it('exports JSON and imports it into a fresh data folder', async () => {
    const page = await openPage('en-US', '#/glossary');
    await page.locator('[data-testid="glossary-exchange-open"]').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-json"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^opsdeck-glossary-org-\d{4}-\d{2}-\d{2}\.opsdeck-glossary$/);
    exportedFile = path.join(tempDataDir('opsdeck-e2e-export-'), download.suggestedFilename());
    await download.saveAs(exportedFile);
    const exported = JSON.parse(fs.readFileSync(exportedFile, 'utf8')) as { entries: Array<{ id: string }> };
    expect(exported.entries.map((e) => e.id)).toEqual(['payment-gateway']);
    await page.context().close();

    other = await startServe({ dataDir: tempDataDir('opsdeck-e2e-fresh-'), args: ['--interval', '5'] });
    const fresh = await openPage('ko-KR', '#/glossary', other);
    await fresh.locator('[data-testid="glossary-exchange-open"]').click();
    await fresh.locator('[data-testid="import-file"]').setInputFiles(exportedFile);
    const summary = fresh.locator('[data-testid="import-summary"]');
    await summary.waitFor();
    expect(await summary.getAttribute('data-added')).toBe('1');
    expect(await summary.getAttribute('data-rejected')).toBe('0');
    await fresh.screenshot({ path: shot('glossary-import-summary-ko') });
    await fresh.goto(`${other.url}#/glossary/payment-gateway`);
    await fresh.locator('[data-testid="glossary-entry"][data-entry="payment-gateway"]').waitFor();
    expect(await fresh.locator('[data-testid="glossary-entry"] h1').innerText()).toContain('결제 게이트웨이');
    await fresh.context().close();
  });
});
