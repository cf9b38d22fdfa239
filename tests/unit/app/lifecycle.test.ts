import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_CHANNELS, METHOD_NAMES } from '../../../src/shared/api';
import { setupDataDir } from '../../../src/main/app/data-dir';
import { SHELL_INVOKE_CHANNELS } from '../../../src/main/app/shell-host';
import { setupSingleInstance } from '../../../src/main/app/single-instance';
import { app, BrowserWindow, ipcMain, powerSaveBlocker, protocol, resetElectronMock, Tray, utilityProcess } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));
vi.mock('../../../src/main/engine/core/file-logger', () => ({ createFileLogger: () => ({ log() {}, close() {} }) }));

beforeEach(() => resetElectronMock());

describe('single instance', () => {
  it('a second launch focuses the existing window and hands over its arguments', () => {
    const win = new BrowserWindow();
    win.minimize();
    const seen: string[][] = [];
    expect(setupSingleInstance((argv) => {
      seen.push(argv);
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    })).toBe(true);
    app.emit('second-instance', {}, ['opsdeck', '/home/ops/drill.opsdeck-playbook'], '/home/ops');
    expect(seen).toEqual([['opsdeck', '/home/ops/drill.opsdeck-playbook']]);
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('the second launch itself quits without doing anything else', () => {
    app.hasLock = false;
    const onSecond = vi.fn();
    expect(setupSingleInstance(onSecond)).toBe(false);
    expect(app.quit).toHaveBeenCalled();
    expect(app.listenerCount('second-instance')).toBe(0);
  });
});

describe('data folder', () => {
  it('OPSDECK_DATA_DIR becomes userData, resolved to an absolute path', () => {
    expect(setupDataDir({ OPSDECK_DATA_DIR: 'relative/data' })).toBe(path.resolve('relative/data'));
    expect(app.setPath).toHaveBeenCalledWith('userData', path.resolve('relative/data'));
  });

  it('without it, Electron keeps its default userData', () => {
    expect(setupDataDir({ OPSDECK_DATA_DIR: '  ' })).toBe('/fake/userData');
    expect(app.setPath).not.toHaveBeenCalled();
  });
});

describe('main entry', () => {
  const saved = { argv: process.argv, env: { ...process.env } };

  async function launch(argv: string[] = [], env: Record<string, string> = {}) {
    vi.resetModules();
    process.argv = ['/opt/OpsDeck/opsdeck', ...argv];
    Object.assign(process.env, { OPSDECK_DATA_DIR: '/tmp/opsdeck-entry-test' }, env);
    delete process.env.ELECTRON_RENDERER_URL;
    await import('../../../src/main/app/index');
    app.makeReady();
    await new Promise((r) => setTimeout(r, 0));
  }

  afterEach(() => {
    process.argv = saved.argv;
    process.env = { ...saved.env };
  });

  it('sets userData before taking the single-instance lock', async () => {
    await launch();
    const setPathOrder = app.setPath.mock.invocationCallOrder[0]!;
    expect(setPathOrder).toBeLessThan(app.requestSingleInstanceLock.mock.invocationCallOrder[0]!);
  });

  it('forks the engine host next to the main bundle with the data folder and OS locale', async () => {
    await launch();
    expect(utilityProcess.fork).toHaveBeenCalledTimes(1);
    const [modulePath, args] = utilityProcess.fork.mock.calls[0]!;
    expect(path.basename(modulePath)).toBe('engine-host.js');
    expect(args).toEqual(['--opsdeck-data-dir=/tmp/opsdeck-entry-test', '--opsdeck-os-locale=ko-KR']);
  });

  it('registers app:// as privileged before ready, and serves the renderer from it once ready', async () => {
    await launch();
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(protocol.privileged[0]!.privileges).not.toHaveProperty('bypassCSP');
    expect([...protocol.handlers.keys()]).toEqual(['app']);
  });

  it('shows a tray icon once ready', async () => {
    await launch();
    expect(Tray.all).toHaveLength(1);
    expect(Tray.all[0]!.tooltip).toMatch(/^OpsDeck — /);
  });

  it('registers the IPC host and the shell link, and opens one secure window on app://opsdeck', async () => {
    await launch();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...METHOD_NAMES.map((m) => METHOD_CHANNELS[m]), ...SHELL_INVOKE_CHANNELS].sort());
    expect(BrowserWindow.all).toHaveLength(1);
    const win = BrowserWindow.all[0]!;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(path.basename(win.options.webPreferences.preload)).toBe('index.js');
    expect(win.webContents.getURL()).toBe('app://opsdeck/index.html');
  });

  it('in kiosk mode opens the wall and keeps the display awake', async () => {
    await launch(['--kiosk']);
    const win = BrowserWindow.all[0]!;
    expect(win.options).toMatchObject({ kiosk: true, frame: false });
    expect(win.webContents.getURL()).toMatch(/\?mode=wall$/);
    expect(powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
  });

  it('a second launch focuses the window it opened', async () => {
    await launch();
    const win = BrowserWindow.all[0]!;
    win.minimize();
    app.emit('second-instance', {}, [], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('stops the engine before quitting', async () => {
    await launch();
    const child = utilityProcess.forks[0]!;
    const event = { preventDefault: vi.fn() };
    app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(child.posted).toContainEqual({ type: 'shutdown' });
    child.exit(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(app.quit).toHaveBeenCalled();
    const again = { preventDefault: vi.fn() };
    app.emit('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('does nothing but quit when another instance runs', async () => {
    app.hasLock = false;
    await launch();
    expect(app.quit).toHaveBeenCalled();
    expect(utilityProcess.fork).not.toHaveBeenCalled();
    expect(BrowserWindow.all).toHaveLength(0);
  });
});
