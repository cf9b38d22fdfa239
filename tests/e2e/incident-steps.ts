// Steps in the incident screens as a person takes them, for the e2e tests: selectors by
// data-testid, waits on what the page shows, and a WebSocket client to read the engine's record.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import WebSocket from 'ws';
import defaultPlaybook from '../../resources/playbook/default-playbook.json';
import { METHOD_CHANNELS, type RpcResult } from '../../src/shared/api';
import type { WsServerFrame } from '../../src/shared/ws-protocol';

export const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/** A full-page screenshot from the top, so the sticky header sits where a person sees it. */
export async function fullShot(page: Page, file: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
}

/**
 * The default playbook for a drill: SEV1 status updates every minute (the shortest cadence a
 * playbook can set), so a test sees an update fall overdue without touching the engine's clock.
 */
export function drillPlaybookFile(): string {
  const pb = structuredClone(defaultPlaybook) as typeof defaultPlaybook;
  pb.id = 'e2e-drill';
  pb.name = { ko: '훈련용 장애 대응 절차', en: 'Drill playbook' };
  for (const stage of pb.stages)
    for (const timer of stage.timers as Array<{ kind: string; everyMinutes?: Record<string, number | null>; withinMinutes?: Record<string, number | null> }>) {
      if (timer.kind === 'status-update') timer.everyMinutes!.SEV1 = 1;
    }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-playbook-')), 'drill.playbook.json');
  fs.writeFileSync(file, JSON.stringify(pb, null, 2));
  return file;
}

/** Waits until the room shows a revision newer than `before` (the command went through). */
export async function waitForRevision(page: Page, before: number): Promise<number> {
  await page.waitForFunction((rev) => Number(document.querySelector('[data-testid="incident-room"]')?.getAttribute('data-revision')) > rev, before, { timeout: 10_000 });
  return revision(page);
}

export async function revision(page: Page): Promise<number> {
  return Number(await byTestId(page, 'incident-room').getAttribute('data-revision'));
}

/** Clicks something that sends one command and waits for the engine's answer to show. */
export async function command(page: Page, testId: string): Promise<void> {
  const before = await revision(page);
  await byTestId(page, testId).click();
  await waitForRevision(page, before);
}

export async function checkItem(page: Page, itemId: string): Promise<void> {
  await command(page, `item-${itemId}-check`);
}

export async function skipItem(page: Page, itemId: string, reason: string): Promise<void> {
  const before = await revision(page);
  await byTestId(page, `item-${itemId}-skip`).click();
  await byTestId(page, 'skip-dialog').waitFor();
  // A required item cannot be skipped without a reason.
  if (!(await byTestId(page, 'skip-confirm').isDisabled())) throw new Error(`skipping ${itemId} without a reason was allowed`);
  await byTestId(page, 'skip-reason').fill(reason);
  await byTestId(page, 'skip-confirm').click();
  await waitForRevision(page, before);
}

export async function setShareField(page: Page, fieldId: string, value: string): Promise<void> {
  const before = await revision(page);
  await byTestId(page, `share-${fieldId}-input`).fill(value);
  await byTestId(page, `share-${fieldId}-save`).click();
  await waitForRevision(page, before);
}

export async function advance(page: Page, toStage: number): Promise<void> {
  await command(page, 'advance-stage');
  await page.waitForSelector(`[data-testid="incident-room"][data-stage="${toStage}"]`);
}

/** Calls one engine method over the serve's WebSocket, as the browser does. */
export async function engineCall(url: string, method: keyof typeof METHOD_CHANNELS, arg?: unknown): Promise<unknown> {
  const link = new URL(url); // the console link, with its token
  const ws = new WebSocket(`ws://${link.host}/api?token=${link.searchParams.get('token') ?? ''}`);
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  try {
    const result = await new Promise<RpcResult>((resolve) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as WsServerFrame;
        if (frame.kind === 'result' && frame.id === 1) resolve(frame.result);
      });
      ws.send(JSON.stringify({ id: 1, channel: METHOD_CHANNELS[method], arg }));
    });
    if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
    return result.value;
  } finally {
    ws.close();
  }
}

/** The text of a file the page downloaded after `click`. */
export async function downloadText(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}
