// Entry of the Electron main process: wires the setupX() modules and nothing else.
import path from 'node:path';
import { app } from 'electron';
import { createFileLogger } from '../engine/core/file-logger';
import { setupDataDir } from './data-dir';
import { setupEngine } from './engine-launch';
import { setupIpcHost } from './ipc-host';
import { isKioskMode, keepWallAwake } from './kiosk';
import { isRendererUrl, resolveRenderer } from './renderer-url';
import { setupSecurity } from './security';
import { setupSingleInstance } from './single-instance';
import { createMainWindow, focusWindow, getOurWindows } from './window';

const userDataDir = setupDataDir(process.env);
const kiosk = isKioskMode(process.argv, process.env);
let openWindow: (() => void) | null = null;

if (setupSingleInstance(() => showMainWindow())) {
  setupSecurity();
  void app.whenReady().then(start);
}

function showMainWindow(): void {
  const existing = getOurWindows()[0];
  if (existing) focusWindow(existing);
  else openWindow?.();
}

function start(): void {
  const logger = createFileLogger(path.join(userDataDir, 'logs', 'main.log'));
  const renderer = resolveRenderer({ mainDir: __dirname, isPackaged: app.isPackaged, env: process.env });
  const engine = setupEngine({ mainDir: __dirname, dataDir: userDataDir, osLocale: app.getSystemLocale(), logger });
  setupIpcHost({ engine, windows: getOurWindows, isRendererUrl: (url) => isRendererUrl(renderer, url), logger });

  const preloadPath = path.join(__dirname, '../preload/index.js');
  openWindow = () => void createMainWindow({ renderer, preloadPath, userDataDir, kiosk, logger });
  openWindow();
  if (kiosk) keepWallAwake();

  app.on('activate', showMainWindow); // macOS: the dock icon reopens the window
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
