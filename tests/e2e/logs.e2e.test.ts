// A server's logs in the browser: `opsdeck serve` in Chromium and a real sshd on loopback. The
// person adds a log file from the server's page, watches it live (levels, a stack trace as one
// entry, a rotation marked), filters and searches, pauses, scrolls 10,000 lines with only the
// rows on screen in the page, attaches lines to an incident, and opens the page from the
// incident's timeline at that moment; in Korean and English, with screenshots.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot } from '../support/browser';
import { LogWriter, logDir, processesMentioning } from '../support/log-files';
import { startServe, tempDataDir, type ServeHandle } from '../support/serve-process';
import { startSshd, type SshdHandle } from '../support/sshd';
import { engineCall } from './incident-steps';

let browser: Browser;
let sshd: SshdHandle;
let serve: ServeHandle;
let page: Page;
const dataDir = tempDataDir('opsdeck-e2e-logs-');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-e2e-logs-home-'));
const dir = logDir('opsdeck-e2e-logfiles-');

beforeAll(async () => {
  [browser, sshd] = await Promise.all([launchChromium(), startSshd()]);
  serve = await startServe({ dataDir, args: ['--interval', '2'], env: { HOME: home, SSH_AUTH_SOCK: '', DBUS_SESSION_BUS_ADDRESS: '' } });
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1440, height: 1000 } });
  page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && console.log('CONSOLE', m.text().slice(0, 600)));
}, 90_000);
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  await sshd?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const JAVA_TRACE = [
  '2026-12-06 10:00:05,100 ERROR [main] c.e.OrderService - Payment failed for order 4411',
  'java.lang.IllegalStateException: gateway answered 502',
  '\tat com.example.OrderService.pay(OrderService.java:88)',
  '\tat com.example.OrderService.checkout(OrderService.java:41)',
  'Caused by: java.net.SocketTimeoutException: Read timed out',
  '\t... 2 more',
];

