// The browser's WebSocket behind the SocketFactory seam of WsTransport.
import { WS_PATH } from '../../../shared/ws-protocol';
import type { SocketFactory } from './ws-transport';

/** serve's close code for a token replaced by `opsdeck token rotate` (src/main/serve/ws-bridge.ts). */
export const WS_CLOSE_TOKEN_REVOKED = 4401;

export const browserSocketFactory: SocketFactory = (url, handlers) => {
  const socket = new WebSocket(url);
  let closed = false;
  const closeOnce = () => {
    if (closed) return;
    closed = true;
    handlers.onClose();
  };
  socket.addEventListener('open', () => handlers.onOpen());
  socket.addEventListener('message', (event: MessageEvent) => {
    if (typeof event.data === 'string') handlers.onMessage(event.data);
  });
  // A failed handshake fires error then close; either way it is one closed attempt.
  socket.addEventListener('error', closeOnce);
  socket.addEventListener('close', (event: CloseEvent) => {
    if (event.code === WS_CLOSE_TOKEN_REVOKED) handlers.onTokenRevoked?.();
    closeOnce();
  });
  return {
    send: (text) => socket.send(text),
    close: () => socket.close(),
  };
};

/** ws://host/api?token=... for the page's own origin (the CSP allows only 'self'). */
export function engineSocketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string | null = null): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WS_PATH}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}
