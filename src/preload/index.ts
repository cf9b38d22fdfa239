// Builds window.opsdeck from the channel tables over ipcRenderer; nothing else lives here.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApiClient, METHOD_NAMES, type ClientTransport, type OpsApi, type RpcResult } from '../shared/api';
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

contextBridge.exposeInMainWorld('opsdeck', withPlainErrors(createApiClient(transport)));
