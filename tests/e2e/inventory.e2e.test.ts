// Adding a real server through the browser: `opsdeck serve` in Chromium, a real sshd on
// loopback. The person types the server with a passphrase-protected key, tests the connection,
// compares and trusts the fingerprint, and sees the server's tile and charts. The passphrase
// must never come back: not in the page, not in the SQLite file, not in the log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintSha256 } from '../../src/main/engine/transport/host-key-policy';
import { launchChromium, shot } from '../support/browser';
import { startServe, tempDataDir, type ServeHandle } from '../support/serve-process';
import { startSshd, type SshdHandle } from '../support/sshd';

let browser: Browser;
let sshd: SshdHandle;
let serve: ServeHandle;
let page: Page;
let hostId = '';
const dataDir = tempDataDir('opsdeck-e2e-inventory-');
// Its own HOME: no ~/.ssh/known_hosts of this machine, and no keychain (no D-Bus session).
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-e2e-home-'));

beforeAll(async () => {
  [browser, sshd] = await Promise.all([launchChromium(), startSshd()]);
  serve = await startServe({ dataDir, args: ['--interval', '2'], env: { HOME: home, SSH_AUTH_SOCK: '', DBUS_SESSION_BUS_ADDRESS: '' } });
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  await sshd?.stop();
});

const passphrase = () => sshd.encryptedKey.passphrase;

/** Every place a secret could show up in the page: markup, text, and the live values of inputs. */
async function pageHolds(text: string): Promise<boolean> {
  const values = await page.evaluate(() => [...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value).join('\n'));
  return (await page.content()).includes(text) || values.includes(text);
}

