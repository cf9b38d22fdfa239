// Every screen in both languages, as a person sees it through `opsdeck serve`: no {{marker}}, no
// raw error code where a sentence belongs, no catalogue key, and in Korean no English sentence.
// A closed port and a wrong key each say, in Korean, what happened and what to do; an empty
// save gets the app's own messages, not the browser's. The "?" buttons on each screen are the
// ones the glossary's "where it appears" names. Screenshots of each screen are kept.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surfaceLinks } from '../../src/renderer/src/domain/glossary-surfaces';
import { REASON_GLOSSARY_IDS, STATUS_GLOSSARY_IDS } from '../../src/renderer/src/domain/glossary-links';
import type { GlossarySurface } from '../../src/shared/glossary';
import { launchChromium, shot } from '../support/browser';
import { startServe, tempDataDir, type ServeHandle } from '../support/serve-process';
import { freePort, startSshd, type SshdHandle } from '../support/sshd';
import { byTestId, fullShot } from './incident-steps';
import { textProblems } from './screen-text';

let browser: Browser;
let sshd: SshdHandle;
let serve: ServeHandle;
let closedPort = 0;
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-e2e-screens-home-'));
/** Ids on a screen only in some states (a warning, a failing poll): not expected on every visit. */
const STATE_DEPENDENT = new Set([...Object.values(STATUS_GLOSSARY_IDS), ...Object.values(REASON_GLOSSARY_IDS)]);
const seen: Partial<Record<GlossarySurface, Set<string>>> = {};

beforeAll(async () => {
  [browser, sshd, closedPort] = await Promise.all([launchChromium(), startSshd(), freePort()]);
  serve = await startServe({ dataDir: tempDataDir('opsdeck-e2e-screens-'), args: ['--interval', '1'], env: { HOME: home, SSH_AUTH_SOCK: '', DBUS_SESSION_BUS_ADDRESS: '' } });
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  await sshd?.stop();
});

async function open(lang: 'ko' | 'en', hash: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: lang === 'ko' ? 'ko-KR' : 'en-US', timezoneId: 'Asia/Seoul', viewport: { width: 1440, height: 900 } });
  // The language a person picked is remembered; start each context with the one under test.
  await context.addInitScript((l) => localStorage.setItem('opsdeck.language', l), lang);
  const page = await context.newPage();
  await page.goto(`${serve.url}${hash}`);
  return { context, page };
}

/** The page's text is clean in this language, and its "?" buttons are recorded for the surface. */
async function check(page: Page, lang: 'ko' | 'en', name: string, surface?: GlossarySurface): Promise<void> {
  const problems = await textProblems(page, lang);
  expect(problems, `${name} (${lang})`).toEqual([]);
  if (surface) {
    const ids = await page.locator('[data-glossary]').evaluateAll((els) => els.map((e) => e.getAttribute('data-glossary')!));
    for (const id of ids) (seen[surface] ??= new Set()).add(id);
  }
  await fullShot(page, shot(`screen-${name}-${lang}`));
}

async function fillHost(page: Page, fields: { name: string; port: number; user: string; auth: 'agent' | 'key'; key?: string }): Promise<void> {
  await byTestId(page, 'inventory-add').click();
  await byTestId(page, 'host-form').waitFor();
  await byTestId(page, 'host-name').fill(fields.name);
  await byTestId(page, 'host-address').fill('127.0.0.1');
  await byTestId(page, 'host-port').fill(String(fields.port));
  await byTestId(page, 'host-user').fill(fields.user);
  await byTestId(page, `auth-${fields.auth}`).check();
  if (fields.key) await byTestId(page, 'host-key-path').fill(fields.key);
  await byTestId(page, 'host-policy').selectOption('accept-new');
  await byTestId(page, 'host-interval').fill('1');
}

