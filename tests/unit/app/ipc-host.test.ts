import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, EVENT_NAMES, METHOD_CHANNELS, METHOD_NAMES, type RpcResult } from '../../../src/shared/api';
import { nullLogger } from '../../../src/main/engine/core/logger';
import { EngineSupervisor } from '../../../src/main/app/engine-supervisor';
import { setupIpcHost } from '../../../src/main/app/ipc-host';
import { BrowserWindow, FakeUtilityProcess, FakeWebFrame, invokeEvent, ipcMain, resetElectronMock } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

const RENDERER = 'app://opsdeck/index.html';
const isRendererUrl = (url: string) => url.split(/[?#]/)[0] === RENDERER;

function setup() {
  const children: FakeUtilityProcess[] = [];
  const engine = new EngineSupervisor({
    modulePath: '/out/main/engine-host.js',
    args: [],
    fork: (path, args, options) => {
      const child = new FakeUtilityProcess(path, args, options);
      children.push(child);
      return child;
    },
    logger: nullLogger,
  });
  engine.start();
  const win = new BrowserWindow();
  win.webContents.mainFrame.url = RENDERER;
  const ours = [win];
  const dispose = setupIpcHost({ engine, windows: () => ours.filter((w) => !w.isDestroyed()) as never, isRendererUrl, logger: nullLogger });
  const child = children[0]!;
  // The fake engine answers every invoke with its channel and argument.
  child.postMessage.mockImplementation((msg: any) => {
    if (msg.type === 'invoke') queueMicrotask(() => child.reply({ type: 'result', id: msg.id, result: { ok: true, value: { echo: msg.channel, arg: msg.arg } } }));
  });
  return { engine, win, ours, child, dispose };
}

async function invoke(channel: string, event: unknown, arg?: unknown): Promise<RpcResult> {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return (await handler(event, arg)) as RpcResult;
}

describe('ipc host', () => {
  beforeEach(() => resetElectronMock());
  afterEach(() => vi.useRealTimers());

  it('registers exactly one handler per contract method', () => {
    setup();
    const expected = METHOD_NAMES.map((m) => METHOD_CHANNELS[m]).sort();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(expected);
  });

  it.each(METHOD_NAMES)('relays %s from our renderer to the engine and back', async (method) => {
    const { win } = setup();
    const channel = METHOD_CHANNELS[method];
    const result = await invoke(channel, invokeEvent(win.webContents), { probe: method });
    expect(result).toEqual({ ok: true, value: { echo: channel, arg: { probe: method } } });
  });

  it.each(EVENT_NAMES)('relays the engine event %s to every window of ours', (name) => {
    const { win, ours, child } = setup();
    const second = new BrowserWindow();
    second.webContents.mainFrame.url = `${RENDERER}?mode=wall`;
    ours.push(second);
    const payload = { from: name };
    child.reply({ type: 'event', channel: EVENT_CHANNELS[name], payload });
    expect(win.webContents.send).toHaveBeenCalledWith(EVENT_CHANNELS[name], payload);
    expect(second.webContents.send).toHaveBeenCalledWith(EVENT_CHANNELS[name], payload);
  });

  it('drops engine events outside the contract', () => {
    const { win, child } = setup();
    child.reply({ type: 'event', channel: 'opsdeck:not-a-contract-event', payload: {} });
    expect(win.webContents.send).not.toHaveBeenCalled();
  });

  it('sends no events to a closed window or one showing a foreign page', () => {
    const { win, ours, child } = setup();
    const foreign = new BrowserWindow();
    foreign.webContents.mainFrame.url = 'https://evil.example/';
    ours.push(foreign);
    win.close();
    child.reply({ type: 'event', channel: EVENT_CHANNELS.onDidSample, payload: {} });
    expect(win.webContents.send).not.toHaveBeenCalled();
    expect(foreign.webContents.send).not.toHaveBeenCalled();
  });

  describe('refuses with FORBIDDEN', () => {
    const channel = METHOD_CHANNELS.listTargets;

    it('a window OpsDeck did not create', async () => {
      const { child } = setup();
      const stranger = new BrowserWindow();
      stranger.webContents.mainFrame.url = RENDERER;
      const result = await invoke(channel, invokeEvent(stranger.webContents));
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(child.posted).toEqual([]);
    });

    it('our window after it navigated to another URL', async () => {
      const { win } = setup();
      win.webContents.mainFrame.url = 'https://evil.example/index.html';
      expect(await invoke(channel, invokeEvent(win.webContents))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('another file:// page', async () => {
      const { win } = setup();
      win.webContents.mainFrame.url = 'file:///tmp/downloaded.html';
      expect(await invoke(channel, invokeEvent(win.webContents))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('a subframe inside our window, even on our URL', async () => {
      const { win } = setup();
      const iframe = new FakeWebFrame(RENDERER, win.webContents.mainFrame);
      expect(await invoke(channel, invokeEvent(win.webContents, iframe))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('a frame that is already gone', async () => {
      const { win } = setup();
      expect(await invoke(channel, invokeEvent(win.webContents, null))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('a frame claiming our webContents but being another frame', async () => {
      const { win } = setup();
      const impostor = new FakeWebFrame(RENDERER);
      expect(await invoke(channel, invokeEvent(win.webContents, impostor))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });
  });

  it('answers TIMEOUT when the engine does not answer within the deadline', async () => {
    vi.useFakeTimers();
    const { win, child } = setup();
    child.postMessage.mockImplementation(() => undefined); // a hung engine
    const pending = invoke(METHOD_CHANNELS.getOverview, invokeEvent(win.webContents));
    await vi.advanceTimersByTimeAsync(15_000);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
  });

  it('removes every handler on dispose', () => {
    const { dispose } = setup();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});
