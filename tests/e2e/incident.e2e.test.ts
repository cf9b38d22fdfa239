// Issue 4's acceptance in a browser through `opsdeck serve`: start an incident from a host,
// walk the four stages, see a status update fall overdue, copy a Korean customer notice,
// write and export the post-mortem with two action items, find the incident in MTTA/MTTR;
// then kill the engine mid-incident and find the incident exactly as last saved.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetail } from '../../src/shared/incidents-contract';
import { launchChromium, screenshotDir, shot } from '../support/browser';
import { advance, byTestId, checkItem, command, downloadText, drillPlaybookFile, engineCall, fullShot, revision, setShareField, skipItem } from './incident-steps';
import { startServe, tempDataDir, type ServeHandle } from '../support/serve-process';

let browser: Browser;
const serves: ServeHandle[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  for (const s of serves) await s.stop('SIGKILL');
  await browser?.close();
});

async function serveOn(dataDir: string): Promise<ServeHandle> {
  const serve = await startServe({ dataDir, args: ['--interval', '1'] });
  serves.push(serve);
  return serve;
}

async function openConsole(serve: ServeHandle, hash: string, grantClipboard = true): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'ko-KR', timezoneId: 'Asia/Seoul', viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  if (grantClipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(serve.url).origin });
  const page = await context.newPage();
  await page.goto(`${serve.url}${hash}`);
  return { context, page };
}

/** From the host page: the start dialog prefilled from the reading, at SEV1, into the room. */
async function startFromHost(page: Page, impact: string, screenshot?: string): Promise<string> {
  await byTestId(page, 'host-page').waitFor();
  await byTestId(page, 'host-start-incident').click();
  await byTestId(page, 'start-prefill').waitFor();
  expect(await byTestId(page, 'start-title').inputValue()).not.toBe('');
  await byTestId(page, 'start-severity-SEV1').check();
  await byTestId(page, 'start-impact').fill(impact);
  await byTestId(page, 'start-services').fill('결제');
  if (screenshot) await page.screenshot({ path: shot(screenshot) });
  await byTestId(page, 'start-submit').click();
  await page.waitForSelector('[data-testid="incident-room"][data-state="ready"][data-stage="1"]');
  return decodeURIComponent(page.url().split('#/incidents/')[1]!);
}

