// ClientTransport over the WebSocket bridge of `opsdeck serve` (frames in src/shared/ws-protocol.ts).
// Matches results to requests by id, gives every call its own deadline, reconnects with
// jittered exponential backoff and keeps event listeners across reconnects: the bridge
// forwards every engine event to every socket, so "re-subscribing" means our listener table
// outlives the socket. The socket itself is injected, so tests drive a fake one.
import { withData } from '../../../shared/errors';
import type { ClientTransport, RpcResult, Unsubscribe } from '../../../shared/api';
import type { WsRequest, WsServerFrame } from '../../../shared/ws-protocol';
import type { ConnectionState } from './connection';
import { createValue, type ReadableValue, type WritableValue } from './observable';

export interface SocketHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  /** Called once when the socket closes or fails to open. */
  onClose(): void;
  /** serve closed the socket because its token was replaced (before onClose). */
  onTokenRevoked?(): void;
}

export interface SocketConnection {
  send(text: string): void;
  close(): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketConnection;

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Consecutive failed attempts after which the state is 'offline' (retries go on). */
  offlineAfterFailures: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 15_000, factor: 2, offlineAfterFailures: 4 };
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface WsTransportOptions {
  url: string;
  createSocket: SocketFactory;
  /** Deadline of one call, unless timeoutByChannel names the channel. */
  timeoutMs?: number;
  timeoutByChannel?: Readonly<Record<string, number>>;
  backoff?: Partial<BackoffOptions>;
  /** Source of jitter in [0, 1); injected so tests are deterministic. */
  random?: () => number;
  now?: () => number;
  /** Told of every attempt that failed or dropped (the page then checks its token). */
  onFailedAttempt?: () => void;
}

/**
 * Delay before reconnect attempt number `failures` (1 = first retry): exponential, capped, with
 * jitter between half and the full delay so a fleet of wall screens does not reconnect in step.
 */
export function reconnectDelayMs(failures: number, backoff: BackoffOptions, random: () => number): number {
  const exponential = backoff.initialMs * backoff.factor ** Math.max(0, failures - 1);
  const capped = Math.min(backoff.maxMs, exponential);
  return Math.round(capped / 2 + (capped / 2) * random());
}

interface PendingCall {
  request: WsRequest;
  sent: boolean;
  timer: ReturnType<typeof setTimeout>;
  resolve(result: RpcResult): void;
}

type Timer = ReturnType<typeof setTimeout>;

function failure(code: string, message: string): RpcResult {
  return { ok: false, error: { code, message } };
}

function parseFrame(text: string): WsServerFrame | null {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof frame !== 'object' || frame === null) return null;
  const f = frame as Record<string, unknown>;
  if (f.kind === 'event' && typeof f.channel === 'string') return { kind: 'event', channel: f.channel, payload: f.payload };
  if (f.kind === 'result' && typeof f.id === 'number' && typeof f.result === 'object' && f.result !== null) {
    const r = f.result as Record<string, unknown>;
    if (r.ok === true) return { kind: 'result', id: f.id, result: { ok: true, value: r.value } };
    const e = (r.error ?? {}) as Record<string, unknown>;
    const code = typeof e.code === 'string' ? e.code : 'INTERNAL';
    const message = typeof e.message === 'string' ? e.message : 'The engine returned an error without a message.';
    // data: the facts the renderer's sentence names (issue 10); only plain strings and numbers.
    return { kind: 'result', id: f.id, result: { ok: false, error: withData({ code, message }, e.data) } };
  }
  return null;
}

export class WsTransport implements ClientTransport {
  private readonly options: Required<Omit<WsTransportOptions, 'backoff' | 'timeoutByChannel' | 'onFailedAttempt'>> & {
    onFailedAttempt?: () => void;
    backoff: BackoffOptions;
    timeoutByChannel: Readonly<Record<string, number>>;
  };
  private readonly stateValue: WritableValue<ConnectionState> = createValue<ConnectionState>('connecting');
  private readonly pending = new Map<number, PendingCall>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private socket: SocketConnection | null = null;
  /** Identity of the current socket; callbacks of an older socket are ignored. */
  private socketToken: object | null = null;
  private socketOpen = false;
  /** Until the first success a failure is still "connecting", not "lost the connection". */
  private everConnected = false;
  private nextId = 1;
  private failures = 0;
  private retryTimer: Timer | null = null;
  private lastMessageAt = 0;
  private disposed = false;

  constructor(options: WsTransportOptions) {
    this.options = {
      url: options.url,
      createSocket: options.createSocket,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      timeoutByChannel: options.timeoutByChannel ?? {},
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
      onFailedAttempt: options.onFailedAttempt,
    };
  }

  get connection(): ReadableValue<ConnectionState> {
    return this.stateValue;
  }

  /** Opens the socket if none is open or opening. Calls made before it are queued. */
  connect(): void {
    if (this.disposed || this.socket) return;
    this.clearRetryTimer();
    const token = {};
    this.socketToken = token;
    const current = () => this.socketToken === token;
    try {
      this.socket = this.options.createSocket(this.options.url, {
        onOpen: () => current() && this.handleOpen(),
        onMessage: (text) => current() && this.handleMessage(text),
        onClose: () => current() && this.handleClose(),
      });
    } catch {
      // A socket that cannot even be constructed counts as a failed attempt.
      this.handleClose();
    }
  }

