// The main window: sandboxed renderer, preload bridge, remembered bounds, no white flash.
// Every window made here is registered, because the IPC host trusts only these.
import path from 'node:path';
import { BrowserWindow, screen, type BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../engine/core/logger';
import { KIOSK_WINDOW_OPTIONS, WALL_QUERY } from './kiosk';
import { rendererUrl, type RendererLocation } from './renderer-url';
import { MIN_WINDOW_SIZE, readWindowState, trackWindowState, WINDOW_STATE_FILE } from './window-state';

/** The dark theme's --bg (src/renderer/src/theme/tokens.ts), so no white frame shows. */
export const WINDOW_BACKGROUND = '#0d1117';
export const WINDOW_TITLE = 'OpsDeck';

export interface MainWindowOptions {
  renderer: RendererLocation;
  preloadPath: string;
  userDataDir: string;
  kiosk: boolean;
  logger: Logger;
}

const ourWindows = new Set<BrowserWindow>();

/** Windows this module created and that are still open. */
export function getOurWindows(): BrowserWindow[] {
  return [...ourWindows].filter((w) => !w.isDestroyed());
}

export function focusWindow(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const satisfies BrowserWindowConstructorOptions['webPreferences'];

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const stateFile = path.join(opts.userDataDir, WINDOW_STATE_FILE);
  // A wall's window is the whole screen: it neither restores nor overwrites a workstation's bounds.
  const state = opts.kiosk ? null : readWindowState(stateFile, screen.getAllDisplays().map((d) => d.workArea));
  const placement: BrowserWindowConstructorOptions = state
    ? { x: state.x, y: state.y, width: state.width, height: state.height }
    : KIOSK_WINDOW_OPTIONS;

  const win = new BrowserWindow({
    title: WINDOW_TITLE,
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    ...placement,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: opts.preloadPath },
  });
  ourWindows.add(win);
  win.on('closed', () => ourWindows.delete(win));

  if (state?.isMaximized) win.maximize();
  if (state) trackWindowState(win, stateFile, opts.logger);
  win.once('ready-to-show', () => win.show());
  // The page sets its own <title>; the window keeps the product name.
  win.on('page-title-updated', (event) => event.preventDefault());
  reloadAfterCrash(win, opts.logger);

  const query = opts.kiosk ? WALL_QUERY : {};
  const load = win.loadURL(rendererUrl(opts.renderer, query));
  load.catch((err: unknown) => opts.logger.log('error', 'renderer-load-failed', { error: String(err) }));
  return win;
}

/** A wall must recover from a renderer crash by itself, but not loop on a page that always crashes. */
function reloadAfterCrash(win: BrowserWindow, logger: Logger): void {
  const recentCrashes: number[] = [];
  win.webContents.on('render-process-gone', (_event, details) => {
    logger.log('error', 'renderer-gone', { reason: details.reason, exitCode: details.exitCode });
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    const now = Date.now();
    recentCrashes.push(now);
    while (recentCrashes.length && now - recentCrashes[0]! > 60_000) recentCrashes.shift();
    if (recentCrashes.length <= 3) setTimeout(() => !win.isDestroyed() && win.webContents.reload(), 1_000);
  });
}
