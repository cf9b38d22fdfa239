import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, EVENT_NAMES, METHOD_CHANNELS, METHOD_NAMES } from '../../../src/shared/api';
import { contextBridge, ipcRenderer } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

let api: Record<string, (...args: any[]) => any>;
let exposeCalls: unknown[][];

beforeAll(async () => {
  await import('../../../src/preload/index');
  api = contextBridge.exposed.get('opsdeck') as typeof api;
  exposeCalls = [...contextBridge.exposeInMainWorld.mock.calls];
});

describe('preload', () => {
  it('exposes window.opsdeck once, with every method and event of the contract and nothing else, and the shell link beside it', () => {
    expect(exposeCalls).toEqual([
      ['opsdeck', api],
      ['opsdeckShell', contextBridge.exposed.get('opsdeckShell')],
    ]);
    expect(Object.keys(contextBridge.exposed.get('opsdeckShell') as object).sort()).toEqual(['onEngineStatus', 'onOpenFile', 'restartEngineNow', 'setLanguage']);
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, ...EVENT_NAMES].sort());
  });

  it.each(METHOD_NAMES)('%s invokes its channel and resolves with the value', async (method) => {
    ipcRenderer.invoke.mockResolvedValue({ ok: true, value: { from: method } });
    const arg = method === 'getSnapshot' ? { targetId: 'local' } : undefined;
    await expect(api[method]!(arg)).resolves.toEqual({ from: method });
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(METHOD_CHANNELS[method], arg);
  });

  it.each(METHOD_NAMES)('%s rejects with a plain { code, message } that survives the context bridge', async (method) => {
    ipcRenderer.invoke.mockResolvedValue({ ok: false, error: { code: 'FORBIDDEN', message: 'Not ours.' } });
    const error = await api[method]!().catch((e: unknown) => e);
    expect(error).toEqual({ code: 'FORBIDDEN', message: 'Not ours.' });
    expect(Object.getPrototypeOf(error)).toBe(Object.prototype);
  });

  it('turns a broken IPC into INTERNAL', async () => {
    ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'opsdeck:list-targets'"));
    const error = await api.listTargets!().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INTERNAL' });
  });

  it.each(EVENT_NAMES)('%s delivers the payload only, never the IpcRendererEvent, until unsubscribed', (name) => {
    const listener = vi.fn();
    const unsubscribe = api[name]!(listener);
    const ipcEvent = { sender: ipcRenderer, senderId: 0, ports: [] };
    ipcRenderer.emit(EVENT_CHANNELS[name], ipcEvent, { n: 1 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ n: 1 }]);
    unsubscribe();
    ipcRenderer.emit(EVENT_CHANNELS[name], ipcEvent, { n: 2 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(ipcRenderer.listenerCount(EVENT_CHANNELS[name])).toBe(0);
  });
});
