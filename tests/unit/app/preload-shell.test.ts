import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SHELL_CHANNELS, type EngineLinkStatus, type OpenedFile } from '../../../src/shared/desktop-shell';
import { ipcRenderer, resetElectronMock } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

const { createDesktopShell } = await import('../../../src/preload/index');
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => resetElectronMock());

describe('window.opsdeckShell (preload)', () => {
  it('asks for the engine status once and hands it to a late subscriber', async () => {
    ipcRenderer.invoke.mockImplementation(async (channel: string) => (channel === SHELL_CHANNELS.getEngineStatus ? { state: 'running' } : null));
    const shell = createDesktopShell();
    await flush();
    const seen: EngineLinkStatus[] = [];
    shell.onEngineStatus((s) => seen.push(s));
    expect(seen).toEqual([{ state: 'running' }]);
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(SHELL_CHANNELS.getEngineStatus);
  });

  it('passes pushed status changes on and drops malformed ones', async () => {
    ipcRenderer.invoke.mockResolvedValue(null);
    const shell = createDesktopShell();
    const seen: EngineLinkStatus[] = [];
    shell.onEngineStatus((s) => seen.push(s));
    ipcRenderer.emit(SHELL_CHANNELS.engineStatus, {}, { state: 'restarting', attempt: 2, retryInMs: 2000, exitCode: 139 });
    ipcRenderer.emit(SHELL_CHANNELS.engineStatus, {}, { state: 'restarting', attempt: 'two' });
    ipcRenderer.emit(SHELL_CHANNELS.engineStatus, {}, 'running');
    expect(seen).toEqual([{ state: 'restarting', attempt: 2, retryInMs: 2000, exitCode: 139 }]);
  });

  it('a push that arrives before the first answer is not overwritten by the older answer', async () => {
    let answer: (value: unknown) => void = () => undefined;
    ipcRenderer.invoke.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    const shell = createDesktopShell();
    ipcRenderer.emit(SHELL_CHANNELS.engineStatus, {}, { state: 'restarting', attempt: 1, retryInMs: 1000, exitCode: 1 });
    answer({ state: 'running' });
    await flush();
    const seen: EngineLinkStatus[] = [];
    shell.onEngineStatus((s) => seen.push(s));
    expect(seen).toEqual([{ state: 'restarting', attempt: 1, retryInMs: 1000, exitCode: 1 }]);
  });

  it('takes every waiting file once a listener exists, and each only once', async () => {
    const queue: OpenedFile[] = [
      { kind: 'playbook', name: 'drill.opsdeck-playbook', content: '{}' },
      { kind: 'glossary', name: 'team.opsdeck-glossary', content: '{}' },
    ];
    ipcRenderer.invoke.mockImplementation(async (channel: string) => (channel === SHELL_CHANNELS.takeOpenedFile ? (queue.shift() ?? null) : null));
    const shell = createDesktopShell();
    ipcRenderer.emit(SHELL_CHANNELS.fileWaiting, {});
    await flush();
    expect(queue).toHaveLength(2); // nobody listens yet: the files stay in main
    const got: string[] = [];
    shell.onOpenFile((f) => got.push(f.name));
    await flush();
    expect(got).toEqual(['drill.opsdeck-playbook', 'team.opsdeck-glossary']);
    queue.push({ kind: 'glossary', name: 'later.opsdeck-glossary', content: '{}' });
    ipcRenderer.emit(SHELL_CHANNELS.fileWaiting, {});
    await flush();
    expect(got).toEqual(['drill.opsdeck-playbook', 'team.opsdeck-glossary', 'later.opsdeck-glossary']);
  });

  it('sends Retry and the language on their channels', async () => {
    ipcRenderer.invoke.mockResolvedValue(undefined);
    const shell = createDesktopShell();
    await shell.restartEngineNow();
    await shell.setLanguage('en');
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(SHELL_CHANNELS.restartEngineNow);
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(SHELL_CHANNELS.setLanguage, 'en');
  });
});