describe('a server\'s logs in the browser', () => {
  it('adds a log from the server page, follows it live, filters, pauses, attaches lines to an incident and jumps back to them', async () => {
    const host = (await engineCall(serve.url, 'saveHost', {
      name: 'app-01',
      address: '127.0.0.1',
      port: sshd.port,
      user: sshd.user,
      auth: { method: 'key', keyPath: sshd.clientKey.privatePath },
      hostKeyPolicy: 'accept-new',
      intervalMs: 2_000,
    })) as { id: string };
    const file = path.join(dir, 'orders.log');
    const w = new LogWriter(file);
    for (let i = 1; i <= 12; i++) w.line(`2026-12-06 10:00:${String(i).padStart(2, '0')},000 ${i % 6 === 0 ? 'WARN' : 'INFO'} [http] GET /api/orders/${i} 200`);

    // The server's page has a Logs section; adding a source opens on the logs page.
    await page.goto(`${serve.url}#/host/${encodeURIComponent(host.id)}`);
    await page.locator('[data-testid="host-logs"]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: shot('logs-host-section-ko'), fullPage: true });
    await page.locator('[data-testid="host-logs-open"]').click();
    await page.locator('[data-testid="logs-page"]').waitFor();
    await page.locator('[data-testid="log-sources-empty"]').waitFor();
    await page.locator('[data-testid="log-add-source"]').click();
    await page.locator('[data-testid="check-form"]').waitFor();
    await page.locator('[data-testid="check-field-name"]').fill('주문 서비스 로그');
    expect(await page.locator('[data-testid="check-field-via"]').inputValue()).toBe(host.id);
    await page.locator('[data-testid="check-field-path"]').fill(path.join(dir, 'missing.log'));
    await page.locator('[data-testid="check-test"]').click();
    const refused = page.locator('[data-testid="check-test-error"]');
    await refused.waitFor({ timeout: 30_000 });
    expect(await refused.getAttribute('data-code')).toBe('LOG_NOT_FOUND');
    expect(await refused.innerText()).toContain('서버에 그 로그 파일이 없습니다');
    await page.locator('[data-testid="check-field-path"]').fill(file);
    await page.locator('[data-testid="check-test"]').click();
    await page.locator('[data-testid="check-test-ok"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="check-save"]').click();
    await page.locator('[data-testid="check-form-saved"]').waitFor();
    await page.locator('[data-testid="check-form-close"]').click();
    const source = page.locator('[data-testid^="log-source-c-"]');
    await source.waitFor({ timeout: 15_000 });
    const checkId = (await source.getAttribute('data-testid'))!.replace('log-source-', '');
    await source.click();

    // Live: the last lines, then what is written, a trace as one entry, a rotation marked.
    const view = page.locator('[data-testid="log-view"]');
    await expect.poll(() => view.getAttribute('data-state'), { timeout: 30_000 }).toBe('following');
    await expect.poll(async () => page.locator('[data-testid="log-row"]').count(), { timeout: 15_000 }).toBe(12);
    for (const l of JAVA_TRACE) w.line(l);
    w.line('2026-12-06 10:00:06,000 INFO [http] GET /api/orders/13 200');
    await expect.poll(async () => page.locator('[data-testid="log-row"][data-level="error"]').count(), { timeout: 15_000 }).toBe(1);
    const error = page.locator('[data-testid="log-row"][data-level="error"]');
    expect(await error.innerText()).toContain('Caused by: java.net.SocketTimeoutException');
    expect(await error.innerText()).toContain('6줄');
    w.renameRotate();
    w.reopen();
    w.line('2026-12-06 10:00:07,000 INFO [http] after the rotation');
    w.line('\u001b[31m2026-12-06 10:00:08,000 WARN <b>colour</b> and markup stay text\u001b[0m');
    await page.locator('[data-testid="log-mark"][data-kind="rotated"]').waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await page.locator('[data-testid="log-scroll"]').innerText()).includes('<b>colour</b> and markup stay text'), { timeout: 10_000 }).toBe(true);
    expect(await page.locator('[data-testid="log-scroll"] b').count()).toBe(0);
    expect(await page.locator('[data-testid="log-mark"][data-kind="rotated"]').innerText()).toContain('빠진 줄 없이');

    // Level filter and search with highlight.
    await page.locator('[data-testid="log-level-info"]').uncheck();
    await expect.poll(async () => page.locator('[data-testid="log-row"]').count()).toBe(4);
    await page.locator('[data-testid="log-level-info"]').check();
    await page.locator('[data-testid="log-search"]').fill('orders/1');
    await expect.poll(async () => page.locator('[data-testid="log-row"] mark').count()).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: shot('logs-search-ko'), fullPage: true });
    await page.locator('[data-testid="log-search"]').fill('');

    // Pause holds the list; new lines wait and show on resume.
    await page.locator('[data-testid="log-pause"]').click();
    const before = await page.locator('[data-testid="log-row"]').count();
    w.line('2026-12-06 10:00:09,000 ERROR while paused');
    await page.locator('[data-testid="log-waiting"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="log-row"]').count()).toBe(before);
    await page.locator('[data-testid="log-resume"]').click();
    await expect.poll(async () => (await page.locator('[data-testid="log-scroll"]').innerText()).includes('while paused')).toBe(true);

    // The error-rate chart counts what the polls read (the source polls once a minute).
    await page.screenshot({ path: shot('logs-page-ko'), fullPage: true });

    // Pick the error and attach it to an incident's timeline.
    const incident = (await engineCall(serve.url, 'createIncident', { from: 'manual', title: '주문 결제 실패', severity: 'SEV2', hosts: [host.id] })) as { incident: { id: string } };
    await page.locator('[data-testid="log-row"][data-level="error"] .log-pick').first().check();
    await page.locator('[data-testid="log-attach"]').waitFor();
    await page.locator('[data-testid="log-attach-button"]').click();
    await page.locator('[data-testid="log-attached"]').waitFor({ timeout: 15_000 });
    const detail = (await engineCall(serve.url, 'getIncident', { id: incident.incident.id })) as { incident: { timeline: Array<{ kind: string; evidence?: { lines: Array<{ text: string; ts: number }> } }> } };
    const attached = detail.incident.timeline.find((e) => e.kind === 'logs-attached')!;
    expect(attached.evidence!.lines[0]!.text).toContain('Payment failed for order 4411');

    // The incident's timeline links back to the logs at that moment.
    await page.goto(`${serve.url}#/incidents/${encodeURIComponent(incident.incident.id)}`);
    const link = page.locator('[data-testid="timeline-logs-link"]');
    await link.waitFor({ timeout: 15_000 });
    await link.click();
    await page.locator('[data-testid="logs-page"]').waitFor();
    expect(page.url()).toContain(`source=${checkId}`);
    expect(page.url()).toContain(`at=${attached.evidence!.lines[0]!.ts}`);
    await page.locator('[data-testid="kept-events"]').waitFor();
    await page.locator('[data-testid="log-chart"]').waitFor();
    await page.screenshot({ path: shot('logs-jump-to-time-ko'), fullPage: true });
    const ko = await page.locator('main').innerText();
    expect(ko).not.toMatch(/\{\{|logs\.[a-z]|check\.note/);

    // The same page in English.
    await page.evaluate(() => localStorage.setItem('opsdeck.language', 'en'));
    await page.reload();
    await page.locator('[data-testid="log-view"][data-state="following"]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: shot('logs-page-en'), fullPage: true });
    const en = await page.locator('main').innerText();
    expect(en).toContain('Errors and warnings per minute');
    expect(en).toContain('Live');
    expect(en).not.toMatch(/로그 소스|실시간 보기|오류와 경고/);
    await page.evaluate(() => localStorage.setItem('opsdeck.language', 'ko'));

    // Leaving the page ends the tail on the server.
    await page.goto(`${serve.url}#/`);
    await expect.poll(() => processesMentioning('orders.log').filter((p) => p.cmdline.startsWith('tail -F')).length, { timeout: 15_000 }).toBe(0);
    w.close();
  });

  it('scrolls 10,000 lines with only the rows on screen in the page', async () => {
    const host = (await engineCall(serve.url, 'listInventory')) as { hosts: Array<{ id: string }> };
    const file = path.join(dir, 'busy.log');
    const w = new LogWriter(file);
    const check = (await engineCall(serve.url, 'saveCheck', { kind: 'log-file', name: 'busy', config: { via: host.hosts[0]!.id, path: file } })) as { id: string };
    await page.goto(`${serve.url}#/logs/${encodeURIComponent(host.hosts[0]!.id)}?source=${check.id}`);
    const view = page.locator('[data-testid="log-view"]');
    await expect.poll(() => view.getAttribute('data-state'), { timeout: 30_000 }).toBe('following');
    const lines = Array.from({ length: 10_000 }, (_, i) => `2026-12-06 11:00:00 ${i % 50 === 0 ? 'ERROR' : 'INFO'} request ${i + 1} took ${i % 97} ms`);
    w.raw(`${lines.join('\n')}\n`);
    await expect.poll(() => view.getAttribute('data-items'), { timeout: 30_000 }).toBe('10000');
    const rendered = await page.locator('[data-testid="log-row"]').count();
    expect(rendered).toBeLessThan(120);
    // Scroll through the whole list; the page reports its slowest frame (no timing is asserted).
    const frames = await page.evaluate(async () => {
      const el = document.querySelector('[data-testid="log-scroll"]') as HTMLElement;
      const times: number[] = [];
      let last = performance.now();
      for (let y = 0; y <= el.scrollHeight; y += el.clientHeight) {
        el.scrollTop = y;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      return { frames: times.length, slowest: Math.max(...times), rows: document.querySelectorAll('[data-testid="log-row"]').length };
    });
    console.log(`10,000 lines: ${frames.frames} screens scrolled, slowest frame ${frames.slowest.toFixed(1)} ms, ${frames.rows} rows in the page`);
    expect(frames.rows).toBeLessThan(120);
    expect(await page.locator('[data-testid="log-row"]').last().innerText()).toContain('request 10000');
    await page.screenshot({ path: shot('logs-10000-lines-ko') });
    w.close();
  });
});
