// The contract over a WebSocket: requests are validated and dispatched to the engine, engine
// events are pushed to every client. The upgrade is refused unless serve's access check lets
// it through (access.ts: Host and Origin allowlist, then a token): a foreign name is 403, a
// missing or wrong token 401. A viewer's socket may call read methods only: any write is
// answered FORBIDDEN without reaching the engine.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { METHOD_ACCESS, METHOD_CHANNELS, METHOD_NAMES, OPERATOR_EVENT_CHANNELS, type MethodName, type OpsApi, type RpcResult } from '../../shared/api';
import { dispatch, forwardEvents } from '../../shared/rpc';
import type { WsRequest, WsServerFrame } from '../../shared/ws-protocol';
import { WS_PATH } from '../../shared/ws-protocol';
import type { Logger } from '../engine/core/logger';
import type { Role } from './tokens';

// Room for a glossary import (GLOSSARY_IMPORT_MAX_BYTES of file text) after JSON escaping
// doubles its quotes and line breaks, plus the request around it.
const MAX_FRAME_BYTES = 12 * 1024 * 1024;
// A client that stops reading must not make the host buffer without bound.
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** How often open sockets are checked against the token file (a rotation closes them). */
const RECHECK_MS = 5_000;
/** Close code for "your token is no longer valid": the page shows its token screen. */
export const WS_CLOSE_TOKEN_REVOKED = 4401;

const methodByChannel = new Map<string, MethodName>(METHOD_NAMES.map((m) => [METHOD_CHANNELS[m], m]));

/** True when `role` may call the method on `channel`; unknown channels are left to dispatch (UNKNOWN_METHOD). */
export function roleMayCall(role: Role, channel: string): boolean {
  const method = methodByChannel.get(channel);
  return role === 'operator' || method === undefined || METHOD_ACCESS[method] === 'read';
}

export type UpgradeDecision = { ok: true; role: Role; token: string } | { ok: false; status: 401 | 403 | 404; reason: string };

export interface BridgeAccess {
  /** Decides at the upgrade, from the request alone. */
  check(req: IncomingMessage): UpgradeDecision;
  /** The role a token grants now (after a rotation, maybe none). */
  roleOf(token: string): Role | null;
}

/** Without an access check (tests of the bridge alone): everyone is an operator. */
const OPEN_ACCESS: BridgeAccess = {
  check: () => ({ ok: true, role: 'operator', token: '' }),
  roleOf: () => 'operator',
};

export interface WsBridge {
  /** Drops every client and stops accepting new ones. */
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: 401 | 403 | 404, reason: string): void {
  const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`, () => socket.destroy());
}

/** Requests wait for `ready` (the engine started); if it fails, they are answered UNAVAILABLE. */
export function attachWsBridge(server: Server, api: OpsApi, logger: Logger, ready: Promise<void> = Promise.resolve(), access: BridgeAccess = OPEN_ACCESS): WsBridge {
  // The ws library loads with the first socket, not at start: a page asks for one only after
  // its scripts have run.
  let wss: Promise<WebSocketServer> | null = null;
  let closed = false;
  const sockets = new Map<WebSocket, { role: Role; token: string }>();
  const open = () =>
    (wss ??= import('ws').then(({ WebSocketServer }) => {
      const created = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
      return created;
    }));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (closed) {
      socket.destroy();
      return;
    }
    let decision: UpgradeDecision;
    try {
      decision = access.check(req);
    } catch {
      decision = { ok: false, status: 403, reason: 'Refused.' };
    }
    if (!decision.ok) {
      // The reason only, never the token or the headers that carried it.
      logger.log('warn', 'ws-refused', { status: decision.status, reason: decision.reason, host: String(req.headers.host ?? '').slice(0, 100) });
      refuse(socket, decision.status, decision.reason);
      return;
    }
    const granted = decision;
    open().then(
      (created) =>
        closed
          ? socket.destroy()
          : created.handleUpgrade(req, socket, head, (ws) => onConnection(ws, granted.role, granted.token)),
      (err: unknown) => {
        logger.log('error', 'ws-unavailable', { error: String(err) });
        socket.destroy();
      },
    );
  });

  // A rotated token stops working at once for new sockets and within RECHECK_MS for open ones.
  const recheck = setInterval(() => {
    for (const [ws, held] of sockets) {
      if (access.roleOf(held.token) !== held.role) ws.close(WS_CLOSE_TOKEN_REVOKED, 'The access token was replaced.');
    }
  }, RECHECK_MS);
  recheck.unref();

  function onConnection(socket: WebSocket, role: Role, token: string): void {
    sockets.set(socket, { role, token });
    const send = (frame: WsServerFrame) => {
      if (socket.readyState === socket.OPEN && socket.bufferedAmount < MAX_BUFFERED_BYTES) socket.send(JSON.stringify(frame));
    };
    // A viewer gets no log lines: it may not open a view, so it gets nobody else's.
    const stopEvents = forwardEvents(api, (channel, payload) => send({ kind: 'event', channel, payload }), role === 'viewer' ? OPERATOR_EVENT_CHANNELS : undefined);
    socket.on('message', (data) => {
      let request: WsRequest;
      try {
        request = JSON.parse(String(data)) as WsRequest;
        if (typeof request !== 'object' || request === null || typeof request.id !== 'number' || typeof request.channel !== 'string') throw new Error('shape');
      } catch {
        logger.log('warn', 'ws-bad-frame', { bytes: String(data).length });
        socket.close(1003, 'Frames must be JSON requests {id, channel, arg}.');
        return;
      }
      if (!roleMayCall(role, request.channel)) {
        const method = methodByChannel.get(request.channel);
        logger.log('warn', 'ws-forbidden', { method });
        send({
          kind: 'result',
          id: request.id,
          result: { ok: false, error: { code: 'FORBIDDEN', message: `This link is read-only (the wall's viewer link): ${method} changes something, so it needs the operator's link.` } },
        });
        return;
      }
      void ready
        .then(
          () => dispatch(api, request.channel, request.arg),
          (): RpcResult => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'The OpsDeck engine could not start; see the serve output.' } }),
        )
        .then((result) => send({ kind: 'result', id: request.id, result }));
    });
    socket.on('close', () => {
      sockets.delete(socket);
      stopEvents();
    });
    socket.on('error', (err) => logger.log('warn', 'ws-error', { error: String(err) }));
  }

  return {
    async close() {
      closed = true;
      clearInterval(recheck);
      const created = await wss?.catch(() => null);
      if (!created) return;
      for (const client of created.clients) client.terminate();
      await new Promise<void>((resolve) => created.close(() => resolve()));
    },
  };
}

