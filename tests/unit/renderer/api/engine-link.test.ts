import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopShell, EngineLinkStatus } from '../../../../src/shared/desktop-shell';
import { connectionOf, engineLinkValues } from '../../../../src/renderer/src/api/engine-link';
import { createAppStore } from '../../../../src/renderer/src/store';
import { createFakeApi, flush } from '../support/fake-api';

function fakeShell() {
  let listener: ((s: EngineLinkStatus) => void) | null = null;
  const shell: DesktopShell = {
    onEngineStatus: (l) => ((listener = l), () => (listener = null)),
    restartEngineNow: vi.fn(async () => undefined),
    setLanguage: vi.fn(async () => undefined),
    onOpenFile: () => () => undefined,
  };
  return { shell, push: (s: EngineLinkStatus) => listener?.(s) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('engine link in the desktop app', () => {
  it('maps the engine process status to the connection the screens already understand', () => {
    expect(connectionOf({ state: 'running' }, false)).toBe('connected');
    expect(connectionOf({ state: 'starting' }, false)).toBe('connecting');
    expect(connectionOf({ state: 'starting' }, true)).toBe('reconnecting');
    expect(connectionOf({ state: 'restarting', attempt: 1, retryInMs: 1000, exitCode: 1 }, true)).toBe('reconnecting');
    expect(connectionOf({ state: 'restarting', attempt: 3, retryInMs: 4000, exitCode: 1 }, true)).toBe('offline');
    expect(connectionOf({ state: 'stopped' }, true)).toBe('offline');
  });

  it('keeps the restart on screen from the crash until the engine runs again', () => {
    const { shell, push } = fakeShell();
    const now = 1_000_000;
    const link = engineLinkValues(shell, () => now);
    push({ state: 'running' });
    expect(link.engineRestart.get()).toBeNull();
    push({ state: 'restarting', attempt: 2, retryInMs: 2000, exitCode: 139 });
    expect(link.engineRestart.get()).toEqual({ attempt: 2, dueAt: now + 2000 });
    push({ state: 'starting' });
    expect(link.engineRestart.get()).toEqual({ attempt: 2, dueAt: now + 2000 });
    expect(link.connection.get()).toBe('reconnecting');
    push({ state: 'running' });
    expect(link.engineRestart.get()).toBeNull();
    expect(link.connection.get()).toBe('connected');
  });

  it('the store shows the restart and reloads what it missed when the engine is back', async () => {
    const { shell, push } = fakeShell();
    const link = engineLinkValues(shell);
    push({ state: 'running' });
    const api = createFakeApi();
    const reconnectNow = vi.fn();
    const store = createAppStore(api, { hostKind: 'electron', connection: link.connection, engineRestart: link.engineRestart, reconnectNow });
    store.getState().start();
    await flush();
    const overviews = api.calls.filter((c) => c.method === 'getOverview').length;
    push({ state: 'restarting', attempt: 1, retryInMs: 1000, exitCode: 1 });
    expect(store.getState()).toMatchObject({ connection: 'reconnecting', engineRestart: { attempt: 1 } });
    store.getState().retryConnection();
    expect(reconnectNow).toHaveBeenCalled();
    push({ state: 'running' });
    await flush();
    expect(store.getState()).toMatchObject({ connection: 'connected', engineRestart: null });
    expect(api.calls.filter((c) => c.method === 'getOverview').length).toBeGreaterThan(overviews);
  });

  it('holds a file the OS opened until the person acts on it', () => {
    const store = createAppStore(createFakeApi(), { hostKind: 'electron' });
    store.getState().showOpenedFile({ kind: 'glossary', name: 'team.opsdeck-glossary', content: '{}' });
    expect(store.getState().openedFile).toMatchObject({ kind: 'glossary', name: 'team.opsdeck-glossary' });
    store.getState().dismissOpenedFile();
    expect(store.getState().openedFile).toBeNull();
  });
});
