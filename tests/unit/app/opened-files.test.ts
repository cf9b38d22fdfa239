import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OPENED_FILE_MAX_BYTES, openedFilePaths, OpenedFileQueue, readOpenedFile } from '../../../src/main/app/opened-files';
import { nullLogger } from '../../../src/main/engine/core/logger';
import { setupShellHost } from '../../../src/main/app/shell-host';
import { SHELL_CHANNELS, type EngineLinkStatus, type ShellLanguage } from '../../../src/shared/desktop-shell';
import { BrowserWindow, FakeWebFrame, invokeEvent, ipcMain, resetElectronMock } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

let dir: string;
beforeEach(() => {
  resetElectronMock();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-opened-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('files the OS opens', () => {
  it('picks OpsDeck files out of the launch arguments, never flags', () => {
    expect(openedFilePaths(['--kiosk', '/home/ops/drill.opsdeck-playbook', 'notes.json', '--x=a.opsdeck-glossary', 'C:\\Users\\ops\\Team.OPSDECK-GLOSSARY'])).toEqual([
      '/home/ops/drill.opsdeck-playbook',
      'C:\\Users\\ops\\Team.OPSDECK-GLOSSARY',
    ]);
  });

  it('reads a file with its kind and name, and refuses one over the limit or missing, with a code', async () => {
    const file = path.join(dir, 'drill.opsdeck-playbook');
    fs.writeFileSync(file, '{"id":"drill"}');
    expect(await readOpenedFile(file)).toEqual({ kind: 'playbook', name: 'drill.opsdeck-playbook', content: '{"id":"drill"}' });
    const big = path.join(dir, 'big.opsdeck-glossary');
    fs.writeFileSync(big, Buffer.alloc(OPENED_FILE_MAX_BYTES + 1, 0x20));
    expect(await readOpenedFile(big)).toEqual({ kind: 'glossary', name: 'big.opsdeck-glossary', content: '', error: 'TOO_LARGE' });
    expect(await readOpenedFile(path.join(dir, 'gone.opsdeck-glossary'))).toMatchObject({ error: 'UNREADABLE' });
    expect(await readOpenedFile(path.join(dir, 'other.json'))).toBeNull();
  });
});

describe('shell host', () => {
  function setup() {
    const statusListeners = new Set<(s: EngineLinkStatus) => void>();
    const engine = {
      currentStatus: { state: 'running' } as EngineLinkStatus,
      onStatus: (l: (s: EngineLinkStatus) => void) => (statusListeners.add(l), () => statusListeners.delete(l)),
      restartNow: vi.fn(),
    };
    const win = new BrowserWindow();
    win.webContents.mainFrame.url = 'app://opsdeck/index.html';
    const queue = new OpenedFileQueue();
    const languages: ShellLanguage[] = [];
    const dispose = setupShellHost({
      engine,
      windows: () => [win] as never,
      isRendererUrl: (url) => url.startsWith('app://opsdeck/index.html'),
      openedFiles: queue,
      onLanguage: (l) => languages.push(l),
      logger: nullLogger,
    });
    const call = (channel: string, event: unknown, arg?: unknown) => ipcMain.handlers.get(channel)!(event, arg);
    return { engine, win, queue, languages, dispose, call, pushStatus: (s: EngineLinkStatus) => statusListeners.forEach((l) => l(s)) };
  }

  it('answers our window: status, restart, language, and opened files once each', async () => {
    const { engine, win, queue, languages, call } = setup();
    const ours = invokeEvent(win.webContents);
    expect(await call(SHELL_CHANNELS.getEngineStatus, ours)).toEqual({ state: 'running' });
    await call(SHELL_CHANNELS.restartEngineNow, ours);
    expect(engine.restartNow).toHaveBeenCalledTimes(1);
    await call(SHELL_CHANNELS.setLanguage, ours, 'en');
    await call(SHELL_CHANNELS.setLanguage, ours, 'fr');
    expect(languages).toEqual(['en']);
    queue.push({ kind: 'playbook', name: 'a.opsdeck-playbook', content: '{}' });
    expect(win.webContents.send).toHaveBeenCalledWith(SHELL_CHANNELS.fileWaiting, undefined);
    expect(await call(SHELL_CHANNELS.takeOpenedFile, ours)).toMatchObject({ name: 'a.opsdeck-playbook' });
    expect(await call(SHELL_CHANNELS.takeOpenedFile, ours)).toBeNull();
  });

  it('tells our windows every engine status change, and only windows showing our page', () => {
    const { win, pushStatus } = setup();
    pushStatus({ state: 'restarting', attempt: 1, retryInMs: 1000, exitCode: 139 });
    expect(win.webContents.send).toHaveBeenCalledWith(SHELL_CHANNELS.engineStatus, { state: 'restarting', attempt: 1, retryInMs: 1000, exitCode: 139 });
    win.webContents.mainFrame.url = 'https://elsewhere.example/';
    pushStatus({ state: 'running' });
    expect(win.webContents.send).toHaveBeenCalledTimes(1);
  });

  it('refuses frames that are not ours: no restart, no language, no file', async () => {
    const { engine, win, queue, languages, call } = setup();
    queue.push({ kind: 'glossary', name: 'g.opsdeck-glossary', content: '{}' });
    const child = new FakeWebFrame('app://opsdeck/index.html', win.webContents.mainFrame);
    const stranger = new BrowserWindow();
    stranger.webContents.mainFrame.url = 'app://opsdeck/index.html';
    for (const event of [invokeEvent(win.webContents, child), invokeEvent(stranger.webContents)]) {
      expect(await call(SHELL_CHANNELS.getEngineStatus, event)).toBeNull();
      await call(SHELL_CHANNELS.restartEngineNow, event);
      await call(SHELL_CHANNELS.setLanguage, event, 'en');
      expect(await call(SHELL_CHANNELS.takeOpenedFile, event)).toBeNull();
    }
    expect(engine.restartNow).not.toHaveBeenCalled();
    expect(languages).toEqual([]);
    expect(queue.size).toBe(1);
  });
});
