// Notification channels in the browser, in Settings > Channels: a Slack channel added through
// the form (a missing address named, send test reaching a real receiver on loopback), a failing
// webhook whose test says what the service answered, a name that is taken. Then a rule fires on
// this computer, the webhook receives it in Korean, the alert is acknowledged in the UI, and the
// resolution arrives. Screenshots in Korean and English.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { METHOD_CHANNELS, type RpcResult } from '../../src/shared/api';
import type { AlertNotification } from '../../src/shared/notifications';
import { launchChromium, shot } from '../support/browser';
import { startReceiver, type Receiver } from '../support/http-receiver';
import { startServe, tempDataDir, type ServeHandle } from '../support/serve-process';
import { textProblems } from './screen-text';

let browser: Browser;
let serve: ServeHandle;
let page: Page;
let receiver: Receiver;
const SLACK_PATH = '/services/T0/B0/secret-token-123456';

beforeAll(async () => {
  receiver = await startReceiver();
  receiver.answer('/broken', { status: 500, body: 'boom' });
  browser = await launchChromium();
  serve = await startServe({ dataDir: tempDataDir('opsdeck-e2e-channels-'), args: ['--interval', '1'], env: { DBUS_SESSION_BUS_ADDRESS: '' } });
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1440, height: 1000 } });
  page = await context.newPage();
  page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  await receiver?.close();
});

const el = (id: string) => page.locator(`[data-testid="${id}"]`);

async function setLanguage(lang: 'ko' | 'en') {
  const current = await el('lang-switch').getAttribute('data-language');
  // Dispatched: an open form is a modal dialog over the header.
  if (current !== lang) await el('lang-switch').dispatchEvent('click');
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
}

/** Both languages: a screenshot each, and no English sentence in Korean nor a raw key in either. */
async function shots(name: string, locator?: () => ReturnType<Page['locator']>) {
  for (const lang of ['ko', 'en'] as const) {
    await setLanguage(lang);
    if (locator) await locator().screenshot({ path: shot(`${name}-${lang}`) });
    else await page.screenshot({ path: shot(`${name}-${lang}`), fullPage: true });
    expect(await textProblems(page, lang), `${name}-${lang}`).toEqual([]);
  }
  await setLanguage('ko');
}

/** One contract call over serve's socket, as the console makes it. */
async function rpc(method: keyof typeof METHOD_CHANNELS, arg: unknown): Promise<RpcResult> {
  const ws = new WebSocket(serve.wsUrl());
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  try {
    return await new Promise<RpcResult>((resolve) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { kind: string; id?: number; result?: RpcResult };
        if (frame.kind === 'result' && frame.id === 1) resolve(frame.result!);
      });
      ws.send(JSON.stringify({ id: 1, channel: METHOD_CHANNELS[method], arg }));
    });
  } finally {
    ws.close();
  }
}

const webhookEvents = () => receiver.on('/hook').map((r) => (r.json as { notification: AlertNotification; message: { text: string } }));

describe('notification channels in Settings', () => {
  it('adds a Slack channel through the form: a missing address is named, the test reaches the receiver', async () => {
    await page.goto(`${serve.url}#/settings/channels`);
    await el('channels-panel').waitFor();
    await shots('channels-empty');
    await el('channels-add').click();
    await el('channel-type').selectOption('slack');
    await el('channel-field-name').fill('운영팀 Slack');
    await el('channel-save').click();
    await el('channel-missing').waitFor();
    await shots('channels-form-missing');

    await el('channel-field-url').fill(`${receiver.url}${SLACK_PATH}`);
    await el('channel-test').click();
    await el('channel-test-ok').waitFor();
    const test = receiver.on(SLACK_PATH).at(-1)!;
    expect(test.method).toBe('POST');
    expect((test.json as { text: string }).text).toMatch(/[가-힣]/);
    await el('channel-save').click();
    await el('channel-saved').waitFor();
    await shots('channels-form-ok');
    await el('channel-close').click();
    await expect.poll(() => el('channels-panel').innerText()).toContain('운영팀 Slack');
    // The address holds the token: the list shows the host only.
    expect(await el('channels-panel').innerText()).not.toContain('secret-token-123456');
  });

  it('names a taken name, and says what a failing webhook answered on a test', async () => {
    await el('channels-add').click();
    await el('channel-type').selectOption('webhook');
    await el('channel-field-name').fill('운영팀 Slack');
    await el('channel-field-url').fill(`${receiver.url}/broken`);
    await el('channel-save').click();
    await el('channel-save-error').waitFor();
    expect(await el('channel-save-error').innerText()).toContain('같은 이름의 알림 채널이 이미 있습니다');
    await shots('channels-form-name-taken');

    await el('channel-field-name').fill('사내 웹훅');
    await el('channel-test').click();
    await el('channel-test-error').waitFor();
    expect(await el('channel-test-error').innerText()).toContain('500');
    await shots('channels-form-fail');
    await el('channel-save').click();
    await el('channel-saved').waitFor();
    await el('channel-close').click();

    await el('channels-add').click();
    await el('channel-type').selectOption('kakaowork');
    await shots('channels-form-kakaowork');
    await el('channel-close').click();
  });

  it('a rule fires on this computer, the webhook receives it, it is acknowledged in the UI, the resolution arrives', async () => {
    const saved = await rpc('saveChannel', { type: 'webhook', name: 'local-hook', language: 'ko', settings: {}, secrets: { url: `${receiver.url}/hook` } });
    expect(saved.ok).toBe(true);
    const rules = (above: number) => `rules:\n  - name: memory-in-use\n    metric: mem.used\n    above: ${above}\n    for: 2s\n    severity: warning\n    channels: [local-hook]\nsettings:\n  groupWait: 1s\n`;
    expect((await rpc('importAlertRules', { content: rules(0.1) })).ok).toBe(true);

    await expect.poll(() => webhookEvents().some((b) => b.notification.event === 'firing'), { timeout: 60_000 }).toBe(true);
    const firing = webhookEvents().find((b) => b.notification.event === 'firing')!;
    expect(firing.notification.alerts[0]).toMatchObject({ ruleName: 'memory-in-use', target: { id: 'local' } });
    expect(firing.message.text).toContain('메모리 사용률');
    // Only the channel the rule names: the Slack one heard nothing but its test.
    expect(receiver.on(SLACK_PATH)).toHaveLength(1);

    await page.goto(`${serve.url}#/alerts`);
    const row = page.locator('[data-testid="alert-row"][data-rule="memory-in-use"]');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 30_000 }).toBe('firing');
    await row.locator('[data-testid="alert-ack"]').click();
    await el('alert-ack-note').fill('메모리 확인 중');
    await el('alert-ack-confirm').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('acknowledged');
    await expect.poll(() => webhookEvents().find((b) => b.notification.event === 'acknowledged')?.message.text ?? '', { timeout: 30_000 }).toContain('메모리 확인 중');

    expect((await rpc('importAlertRules', { content: rules(101) })).ok).toBe(true);
    await expect.poll(() => webhookEvents().some((b) => b.notification.event === 'resolved'), { timeout: 30_000 }).toBe(true);
    expect(webhookEvents().filter((b) => b.notification.event === 'firing')).toHaveLength(1);

    // The delivery log in the panel: the channel's deliveries, each delivered.
    await page.goto(`${serve.url}#/settings/channels`);
    await el('channels-panel').waitFor();
    await expect.poll(() => el('channels-panel').innerText()).toContain('local-hook');
    await shots('channels-panel', () => el('channels-panel'));
  }, 150_000);
});
