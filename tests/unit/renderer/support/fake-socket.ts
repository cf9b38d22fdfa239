// A WebSocket stand-in for WsTransport: the test opens, answers, drops and fails it by hand.
import type { SocketFactory, SocketHandlers } from '../../../../src/renderer/src/api/ws-transport';

export interface FakeSocket {
  url: string;
  sent: Array<{ id: number; channel: string; arg?: unknown }>;
  closed: boolean;
  open(): void;
  /** Sends a server frame to the client. */
  receive(frame: unknown): void;
  /** The server or network ends the connection. */
  drop(): void;
  answer(id: number, value: unknown): void;
  fail(id: number, code: string, message: string): void;
}

export function createFakeSocketFactory() {
  const sockets: FakeSocket[] = [];
  const factory: SocketFactory = (url: string, handlers: SocketHandlers) => {
    const socket: FakeSocket = {
      url,
      sent: [],
      closed: false,
      open: () => handlers.onOpen(),
      receive: (frame) => handlers.onMessage(typeof frame === 'string' ? frame : JSON.stringify(frame)),
      drop: () => {
        socket.closed = true;
        handlers.onClose();
      },
      answer: (id, value) => socket.receive({ kind: 'result', id, result: { ok: true, value } }),
      fail: (id, code, message) => socket.receive({ kind: 'result', id, result: { ok: false, error: { code, message } } }),
    };
    sockets.push(socket);
    return {
      send: (text: string) => {
        if (socket.closed) throw new Error('socket closed');
        socket.sent.push(JSON.parse(text));
      },
      close: () => {
        socket.closed = true;
      },
    };
  };
  return {
    factory,
    sockets,
    get latest(): FakeSocket {
      const socket = sockets[sockets.length - 1];
      if (!socket) throw new Error('no socket was opened');
      return socket;
    },
  };
}