describe('errors in the Korean UI', () => {
  it('an empty save gets the app’s own Korean messages on the fields, not the browser’s', async () => {
    const { context, page } = await open('ko', '#/inventory');
    await byTestId(page, 'inventory').waitFor();
    await byTestId(page, 'inventory-add').click();
    await byTestId(page, 'host-save').click();
    await byTestId(page, 'form-invalid').waitFor();
    expect(await byTestId(page, 'host-error-address').innerText()).toContain('꼭 채워야 하는 항목입니다');
    expect(await byTestId(page, 'host-address').getAttribute('aria-invalid')).toBe('true');
    // No native validation ran: the field reports nothing of its own.
    expect(await byTestId(page, 'host-address').evaluate((el) => (el as HTMLInputElement).validationMessage)).toBe('');
    await check(page, 'ko', 'host-form-empty-save');
    await context.close();
  });

  it('a closed port says, in Korean, that nothing listens there and what to check, before any question about logins', async () => {
    const { context, page } = await open('ko', '#/inventory');
    await byTestId(page, 'inventory').waitFor();
    // ssh-agent login with no agent: only the port check can answer first.
    await fillHost(page, { name: '닫힌 포트', port: closedPort, user: 'ops', auth: 'agent' });
    await byTestId(page, 'host-test').click();
    const error = byTestId(page, 'test-error');
    await error.waitFor({ timeout: 20_000 });
    expect(await error.getAttribute('data-code')).toBe('UNREACHABLE');
    const text = await error.innerText();
    expect(text).toMatch(/^연결이 거부되었습니다\. .*확인하세요\. \(127\.0\.0\.1:\d+\)$/);
    await check(page, 'ko', 'host-form-closed-port');
    await byTestId(page, 'host-save').click();
    await byTestId(page, 'form-saved').waitFor();
    await byTestId(page, 'host-form-close').click();

    const row = page.locator('tr[data-host-name="닫힌 포트"]');
    const hostId = (await row.getAttribute('data-testid'))!.replace('host-row-', '');
    await expect.poll(() => byTestId(page, `host-state-${hostId}`).getAttribute('data-state'), { timeout: 20_000 }).toBe('error');
    expect(await byTestId(page, `host-error-${hostId}`).innerText()).toMatch(/^연결이 거부되었습니다\./);
    // One status vocabulary: unknown here as on the overview.
    await expect.poll(() => byTestId(page, `host-status-${hostId}`).getAttribute('data-status'), { timeout: 20_000 }).toBe('unknown');
    await check(page, 'ko', 'inventory-closed-port', 'targets');

    await page.goto(`${serve.url}#/`);
    await byTestId(page, `tile-${hostId}`).waitFor();
    await expect.poll(() => byTestId(page, `tile-${hostId}`).getAttribute('data-status'), { timeout: 20_000 }).toBe('unknown');
    await expect.poll(() => byTestId(page, `tile-${hostId}`).innerText(), { timeout: 20_000 }).toContain('수집 실패: 연결이 거부되었습니다.');
    // Never answered: no "last sample N min ago" as if data once arrived.
    expect(await byTestId(page, `tile-${hostId}`).innerText()).not.toContain('마지막 수집');
    await check(page, 'ko', 'overview-closed-port', 'overview');

    await page.goto(`${serve.url}#/host/${hostId}`);
    await byTestId(page, 'host-never-answered').waitFor();
    const panel = await byTestId(page, 'host-never-answered').innerText();
    expect(panel).toContain('이 서버는 아직 한 번도 응답하지 않았습니다');
    expect(panel).toMatch(/OpsDeck이 1초마다 ops@127\.0\.0\.1:\d+에 SSH로 접속해 보고 있습니다/);
    expect(panel).toMatch(/연결이 거부되었습니다\. .*sshd가 실행 중인지 확인하세요\./);
    // Nothing pretends data once arrived: no sample time, no charts, no filesystem promise.
    expect(await byTestId(page, 'host-sampled-at').count()).toBe(0);
    expect(await page.locator('[data-testid^="chart-"]').count()).toBe(0);
    expect(await byTestId(page, 'fs-empty').count()).toBe(0);
    await check(page, 'ko', 'host-never-answered', 'host-page');
    await byTestId(page, 'lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await byTestId(page, 'host-never-answered').innerText()).toMatch(/The connection was refused: no SSH server is listening on that port/);
    await check(page, 'en', 'host-never-answered', 'host-page');
    await context.close();
  });

  it('a wrong key says, in Korean, that the server refused the login and where the key must be', async () => {
    const { context, page } = await open('ko', '#/inventory');
    await byTestId(page, 'inventory').waitFor();
    await fillHost(page, { name: '잘못된 키', port: sshd.port, user: sshd.user, auth: 'key', key: sshd.strangerKey.privatePath });
    await byTestId(page, 'host-test').click();
    const error = byTestId(page, 'test-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.getAttribute('data-code')).toBe('AUTH_FAILED');
    expect(await error.innerText()).toMatch(/^서버가 로그인을 거부했습니다\. 사용자 이름과 키 또는 비밀번호를 확인하세요\. .*authorized_keys에 있어야 합니다\./);
    await check(page, 'ko', 'host-form-wrong-key');
    await context.close();
  });
});

describe('every screen in both languages', () => {
  const screens: Array<{ name: string; hash: string; ready: string; surface?: GlossarySurface }> = [
    { name: 'overview', hash: '#/', ready: 'tile-local', surface: 'overview' },
    { name: 'host-local', hash: '#/host/local', ready: 'fs-table', surface: 'host-page' },
    { name: 'inventory', hash: '#/inventory', ready: 'host-list', surface: 'targets' },
    { name: 'incidents', hash: '#/incidents', ready: 'people-panel' },
    { name: 'playbook', hash: '#/playbook', ready: 'playbook-page', surface: 'incident-room' },
    { name: 'reports', hash: '#/reports', ready: 'report-body', surface: 'reports' },
    { name: 'reports-print', hash: '#/print/reports', ready: 'report-print' },
    { name: 'glossary', hash: '#/glossary', ready: 'glossary-screen' },
    { name: 'glossary-availability', hash: '#/glossary/availability', ready: 'entry-surfaces' },
    { name: 'wall', hash: '&mode=wall', ready: 'wall' },
  ];

  for (const lang of ['ko', 'en'] as const) {
    it(`shows every screen cleanly in ${lang === 'ko' ? 'Korean' : 'English'}`, async () => {
      const { context, page } = await open(lang, '');
      for (const screen of screens) {
        await page.goto(`${serve.url}${screen.hash}`);
        await byTestId(page, screen.ready).waitFor({ timeout: 20_000 });
        // Let loading states give way to content (charts draw, lists fill).
        await page.waitForFunction(() => document.querySelectorAll('[role="status"] .spinner').length === 0, null, { timeout: 15_000 });
        await check(page, lang, screen.name, screen.surface);
      }
      await context.close();
    });
  }

  it('finds 가용성 from the typo 가용셩, and its entry names only screens that link it', async () => {
    const { context, page } = await open('ko', '#/glossary');
    await byTestId(page, 'glossary-screen').waitFor();
    await byTestId(page, 'glossary-search').fill('가용셩');
    await expect.poll(() => page.locator('[data-testid="glossary-list-entry"]').first().getAttribute('data-entry'), { timeout: 10_000 }).toBe('availability');
    await check(page, 'ko', 'glossary-typo');
    await page.goto(`${serve.url}#/glossary/availability`);
    await byTestId(page, 'entry-surfaces').waitFor();
    expect(await byTestId(page, 'entry-surfaces').locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-surface')))).toEqual(['reports', 'glossary']);
    await context.close();
  });

  it('each screen shows exactly the "?" links the glossary says it does (state-dependent ones aside)', () => {
    const links = surfaceLinks(null);
    for (const surface of ['overview', 'host-page', 'targets', 'reports'] as const) {
      const shown = seen[surface] ?? new Set<string>();
      const expected = [...links[surface]];
      expect([...shown].filter((id) => !links[surface].has(id)), `${surface}: linked but not in the glossary map`).toEqual([]);
      expect(expected.filter((id) => !shown.has(id) && !STATE_DEPENDENT.has(id)), `${surface}: in the map but never shown`).toEqual([]);
    }
  });
});
