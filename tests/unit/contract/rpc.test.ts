import { describe, expect, it } from 'vitest';
import { createApiClient, EVENT_CHANNELS, EVENT_NAMES, METHOD_CHANNELS, METHOD_NAMES, NO_ARGUMENT_METHODS, type ClientTransport } from '../../../src/shared/api';
import { OpsError } from '../../../src/shared/errors';
import { dispatch, forwardEvents } from '../../../src/shared/rpc';
import { METHOD_ARG_SCHEMAS } from '../../../src/shared/schemas';
import { createFakeApi } from '../../support/fake-api';

describe('the contract tables', () => {
  it('every method has a channel and an argument schema, and channels are unique', () => {
    expect(Object.keys(METHOD_ARG_SCHEMAS).sort()).toEqual([...METHOD_NAMES].sort());
    const channels = [...Object.values(METHOD_CHANNELS), ...Object.values(EVENT_CHANNELS)];
    expect(new Set(channels).size).toBe(channels.length);
  });

  it('the methods dispatched without their schema take no argument by their schema too', async () => {
    for (const method of NO_ARGUMENT_METHODS) {
      for (const arg of [undefined, null]) expect(METHOD_ARG_SCHEMAS[method].safeParse(arg), method).toMatchObject({ success: true, data: undefined });
      expect(METHOD_ARG_SCHEMAS[method].safeParse({}).success, method).toBe(false);
      const fake = createFakeApi();
      expect(await dispatch(fake.api, METHOD_CHANNELS[method], null), method).toMatchObject({ ok: true });
      expect(fake.calls, method).toEqual([{ method, arg: undefined }]);
    }
  });

  it('events are exactly the onDid* members', () => {
    for (const e of EVENT_NAMES) expect(e).toMatch(/^onDid[A-Z]/);
    for (const m of METHOD_NAMES) expect(m).not.toMatch(/^on[A-Z]/);
  });
});

describe('dispatch (the serving side)', () => {
  it('calls the engine method behind each channel with the validated argument', async () => {
    const fake = createFakeApi();
    const r = await dispatch(fake.api, METHOD_CHANNELS.getSnapshot, { targetId: 'local' });
    expect(r).toEqual({ ok: true, value: { answeredBy: 'getSnapshot' } });
    expect(fake.calls).toEqual([{ method: 'getSnapshot', arg: { targetId: 'local' } }]);
  });

  it('rejects a bad argument with INVALID_ARGUMENT before the engine sees it', async () => {
    const fake = createFakeApi();
    const bad = [
      [METHOD_CHANNELS.getSnapshot, { targetId: 5 }],
      [METHOD_CHANNELS.getSnapshot, { targetId: 'local', extra: true }],
      [METHOD_CHANNELS.getSeries, { targetId: 'local', keys: ['cpu.usage'], range: '2y' }],
      [METHOD_CHANNELS.getSeries, { targetId: 'local', keys: ['rm -rf /'], range: '1h' }],
      [METHOD_CHANNELS.getSeries, { targetId: 'local', keys: [], range: '1h' }],
      [METHOD_CHANNELS.getOverview, { surprise: 1 }],
    ] as const;
    for (const [channel, arg] of bad) {
      const r = await dispatch(fake.api, channel, arg);
      expect(r.ok, JSON.stringify(arg)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_ARGUMENT');
    }
    expect(fake.calls).toEqual([]);
  });

  it('accepts filesystem series keys', async () => {
    const fake = createFakeApi();
    const r = await dispatch(fake.api, METHOD_CHANNELS.getSeries, { targetId: 'local', keys: ['fs.used:/home', 'cpu.usage'], range: '24h' });
    expect(r.ok).toBe(true);
  });

  it('an unknown channel is UNKNOWN_METHOD', async () => {
    const r = await dispatch(createFakeApi().api, 'opsdeck:drop-tables', undefined);
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('engine errors cross as {code, message}; unexpected ones hide their detail', async () => {
    const fake = createFakeApi({
      getSnapshot: async () => { throw new OpsError('UNKNOWN_TARGET', 'No target "x".'); },
      listTargets: async () => { throw new Error('SQLITE_CORRUPT at /home/me/secret/path'); },
    });
    expect(await dispatch(fake.api, METHOD_CHANNELS.getSnapshot, { targetId: 'x' })).toEqual({ ok: false, error: { code: 'UNKNOWN_TARGET', message: 'No target "x".' } });
    const r = await dispatch(fake.api, METHOD_CHANNELS.listTargets, undefined);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INTERNAL');
      expect(r.error.message).not.toContain('secret');
    }
  });

  it('forwardEvents subscribes to every event and unsubscribes on dispose', () => {
    const fake = createFakeApi();
    const sent: Array<[string, unknown]> = [];
    const dispose = forwardEvents(fake.api, (c, p) => sent.push([c, p]));
    for (const e of EVENT_NAMES) expect(fake.listeners.get(e)!.size).toBe(1);
    fake.emit('onDidSample', { n: 1 });
    expect(sent).toEqual([[EVENT_CHANNELS.onDidSample, { n: 1 }]]);
    dispose();
    for (const e of EVENT_NAMES) expect(fake.listeners.get(e)!.size).toBe(0);
  });
});

describe('createApiClient (the calling side)', () => {
  it('exposes every method and event over a transport, round-tripping through dispatch', async () => {
    const fake = createFakeApi();
    const subs = new Map<string, (p: unknown) => void>();
    const transport: ClientTransport = {
      invoke: (channel, arg) => dispatch(fake.api, channel, arg),
      subscribe: (channel, listener) => { subs.set(channel, listener); return () => subs.delete(channel); },
    };
    const client = createApiClient(transport);
    for (const m of METHOD_NAMES) expect(typeof client[m]).toBe('function');
    await expect(client.listTargets()).resolves.toEqual({ answeredBy: 'listTargets' });
    await expect(client.getSnapshot({ targetId: '' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const got: unknown[] = [];
    for (const e of EVENT_NAMES) (client[e] as (l: (p: unknown) => void) => void)((p) => got.push(p));
    expect([...subs.keys()].sort()).toEqual(Object.values(EVENT_CHANNELS).sort());
  });
});
