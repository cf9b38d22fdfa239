// Alerts in the browser: `opsdeck serve` watching this computer with rules imported through the
// CLI. The alert fires, shows on the Alerts screen with a badge in the navigation, is
// acknowledged with a note; the Settings tabs (rules with the 24 h preview, channels,
// maintenance, silences) are used as a person would. Screenshots in Korean and English.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { METHOD_CHANNELS, type RpcResult } from '../../src/shared/api';
import { launchChromium, shot } from '../support/browser';
import { cliPath, startServe, tempDataDir, type ServeHandle } from '../support/serve-process';
import { textProblems } from './screen-text';

let browser: Browser;
let serve: ServeHandle;
let page: Page;
const dataDir = tempDataDir('opsdeck-e2e-alerts-');

const RULES = `rules:
  - name: memory-in-use
    metric: mem.used
    above: 0.1
    for: 2s
    severity: warning
  - name: cpu-at-all
    label: 테스트용 CPU 경보
    metric: cpu.usage
    above: 0
    for: 1h
    severity: critical
settings:
  groupWait: 1s
`;

beforeAll(async () => {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'rules.yaml'), RULES);
  const out = execFileSync(process.execPath, [cliPath, 'rules', 'import', path.join(dataDir, 'rules.yaml')], { env: { ...process.env, OPSDECK_DATA_DIR: dataDir }, encoding: 'utf8' });
  expect(out).toContain('2 added');
  browser = await launchChromium();
  serve = await startServe({ dataDir, args: ['--interval', '1'], env: { DBUS_SESSION_BUS_ADDRESS: '' } });
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

const row = (rule: string) => page.locator(`[data-testid="alert-row"][data-rule="${rule}"]`);

async function setLanguage(lang: 'ko' | 'en') {
  const current = await page.locator('[data-testid="lang-switch"]').getAttribute('data-language');
  if (current !== lang) await page.locator('[data-testid="lang-switch"]').click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
}

/** One contract call over serve's socket, as the console makes it. */
async function rpc(channel: string, arg: unknown): Promise<RpcResult> {
  const ws = new WebSocket(serve.wsUrl());
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  try {
    return await new Promise<RpcResult>((resolve) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { kind: string; id?: number; result?: RpcResult };
        if (frame.kind === 'result' && frame.id === 1) resolve(frame.result!);
      });
      ws.send(JSON.stringify({ id: 1, channel, arg }));
    });
  } finally {
    ws.close();
  }
}

