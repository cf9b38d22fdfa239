// Issue 10's first acceptance line in a browser: an incident driven from stage 1 to a finished
// post-mortem in Korean, every required notice composed where it is needed and recorded as
// sent, with named responders in the roles, and no placeholder, raw code or English sentence on
// any screen along the way (checked on every step, screenshots kept).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import defaultPlaybook from '../../resources/playbook/default-playbook.json';
import { surfaceLinks } from '../../src/renderer/src/domain/glossary-surfaces';
import { parsePlaybook } from '../../src/shared/incidents';
import { launchChromium, shot } from '../support/browser';
import { startServe, tempDataDir, type ServeHandle } from '../support/serve-process';
import { advance, byTestId, checkItem, command, downloadText, fullShot, revision, waitForRevision } from './incident-steps';
import { textProblems } from './screen-text';

let browser: Browser;
let serve: ServeHandle;
let context: BrowserContext;
let page: Page;
const linked = new Set<string>();

beforeAll(async () => {
  browser = await launchChromium();
  serve = await startServe({ dataDir: tempDataDir('opsdeck-e2e-incident-ko-'), args: ['--interval', '1'] });
  context = await browser.newContext({ locale: 'ko-KR', timezoneId: 'Asia/Seoul', viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(serve.url).origin });
  page = await context.newPage();
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

/** No {{marker}}, code, key or English sentence on screen; the "?" links are noted; a screenshot. */
async function clean(name: string): Promise<void> {
  expect(await textProblems(page, 'ko'), name).toEqual([]);
  // The incident screens (room, post-mortem, playbook) are one surface of the glossary.
  if (/#\/(incidents\/|playbook)/.test(page.url())) for (const id of await page.locator('[data-glossary]').evaluateAll((els) => els.map((e) => e.getAttribute('data-glossary')!))) linked.add(id);
  await fullShot(page, shot(`incident-ko-${name}`));
}

/** Saves one value of the notice in the composer (a shared field or a detail of the incident). */
async function fillNoticeField(name: string, value: string): Promise<void> {
  const before = await revision(page);
  await byTestId(page, `compose-input-${name}`).fill(value);
  await byTestId(page, `compose-input-${name}-save`).click();
  await waitForRevision(page, before);
}

/** The notice shown is complete: no gaps, copied as shown, then recorded as posted. */
async function sendNotice(templateId: string, name: string): Promise<string> {
  await page.waitForSelector(`[data-testid="compose-preview"][data-template="${templateId}"][data-complete="true"]`, { timeout: 10_000 });
  const text = await byTestId(page, 'compose-preview').inputValue();
  expect(text).not.toContain('{{');
  await byTestId(page, 'compose-copy').click();
  await page.waitForSelector('[data-testid="compose-copy"][data-copy-state="copied"]');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
  await clean(name);
  await command(page, 'compose-mark-sent');
  await byTestId(page, 'compose-sent').waitFor();
  return text;
}

async function addPerson(name: string, team: string, contact: string): Promise<void> {
  await byTestId(page, 'person-add').click();
  await byTestId(page, 'person-name').fill(name);
  await byTestId(page, 'person-team').fill(team);
  await byTestId(page, 'person-contact').fill(contact);
  await byTestId(page, 'person-save').click();
  await byTestId(page, `person-${name}`).waitFor();
}

describe('an incident in Korean, from stage 1 to a finished post-mortem', () => {
  it('lists the responders who take the roles, and picks "me" at this desk', async () => {
    await page.goto(`${serve.url}#/incidents`);
    await byTestId(page, 'people-panel').waitFor();
    // An empty name is the app's own message, in Korean.
    await byTestId(page, 'person-add').click();
    await byTestId(page, 'person-save').click();
    expect(await byTestId(page, 'person-name-error').innerText()).toContain('꼭 채워야 하는 항목입니다');
    await byTestId(page, 'person-name').fill('김지은');
    await byTestId(page, 'person-team').fill('서비스관리팀');
    await byTestId(page, 'person-contact').fill('010-1234-5678');
    await byTestId(page, 'person-save').click();
    await byTestId(page, 'person-김지은').waitFor();
    await addPerson('박서준', '고객센터', '내선 2040');
    await byTestId(page, 'person-me-김지은').check();
    await clean('people');
  });

  it('walks the four stages, sending every required notice', async () => {
    await page.goto(`${serve.url}#/host/local`);
    await byTestId(page, 'host-start-incident').click();
    await byTestId(page, 'start-prefill').waitFor();
    await byTestId(page, 'start-severity-SEV2').check();
    await byTestId(page, 'start-impact').fill('일부 고객이 주문 내역을 볼 수 없습니다.');
    await byTestId(page, 'start-services').fill('주문 조회');
    await clean('start-dialog');
    await byTestId(page, 'start-submit').click();
    await page.waitForSelector('[data-testid="incident-room"][data-state="ready"][data-stage="1"]');

    // Stage 1. The commander is the person chosen as "me", not the OS account.
    await command(page, 'action-acknowledge');
    await command(page, 'role-commander-me');
    expect(await byTestId(page, 'role-commander-holder').innerText()).toContain('김지은');
    expect(await byTestId(page, 'role-commander-holder').innerText()).toContain('서비스관리팀');
    for (const item of ['confirm-symptom', 'estimate-impact', 'first-cause', 'set-severity']) await checkItem(page, item);
    // Changes are recorded under the responder chosen as "me", not the OS account.
    expect(await byTestId(page, 'item-confirm-symptom').innerText()).toContain('완료: 김지은');
    expect(await byTestId(page, 'timeline').innerText()).not.toMatch(/cpu\.usage/);
    // Later stages are shown, not tickable: "복구 완료" cannot be claimed from stage 1's checklist.
    expect(await byTestId(page, 'item-confirm-normal-event').count()).toBe(0);
    expect(await byTestId(page, 'item-root-cause-check').count()).toBe(0);
    // The internal notice needs the current state and the suspected cause: both are filled in the composer.
    await byTestId(page, 'template-internal-notice').click();
    await page.waitForSelector('[data-testid="compose-preview"][data-template="internal-notice"][data-complete="false"]');
    expect(await byTestId(page, 'compose-preview').innerText()).toContain('[현재 상태 입력 필요]');
    await clean('stage1-notice-gaps');
    await fillNoticeField('currentState', '주문 조회 API가 5xx를 반환합니다');
    await fillNoticeField('suspectedCause', '조회 DB 연결 수 초과');
    await advance(page, 2);

    // Stage 2: the company-wide notice is the one offered, complete, copied and posted.
    expect(await byTestId(page, 'template-internal-notice').getAttribute('aria-selected')).toBe('true');
    const internal = await sendNotice('internal-notice', 'stage2-internal-notice');
    expect(internal).toContain('대응 총괄: 김지은');
    expect(internal).toMatch(/다음 업데이트: .+ \(1시간마다\)/);
    expect(await byTestId(page, 'item-company-notice').getAttribute('data-state')).toBe('done');
    await byTestId(page, 'role-communications-input').fill('박서준');
    await command(page, 'role-communications-assign');
    await command(page, 'role-scribe-me');
    await checkItem(page, 'assign-roles');
    await command(page, 'item-start-recovery-event');
    await clean('stage2');
    await advance(page, 3);

    // Stage 3: the first customer notice, impact first, with the next update time.
    expect(await byTestId(page, 'template-customer-notice').getAttribute('aria-selected')).toBe('true');
    const customer = await sendNotice('customer-notice', 'stage3-customer-notice');
    expect(customer).toContain('일부 고객이 주문 내역을 볼 수 없습니다.');
    expect(customer).toMatch(/다음 안내는 .+까지 드리겠습니다/);
    expect(await byTestId(page, 'item-customer-notice').getAttribute('data-state')).toBe('done');
    await checkItem(page, 'notice-approved');
    await checkItem(page, 'share-cadence');
    await advance(page, 4);

    // Stage 4: recovered; the final notice needs "data loss", filled right in the composer.
    await command(page, 'item-confirm-normal-event');
    expect(await byTestId(page, 'room-status').getAttribute('data-status')).toBe('resolved');
    await byTestId(page, 'template-customer-resolved').click();
    await page.waitForSelector('[data-testid="compose-preview"][data-template="customer-resolved"][data-complete="false"]');
    expect(await byTestId(page, 'compose-warnings').innerText()).toContain('데이터 손실 여부');
    await clean('stage4-final-gaps');
    await fillNoticeField('dataLoss', '없습니다');
    const final = await sendNotice('customer-resolved', 'stage4-final-notice');
    expect(final).toContain('데이터 손실 여부: 없습니다');
    await checkItem(page, 'final-notice');

    // After recovery a customer update has no cadence: the person sets the next time, then it copies.
    await byTestId(page, 'template-customer-update').click();
    await page.waitForSelector('[data-testid="compose-preview"][data-template="customer-update"][data-complete="false"]');
    expect(await byTestId(page, 'compose-preview').innerText()).toContain('[다음 안내 시각 입력 필요]');
    await byTestId(page, 'compose-update').fill('복구 후 상태를 지켜보고 있습니다.');
    await byTestId(page, 'compose-input-nextUpdateAt-30').click();
    await page.waitForSelector('[data-testid="compose-preview"][data-template="customer-update"][data-complete="true"]', { timeout: 10_000 });
    expect(await byTestId(page, 'compose-preview').inputValue()).not.toContain('{{');
    await clean('stage4-update-after-recovery');
  }, 120_000);

  it('writes the post-mortem with the app’s own Korean messages, saves, exports and closes', async () => {
    const id = decodeURIComponent(page.url().split('#/incidents/')[1]!);
    await byTestId(page, 'action-postmortem').click();
    await byTestId(page, 'postmortem-page').waitFor();
    // The impact window starts as detection to recovery.
    expect(await byTestId(page, 'pm-impactStarted').inputValue()).not.toBe('');
    expect(await byTestId(page, 'pm-impactEnded').inputValue()).not.toBe('');
    // The review timeline leaves out checklist ticks.
    expect(await byTestId(page, 'pm-timeline').innerText()).not.toMatch(/완료: /);
    await byTestId(page, 'pm-summary').fill('조회 DB 연결 수가 한도에 닿아 약 40분 동안 주문 내역 조회가 실패했습니다.');
    await byTestId(page, 'pm-rootCauses').fill('연결 풀 한도가 트래픽 증가를 따라가지 못함');
    await byTestId(page, 'pm-usersAffected').fill('약 1,200명');
    await byTestId(page, 'action-add').click();
    await byTestId(page, 'action-0-title').fill('연결 수 경보 추가');
    await byTestId(page, 'pm-save').click();
    await byTestId(page, 'pm-problems').waitFor();
    expect(await byTestId(page, 'pm-problems').innerText()).toMatch(/^저장하지 않았습니다\. 표시된 항목 2개를 고쳐 주세요: 영향받은 사용자 수, 후속 조치 1 · 담당자$/);
    expect(await byTestId(page, 'pm-error-usersAffected').innerText()).toContain('숫자만 적어 주세요');
    expect(await byTestId(page, 'pm-usersAffected').getAttribute('aria-invalid')).toBe('true');
    // Exporting an unsaved, invalid draft says why nothing happened.
    await byTestId(page, 'pm-export-md').click();
    expect(await byTestId(page, 'pm-message').innerText()).toContain('내보내려면 먼저 저장해야 합니다');
    await clean('postmortem-errors');

    await byTestId(page, 'pm-usersAffected').fill('1,200');
    await byTestId(page, 'action-0-owner').fill('김지은');
    await byTestId(page, 'pm-save').click();
    await page.waitForSelector('[data-testid="postmortem-page"][data-revision="1"]');
    await clean('postmortem-saved');
    const md = await downloadText(page, () => byTestId(page, 'pm-export-md').click());
    expect(md.text).toContain('# 사후 검토:');
    expect(md.text).toContain('1,200');

    await page.evaluate(() => (window.print = () => void ((window as unknown as { printed: boolean }).printed = true)));
    await byTestId(page, 'pm-export-pdf').click();
    await byTestId(page, 'postmortem-print').waitFor();
    await page.waitForFunction(() => (window as unknown as { printed?: boolean }).printed === true);
    // Printed dates carry the year.
    expect(await byTestId(page, 'postmortem-print').innerText()).toMatch(/\d{4}년 \d{1,2}월 \d{1,2}일/);
    await clean('postmortem-print');

    await page.goto(`${serve.url}#/incidents/${id}`);
    await page.waitForSelector('[data-testid="incident-room"][data-state="ready"]');
    for (const item of ['final-severity', 'root-cause', 'prevention-plan', 'postmortem-review', 'share-results']) await checkItem(page, item);
    await command(page, 'action-close');
    expect(await byTestId(page, 'room-status').getAttribute('data-status')).toBe('closed');
    await clean('closed');
  }, 90_000);

  it('the incident screens link exactly the terms the glossary says they do', async () => {
    await page.goto(`${serve.url}#/playbook`);
    await byTestId(page, 'playbook-page').waitFor();
    await clean('playbook');
    const expected = surfaceLinks(parsePlaybook(defaultPlaybook))['incident-room'];
    expect([...expected].filter((idOf) => !linked.has(idOf)), 'named by the glossary but never linked').toEqual([]);
    expect([...linked].filter((idOf) => !expected.has(idOf)), 'linked but not named by the glossary').toEqual([]);
  });
});