describe('an incident in the browser', () => {
  // The first two tests are one incident, split where the update falls overdue.
  let serve: ServeHandle;
  let context: BrowserContext;
  let page: Page;
  const id = 'INC-0001';

  it('starts from a host, walks to stage 3, copies the Korean customer notice and sees the update fall overdue', async () => {
    serve = await serveOn(tempDataDir('opsdeck-e2e-incident-'));
    ({ context, page } = await openConsole(serve, '#/playbook'));

    // The organisation's drill playbook (SEV1 updates every minute), imported through the UI.
    await byTestId(page, 'playbook-page').waitFor();
    await byTestId(page, 'playbook-import').setInputFiles(drillPlaybookFile());
    await page.waitForSelector('[data-testid="playbook-page"][data-source="organisation"]');
    await fullShot(page, shot('playbook-ko'));

    await page.goto(`${serve.url}#/host/local`);
    expect(await startFromHost(page, '일부 고객이 결제 화면에 들어가지 못합니다.', 'incident-start-dialog-ko')).toBe(id);

    // Stage 1. Acknowledging starts the one-minute update clock; the rest of the walk runs meanwhile.
    await command(page, 'action-acknowledge');
    await command(page, 'role-commander-me');
    await checkItem(page, 'confirm-symptom');
    await checkItem(page, 'estimate-impact');
    await skipItem(page, 'first-cause', '최근 배포가 없어 원인 추정은 복구 후로 미룹니다.');
    await checkItem(page, 'set-severity');
    await setShareField(page, 'currentState', '결제 페이지 접속 실패');
    await setShareField(page, 'suspectedCause', '결제 DB 디스크 부족');
    expect(await byTestId(page, 'item-take-ownership').getAttribute('data-state')).toBe('done');
    await fullShot(page, shot('incident-room-stage1-ko'));
    await advance(page, 2);

    // Stage 2.
    await checkItem(page, 'company-notice');
    await checkItem(page, 'assign-roles');
    await command(page, 'item-start-recovery-event');
    await advance(page, 3);

    // Stage 3: the Korean customer notice, copied with one click.
    await byTestId(page, 'template-customer-notice').click();
    await byTestId(page, 'compose-lang-ko').click();
    await page.waitForSelector('[data-testid="compose-preview"][data-template="customer-notice"][data-lang="ko"][data-complete="true"]');
    const notice = await byTestId(page, 'compose-preview').inputValue();
    expect(notice).toContain('[서비스 이용 불편 안내]');
    expect(notice).toContain('일부 고객이 결제 화면에 들어가지 못합니다.');
    expect(notice).toMatch(/다음 안내는 .+까지 드리겠습니다/);
    await byTestId(page, 'compose-copy').click();
    await page.waitForSelector('[data-testid="compose-copy"][data-copy-state="copied"]');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(notice);
    await byTestId(page, 'composer').screenshot({ path: shot('incident-composer-customer-ko') });
    await checkItem(page, 'notice-approved');
    await checkItem(page, 'share-cadence');

    // The status update falls overdue a minute after acknowledgement: in the room, the list, the overview.
    await page.waitForSelector('[data-testid="timer-status-update"][data-overdue="true"]', { timeout: 75_000 });
    await fullShot(page, shot('incident-room-overdue-ko'));
    const overview = await context.newPage();
    await overview.goto(`${serve.url}#/`);
    await byTestId(overview, 'overdue-banner').waitFor();
    expect(await byTestId(overview, 'overdue-banner').innerText()).toContain(id);
    await byTestId(overview, 'nav-overdue-count').waitFor();
    await overview.screenshot({ path: shot('overview-overdue-ko') });
    await overview.goto(`${serve.url}#/incidents`);
    await byTestId(overview, `incident-row-${id}`).locator('[data-testid="incident-overdue"]').waitFor();
    await overview.screenshot({ path: shot('incident-list-ko') });
    await overview.close();
  }, 120_000);

  it('posts the notice, resolves, writes and exports the post-mortem with two action items, and reports MTTA/MTTR', async () => {
    // Posting the notice restarts the clock and ticks the checklist item.
    await command(page, 'compose-mark-sent');
    await page.waitForSelector('[data-testid="timer-status-update"][data-overdue="false"]');
    expect(await byTestId(page, 'item-customer-notice').getAttribute('data-state')).toBe('done');
    await advance(page, 4);

    // Stage 4: resolve, then the post-mortem with two action items (one already overdue).
    await command(page, 'item-confirm-normal-event');
    expect(await byTestId(page, 'room-status').getAttribute('data-status')).toBe('resolved');
    await byTestId(page, 'action-postmortem').click();
    await byTestId(page, 'postmortem-page').waitFor();
    await byTestId(page, 'pm-summary').fill('결제 DB 서버의 디스크가 가득 차 약 2분간 결제 화면 접속이 실패했습니다.');
    await byTestId(page, 'pm-rootCauses').fill('로그 정리 작업이 중단되어 디스크가 가득 참\n디스크 사용률 경보가 95 %에만 걸려 있었음');
    await byTestId(page, 'pm-usersAffected').fill('1200');
    for (const [i, item] of [
      ['로그 정리 작업 감시 추가', '박지훈', '2020-01-31'],
      ['디스크 경보를 85 %로 낮춤', '최민수', '2099-12-31'],
    ].entries()) {
      await byTestId(page, 'action-add').click();
      await byTestId(page, `action-${i}-title`).fill(item[0]!);
      await byTestId(page, `action-${i}-owner`).fill(item[1]!);
      await byTestId(page, `action-${i}-due`).fill(item[2]!);
    }
    expect(await byTestId(page, 'action-item-0').getAttribute('data-overdue')).toBe('true');
    await byTestId(page, 'pm-save').click();
    await page.waitForSelector('[data-testid="postmortem-page"][data-revision="1"]');
    await fullShot(page, shot('postmortem-form-ko'));

    const md = await downloadText(page, () => byTestId(page, 'pm-export-md').click());
    expect(md.name).toBe(`postmortem-${id}-ko.md`);
    expect(md.text).toContain('# 사후 검토:');
    expect(md.text).toContain('로그 정리 작업 감시 추가');
    expect(md.text).toContain('디스크 경보를 85 %로 낮춤');
    expect(md.text).toContain('(기한 지남)');
    fs.writeFileSync(path.join(screenshotDir, '..', md.name), md.text);

    // PDF: the button saves and opens the print view, which asks the browser to print; here
    // Chromium prints that view to a file instead.
    await page.evaluate(() => (window.print = () => void ((window as unknown as { printed: boolean }).printed = true)));
    await byTestId(page, 'pm-export-pdf').click();
    await byTestId(page, 'postmortem-print').waitFor();
    await page.waitForFunction(() => (window as unknown as { printed?: boolean }).printed === true);
    expect(await byTestId(page, 'print-actions').locator('tbody tr').count()).toBe(2);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    fs.writeFileSync(path.join(screenshotDir, '..', `postmortem-${id}-ko.pdf`), pdf);
    await fullShot(page, shot('postmortem-print-ko'));
    await page.emulateMedia({ media: 'print' });
    await fullShot(page, shot('postmortem-print-media-ko'));
    await page.emulateMedia({ media: 'screen' });

    // Finish stage 4 and close.
    await page.goto(`${serve.url}#/incidents/${id}`);
    await page.waitForSelector('[data-testid="incident-room"][data-state="ready"]');
    for (const item of ['final-notice', 'final-severity', 'root-cause', 'prevention-plan', 'postmortem-review', 'share-results']) await checkItem(page, item);
    await command(page, 'action-close');
    expect(await byTestId(page, 'room-status').getAttribute('data-status')).toBe('closed');
    await fullShot(page, shot('incident-room-closed-ko'));

    // The report counts it in MTTA and MTTR and exports CSV with a BOM.
    await page.goto(`${serve.url}#/reports`);
    await byTestId(page, 'report-body').waitFor();
    expect(await byTestId(page, 'kpi-mtta').getAttribute('data-count')).toBe('1');
    expect(await byTestId(page, 'kpi-mttr').getAttribute('data-count')).toBe('1');
    await byTestId(page, `report-row-${id}`).waitFor();
    for (const chart of ['chart-times', 'chart-severity', 'chart-availability']) expect(await byTestId(page, chart).locator('canvas').count(), chart).toBeGreaterThan(0);
    await fullShot(page, shot('reports-ko'));
    const csv = await downloadText(page, () => byTestId(page, 'report-export').click());
    expect(csv.text.startsWith('\uFEFF장애 번호 / Incident,제목 / Title,심각도 / Severity')).toBe(true);
    expect(csv.text).toContain(`${id},`);
    await context.close();
  }, 90_000);

  it('after the engine is killed mid-incident, shows the incident exactly as last saved', async () => {
    const dataDir = tempDataDir('opsdeck-e2e-incident-kill-');
    const first = await serveOn(dataDir);
    const before = await openConsole(first, '#/host/local', false);
    const { page } = before;
    const id = await startFromHost(page, '주문 조회가 느립니다.');
    await command(page, 'action-acknowledge');
    await checkItem(page, 'confirm-symptom');
    await byTestId(page, 'note-text').fill('DB 연결 수가 최대치에 가까움 — 김 대리 확인');
    await command(page, 'note-add');
    const saved = (await engineCall(first.url, 'getIncident', { id })) as IncidentDetail;
    const shownBefore = await byTestId(page, 'timeline').innerText();

    // Where the clipboard is refused, the notice is selected for Ctrl+C instead.
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } }));
    await byTestId(page, 'template-internal-update').click();
    await byTestId(page, 'compose-update').fill('원인 확인 중입니다.');
    await byTestId(page, 'template-customer-notice').click();
    await page.waitForSelector('[data-testid="compose-preview"][data-template="customer-notice"][data-lang="ko"][data-complete="true"]');
    await byTestId(page, 'compose-copy').click();
    await byTestId(page, 'copy-fallback').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('compose-preview');

    expect(await first.stop('SIGKILL')).toBeNull();
    await before.context.close();

    const second = await serveOn(dataDir);
    const after = await openConsole(second, `#/incidents/${id}`, false);
    await after.page.waitForSelector('[data-testid="incident-room"][data-state="ready"]');
    expect(await revision(after.page)).toBe(saved.incident.revision);
    expect(await byTestId(after.page, 'timeline').innerText()).toBe(shownBefore);
    expect(await byTestId(after.page, 'item-confirm-symptom').getAttribute('data-state')).toBe('done');
    const reloaded = (await engineCall(second.url, 'getIncident', { id })) as IncidentDetail;
    expect(reloaded.incident).toEqual(saved.incident);
    expect(reloaded.playbookVersion).toBe(saved.playbookVersion);
    await fullShot(after.page, shot('incident-room-after-kill-ko'));
    await byTestId(after.page, 'lang-switch').click();
    await after.page.waitForFunction(() => document.documentElement.lang === 'en');
    await fullShot(after.page, shot('incident-room-after-kill-en'));
    await after.context.close();
  }, 90_000);
});
