import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nullLogger } from '../../../src/main/engine/core/logger';
import { isKioskMode } from '../../../src/main/app/kiosk';
import { applySessionSecurity, CONTENT_SECURITY_POLICY, hardenWebContents, setupSecurity } from '../../../src/main/app/security';
import { createMainWindow, getOurWindows, WINDOW_BACKGROUND } from '../../../src/main/app/window';
import { CONTENT_SECURITY_POLICY as SHARED_CSP } from '../../../src/shared/csp';
import { app, BrowserWindow, FakeSession, FakeWebContents, resetElectronMock, session, shell } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

let userDataDir: string;
const renderer = { kind: 'app' as const, root: '/opt/OpsDeck/out/renderer' };

function open(kiosk = false) {
  return createMainWindow({ renderer, preloadPath: '/opt/OpsDeck/out/preload/index.js', userDataDir, kiosk, logger: nullLogger }) as unknown as BrowserWindow;
}

beforeEach(() => {
  resetElectronMock();
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-window-'));
});
afterEach(() => fs.rmSync(userDataDir, { recursive: true, force: true }));

describe('main window', () => {
  it('is created with context isolation, sandbox, no Node integration and the preload', () => {
    const win = open();
    const prefs = win.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/opt/OpsDeck/out/preload/index.js',
    });
  });

  it('is titled OpsDeck, dark from the first frame, and hidden until ready-to-show', () => {
    const win = open();
    expect(win.options).toMatchObject({ title: 'OpsDeck', show: false, backgroundColor: WINDOW_BACKGROUND });
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledTimes(1);
  });

  it('keeps its title when the page sets one', () => {
    const win = open();
    const event = { preventDefault: vi.fn() };
    win.emit('page-title-updated', event, 'index.html');
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('loads the built renderer from app://opsdeck, never file://, and is registered as ours until closed', () => {
    const win = open();
    expect(win.loadURL).toHaveBeenCalledWith('app://opsdeck/index.html');
    expect(win.loadFile).not.toHaveBeenCalled();
    expect(getOurWindows()).toContain(win);
    win.close();
    expect(getOurWindows()).not.toContain(win);
  });

  it('loads the dev server URL when the renderer is served', () => {
    const win = createMainWindow({ renderer: { kind: 'dev', url: 'http://localhost:5173' }, preloadPath: '/p.js', userDataDir, kiosk: false, logger: nullLogger }) as unknown as BrowserWindow;
    expect(win.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
  });

  it('reloads after a renderer crash, but not after a clean exit', () => {
    vi.useFakeTimers();
    try {
      const win = open();
      win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
      vi.advanceTimersByTime(2_000);
      expect(win.webContents.reload).not.toHaveBeenCalled();
      win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      vi.advanceTimersByTime(2_000);
      expect(win.webContents.reload).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('kiosk (wall) mode', () => {
  it('is on with --kiosk or OPSDECK_KIOSK=1 only', () => {
    expect(isKioskMode(['/opt/OpsDeck/opsdeck', '--kiosk'], {})).toBe(true);
    expect(isKioskMode(['/opt/OpsDeck/opsdeck'], { OPSDECK_KIOSK: '1' })).toBe(true);
    expect(isKioskMode(['/opt/OpsDeck/opsdeck'], { OPSDECK_KIOSK: '0' })).toBe(false);
    expect(isKioskMode(['/opt/OpsDeck/opsdeck', '--kiosky'], {})).toBe(false);
  });

  it('gives a frameless full-screen kiosk window that loads the wall layout', () => {
    const win = open(true);
    expect(win.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true });
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(win.loadURL).toHaveBeenCalledWith('app://opsdeck/index.html?mode=wall');
    expect(new URL(win.webContents.getURL()).searchParams.get('mode')).toBe('wall');
  });

  it('neither restores nor overwrites the workstation bounds', () => {
    const file = path.join(userDataDir, 'window-state.json');
    fs.writeFileSync(file, JSON.stringify({ x: 10, y: 10, width: 1000, height: 700, isMaximized: false }));
    const win = open(true);
    expect(win.options.x).toBeUndefined();
    win.close();
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ width: 1000, height: 700 });
  });
});

/** A policy that allows exactly these URLs, like the glossary-backed one does for its sources. */
function allowOnly(...urls: string[]) {
  const asked: string[] = [];
  const policy = { isAllowed: async (url: string) => (asked.push(url), urls.includes(url)) };
  return { asked, opts: { externalLinks: () => policy, logger: nullLogger } };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('navigation, redirects and new windows', () => {
  it('blocks every navigation and opens only allowlisted https links in the OS browser', async () => {
    const contents = new FakeWebContents();
    const { opts, asked } = allowOnly('https://sre.google/sre-book/monitoring-distributed-systems/');
    hardenWebContents(contents as never, opts);
    for (const url of ['https://sre.google/sre-book/monitoring-distributed-systems/', 'https://evil.example/', 'http://insecure.example.com/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      const event = { url, preventDefault: vi.fn() };
      contents.emit('will-navigate', event, url);
      expect(event.preventDefault).toHaveBeenCalled();
    }
    await settle();
    expect(asked).toHaveLength(5);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://sre.google/sre-book/monitoring-distributed-systems/');
  });

  it('handles a redirect like a navigation: stopped, and only an allowlisted target opens outside', async () => {
    const contents = new FakeWebContents();
    const { opts } = allowOnly('https://www.postgresql.org/docs/current/monitoring-stats.html');
    hardenWebContents(contents as never, opts);
    const away = { url: 'https://attacker.example/phish', preventDefault: vi.fn() };
    contents.emit('will-redirect', away, away.url);
    const docs = { url: 'https://www.postgresql.org/docs/current/monitoring-stats.html', preventDefault: vi.fn() };
    contents.emit('will-redirect', docs, docs.url);
    await settle();
    expect(away.preventDefault).toHaveBeenCalled();
    expect(docs.preventDefault).toHaveBeenCalled();
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith(docs.url);
  });

  it('denies window.open, handing only allowlisted URLs to the OS browser', async () => {
    const contents = new FakeWebContents();
    const { opts } = allowOnly('https://grafana.example.com/d/abc');
    hardenWebContents(contents as never, opts);
    const handler = contents.windowOpenHandler!;
    expect(handler({ url: 'https://grafana.example.com/d/abc' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://grafana.example.com/d/other' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'smb://fileserver/share' })).toEqual({ action: 'deny' });
    await settle();
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://grafana.example.com/d/abc');
  });

  it('opens nothing outside before the engine-backed allowlist exists', async () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    contents.windowOpenHandler!({ url: 'https://sre.google/' });
    await settle();
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses <webview> attachment', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('hardens every web contents the app creates, including our main window', () => {
    setupSecurity();
    const win = open();
    expect(win.webContents.windowOpenHandler).toBeTypeOf('function');
    for (const name of ['will-navigate', 'will-redirect']) {
      const event = { url: 'https://elsewhere.example/', preventDefault: vi.fn() };
      win.webContents.emit(name, event, event.url);
      expect(event.preventDefault).toHaveBeenCalled();
    }
  });
});

describe('session security', () => {
  it('denies every permission request and check', () => {
    const ses = new FakeSession();
    applySessionSecurity(ses as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal']) {
      const callback = vi.fn();
      ses.permissionRequestHandler!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(ses.permissionCheckHandler!({}, permission, 'app://opsdeck', {})).toBe(false);
    }
    expect(ses.devicePermissionHandler!({ deviceType: 'usb' })).toBe(false);
  });

  it('puts the one CSP on responses, replacing a weaker one', () => {
    const ses = new FakeSession();
    applySessionSecurity(ses as never);
    const callback = vi.fn();
    ses.headersListener!({ url: 'http://localhost:5173/', responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    expect(CONTENT_SECURITY_POLICY).toBe(SHARED_CSP);
  });

  it('is applied to the default session once Electron is ready', async () => {
    setupSecurity();
    app.makeReady();
    await Promise.resolve();
    await Promise.resolve();
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalled();
  });
});
