// The one place that touches window.opsdeck, window.opsdeckShell or the socket. In Electron the
// preload has built both; in a browser served by `opsdeck serve` we speak the same contract over /api.
import { createApiClient, METHOD_CHANNELS } from '../../../shared/api';
import { browserSocketFactory, engineSocketUrl } from './browser-socket';
import type { OpsClient } from './connection';
import { engineLinkValues } from './engine-link';
import { constantValue } from './observable';
import { WsTransport } from './ws-transport';

export type { ConnectionState, OpsClient } from './connection';
export type { EngineRestart } from './engine-link';

// Series over a week can take the engine longer than a point query.
const SLOW_CHANNELS: Record<string, number> = { [METHOD_CHANNELS.getSeries]: 30_000 };

export function createOpsClient(): OpsClient {
  const preloaded = window.opsdeck;
  if (preloaded) {
    const shell = window.opsdeckShell;
    if (!shell) return { api: preloaded, hostKind: 'electron', connection: constantValue('connected'), engineRestart: constantValue(null), reconnectNow: () => undefined, reportLanguage: () => undefined, onOpenFile: () => () => undefined };
    const link = engineLinkValues(shell);
    return {
      api: preloaded,
      hostKind: 'electron',
      connection: link.connection,
      engineRestart: link.engineRestart,
      reconnectNow: () => void shell.restartEngineNow().catch(() => undefined),
      reportLanguage: (language) => void shell.setLanguage(language).catch(() => undefined),
      onOpenFile: (listener) => shell.onOpenFile(listener),
    };
  }
  const transport = new WsTransport({
    url: engineSocketUrl(window.location),
    createSocket: browserSocketFactory,
    timeoutByChannel: SLOW_CHANNELS,
  });
  // No connect() here: the first call opens the socket (see main.tsx for when that is).
  // Coming back online is a good moment to try again instead of waiting out the backoff.
  window.addEventListener('online', () => transport.reconnectNow());
  return {
    api: createApiClient(transport),
    hostKind: 'browser',
    connection: transport.connection,
    engineRestart: constantValue(null),
    reconnectNow: () => transport.reconnectNow(),
    reportLanguage: () => undefined,
    onOpenFile: () => () => undefined,
  };
}
