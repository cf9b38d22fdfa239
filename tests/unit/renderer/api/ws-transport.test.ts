import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient, EVENT_CHANNELS, METHOD_CHANNELS } from '../../../../src/shared/api';
import { DEFAULT_BACKOFF, reconnectDelayMs, WsTransport } from '../../../../src/renderer/src/api/ws-transport';
import type { ConnectionState } from '../../../../src/renderer/src/api/connection';
import { createFakeSocketFactory } from '../support/fake-socket';

const URL = 'ws://127.0.0.1:7000/api';

function setup(options: Partial<ConstructorParameters<typeof WsTransport>[0]> = {}) {
  const sockets = createFakeSocketFactory();
  const transport = new WsTransport({ url: URL, createSocket: sockets.factory, random: () => 1, now: () => Date.now(), timeoutMs: 1_000, ...options });
  const states: ConnectionState[] = [];
  transport.connection.subscribe((s) => states.push(s));
  return { sockets, transport, states };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('request/response matching', () => {
  it('matches answers to requests by id, whatever order they come back in', async () => {
    const { sockets, transport } = setup();
    transport.connect();
    sockets.latest.open();
    const first = transport.invoke('opsdeck:get-overview', undefined);
    const second = transport.invoke('opsdeck:get-snapshot', { targetId: 'web-1' });
    const [a, b] = sockets.latest.sent;
    expect(a).toEqual({ id: 1, channel: 'opsdeck:get-overview' });
    expect(b).toEqual({ id: 2, channel: 'opsdeck:get-snapshot', arg: { targetId: 'web-1' } });
    sockets.latest.answer(2, 'snapshot');
    sockets.latest.answer(1, 'overview');
    await expect(first).resolves.toEqual({ ok: true, value: 'overview' });
    await expect(second).resolves.toEqual({ ok: true, value: 'snapshot' });
  });

  it('passes an engine error through as a plain code and message', async () => {
    const { sockets, transport } = setup();
    transport.connect();
    sockets.latest.open();
    const call = transport.invoke('opsdeck:get-snapshot', { targetId: 'nope' });
    sockets.latest.fail(1, 'UNKNOWN_TARGET', 'No target "nope".');
    await expect(call).resolves.toEqual({ ok: false, error: { code: 'UNKNOWN_TARGET', message: 'No target "nope".' } });
  });

  it('queues calls made before the socket opens and sends them in order once it does', async () => {
    const { sockets, transport } = setup();
    const call = transport.invoke('opsdeck:get-app-info', undefined);
    transport.invoke('opsdeck:get-overview', undefined);
    expect(sockets.sockets).toHaveLength(1); // the first call opened the connection lazily
    expect(sockets.latest.sent).toEqual([]);
    sockets.latest.open();
    expect(sockets.latest.sent.map((r) => r.id)).toEqual([1, 2]);
    sockets.latest.answer(1, { version: '0.1.0' });
    await expect(call).resolves.toEqual({ ok: true, value: { version: '0.1.0' } });
  });

  it('ignores frames that are not JSON or not a known shape', async () => {
    const { sockets, transport } = setup();
    transport.connect();
    sockets.latest.open();
    const call = transport.invoke('opsdeck:get-overview', undefined);
    sockets.latest.receive('not json');
    sockets.latest.receive({ kind: 'result', id: 'x' });
    sockets.latest.answer(1, []);
    await expect(call).resolves.toEqual({ ok: true, value: [] });
  });
});

describe('timeouts', () => {
  it('fails a call with TIMEOUT after its deadline and ignores a late answer', async () => {
    const { sockets, transport } = setup();
    transport.connect();
    sockets.latest.open();
    const call = transport.invoke('opsdeck:get-overview', undefined);
    // Other traffic keeps the link alive, so this is a slow call, not a dead socket.
    vi.advanceTimersByTime(900);
    sockets.latest.receive({ kind: 'event', channel: EVENT_CHANNELS.onDidSample, payload: {} });
    vi.advanceTimersByTime(100);
    const result = await call;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('TIMEOUT');
    sockets.latest.answer(1, 'too late');
    expect(transport.connection.get()).toBe('connected');
  });

  it('uses a longer deadline for channels that need one', async () => {
    const { sockets, transport } = setup({ timeoutByChannel: { 'opsdeck:get-series': 5_000 } });
    transport.connect();
    sockets.latest.open();
    const call = transport.invoke('opsdeck:get-series', {});
    vi.advanceTimersByTime(4_000);
    sockets.latest.answer(1, 'series');
    await expect(call).resolves.toEqual({ ok: true, value: 'series' });
  });

  it('treats a socket that stays silent past a deadline as dead and reconnects', async () => {
    const { sockets, transport } = setup();
    transport.connect();
    sockets.latest.open();
    const call = transport.invoke('opsdeck:get-overview', undefined);
    vi.advanceTimersByTime(1_000);
    expect((await call).ok).toBe(false);
    expect(sockets.latest.closed).toBe(true);
    expect(transport.connection.get()).toBe('reconnecting');
    vi.advanceTimersByTime(DEFAULT_BACKOFF.initialMs);
    expect(sockets.sockets).toHaveLength(2);
  });
});

describe('reconnect', () => {
  it('keeps saying "connecting" while the very first attempts fail', () => {
    const { sockets, transport, states } = setup();
    transport.connect();
    sockets.latest.drop();
    vi.advanceTimersByTime(500);
    sockets.latest.drop();
    expect(transport.connection.get()).toBe('connecting');
    vi.advanceTimersByTime(1_000);
    sockets.latest.open();
    expect(states).toEqual(['connected']);
  });

  it('reconnects with growing delays and reports reconnecting, then offline', () => {
    const { sockets, transport, states } = setup();
    transport.connect();
    sockets.latest.open();
    sockets.latest.drop();
    expect(states).toEqual(['connected', 'reconnecting']);

    // random() = 1 gives the full delay: 500, 1000, 2000 ms.
    vi.advanceTimersByTime(499);
    expect(sockets.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets.sockets).toHaveLength(2);
    sockets.latest.drop();
    vi.advanceTimersByTime(1_000);
    expect(sockets.sockets).toHaveLength(3);
    sockets.latest.drop();
    vi.advanceTimersByTime(2_000);
    expect(sockets.sockets).toHaveLength(4);
    sockets.latest.drop();
    expect(transport.connection.get()).toBe('offline');

    // Retries go on in the background, and success resets everything.
    vi.advanceTimersByTime(4_000);
    expect(sockets.sockets).toHaveLength(5);
    sockets.latest.open();
    expect(transport.connection.get()).toBe('connected');
    sockets.latest.drop();
    vi.advanceTimersByTime(500);
    expect(sockets.sockets).toHaveLength(6);
  });

  it('fails calls that were on the wire when the socket dropped, and keeps queued ones', async () => {
    const { sockets, transport } = setup({ timeoutMs: 60_000 });
    transport.connect();
    sockets.latest.open();
    const inFlight = transport.invoke('opsdeck:get-overview', undefined);
    sockets.latest.drop();
    const result = await inFlight;
    expect(!result.ok && result.error.code).toBe('UNAVAILABLE');

    const queued = transport.invoke('opsdeck:get-app-info', undefined);
    expect(sockets.sockets).toHaveLength(1); // a call during the backoff wait does not skip it
    vi.advanceTimersByTime(500);
    sockets.latest.open();
    expect(sockets.latest.sent).toEqual([{ id: 2, channel: 'opsdeck:get-app-info' }]);
    sockets.latest.answer(2, 'info');
    await expect(queued).resolves.toEqual({ ok: true, value: 'info' });
  });

  it('fails calls at once while offline, and queues them again after a manual retry', async () => {
    const { sockets, transport } = setup({ backoff: { offlineAfterFailures: 1 }, timeoutMs: 60_000 });
    transport.connect();
    sockets.latest.drop();
    expect(transport.connection.get()).toBe('offline');
    const fast = await transport.invoke('opsdeck:get-overview', undefined);
    expect(!fast.ok && fast.error.code).toBe('UNAVAILABLE');

    transport.reconnectNow();
    expect(transport.connection.get()).toBe('connecting'); // it never got through, so nothing was "lost"
    expect(sockets.sockets).toHaveLength(2);
    const queued = transport.invoke('opsdeck:get-overview', undefined);
    sockets.latest.open();
    const [request] = sockets.latest.sent;
    sockets.latest.answer(request!.id, []);
    await expect(queued).resolves.toEqual({ ok: true, value: [] });
  });

  it('keeps event listeners across reconnects', () => {
    const { sockets, transport } = setup();
    const received: unknown[] = [];
    transport.subscribe(EVENT_CHANNELS.onDidSample, (p) => received.push(p));
    transport.connect();
    sockets.latest.open();
    sockets.latest.receive({ kind: 'event', channel: EVENT_CHANNELS.onDidSample, payload: 1 });
    sockets.latest.drop();
    vi.advanceTimersByTime(500);
    sockets.latest.open();
    sockets.latest.receive({ kind: 'event', channel: EVENT_CHANNELS.onDidSample, payload: 2 });
    sockets.latest.receive({ kind: 'event', channel: EVENT_CHANNELS.onDidChangeTargets, payload: 3 });
    expect(received).toEqual([1, 2]);
  });

  it('ignores anything an old socket says after it was replaced', () => {
    const { sockets, transport } = setup();
    const received: unknown[] = [];
    transport.subscribe(EVENT_CHANNELS.onDidSample, (p) => received.push(p));
    transport.connect();
    const old = sockets.latest;
    old.open();
    old.drop();
    vi.advanceTimersByTime(500);
    sockets.latest.open();
    old.receive({ kind: 'event', channel: EVENT_CHANNELS.onDidSample, payload: 'ghost' });
    old.drop();
    expect(received).toEqual([]);
    expect(transport.connection.get()).toBe('connected');
  });

  it('stops listening after unsubscribe, and one failing listener does not starve the others', () => {
    const { sockets, transport } = setup();
    const received: unknown[] = [];
    const unsubscribe = transport.subscribe(EVENT_CHANNELS.onDidSample, (p) => received.push(p));
    transport.subscribe(EVENT_CHANNELS.onDidSample, () => {
      throw new Error('listener bug');
    });
    transport.subscribe(EVENT_CHANNELS.onDidSample, (p) => received.push(`second:${String(p)}`));
    const errors: unknown[] = [];
    const originalQueue = globalThis.queueMicrotask;
    globalThis.queueMicrotask = (fn) => {
      try {
        fn();
      } catch (err) {
        errors.push(err);
      }
    };
    try {
      transport.connect();
      sockets.latest.open();
      sockets.latest.receive({ kind: 'event', channel: EVENT_CHANNELS.onDidSample, payload: 1 });
      unsubscribe();
      sockets.latest.receive({ kind: 'event', channel: EVENT_CHANNELS.onDidSample, payload: 2 });
    } finally {
      globalThis.queueMicrotask = originalQueue;
    }
    expect(received).toEqual([1, 'second:1', 'second:2']);
    expect(errors).toHaveLength(2);
  });

  it('fails everything and stops retrying once disposed', async () => {
    const { sockets, transport } = setup({ timeoutMs: 60_000 });
    transport.connect();
    sockets.latest.open();
    const call = transport.invoke('opsdeck:get-overview', undefined);
    transport.dispose();
    const result = await call;
    expect(!result.ok && result.error.code).toBe('UNAVAILABLE');
    vi.advanceTimersByTime(60_000);
    expect(sockets.sockets).toHaveLength(1);
  });

  it('counts a socket that cannot even be constructed as a failed attempt', () => {
    let attempts = 0;
    const transport = new WsTransport({
      url: 'ws://bad',
      random: () => 1,
      createSocket: () => {
        attempts += 1;
        throw new Error('SyntaxError: invalid URL');
      },
    });
    transport.connect();
    expect(transport.connection.get()).toBe('connecting');
    vi.advanceTimersByTime(500);
    expect(attempts).toBe(2);
  });
});

describe('reconnectDelayMs', () => {
  it('doubles up to the cap, with jitter between half and the full delay', () => {
    const full = (n: number) => reconnectDelayMs(n, DEFAULT_BACKOFF, () => 1);
    const half = (n: number) => reconnectDelayMs(n, DEFAULT_BACKOFF, () => 0);
    expect([1, 2, 3, 4, 5, 6, 7].map(full)).toEqual([500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);
    expect(half(1)).toBe(250);
    expect(half(10)).toBe(7_500);
  });
});

describe('createApiClient over the WebSocket transport', () => {
  it('resolves values and rejects with the engine error code', async () => {
    const { sockets, transport } = setup();
    const api = createApiClient(transport);
    transport.connect();
    sockets.latest.open();
    const overview = api.getOverview();
    const snapshot = api.getSnapshot({ targetId: 'gone' });
    const [a, b] = sockets.latest.sent;
    expect(a?.channel).toBe(METHOD_CHANNELS.getOverview);
    sockets.latest.answer(a!.id, []);
    sockets.latest.fail(b!.id, 'UNKNOWN_TARGET', 'No such target.');
    await expect(overview).resolves.toEqual([]);
    await expect(snapshot).rejects.toMatchObject({ code: 'UNKNOWN_TARGET', message: 'No such target.' });
  });

  it('delivers engine events to onDid* listeners', () => {
    const { sockets, transport } = setup();
    const api = createApiClient(transport);
    const seen: string[] = [];
    api.onDidSample((e) => seen.push(e.snapshot.targetId));
    transport.connect();
    sockets.latest.open();
    sockets.latest.receive({ kind: 'event', channel: EVENT_CHANNELS.onDidSample, payload: { snapshot: { targetId: 'db-1' } } });
    expect(seen).toEqual(['db-1']);
  });
});
