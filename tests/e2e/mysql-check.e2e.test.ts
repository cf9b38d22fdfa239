// A MariaDB replica added through the browser as a MySQL / MariaDB check: `opsdeck serve` in
// Chromium, a real MariaDB 10.11 primary and replica on loopback. The person picks the kind,
// tests the connection, saves, and reads the check page in Korean and English while the
// replica's SQL thread is stopped: no lag number, the backlog, the stopped-apply note and WARN.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot } from '../support/browser';
import { createUser, startMariadb, startReplicaSqlThread, stopReplicaSqlThread, writeOnPrimary, type MyCluster, type MyUser } from '../support/mariadb';
import { startServe, tempDataDir, type ServeHandle } from '../support/serve-process';

let browser: Browser;
let cluster: MyCluster;
let serve: ServeHandle;
let monitor: MyUser;
let checkId = '';

beforeAll(async () => {
  [browser, cluster] = await Promise.all([launchChromium(), startMariadb({ replica: true })]);
  monitor = await createUser(cluster.primary, { monitor: true });
  serve = await startServe({ dataDir: tempDataDir('opsdeck-e2e-mysql-'), env: { SSH_AUTH_SOCK: '', DBUS_SESSION_BUS_ADDRESS: '' } });
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  await cluster?.stop();
});

async function open(locale: 'ko-KR' | 'en-US', hash: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${serve.url}${hash}`);
  return page;
}

describe('a MySQL / MariaDB check in the browser', () => {
  it('adds the replica through the form: kind, connection test, save', async () => {
    const page = await open('ko-KR', '#/inventory');
    await page.locator('[data-testid="checks-add"]').click();
    await page.locator('[data-testid="check-form"]').waitFor();
    await page.locator('[data-testid="check-kind-mysql"]').check();
    await page.locator('[data-testid="check-field-name"]').fill('주문 DB 복제본');
    await page.locator('[data-testid="check-field-address"]').fill('127.0.0.1');
    await page.locator('[data-testid="check-field-port"]').fill(String(cluster.replica!.port));
    await page.locator('[data-testid="check-field-user"]').fill(monitor.user);
    await page.locator('[data-testid="check-field-password"]').fill(monitor.password);
    await page.locator('[data-testid="check-test"]').click();
    await page.locator('[data-testid="check-test-ok"]').waitFor();
    await page.screenshot({ path: shot('mysql-check-form-ko'), fullPage: true });
    await page.locator('[data-testid="check-save"]').click();
    await page.locator('[data-testid="checks-list"]').waitFor();
    const row = page.locator('[data-testid^="check-row-"]').first();
    checkId = ((await row.getAttribute('data-testid')) ?? '').replace('check-row-', '');
    expect(checkId).not.toBe('');
    expect(await row.textContent()).toContain('MySQL / MariaDB');
    expect(await page.content()).not.toContain(monitor.password);
    await page.context().close();
  });

  it('shows the stopped apply as a note, no lag, the backlog and WARN, in Korean and in English', async () => {
    await stopReplicaSqlThread(cluster.replica!);
    try {
      await writeOnPrimary(cluster.primary, 10);
      const ko = await open('ko-KR', `#/check/${checkId}`);
      await ko.locator('[data-testid="check-notes"] [data-code="MY_REPLICATION_STOPPED"]').waitFor({ timeout: 30_000 });
      // The stopped SQL thread alone makes the check WARN (the default rule on my.replication.notApplying).
      await ko.locator('[data-testid="check-status"][data-status="warn"]').waitFor({ timeout: 30_000 });
      const note = await ko.locator('[data-code="MY_REPLICATION_STOPPED"]').textContent();
      expect(note).toContain(`복제 채널 127.0.0.1:${cluster.primary.port}의 적용이 멈춰 있습니다`);
      expect(await ko.locator('[data-testid="fact-flavor"]').textContent()).toBe('mariadb');
      expect(await ko.locator('[data-testid="fact-role"]').textContent()).toBe('복제 서버');
      expect(Number(await ko.locator('[data-testid="table-replicas"]').getAttribute('data-rows'))).toBe(1);
      const replicas = (await ko.locator('[data-testid="table-replicas"]').textContent()) ?? '';
      expect(replicas).toContain(`127.0.0.1:${cluster.primary.port}`);
      await ko.screenshot({ path: shot('mysql-check-replica-stopped-ko'), fullPage: true });
      await ko.context().close();

      const en = await open('en-US', `#/check/${checkId}`);
      await en.locator('[data-code="MY_REPLICATION_STOPPED"]').waitFor({ timeout: 30_000 });
      expect(await en.locator('[data-code="MY_REPLICATION_STOPPED"]').textContent()).toContain(`Replication channel 127.0.0.1:${cluster.primary.port} has stopped applying changes`);
      await en.screenshot({ path: shot('mysql-check-replica-stopped-en'), fullPage: true });
      await en.context().close();
    } finally {
      await startReplicaSqlThread(cluster.replica!);
    }
  });
});
