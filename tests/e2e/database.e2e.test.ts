// A database added through the browser: `opsdeck serve` in Chromium, a real sshd and a real
// PostgreSQL on loopback. The person adds the server, then the database reached through it,
// tests the connection (first with a role that lacks pg_monitor: the form names the grant),
// and sees the database's tile, its page with a long query and a lock chain, in both languages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot } from '../support/browser';
import { createLockWait, createRole, installPgStatStatements, startLongQuery, startPostgres, type PgCluster, type PgRole } from '../support/postgres';
import { startServe, tempDataDir, type ServeHandle } from '../support/serve-process';
import { startSshd, type SshdHandle } from '../support/sshd';
import { engineCall } from './incident-steps';

let browser: Browser;
let sshd: SshdHandle;
let cluster: PgCluster;
let serve: ServeHandle;
let page: Page;
let monitor: PgRole;
let bare: PgRole;
const dataDir = tempDataDir('opsdeck-e2e-db-');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-e2e-db-home-'));

beforeAll(async () => {
  [browser, sshd, cluster] = await Promise.all([launchChromium(), startSshd(), startPostgres()]);
  [monitor, bare] = await Promise.all([createRole(cluster.primary, { monitor: true }), createRole(cluster.primary, { monitor: false })]);
  await installPgStatStatements(cluster.primary);
  serve = await startServe({ dataDir, args: ['--interval', '2'], env: { HOME: home, SSH_AUTH_SOCK: '', DBUS_SESSION_BUS_ADDRESS: '' } });
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
}, 90_000);
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  await Promise.all([sshd?.stop(), cluster?.stop()]);
});

/** Korean text on screen with no Latin-only sentence: the words the kind's descriptor sent. */
async function visibleText(): Promise<string> {
  return page.locator('main').innerText();
}

describe('a database in the browser', () => {
  it('adds a database through a server, names a missing grant, and shows its page with a long query and a lock chain', async () => {
    const host = (await engineCall(serve.url, 'saveHost', {
      name: 'db-01',
      address: '127.0.0.1',
      port: sshd.port,
      user: sshd.user,
      auth: { method: 'key', keyPath: sshd.clientKey.privatePath },
      hostKeyPolicy: 'accept-new',
      intervalMs: 2_000,
    })) as { id: string };

    await page.goto(`${serve.url}#/inventory`);
    await page.locator('[data-testid="checks-panel"]').waitFor();
    await page.locator('[data-testid="checks-empty"]').waitFor();
    await page.locator('[data-testid="checks-add"]').click();
    await page.locator('[data-testid="check-form"]').waitFor();
    // An empty save names what is missing, in the app's own words (no browser bubble).
    await page.locator('[data-testid="check-save"]').click();
    await page.locator('[data-testid="check-missing"]').waitFor();
    expect(await page.locator('[data-testid="check-field-name"]').getAttribute('aria-invalid')).toBe('true');

    await page.locator('[data-testid="check-kind-postgres"]').click().catch(() => undefined);
    await page.locator('[data-testid="check-field-name"]').fill('주문 DB');
    await page.locator('[data-testid="check-field-via"]').selectOption(host.id);
    await page.locator('[data-testid="check-field-port"]').fill(String(cluster.primary.port));
    await page.locator('[data-testid="check-field-user"]').fill(bare.user);
    await page.locator('[data-testid="check-field-password"]').fill(bare.password);
    await page.locator('[data-testid="check-test"]').click();
    const error = page.locator('[data-testid="check-test-error"]');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.getAttribute('data-code')).toBe('NOT_PERMITTED');
    expect(await error.innerText()).toContain(`GRANT pg_monitor TO ${bare.user};`);
    await page.screenshot({ path: shot('database-form-missing-grant-ko') });

    await page.locator('[data-testid="check-field-user"]').fill(monitor.user);
    await page.locator('[data-testid="check-field-password"]').fill(monitor.password);
    await page.locator('[data-testid="check-test"]').click();
    await page.locator('[data-testid="check-test-ok"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="check-test-ok"]').innerText()).toMatch(/버전 15\.\d+ · 주 서버/);
    await page.locator('[data-testid="check-save"]').click();
    await page.locator('[data-testid="check-form-saved"]').waitFor();
    expect(await page.locator('[data-testid="check-field-password"]').inputValue()).toBe('');
    await page.locator('[data-testid="check-form-close"]').click();
    const row = page.locator('[data-testid^="check-row-"]');
    await row.waitFor();
    const checkId = (await row.getAttribute('data-testid'))!.replace('check-row-', '');
    expect(await page.content()).not.toContain(monitor.password);

    const query = await startLongQuery(cluster.primary, { seconds: 90, applicationName: 'settlement-batch' });
    const lock = await createLockWait(cluster.primary);
    try {
      // The overview tile, grouped like every other tile, with the kind's own numbers.
      await page.goto(`${serve.url}#/`);
      const tile = page.locator(`[data-testid="tile-${checkId}"]`);
      await tile.waitFor({ timeout: 30_000 });
      await expect.poll(() => tile.getAttribute('data-status'), { timeout: 30_000 }).not.toBe('unknown');
      expect(await tile.getAttribute('data-kind')).toBe('postgres');
      // The status and the numbers may land in different renders: wait for the numbers too.
      await expect.poll(() => tile.innerText(), { timeout: 30_000 }).toContain('연결 사용률');
      await page.screenshot({ path: shot('database-overview-ko'), fullPage: true });

      await tile.locator('a.tile-link').click();
      await page.locator('[data-testid="check-page"][data-state="ready"]').waitFor();
      const queries = page.locator('[data-testid="table-queries"]');
      await expect.poll(async () => (await queries.innerText()).includes('pg_sleep(90)'), { timeout: 30_000 }).toBe(true);
      expect(await queries.innerText()).toContain('settlement-batch');
      const chains = page.locator('[data-testid="table-lockChains"]');
      await expect.poll(async () => Number(await chains.getAttribute('data-rows')), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
      expect(await chains.innerText()).toContain(String(lock.waiterPid));
      expect(await page.locator('[data-testid="check-parent"]').innerText()).toContain('db-01');
      expect(await page.locator('[data-testid="fact-role"]').innerText()).toBe('주 서버');
      await expect.poll(async () => Number(await page.locator('[data-testid="chart-connections"]').getAttribute('data-points') ?? 0), { timeout: 30_000 }).toBeGreaterThan(0);
      const ko = await visibleText();
      expect(ko).not.toMatch(/\{\{|metric\.pg|check\.|checks\./);
      await page.screenshot({ path: shot('database-page-ko'), fullPage: true });

      // The same page in English.
      await page.evaluate(() => localStorage.setItem('opsdeck.language', 'en'));
      await page.reload();
      await page.locator('[data-testid="check-page"][data-state="ready"]').waitFor();
      await page.screenshot({ path: shot('database-page-en'), fullPage: true });
    } finally {
      await Promise.all([query.cancel(), lock.release()]);
    }
  });
});
