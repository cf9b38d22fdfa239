// The wall as a NOC screen shows it (Chromium at 1920x1080, the viewer's link), the token
// screen, the wall going grey when the engine freezes (SIGSTOP), and the storage banner on a
// data folder that fills up. Screenshots in .test-artifacts/screenshots.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot } from '../support/browser';
import { startServe, type ServeHandle } from '../support/serve-process';

let browser: Browser;
let serve: ServeHandle;

beforeAll(async () => {
  browser = await launchChromium();
  serve = await startServe({ args: ['--interval', '1'] });
});
afterAll(async () => {
  if (serve?.child.signalCode === null) serve.child.kill('SIGCONT');
  await serve?.stop();
  await browser?.close();
});

async function open(url: string, locale = 'ko-KR'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** Font size and WCAG contrast of an element's text against the first opaque background behind it. */
function measure(page: Page, selector: string) {
  return page.locator(selector).first().evaluate((el) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    let bg: number[] = [0, 0, 0, 0];
    for (let e: Element | null = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if ((c[3] ?? 1) > 0.99) {
        bg = c;
        break;
      }
    }
    const style = getComputedStyle(el);
    const fg = rgb(style.color);
    const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    return { fontPx: parseFloat(style.fontSize), contrast: (l1! + 0.05) / (l2! + 0.05), text: (el as HTMLElement).innerText };
  });
}

describe('the token screen', () => {
  it('a page opened without its token says where the link is, in Korean and English, and shows no console', async () => {
    for (const locale of ['ko-KR', 'en-US']) {
      const page = await open(serve.base, locale);
      await page.locator('[data-testid="token-screen"]').waitFor();
      expect(await page.locator('[data-testid="token-screen"] [lang="ko"] h1').innerText()).toContain('접속 링크');
      expect(await page.locator('[data-testid="token-screen"] [lang="en"] h1').innerText()).toContain('access link');
      expect(await page.locator('[data-testid^="tile-"]').count()).toBe(0);
      await page.screenshot({ path: shot(`token-screen-${locale.slice(0, 2)}`) });
      await page.context().close();
    }
  });

  it('a rotated or mistyped token shows the same screen, saying the link no longer works', async () => {
    const page = await open(`${serve.base}?token=${'0'.repeat(48)}`, 'en-US');
    await page.locator('[data-testid="token-screen"][data-reason="rejected"]').waitFor({ timeout: 15_000 });
    await page.context().close();
  });
});

