// The one place that touches window.opsdeck, window.opsdeckShell or the socket. In Electron the
// preload has built both; in a browser served by `opsdeck serve` we speak the same contract over /api,
// with the page's access token (access-token.ts).
import { createApiClient, METHOD_CHANNELS } from '../../../shared/api';
import { forgetAccessToken, takeAccessToken, type AccessState, type TokenStorage } from './access-token';
import { browserSocketFactory, engineSocketUrl } from './browser-socket';
import type { OpsClient } from './connection';
import { engineLinkValues } from './engine-link';
import { constantValue, createValue } from './observable';
import { WsTransport } from './ws-transport';

export type { ConnectionState, OpsClient } from './connection';
export type { AccessState } from './access-token';
export type { EngineRestart } from './engine-link';

// Series over a week can take the engine longer than a point query.
const SLOW_CHANNELS: Record<string, number> = { [METHOD_CHANNELS.getSeries]: 30_000 };

function tabStorage(): TokenStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Asks serve whether the token is still good (a refused socket does not say why in a browser). */
async function tokenAccepted(token: string): Promise<boolean | null> {
  try {
    const res = await fetch('/auth-check', { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
    return res.status === 204 ? true : res.status === 401 ? false : null;
  } catch {
    return null; // serve is down: that is the connection banner's business
  }
}

export function createOpsClient(): OpsClient {
  const preloaded = window.opsdeck;
  if (preloaded) {
    const shell = window.opsdeckShell;
    if (!shell) return { api: preloaded, hostKind: 'electron', connection: constantValue('connected'), access: constantValue('ok'), engineRestart: constantValue(null), reconnectNow: () => undefined, reportLanguage: () => undefined, onOpenFile: () => () => undefined };
    const link = engineLinkValues(shell);
    return {
      api: preloaded,
      hostKind: 'electron',
      connection: link.connection,
      access: constantValue('ok'),
      engineRestart: link.engineRestart,
      reconnectNow: () => void shell.restartEngineNow().catch(() => undefined),
      reportLanguage: (language) => void shell.setLanguage(language).catch(() => undefined),
      onOpenFile: (listener) => shell.onOpenFile(listener),
    };
  }
  const storage = tabStorage();
  const token = takeAccessToken(window.location, (url) => window.history.replaceState(window.history.state, '', url), storage);
  const access = createValue<AccessState>(token ? 'ok' : 'missing');
  const reject = () => {
    forgetAccessToken(storage);
    access.set('rejected');
    transport.dispose();
  };
  // A failed attempt may be a refused token (a browser's WebSocket hides the 401): ask serve,
  // at most once per connection lost, and show the token screen if that is what it was.
  let asking = false;
  const transport: WsTransport = new WsTransport({
    url: engineSocketUrl(window.location, token),
    createSocket: (url, handlers) => browserSocketFactory(url, { ...handlers, onTokenRevoked: reject }),
    timeoutByChannel: SLOW_CHANNELS,
    onFailedAttempt: () => {
      if (asking || !token) return;
      asking = true;
      void tokenAccepted(token).then((ok) => {
        asking = false;
        if (ok === false) reject();
      });
    },
  });
  if (!token) transport.dispose();
  // Coming back online is a good moment to try again instead of waiting out the backoff.
  window.addEventListener('online', () => transport.reconnectNow());
  return {
    api: createApiClient(transport),
    hostKind: 'browser',
    connection: transport.connection,
    access,
    engineRestart: constantValue(null),
    reconnectNow: () => transport.reconnectNow(),
    reportLanguage: () => undefined,
    onOpenFile: () => () => undefined,
  };
}
