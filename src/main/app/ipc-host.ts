// The main process's only IPC: one ipcMain handler per contract method, generated from
// METHOD_CHANNELS, relayed to the engine's utility process; engine events go to our windows.
// Requests from frames OpsDeck did not create, or that left the renderer's URL, are refused.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import { EVENT_CHANNELS, EVENT_NAMES, METHOD_CHANNELS, METHOD_NAMES, type RpcResult } from '../../shared/api';
import type { Logger } from '../engine/core/logger';
import type { EngineLink } from './engine-supervisor';

export interface IpcHostOptions {
  engine: EngineLink;
  /** The windows OpsDeck created (window.ts keeps the list). */
  windows: () => BrowserWindow[];
  isRendererUrl: (url: string) => boolean;
  logger: Logger;
}

const FORBIDDEN: RpcResult = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This page is not part of OpsDeck and cannot use its data.' },
};

function sameFrame(a: WebFrameMain, b: WebFrameMain): boolean {
  return a === b || (a.processId === b.processId && a.routingId === b.routingId);
}

function senderFrameOf(event: IpcMainInvokeEvent): WebFrameMain | null {
  try {
    return event.senderFrame; // null once the frame navigated away or was destroyed
  } catch {
    return null;
  }
}

/** The main frame of one of our windows, currently showing our renderer. */
export function isTrustedSender(event: IpcMainInvokeEvent, opts: Pick<IpcHostOptions, 'windows' | 'isRendererUrl'>): boolean {
  const frame = senderFrameOf(event);
  if (!frame || frame.parent !== null) return false;
  const win = opts.windows().find((w) => !w.isDestroyed() && w.webContents === event.sender);
  if (!win || !sameFrame(frame, win.webContents.mainFrame)) return false;
  return opts.isRendererUrl(frame.url);
}

/** Registers every handler and the event relay; returns a function that removes them. */
export function setupIpcHost(opts: IpcHostOptions): () => void {
  const channels = METHOD_NAMES.map((name) => METHOD_CHANNELS[name]);
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, arg: unknown): Promise<RpcResult> => {
      if (!isTrustedSender(event, opts)) {
        opts.logger.log('warn', 'ipc-forbidden', { channel, url: senderFrameOf(event)?.url.slice(0, 200) ?? null });
        return FORBIDDEN;
      }
      return opts.engine.invoke(channel, arg);
    });
  }

  // Only contract events reach a window, whatever the utility process sends.
  const eventChannels = new Set<string>(EVENT_NAMES.map((name) => EVENT_CHANNELS[name]));
  const stopRelay = opts.engine.onEvent((channel, payload) => {
    if (!eventChannels.has(channel)) {
      opts.logger.log('warn', 'ipc-unknown-event', { channel: channel.slice(0, 80) });
      return;
    }
    for (const win of opts.windows()) {
      const contents = win.webContents;
      if (win.isDestroyed() || contents.isDestroyed()) continue;
      // Data goes only to a page that is still ours.
      if (!opts.isRendererUrl(contents.getURL())) continue;
      contents.send(channel, payload);
    }
  });

  return () => {
    stopRelay();
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