  /** The Retry button: try now instead of waiting out the backoff. */
  reconnectNow(): void {
    if (this.disposed || this.socket) return;
    // One more failure puts us straight back to 'offline', so a failed manual retry shows at once.
    this.failures = Math.min(this.failures, this.options.backoff.offlineAfterFailures - 1);
    this.stateValue.set(this.everConnected ? 'reconnecting' : 'connecting');
    this.connect();
  }

  invoke(channel: string, arg: unknown): Promise<RpcResult> {
    if (this.disposed) return Promise.resolve(failure('UNAVAILABLE', 'The connection to the OpsDeck engine was closed.'));
    if (this.stateValue.get() === 'offline') {
      return Promise.resolve(failure('UNAVAILABLE', 'Cannot reach the OpsDeck engine; retrying in the background.'));
    }
    const id = this.nextId++;
    const request: WsRequest = arg === undefined ? { id, channel } : { id, channel, arg };
    const timeoutMs = this.options.timeoutByChannel[channel] ?? this.options.timeoutMs;
    return new Promise<RpcResult>((resolve) => {
      const timer = setTimeout(() => this.handleTimeout(id, timeoutMs), timeoutMs);
      this.pending.set(id, { request, sent: false, timer, resolve });
      if (this.socketOpen) this.send(id);
      // Lazily start the first connection; during a backoff wait the call just queues.
      else if (!this.socket && this.retryTimer === null) this.connect();
    });
  }

  subscribe(channel: string, listener: (payload: unknown) => void): Unsubscribe {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    // Wrap so the same function subscribed twice gets two independent subscriptions.
    const entry = (payload: unknown) => listener(payload);
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  /** Stops reconnecting, closes the socket and fails every call still waiting. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clearRetryTimer();
    const socket = this.socket;
    this.detachSocket();
    socket?.close();
    this.settleAll(() => true, failure('UNAVAILABLE', 'The connection to the OpsDeck engine was closed.'));
    this.stateValue.set('offline');
  }

  private handleOpen(): void {
    this.socketOpen = true;
    this.everConnected = true;
    this.failures = 0;
    this.lastMessageAt = this.options.now();
    this.stateValue.set('connected');
    const queued = [...this.pending.values()].filter((p) => !p.sent).map((p) => p.request.id);
    for (const id of queued.sort((a, b) => a - b)) this.send(id);
  }

  private handleMessage(text: string): void {
    this.lastMessageAt = this.options.now();
    const frame = parseFrame(text);
    if (!frame) return;
    if (frame.kind === 'result') {
      this.settle(frame.id, frame.result);
      return;
    }
    for (const listener of [...(this.listeners.get(frame.channel) ?? [])]) {
      try {
        listener(frame.payload);
      } catch (err) {
        // One broken listener must not starve the others; rethrow outside the loop so it is seen.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }

  private handleClose(): void {
    this.detachSocket();
    // Calls already on the wire may or may not have run; their answers are gone with the socket.
    this.settleAll((p) => p.sent, failure('UNAVAILABLE', 'The connection to the OpsDeck engine dropped before it answered.'));
    if (this.disposed) return;
    this.options.onFailedAttempt?.();
    if (this.disposed) return;
    this.failures += 1;
    if (this.failures >= this.options.backoff.offlineAfterFailures) {
      this.stateValue.set('offline');
      this.settleAll(() => true, failure('UNAVAILABLE', 'Cannot reach the OpsDeck engine; retrying in the background.'));
    } else {
      this.stateValue.set(this.everConnected ? 'reconnecting' : 'connecting');
    }
    const delay = reconnectDelayMs(this.failures, this.options.backoff, this.options.random);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private handleTimeout(id: number, timeoutMs: number): void {
    const call = this.pending.get(id);
    if (!call) return;
    this.settle(id, failure('TIMEOUT', `The OpsDeck engine did not answer ${call.request.channel} within ${Math.round(timeoutMs / 1000)} s.`));
    // Silence on an "open" socket usually means a dead link (sleep, Wi-Fi change): start over.
    if (this.socketOpen && this.options.now() - this.lastMessageAt >= timeoutMs) {
      const socket = this.socket;
      this.handleClose();
      socket?.close();
    }
  }

  private send(id: number): void {
    const call = this.pending.get(id);
    if (!call || !this.socket) return;
    try {
      this.socket.send(JSON.stringify(call.request));
      call.sent = true;
    } catch {
      const socket = this.socket;
      this.handleClose();
      socket.close();
    }
  }

  private settle(id: number, result: RpcResult): void {
    const call = this.pending.get(id);
    if (!call) return; // a late answer to a call that already timed out
    this.pending.delete(id);
    clearTimeout(call.timer);
    call.resolve(result);
  }

  private settleAll(which: (call: PendingCall) => boolean, result: RpcResult): void {
    for (const [id, call] of [...this.pending]) if (which(call)) this.settle(id, result);
  }

  private detachSocket(): void {
    this.socket = null;
    this.socketToken = null;
    this.socketOpen = false;
  }

  private clearRetryTimer(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