describe('the wall on the viewer link', () => {
  it('shows the wall at 1920x1080, takes the token out of the address, and every write through it is refused', async () => {
    const page = await open(serve.wallUrl);
    await page.locator('[data-testid="wall"] [data-testid="tile-local"]').waitFor();
    expect(page.url()).not.toContain('token=');
    expect(page.url()).toContain('mode=wall');
    // A write from inside this page (its own socket, with the token it holds) is FORBIDDEN.
    const result = await page.evaluate(async () => {
      const token = sessionStorage.getItem('opsdeck.serveToken');
      const ws = new WebSocket(`ws://${location.host}/api?token=${token}`);
      await new Promise((r) => (ws.onopen = r));
      return await new Promise<string>((resolve) => {
        ws.onmessage = (e) => {
          const frame = JSON.parse(String(e.data));
          if (frame.kind === 'result') resolve(JSON.stringify(frame.result));
        };
        ws.send(JSON.stringify({ id: 1, channel: 'opsdeck:save-host', arg: { name: 'x', address: '127.0.0.1', user: 'root', auth: { method: 'agent' } } }));
      });
    });
    expect(JSON.parse(result)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await page.screenshot({ path: shot('wall-viewer-ko') });
    await page.context().close();
  });

  it('status text is at least 32 px with contrast at least 7:1, in the dark and the light theme', async () => {
    for (const theme of ['dark', 'light']) {
      const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1920, height: 1080 } });
      const page = await context.newPage();
      await page.addInitScript((t) => localStorage.setItem('opsdeck.theme', t), theme);
      await page.goto(serve.wallUrl);
      await page.locator('[data-testid="tile-local"] [data-testid="tile-status"]').waitFor();
      const status = await measure(page, '[data-testid="tile-local"] [data-testid="tile-status"]');
      expect(status.fontPx, `${theme}: ${JSON.stringify(status)}`).toBeGreaterThanOrEqual(32);
      expect(status.contrast, `${theme}: ${JSON.stringify(status)}`).toBeGreaterThanOrEqual(7);
      const name = await measure(page, '[data-testid="tile-local"] .tile-name');
      expect(name.contrast, theme).toBeGreaterThanOrEqual(7);
      await context.close();
    }
  });

  it('goes grey with "n초 동안 데이터 없음" within 3 poll intervals when the engine freezes, without moving the grid', async () => {
    const page = await open(serve.wallUrl);
    const tile = page.locator('[data-testid="tile-local"]');
    await tile.waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="tile-local"]')?.hasAttribute('data-page-stale'));
    const gridTop = await page.locator('.wall-grid').evaluate((e) => e.getBoundingClientRect().top);
    // Record, inside the page, the text the tile shows in the very render that turns it grey:
    // reading it afterwards over the wire may already see a later second on a loaded machine.
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid="tile-local"]')!;
      const observer = new MutationObserver(() => {
        if (!el.hasAttribute('data-page-stale')) return;
        (window as unknown as { firstGrey?: string }).firstGrey = el.querySelector('[data-testid="tile-no-data"]')?.textContent ?? '';
        observer.disconnect();
      });
      observer.observe(el, { attributes: true, attributeFilter: ['data-page-stale'] });
    });
    serve.child.kill('SIGSTOP');
    try {
      await page.locator('[data-testid="tile-local"][data-page-stale]').waitFor({ timeout: 10_000 });
      // The page's own clock: the age it shows when it first turns grey is under 3 intervals (3 s).
      const firstText = await page.evaluate(() => (window as unknown as { firstGrey?: string }).firstGrey);
      expect(firstText).toMatch(/^[12]초 동안 데이터 없음$/);
      expect(await tile.getAttribute('data-status')).toBe('unknown');
      await page.locator('[data-testid="no-data-banner"]').waitFor();
      expect(await page.locator('.wall-grid').evaluate((e) => e.getBoundingClientRect().top)).toBe(gridTop);
      await page.waitForTimeout(1_500);
      await page.screenshot({ path: shot('wall-stale-ko') });
    } finally {
      serve.child.kill('SIGCONT');
    }
    await page.waitForFunction(() => !document.querySelector('[data-testid="tile-local"]')?.hasAttribute('data-page-stale'), null, { timeout: 15_000 });
    await page.context().close();
  });

  it('has a visible way out: the button and Esc lead to the overview, which stays read-only', async () => {
    const page = await open(serve.wallUrl, 'en-US');
    await page.locator('[data-testid="wall-exit"]').waitFor();
    expect(await page.locator('[data-testid="wall-exit"]').innerText()).toContain('Esc');
    await page.keyboard.press('Escape');
    await page.locator('.app-header').waitFor();
    expect(page.url()).not.toContain('mode=wall');
    await page.screenshot({ path: shot('wall-exited-en') });
    await page.context().close();
  });
});

describe('the storage banner', () => {
  it('appears on the wall when the data folder fills up and goes when space is back', async () => {
    const mountDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-e2e-tmpfs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountDir]);
    const full = await startServe({ dataDir: path.join(mountDir, 'data'), args: ['--interval', '1'] });
    try {
      for (const locale of ['ko-KR', 'en-US']) {
        const page = await open(full.wallUrl, locale);
        await page.locator('[data-testid="tile-local"]').waitFor();
        if (locale === 'ko-KR') {
          const fd = fs.openSync(path.join(mountDir, 'filler'), 'w');
          try {
            for (const size of [65536, 4096, 512]) {
              try {
                for (;;) fs.writeSync(fd, Buffer.alloc(size, 1));
              } catch {
                /* next smaller */
              }
            }
          } finally {
            fs.closeSync(fd);
          }
        }
        await page.locator('[data-testid="storage-banner"][data-status="full"]').waitFor({ timeout: 20_000 });
        await page.screenshot({ path: shot(`wall-storage-full-${locale.slice(0, 2)}`) });
        await page.context().close();
      }
      const page = await open(full.url, 'ko-KR');
      await page.locator('[data-testid="storage-banner"]').waitFor();
      await page.screenshot({ path: shot('overview-storage-full-ko') });
      fs.rmSync(path.join(mountDir, 'filler'));
      await page.locator('[data-testid="storage-banner"]').waitFor({ state: 'detached', timeout: 20_000 });
      await page.context().close();
    } finally {
      await full.stop();
      execFileSync('umount', ['-l', mountDir]);
    }
  });
});
