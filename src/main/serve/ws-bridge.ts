// The contract over a WebSocket: requests are validated and dispatched to the engine, engine
// events are pushed to every client. Only pages served by this host may connect (Origin check),
// so a random web page in the same browser cannot drive the engine.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { OpsApi, RpcResult } from '../../shared/api';
import { dispatch, forwardEvents } from '../../shared/rpc';
import type { WsRequest, WsServerFrame } from '../../shared/ws-protocol';
import { WS_PATH } from '../../shared/ws-protocol';
import type { Logger } from '../engine/core/logger';

// Room for a glossary import (GLOSSARY_IMPORT_MAX_BYTES of file text) after JSON escaping
// doubles its quotes and line breaks, plus the request around it.
const MAX_FRAME_BYTES = 12 * 1024 * 1024;
// A client that stops reading must not make the host buffer without bound.
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export function isSameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  // Non-browser clients (CLI tools, tests) send no Origin; browsers always do.
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export interface WsBridge {
  /** Drops every client and stops accepting new ones. */
  close(): Promise<void>;
}

/** Requests wait for `ready` (the engine started); if it fails, they are answered UNAVAILABLE. */
export function attachWsBridge(server: Server, api: OpsApi, logger: Logger, ready: Promise<void> = Promise.resolve()): WsBridge {
  // The ws library loads with the first socket, not at start: a page asks for one only after
  // its scripts have run.
  let wss: Promise<WebSocketServer> | null = null;
  let closed = false;
  const open = () =>
    (wss ??= import('ws').then(({ WebSocketServer }) => {
      const created = new WebSocketServer({
        noServer: true,
        path: WS_PATH,
        maxPayload: MAX_FRAME_BYTES,
        verifyClient: ({ req }: { req: IncomingMessage }) => isSameOrigin(req),
      });
      created.on('connection', onConnection);
      return created;
    }));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (closed) {
      socket.destroy();
      return;
    }
    open().then(
      (created) => (closed ? socket.destroy() : created.handleUpgrade(req, socket, head, (ws) => created.emit('connection', ws, req))),
      (err: unknown) => {
        logger.log('error', 'ws-unavailable', { error: String(err) });
        socket.destroy();
      },
    );
  });

  function onConnection(socket: WebSocket): void {
    const send = (frame: WsServerFrame) => {
      if (socket.readyState === socket.OPEN && socket.bufferedAmount < MAX_BUFFERED_BYTES) socket.send(JSON.stringify(frame));
    };
    const stopEvents = forwardEvents(api, (channel, payload) => send({ kind: 'event', channel, payload }));
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
      void ready
        .then(
          () => dispatch(api, request.channel, request.arg),
          (): RpcResult => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'The OpsDeck engine could not start; see the serve output.' } }),
        )
        .then((result) => send({ kind: 'result', id: request.id, result }));
    });
    socket.on('close', stopEvents);
    socket.on('error', (err) => logger.log('warn', 'ws-error', { error: String(err) }));
  }

  return {
    async close() {
      closed = true;
      const created = await wss?.catch(() => null);
      if (!created) return;
      for (const client of created.clients) client.terminate();
      await new Promise<void>((resolve) => created.close(() => resolve()));
    },
  };
}