describe('inventory in the browser', () => {
  it('adds a server, shows its fingerprint for trust, and connects once it is trusted', async () => {
    await page.goto(`${serve.url}#/inventory`);
    await page.locator('[data-testid="inventory"]').waitFor();
    expect(await page.locator('[data-testid="secret-storage"]').getAttribute('data-backend')).toBe('memory');
    await page.screenshot({ path: shot('inventory-empty-ko'), fullPage: true });

    await page.locator('[data-testid="inventory-add"]').click();
    await page.locator('[data-testid="host-form"]').waitFor();
    await page.locator('[data-testid="host-name"]').fill('테스트 sshd');
    await page.locator('[data-testid="host-address"]').fill('127.0.0.1');
    await page.locator('[data-testid="host-port"]').fill(String(sshd.port));
    await page.locator('[data-testid="host-user"]').fill(sshd.user);
    await page.locator('[data-testid="host-key-path"]').fill(sshd.encryptedKey.privatePath);
    await page.locator('[data-testid="host-secret"]').fill(passphrase());
    await page.locator('[data-testid="host-interval"]').fill('2');
    await page.locator('[data-testid="host-tags"]').fill('loopback, test');
    await page.screenshot({ path: shot('inventory-form-ko') });

    await page.locator('[data-testid="host-test"]').click();
    await page.locator('[data-testid="trust-dialog"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="trust-fingerprint"]').innerText()).toBe(fingerprintSha256(sshd.hostKeyBlob()));
    expect(await page.locator('[data-testid="test-error"]').getAttribute('data-code')).toBe('HOSTKEY_UNKNOWN');
    await page.screenshot({ path: shot('inventory-trust-dialog-ko') });

    await page.locator('[data-testid="trust-confirm"]').click();
    await page.locator('[data-testid="test-ok"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="test-ok"]').innerText()).toContain(fingerprintSha256(sshd.hostKeyBlob()));
    expect(await page.locator('[data-testid="host-secret"]').inputValue()).toBe('');
    expect(await pageHolds(passphrase())).toBe(false);
    await page.screenshot({ path: shot('inventory-test-ok-ko') });
    await page.locator('[data-testid="host-form-close"]').click();

    const row = page.locator('tr[data-host-name="테스트 sshd"]');
    hostId = (await row.getAttribute('data-testid'))!.replace('host-row-', '');
    await expect.poll(() => page.locator(`[data-testid="host-state-${hostId}"]`).getAttribute('data-state'), { timeout: 20_000 }).toBe('ok');
    expect(await pageHolds(passphrase())).toBe(false);
  });

  it('groups the server under its service on the overview, with a roll-up, search and filter', async () => {
    await page.locator('[data-testid="service-add"]').click();
    await page.locator('[data-testid="service-name"]').fill('결제 서비스');
    await page.locator('[data-testid="service-owner"]').fill('김운영');
    await page.locator('[data-testid="service-contact"]').fill('내선 1234');
    await page.locator(`[data-testid="service-member-${hostId}"]`).check();
    await page.locator('[data-testid="service-save"]').click();
    await page.locator('[data-testid="inventory"] .inv-services li').first().waitFor();
    await page.screenshot({ path: shot('inventory-list-ko'), fullPage: true });

    await page.goto(`${serve.url}#/`);
    const tile = page.locator(`[data-testid="tile-${hostId}"]`);
    await tile.waitFor({ timeout: 20_000 });
    await expect.poll(() => tile.getAttribute('data-status'), { timeout: 20_000 }).toMatch(/ok|warn|crit/);
    const groupHead = page.locator('[data-testid^="group-s-"]');
    expect(await groupHead.innerText()).toContain('결제 서비스');
    expect(await page.locator('[data-testid="group-none"]').innerText()).toContain('서비스 미지정');
    await page.screenshot({ path: shot('overview-grouped-ko'), fullPage: true });

    await page.locator('[data-testid="overview-search"]').fill('loopback');
    await expect.poll(() => page.locator('[data-testid="tile-local"]').count()).toBe(0);
    expect(await tile.count()).toBe(1);
    await page.locator('[data-testid="overview-search"]').fill('');
    await page.locator('[data-testid="overview-status-filter"]').selectOption('unknown');
    await expect.poll(() => tile.count()).toBe(0);
    await page.locator('[data-testid="overview-status-filter"]').selectOption('');
  });

  it('opens the server page with its charts, filesystems and top processes', async () => {
    await page.locator(`[data-testid="tile-${hostId}"] .tile-link`).click();
    await page.locator('[data-testid="host-page"]').waitFor();
    for (const chart of ['cpu', 'memory']) {
      await expect.poll(() => page.locator(`[data-testid="chart-${chart}"]`).getAttribute('data-state'), { timeout: 20_000 }).toBe('ready');
      expect(await page.locator(`[data-testid="chart-${chart}"] canvas`).count(), chart).toBeGreaterThan(0);
    }
    await expect.poll(() => page.locator('[data-testid="fs-table"] tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid="top-by-cpu"] tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.locator('[data-testid="range-15m"]').click();
    await expect.poll(async () => Number(await page.locator('[data-testid="chart-memory"]').getAttribute('data-points')), { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: shot('host-ssh-ko'), fullPage: true });
  });

  it('previews an ssh_config import before saving anything', async () => {
    await page.goto(`${serve.url}#/inventory`);
    await page.locator('[data-testid="inventory-import"]').click();
    await page.locator('[data-testid="import-text"]').fill('Host app-01\n  HostName 192.0.2.10\n  User deploy\n  IdentityFile ~/.ssh/deploy\n\nHost db via-bastion\n  HostName 192.0.2.20\n  ProxyJump bastion\n');
    await page.locator('[data-testid="import-read-text"]').click();
    await page.locator('[data-testid="import-preview"]').waitFor();
    expect(await page.locator('[data-testid="import-preview"] tbody tr').count()).toBe(3);
    await page.screenshot({ path: shot('inventory-import-preview-ko') });
    await page.locator('[data-testid="import-apply"]').click();
    await page.locator('[data-testid="import-done"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('tr[data-host-name="app-01"]').waitFor();
    // The imported hosts have no agent to log in with (the one behind a jump host cannot log in to it either).
    await expect.poll(() => page.locator('tr[data-host-name="db"] [data-state]').getAttribute('data-state'), { timeout: 15_000 }).toBe('error');
    expect(await page.locator('tr[data-host-name="db"] [data-testid="host-via"]').textContent()).toBe('점프 호스트 bastion 경유');
    await page.locator('[data-testid="lang-switch"]').click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    await page.screenshot({ path: shot('inventory-list-en'), fullPage: true });
  });

  it('never wrote the passphrase to the database file or the log', async () => {
    expect(await pageHolds(passphrase())).toBe(false);
    expect(await serve.stop()).toBe(0);
    const files = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.some((f) => f.name === 'opsdeck.db')).toBe(true);
    for (const f of files) {
      const bytes = fs.readFileSync(path.join(f.parentPath, f.name)).toString('latin1');
      expect(bytes.includes(passphrase()), f.name).toBe(false);
    }
  });
});
