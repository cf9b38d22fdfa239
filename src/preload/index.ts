// Builds window.opsdeck from the channel tables over ipcRenderer, and window.opsdeckShell (the
// desktop shell's own small link: engine status, Retry, UI language, opened files). Nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApiClient, METHOD_NAMES, type ClientTransport, type OpsApi, type RpcResult } from '../shared/api';
import { isEngineLinkStatus, isOpenedFile, SHELL_CHANNELS, type DesktopShell, type EngineLinkStatus, type OpenedFile } from '../shared/desktop-shell';
import { isErrorPayload, withData } from '../shared/errors';

const transport: ClientTransport = {
  invoke: (channel, arg) => ipcRenderer.invoke(channel, arg) as Promise<RpcResult>,
  subscribe(channel, listener) {
    // The renderer gets the payload only, never the IpcRendererEvent (it exposes ipcRenderer).
    const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, relay);
    return () => {
      ipcRenderer.removeListener(channel, relay);
    };
  },
};

/**
 * contextBridge copies a thrown Error with its message only, so the `code` the renderer
 * branches on would be lost. Methods reject with a plain `{ code, message, data? }` instead.
 */
function withPlainErrors(api: OpsApi): OpsApi {
  const bridged: Record<string, unknown> = { ...api };
  for (const name of METHOD_NAMES) {
    const method = api[name] as (arg?: unknown) => Promise<unknown>;
    bridged[name] = (arg?: unknown) =>
      method(arg).catch((err: unknown) => {
        throw isErrorPayload(err) ? withData({ code: err.code, message: err.message }, err.data) : { code: 'INTERNAL', message: String(err) };
      });
  }
  return bridged as unknown as OpsApi;
}

export function createDesktopShell(): DesktopShell {
  // Status pushed by main before the page subscribed is kept, so nobody misses a restart.
  let latest: EngineLinkStatus | null = null;
  const statusListeners = new Set<(status: EngineLinkStatus) => void>();
  const publish = (status: EngineLinkStatus) => {
    latest = status;
    for (const listener of statusListeners) listener(status);
  };
  ipcRenderer.on(SHELL_CHANNELS.engineStatus, (_event, status: unknown) => {
    if (isEngineLinkStatus(status)) publish(status);
  });
  void ipcRenderer.invoke(SHELL_CHANNELS.getEngineStatus).then((status: unknown) => {
    if (latest === null && isEngineLinkStatus(status)) publish(status);
  });

  const fileListeners = new Set<(file: OpenedFile) => void>();
  const drainFiles = async () => {
    if (fileListeners.size === 0) return;
    for (;;) {
      const file: unknown = await ipcRenderer.invoke(SHELL_CHANNELS.takeOpenedFile);
      if (!isOpenedFile(file)) return;
      for (const listener of fileListeners) listener(file);
    }
  };
  ipcRenderer.on(SHELL_CHANNELS.fileWaiting, () => void drainFiles());

  return {
    onEngineStatus(listener) {
      statusListeners.add(listener);
      if (latest) listener(latest);
      return () => void statusListeners.delete(listener);
    },
    restartEngineNow: async () => {
      await ipcRenderer.invoke(SHELL_CHANNELS.restartEngineNow);
    },
    setLanguage: async (language) => {
      await ipcRenderer.invoke(SHELL_CHANNELS.setLanguage, language);
    },
    onOpenFile(listener) {
      fileListeners.add(listener);
      void drainFiles(); // files opened at launch waited for the first listener
      return () => void fileListeners.delete(listener);
    },
  };
}

contextBridge.exposeInMainWorld('opsdeck', withPlainErrors(createApiClient(transport)));
contextBridge.exposeInMainWorld('opsdeckShell', createDesktopShell());
