// What the desktop app adds to the console, seen in Chromium: the engine-restart banner and the
// dialog for a double-clicked export. The page is the real renderer bundle; window.opsdeck is
// what the preload builds, here relayed to the real engine of `opsdeck serve` over its socket;
// window.opsdeckShell (the Electron main process's side) is a stand-in the test drives.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, METHOD_CHANNELS } from '../../src/shared/api';
import { launchChromium, shot } from '../support/browser';
import { repoRoot, startServe, tempDataDir, type ServeHandle } from '../support/serve-process';

let browser: Browser;
let serve: ServeHandle;

beforeAll(async () => {
  browser = await launchChromium();
  serve = await startServe({ dataDir: tempDataDir('opsdeck-e2e-shell-'), args: ['--interval', '1'] });
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

/** Runs in the page before its scripts, like the preload. */
function desktopBridge({ methods, events, wsUrl }: { methods: Record<string, string>; events: Record<string, string>; wsUrl: string }) {
  // The preload talks IPC; this stand-in relays to serve's socket, which wants its token.
  const socket = new WebSocket(wsUrl);
  const open = new Promise((resolve) => socket.addEventListener('open', resolve));
  const pending = new Map<number, (r: { ok: boolean; value?: unknown; error?: unknown }) => void>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let nextId = 1;
  socket.addEventListener('message', (e) => {
    const frame = JSON.parse(e.data as string);
    if (frame.kind === 'result') pending.get(frame.id)?.(frame.result);
    else listeners.get(frame.channel)?.forEach((l) => l(frame.payload));
  });
  const api: Record<string, unknown> = {};
  for (const [name, channel] of Object.entries(methods)) {
    api[name] = async (arg?: unknown) => {
      await open;
      const id = nextId++;
      const result = await new Promise<{ ok: boolean; value?: unknown; error?: unknown }>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, arg }));
      });
      if (result.ok) return result.value;
      throw result.error;
    };
  }
  for (const [name, channel] of Object.entries(events)) {
    api[name] = (listener: (p: unknown) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
      return () => listeners.get(channel)!.delete(listener);
    };
  }
  (window as unknown as { opsdeck: unknown }).opsdeck = api;

  const statusListeners = new Set<(s: unknown) => void>();
  const fileListeners = new Set<(f: unknown) => void>();
  const log: unknown[][] = [];
  let latest: unknown = { state: 'running' };
  (window as unknown as Record<string, unknown>).opsdeckShell = {
    onEngineStatus: (l: (s: unknown) => void) => (statusListeners.add(l), l(latest), () => statusListeners.delete(l)),
    restartEngineNow: async () => void log.push(['restartEngineNow']),
    setLanguage: async (language: string) => void log.push(['setLanguage', language]),
    onOpenFile: (l: (f: unknown) => void) => (fileListeners.add(l), () => fileListeners.delete(l)),
  };
  (window as unknown as Record<string, unknown>).__shell = {
    log,
    status: (s: unknown) => ((latest = s), statusListeners.forEach((l) => l(s))),
    open: (f: unknown) => fileListeners.forEach((l) => l(f)),
  };
}

/** The desktop app follows the OS locale the engine reports (this machine's), so the language is chosen as a person would have. */
async function openDesktop(language: 'ko' | 'en'): Promise<Page> {
  const context = await browser.newContext({ locale: language === 'ko' ? 'ko-KR' : 'en-US', viewport: { width: 1280, height: 800 } });
  await context.addInitScript((lang) => localStorage.setItem('opsdeck.language', lang), language);
  await context.addInitScript(desktopBridge, { methods: METHOD_CHANNELS, events: EVENT_CHANNELS, wsUrl: serve.wsUrl() });
  const page = await context.newPage();
  await page.goto(serve.url);
  await page.locator('[data-testid="tile-local"]').waitFor();
  return page;
}

const shellLog = (page: Page) => page.evaluate(() => (window as unknown as { __shell: { log: unknown[][] } }).__shell.log);

describe('the desktop app shell, in the console', () => {
  it('says the engine stopped and when it restarts, in Korean; Restart now asks the shell; the banner goes when it runs', async () => {
    const page = await openDesktop('ko');
    expect(await shellLog(page)).toContainEqual(['setLanguage', 'ko']);
    await page.evaluate(() => (window as any).__shell.status({ state: 'restarting', attempt: 2, retryInMs: 8000, exitCode: 139 }));
    const banner = page.locator('[data-testid="engine-restart-banner"]');
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/OpsDeck 엔진이 예기치 않게 멈췄습니다\. \d초 뒤에 다시 시작합니다\(2번째 시도\)/);
    await page.screenshot({ path: shot('desktop-engine-restart-ko') });
    await page.locator('[data-testid="banner-restart-now"]').click();
    expect(await shellLog(page)).toContainEqual(['restartEngineNow']);
    await page.evaluate(() => (window as any).__shell.status({ state: 'running' }));
    await banner.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('speaks English after the switch, and tells the shell the language', async () => {
    const page = await openDesktop('en');
    await page.evaluate(() => (window as any).__shell.status({ state: 'restarting', attempt: 1, retryInMs: 30000, exitCode: 1 }));
    const banner = page.locator('[data-testid="engine-restart-banner"]');
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/The OpsDeck engine stopped unexpectedly\. It restarts in \d+ s \(attempt 1\)/);
    await page.screenshot({ path: shot('desktop-engine-restart-en') });
    await page.locator('[data-testid="lang-switch"]').click();
    await expect.poll(() => shellLog(page)).toContainEqual(['setLanguage', 'ko']);
    await page.context().close();
  });

  it('a double-clicked playbook waits in a dialog, and is imported only when the person says so', async () => {
    const page = await openDesktop('ko');
    const playbook = fs.readFileSync(path.join(repoRoot, 'resources', 'playbook', 'default-playbook.json'), 'utf8');
    await page.evaluate((content) => (window as any).__shell.open({ kind: 'playbook', name: 'security.opsdeck-playbook', content }), playbook);
    const dialog = page.locator('[data-testid="opened-file-dialog"]');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('"security.opsdeck-playbook"을(를) 조직의 장애 대응 절차로 가져올까요?');
    await page.screenshot({ path: shot('desktop-opened-playbook-ko') });
    await page.locator('[data-testid="opened-file-import"]').click();
    await page.locator('[data-testid="opened-file-result"]').waitFor();
    expect(await page.locator('[data-testid="opened-file-result"]').innerText()).toBe('장애 대응 절차를 가져왔습니다.');
    await page.locator('[data-testid="playbook-page"]').waitFor();
    expect(await page.locator('[data-testid="playbook-page"]').getAttribute('data-source')).not.toBe('default');
    await page.locator('[data-testid="opened-file-close"]').click();
    await dialog.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('a file over the limit is refused with a sentence, and nothing is imported', async () => {
    const page = await openDesktop('en');
    await page.evaluate(() => (window as any).__shell.open({ kind: 'glossary', name: 'huge.opsdeck-glossary', content: '', error: 'TOO_LARGE' }));
    const error = page.locator('[data-testid="opened-file-error"]');
    await error.waitFor();
    expect(await error.innerText()).toBe('"huge.opsdeck-glossary" is larger than the import limit (5 MB). Ask for it in smaller files.');
    expect(await page.locator('[data-testid="opened-file-import"]').count()).toBe(0);
    await page.screenshot({ path: shot('desktop-opened-too-large-en') });
    await page.context().close();
  });
});
