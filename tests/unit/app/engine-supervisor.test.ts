import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { EngineSupervisor, type EngineStatus } from '../../../src/main/app/engine-supervisor';
import { FakeUtilityProcess } from './electron-mock';

function setup(overrides: Partial<ConstructorParameters<typeof EngineSupervisor>[0]> = {}) {
  const children: FakeUtilityProcess[] = [];
  const statuses: EngineStatus[] = [];
  const supervisor = new EngineSupervisor({
    modulePath: '/app/out/main/engine-host.js',
    args: ['--opsdeck-data-dir=/data'],
    fork: (path, args, options) => {
      const child = new FakeUtilityProcess(path, args, options);
      children.push(child);
      return child;
    },
    logger: new MemoryLogger(),
    ...overrides,
  });
  supervisor.onStatus((s) => statuses.push(s));
  supervisor.start();
  const last = () => children[children.length - 1]!;
  return { supervisor, children, statuses, last };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('engine supervisor', () => {
  it('forks the engine host with its arguments and a service name', () => {
    const { children } = setup();
    expect(children).toHaveLength(1);
    expect(children[0]).toMatchObject({ modulePath: '/app/out/main/engine-host.js', args: ['--opsdeck-data-dir=/data'], options: { serviceName: 'OpsDeck engine' } });
  });

  it('matches answers to requests by id, whatever their order', async () => {
    const { supervisor, last } = setup();
    const a = supervisor.invoke('opsdeck:list-targets', undefined);
    const b = supervisor.invoke('opsdeck:get-snapshot', { targetId: 'local' });
    const [first, second] = last().posted as Array<{ id: number }>;
    expect(last().posted).toEqual([
      { type: 'invoke', id: first!.id, channel: 'opsdeck:list-targets', arg: undefined },
      { type: 'invoke', id: second!.id, channel: 'opsdeck:get-snapshot', arg: { targetId: 'local' } },
    ]);
    last().reply({ type: 'result', id: second!.id, result: { ok: true, value: 'snapshot' } });
    last().reply({ type: 'result', id: first!.id, result: { ok: true, value: ['local'] } });
    expect(await a).toEqual({ ok: true, value: ['local'] });
    expect(await b).toEqual({ ok: true, value: 'snapshot' });
  });

  it('answers TIMEOUT after the deadline and ignores the late answer', async () => {
    const { supervisor, last } = setup({ requestTimeoutMs: 15_000 });
    const pending = supervisor.invoke('opsdeck:get-overview', undefined);
    await vi.advanceTimersByTimeAsync(14_999);
    let settled = false;
    void pending.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    const { id } = last().posted[0] as { id: number };
    expect(() => last().reply({ type: 'result', id, result: { ok: true, value: 1 } })).not.toThrow();
  });

  it('reports running once the engine host says ready', () => {
    const { statuses, last } = setup();
    expect(statuses).toEqual([{ state: 'starting' }]);
    last().reply({ type: 'ready' });
    expect(statuses.at(-1)).toEqual({ state: 'running' });
  });

  it('restarts a crashed engine with growing delays and fails requests in flight at once', async () => {
    const { supervisor, children, statuses, last } = setup();
    const inFlight = supervisor.invoke('opsdeck:list-targets', undefined);
    last().exit(1);
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(statuses.at(-1)).toEqual({ state: 'restarting', exitCode: 1, attempt: 1, retryInMs: 1_000 });

    // While it is down, requests fail fast with a message that says it is coming back.
    const during = await supervisor.invoke('opsdeck:list-targets', undefined);
    expect(during).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('restarting') } });

    await vi.advanceTimersByTimeAsync(1_000);
    expect(children).toHaveLength(2);
    last().exit(1);
    expect(statuses.at(-1)).toMatchObject({ attempt: 2, retryInMs: 2_000 });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(children).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(children).toHaveLength(3);
  });

  it('restarts at once when asked during the backoff wait, keeping the attempt count', async () => {
    const { supervisor, children, statuses, last } = setup();
    last().exit(1);
    await vi.advanceTimersByTimeAsync(1_000);
    last().exit(1);
    expect(statuses.at(-1)).toMatchObject({ state: 'restarting', attempt: 2, retryInMs: 2_000 });
    supervisor.restartNow();
    expect(children).toHaveLength(3);
    expect(statuses.at(-1)).toEqual({ state: 'starting' });
    await vi.advanceTimersByTimeAsync(2_000); // the cancelled timer does not start a fourth
    expect(children).toHaveLength(3);
    last().exit(1);
    expect(statuses.at(-1)).toMatchObject({ attempt: 3, retryInMs: 4_000 });
    supervisor.restartNow();
    supervisor.restartNow(); // a second press while it starts does nothing
    expect(children).toHaveLength(4);
  });

  it('ignores a restart request while running or stopped', async () => {
    const { supervisor, children } = setup();
    supervisor.restartNow();
    expect(children).toHaveLength(1);
    const stopped = supervisor.stop();
    children[0]!.exit(0);
    await stopped;
    supervisor.restartNow();
    expect(children).toHaveLength(1);
  });

  it('caps the restart delay and starts over after a healthy run', async () => {
    const { children, statuses, last } = setup({ maxRestartDelayMs: 4_000, healthyAfterMs: 60_000 });
    for (let i = 0; i < 5; i++) {
      last().exit(1);
      await vi.advanceTimersByTimeAsync(4_000);
    }
    expect(statuses.filter((s) => s.state === 'restarting').map((s) => (s as { retryInMs: number }).retryInMs)).toEqual([1_000, 2_000, 4_000, 4_000, 4_000]);
    await vi.advanceTimersByTimeAsync(60_000);
    last().exit(1);
    expect(statuses.at(-1)).toMatchObject({ attempt: 1, retryInMs: 1_000 });
    expect(children.length).toBe(6);
  });

  it('stops cleanly: shutdown message, no restart, kill only if the engine lingers', async () => {
    const { supervisor, children, statuses, last } = setup({ stopTimeoutMs: 3_000 });
    const child = last();
    const stopped = supervisor.stop();
    expect(child.posted).toEqual([{ type: 'shutdown' }]);
    child.exit(0);
    await stopped;
    expect(child.kill).not.toHaveBeenCalled();
    expect(statuses.at(-1)).toEqual({ state: 'stopped' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(children).toHaveLength(1);
    expect(await supervisor.invoke('opsdeck:list-targets', undefined)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('kills an engine that does not exit after shutdown', async () => {
    const { supervisor, last } = setup({ stopTimeoutMs: 3_000 });
    const stopped = supervisor.stop();
    await vi.advanceTimersByTimeAsync(3_000);
    await stopped;
    expect(last().kill).toHaveBeenCalled();
  });

  it('cancels a pending restart when stopped', async () => {
    const { supervisor, children, last } = setup();
    last().exit(1);
    await supervisor.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(children).toHaveLength(1);
  });

  it('passes events on and ignores malformed messages', () => {
    const { supervisor, last } = setup();
    const events: unknown[] = [];
    supervisor.onEvent((channel, payload) => events.push([channel, payload]));
    last().reply({ type: 'event', channel: 'opsdeck:did-sample', payload: { n: 1 } });
    last().reply({ type: 'result', id: 'x', result: {} });
    last().reply('garbage');
    expect(events).toEqual([['opsdeck:did-sample', { n: 1 }]]);
  });

  it('refuses an argument that cannot cross the process boundary', async () => {
    const { supervisor } = setup();
    const result = await supervisor.invoke('opsdeck:get-snapshot', { targetId: () => 'local' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
