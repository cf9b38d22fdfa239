// Entry of the Electron main process: wires the setupX() modules and nothing else.
import path from 'node:path';
import { app } from 'electron';
import type { ShellLanguage } from '../../shared/desktop-shell';
import { createFileLogger } from '../engine/core/file-logger';
import { nullLogger, type Logger } from '../engine/core/logger';
import { handleAppProtocol, registerAppScheme } from './app-protocol-setup';
import { setupDataDir } from './data-dir';
import { setupDesktopNotifications } from './desktop-notifications';
import { setupEngine } from './engine-launch';
import { createGlossaryLinkPolicy, NO_EXTERNAL_LINKS, type ExternalLinkPolicy } from './external-links';
import { setupIpcHost } from './ipc-host';
import { isKioskMode, keepWallAwake } from './kiosk';
import { createLoginItem } from './login-item';
import { openedFilePaths, OpenedFileQueue, readOpenedFile } from './opened-files';
import { isRendererUrl, resolveRenderer } from './renderer-url';
import { setupSecurity } from './security';
import { setupShellHost } from './shell-host';
import { setupSingleInstance } from './single-instance';
import { StatusTray } from './tray';
import { feedTray } from './tray-feed';
import { setupUpdates, type UpdaterLike } from './updates';
import { createMainWindow, focusWindow, getOurWindows } from './window';

const userDataDir = setupDataDir(process.env);
const kiosk = isKioskMode(process.argv, process.env);
const openedFiles = new OpenedFileQueue();
let openWindow: (() => void) | null = null;
let externalLinks: ExternalLinkPolicy = NO_EXTERNAL_LINKS;
let language: ShellLanguage = 'ko';
let mainLogger: Logger = nullLogger; // the file logger once the data folder is known to be ready

const queueFiles = (paths: readonly string[]) => {
  for (const file of paths) void readOpenedFile(file).then((opened) => opened && openedFiles.push(opened));
};

if (
  setupSingleInstance((argv) => {
    queueFiles(openedFilePaths(argv.slice(1)));
    showMainWindow();
  })
) {
  registerAppScheme();
  setupSecurity({ externalLinks: () => externalLinks, logger: { log: (...args) => mainLogger.log(...args) } });
  queueFiles(openedFilePaths(process.argv.slice(1)));
  // macOS hands files over as events, possibly before 'ready'.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    queueFiles([file]);
    if (app.isReady()) showMainWindow();
  });
  void app.whenReady().then(start);
}

function showMainWindow(): void {
  const existing = getOurWindows()[0];
  if (existing) focusWindow(existing);
  else openWindow?.();
}

function start(): void {
  const logger = createFileLogger(path.join(userDataDir, 'logs', 'main.log'));
  mainLogger = logger;
  const osLocale = app.getSystemLocale();
  language = /^ko\b/i.test(osLocale) ? 'ko' : 'en';
  const renderer = resolveRenderer({ mainDir: __dirname, isPackaged: app.isPackaged, env: process.env });
  if (renderer.kind === 'app') handleAppProtocol(renderer.root);
  const engine = setupEngine({ mainDir: __dirname, dataDir: userDataDir, osLocale, logger });
  externalLinks = createGlossaryLinkPolicy((channel, arg) => engine.invoke(channel, arg), logger);
  const ours = (url: string) => isRendererUrl(renderer, url);
  setupIpcHost({ engine, windows: getOurWindows, isRendererUrl: ours, logger });
  setupDesktopNotifications({ engine, logger, showWindow: showMainWindow });

  const loginItem = createLoginItem({
    platform: process.platform,
    isPackaged: app.isPackaged,
    executable: process.env.APPIMAGE ?? process.execPath,
    args: kiosk ? ['--kiosk'] : [],
    env: process.env,
    getLoginItemSettings: () => app.getLoginItemSettings(),
    setLoginItemSettings: (settings) => app.setLoginItemSettings(settings),
  });
  const tray = new StatusTray(
    { show: showMainWindow, quit: () => app.quit(), setStartAtLogin: loginItem.supported ? (on) => loginItem.set(on) : undefined },
    { language, startAtLogin: loginItem.supported ? loginItem.get() : null },
  );
  feedTray(engine, tray, { logger });
  setupShellHost({
    engine,
    windows: getOurWindows,
    isRendererUrl: ours,
    openedFiles,
    onLanguage: (next) => {
      language = next;
      tray.setLanguage(next);
    },
    logger,
  });

  setupUpdates({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    env: process.env,
    logger,
    // Loaded only in a packaged app with an update address: it reads app-update.yml on load.
    loadUpdater: () => (require('electron-updater') as { autoUpdater: UpdaterLike }).autoUpdater,
  });

  const preloadPath = path.join(__dirname, '../preload/index.js');
  openWindow = () => void createMainWindow({ renderer, preloadPath, userDataDir, kiosk, logger });
  openWindow();
  if (kiosk) keepWallAwake();

  app.on('activate', showMainWindow); // macOS: the dock icon reopens the window
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => tray.destroy());
}