describe('alerts in the browser', () => {
  it('shows the firing alert with a badge, pending ones below it, and acknowledges with a note', async () => {
    await page.goto(serve.url + '#/alerts');
    await page.locator('[data-testid="alerts-screen"]').waitFor();
    await expect.poll(() => row('memory-in-use').getAttribute('data-state'), { timeout: 30_000 }).toBe('firing');
    await expect.poll(() => page.locator('[data-testid="nav-alerts-badge"]').innerText(), { timeout: 10_000 }).toContain('1');
    expect(await row('cpu-at-all').getAttribute('data-state')).toBe('pending');
    await page.screenshot({ path: shot('alerts-firing-ko'), fullPage: true });
    expect(await textProblems(page, 'ko'), 'alerts-firing-ko').toEqual([]);
    await setLanguage('en');
    await page.screenshot({ path: shot('alerts-firing-en'), fullPage: true });
    expect(await textProblems(page, 'en'), 'alerts-firing-en').toEqual([]);
    await setLanguage('ko');

    await row('memory-in-use').locator('[data-testid="alert-ack"]').click();
    await page.locator('[data-testid="alert-ack-note"]').fill('메모리 확인 중');
    await page.screenshot({ path: shot('alerts-ack-form-ko') });
    expect(await textProblems(page, 'ko'), 'alerts-ack-form-ko').toEqual([]);
    await page.locator('[data-testid="alert-ack-confirm"]').click();
    await expect.poll(() => row('memory-in-use').getAttribute('data-state')).toBe('acknowledged');
    expect(await row('memory-in-use').locator('[data-testid="alert-ack-by"]').innerText()).toContain('메모리 확인 중');
    await expect.poll(() => page.locator('[data-testid="nav-alerts-badge"]').count()).toBe(0);
    await page.screenshot({ path: shot('alerts-acknowledged-ko'), fullPage: true });
    expect(await textProblems(page, 'ko'), 'alerts-acknowledged-ko').toEqual([]);

    // Its timeline, where a notification's link leads.
    await row('memory-in-use').locator('[data-testid="alert-open"]').click();
    const timeline = page.locator('[data-testid="alert-timeline"]');
    await timeline.waitFor();
    await expect.poll(() => timeline.innerText()).toContain('메모리 확인 중');
    expect(await timeline.innerText()).toMatch(/울림[\s\S]*확인: 메모리 확인 중/);
    await page.screenshot({ path: shot('alerts-timeline-ko'), fullPage: true });
    expect(await textProblems(page, 'ko'), 'alerts-timeline-ko').toEqual([]);
    await setLanguage('en');
    await page.screenshot({ path: shot('alerts-timeline-en'), fullPage: true });
    expect(await textProblems(page, 'en'), 'alerts-timeline-en').toEqual([]);
    await setLanguage('ko');
  });

  it('silences an alert from its row; the silence shows in Settings with its reason', async () => {
    await row('cpu-at-all').locator('[data-testid="alert-silence"]').click();
    await page.locator('[data-testid="alert-silence-reason"]').fill('배포 작업 중');
    await page.locator('[data-testid="alert-silence-confirm"]').click();
    await page.goto(serve.url + '#/settings/silences');
    await page.locator('[data-testid="silence-row"]').first().waitFor();
    expect(await page.locator('[data-testid="silence-row"]').first().innerText()).toContain('배포 작업 중');
    await page.screenshot({ path: shot('settings-silences-ko'), fullPage: true });
    expect(await textProblems(page, 'ko'), 'settings-silences-ko').toEqual([]);
    await setLanguage('en');
    await page.screenshot({ path: shot('settings-silences-en'), fullPage: true });
    expect(await textProblems(page, 'en'), 'settings-silences-en').toEqual([]);
    await setLanguage('ko');
  });

  it('tries a rule on the last 24 h before saving it, and states grouping and repeats in plain words', async () => {
    await page.goto(serve.url + '#/settings');
    await page.locator('[data-testid="rules-table"]').waitFor();
    expect(await page.locator('[data-testid="grouping-explain"]').innerText()).toContain('같은 서비스의 알림을 모아 한 번에 보내고');
    await page.locator('[data-testid="rule-edit-memory-in-use"]').click();
    await page.locator('[data-testid="rule-preview"]').click();
    const result = page.locator('[data-testid="rule-preview-result"]');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/이 규칙이었다면 지난 24시간 동안 \d+번 울렸습니다/);
    // Shipped rules of the database kinds are named in Korean, not by their ids.
    expect(await page.locator('[data-testid="rules-table"]').innerText()).not.toContain('postgres-pg.');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot('settings-rules-ko'), fullPage: true });
    expect(await textProblems(page, 'ko'), 'settings-rules-ko').toEqual([]);
    await setLanguage('en');
    await page.screenshot({ path: shot('settings-rules-en'), fullPage: true });
    expect(await textProblems(page, 'en'), 'settings-rules-en').toEqual([]);
    await setLanguage('ko');
  });

  it('adds a weekly maintenance window, and shows the channels tab', async () => {
    await page.goto(serve.url + '#/settings/maintenance');
    await page.locator('[data-testid="maintenance-name"]').fill('일요일 정기 점검');
    await page.locator('[data-testid="maintenance-kind"]').selectOption('weekly');
    await page.locator('[data-testid="maintenance-minutes"]').fill('120');
    await page.locator('[data-testid="maintenance-save"]').click();
    await page.locator('[data-testid="maintenance-row"]').first().waitFor();
    expect(await page.locator('[data-testid="maintenance-row"]').first().innerText()).toContain('매주 일');
    await page.screenshot({ path: shot('settings-maintenance-ko'), fullPage: true });
    expect(await textProblems(page, 'ko'), 'settings-maintenance-ko').toEqual([]);
    await setLanguage('en');
    await page.screenshot({ path: shot('settings-maintenance-en'), fullPage: true });
    expect(await textProblems(page, 'en'), 'settings-maintenance-en').toEqual([]);
    await page.goto(serve.url + '#/settings/channels');
    await page.locator('[data-testid="settings-channels"]').waitFor();
    await page.screenshot({ path: shot('settings-channels-en') });
    expect(await textProblems(page, 'en'), 'settings-channels-en').toEqual([]);
    await setLanguage('ko');
    await page.screenshot({ path: shot('settings-channels-ko') });
    expect(await textProblems(page, 'ko'), 'settings-channels-ko').toEqual([]);
  });

  it('a rules file with a bad line is refused in the page with the line, in Korean', async () => {
    await page.goto(serve.url + '#/settings');
    await page.locator('[data-testid="rules-table"]').waitFor();
    await page.locator('[data-testid="rules-import"]').setInputFiles({ name: 'bad.yaml', mimeType: 'text/yaml', buffer: Buffer.from(RULES.replace('for: 2s', 'for: soon')) });
    const error = page.locator('[data-testid="rules-error"]');
    await error.waitFor();
    expect(await error.innerText()).toContain('5번째 줄');
    expect(await error.innerText()).not.toMatch(/problem|Fix it/);
  });

  it('the incident room shows the live health of what the incident is about', async () => {
    const created = await rpc(METHOD_CHANNELS.createIncident, { from: 'host', targetId: 'local' });
    expect(created.ok, JSON.stringify(created)).toBe(true);
    const id = (created as { ok: true; value: { incident: { id: string } } }).value.incident.id;
    await page.goto(serve.url + `#/incidents/${id}`);
    const health = page.locator('[data-testid="incident-live-health"]');
    await health.waitFor();
    await expect.poll(() => page.locator('[data-testid="incident-health-service"]').count()).toBe(1);
    await page.screenshot({ path: shot('incident-live-health-ko'), fullPage: true });
    expect(await textProblems(page, 'ko'), 'incident-live-health-ko').toEqual([]);
    await setLanguage('en');
    await page.screenshot({ path: shot('incident-live-health-en'), fullPage: true });
    expect(await textProblems(page, 'en'), 'incident-live-health-en').toEqual([]);
    await setLanguage('ko');
  });
});
