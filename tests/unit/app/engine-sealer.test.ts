// The sealing link end to end, without Electron: the engine's PortSealer posts requests over a
// fake utility-process port, the supervisor hands them to the main-process sealer (safeStorage
// from the shared mock), and the answer comes back only to the process that asked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OpsError } from '../../../src/shared/errors';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { SEALED_SECRETS_FILE, SealedFileSecretStore } from '../../../src/main/engine/secrets';
import { isEngineToMainMessage, isMainToEngineMessage, MAX_SEALER_PAYLOAD_CHARS } from '../../../src/main/app/engine-protocol';
import { PortSealer } from '../../../src/main/app/engine-sealer';
import { EngineSupervisor } from '../../../src/main/app/engine-supervisor';
import { createSafeStorageSealer } from '../../../src/main/app/safe-storage-sealer';
import { FakeUtilityProcess, resetElectronMock, safeStorage } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

const PASSWORD = 'Es-0b7e-crosses-only-main-and-engine';
const flush = () => new Promise((r) => setTimeout(r, 0));

/** Supervisor in "main", PortSealer in "the engine", joined by a fake utility process. */
function link(opts: { withSealer?: boolean; allowUnprotected?: boolean } = {}) {
  const mainLogger = new MemoryLogger();
  const children: FakeUtilityProcess[] = [];
  const supervisor = new EngineSupervisor({
    modulePath: '/out/main/engine-host.js',
    args: [],
    fork: (p, a, o) => {
      const child = new FakeUtilityProcess(p, a, o);
      children.push(child);
      return child;
    },
    logger: mainLogger,
    sealer: opts.withSealer === false ? undefined : createSafeStorageSealer({ logger: mainLogger, allowUnprotected: opts.allowUnprotected ?? false, platform: 'linux' }),
  });
  const events: unknown[] = [];
  supervisor.onEvent((channel, payload) => events.push({ channel, payload }));
  supervisor.start();
  const child = children[0]!;
  // What the engine process does with main's messages: sealer replies go to its PortSealer.
  const sealer = new PortSealer((message) => queueMicrotask(() => child.reply(structuredClone(message))));
  child.postMessage.mockImplementation((message: any) => {
    if (message.type === 'sealer-reply') queueMicrotask(() => sealer.handleReply(message.id, structuredClone(message.reply)));
  });
  return { supervisor, child, children, sealer, events, mainLogger };
}

beforeEach(() => resetElectronMock());
afterEach(() => vi.useRealTimers());

describe('sealing across the engine link', () => {
  it('the engine seals and unseals through the main process, and a sealed-file store works on top', async () => {
    const { sealer, events, child } = link();
    expect(await sealer.protection()).toEqual({ available: true, protected: true, keyStore: 'gnome_libsecret' });
    const blob = await sealer.seal(PASSWORD);
    expect(blob.includes(Buffer.from(PASSWORD))).toBe(false);
    expect(await sealer.unseal(blob)).toBe(PASSWORD);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-port-sealer-'));
    try {
      const file = path.join(dir, SEALED_SECRETS_FILE);
      const info = { backend: 'sealed-file' as const, persistent: true, message: 'test' };
      await new SealedFileSecretStore({ file, sealer, info, logger: new MemoryLogger() }).set('host:db-01', PASSWORD);
      expect(fs.readFileSync(file).includes(Buffer.from(PASSWORD))).toBe(false);
      expect(await new SealedFileSecretStore({ file, sealer, info, logger: new MemoryLogger() }).get('host:db-01')).toBe(PASSWORD);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // Nothing of it is an engine event, so nothing can reach a window.
    expect(events).toEqual([]);
    expect(child.posted.every((m: any) => m.type === 'sealer-reply')).toBe(true);
  });

  it('main errors reach the engine as OpsErrors with their code', async () => {
    safeStorage.backend = 'basic_text';
    const { sealer } = link();
    const err = await sealer.seal(PASSWORD).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpsError);
    expect(err).toMatchObject({ code: 'SECRETS_UNPROTECTED' });
    await expect(sealer.unseal(Buffer.from('foreign'))).rejects.toMatchObject({ code: 'SECRET_UNREADABLE' });
  });

  it('a main process without a sealer refuses instead of leaving the engine waiting', async () => {
    const { sealer } = link({ withSealer: false });
    await expect(sealer.seal(PASSWORD)).rejects.toMatchObject({ code: 'SECRETS_UNAVAILABLE' });
  });

  it('answers only the engine process that asked: a restarted engine never gets an old reply', async () => {
    let release!: () => void;
    safeStorage.encryptStringAsync.mockImplementationOnce(async (plain: string) => {
      await new Promise<void>((r) => (release = r));
      return Buffer.from(`fake-sealed:${plain}`);
    });
    const { child, children } = link();
    child.reply({ type: 'sealer-request', id: 1, request: { op: 'seal', plain: PASSWORD } });
    await flush();
    child.exit(1); // the engine crashed while main was sealing
    release();
    await flush();
    expect(child.postMessage).not.toHaveBeenCalled();
    expect(children).toHaveLength(1); // the restart is still waiting on its backoff timer
  });

  it('a request main never answers fails with TIMEOUT, and the late answer is ignored', async () => {
    vi.useFakeTimers();
    const posted: any[] = [];
    const sealer = new PortSealer((m) => posted.push(m), { timeoutMs: 5_000 });
    const pending = sealer.seal(PASSWORD).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await pending).toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('5 s') });
    expect(() => sealer.handleReply(posted[0].id, { ok: true, op: 'seal', blob: 'AAAA' })).not.toThrow();
  });

  it('an answer to a different operation is refused as PROTOCOL', async () => {
    const posted: any[] = [];
    const sealer = new PortSealer((m) => posted.push(m));
    const pending = sealer.unseal(Buffer.from('blob'));
    sealer.handleReply(posted[0].id, { ok: true, op: 'seal', blob: 'AAAA' });
    await expect(pending).rejects.toMatchObject({ code: 'PROTOCOL' });
  });

  it('a secret too long for the link is refused before it is sent', async () => {
    const posted: unknown[] = [];
    const sealer = new PortSealer((m) => posted.push(m));
    await expect(sealer.seal('x'.repeat(MAX_SEALER_PAYLOAD_CHARS + 1))).rejects.toMatchObject({ code: 'TOO_LARGE' });
    expect(posted).toEqual([]);
  });

  it('a port that cannot send fails the request at once', async () => {
    const sealer = new PortSealer(() => {
      throw new Error('port closed');
    });
    await expect(sealer.protection()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});

describe('sealer messages are validated on both sides', () => {
  it.each([
    ['a seal without text', { type: 'sealer-request', id: 1, request: { op: 'seal' } }],
    ['a seal of a non-string', { type: 'sealer-request', id: 1, request: { op: 'seal', plain: 42 } }],
    ['an oversized secret', { type: 'sealer-request', id: 1, request: { op: 'seal', plain: 'x'.repeat(MAX_SEALER_PAYLOAD_CHARS + 1) } }],
    ['an unseal of non-base64', { type: 'sealer-request', id: 1, request: { op: 'unseal', blob: 'not base64!' } }],
    ['an unknown operation', { type: 'sealer-request', id: 1, request: { op: 'export-all' } }],
    ['a bad id', { type: 'sealer-request', id: 0, request: { op: 'protection' } }],
  ])('main refuses %s', (_what, message) => {
    expect(isEngineToMainMessage(message)).toBe(false);
  });

  it.each([
    ['a reply without op', { type: 'sealer-reply', id: 1, reply: { ok: true, blob: 'AAAA' } }],
    ['a protection report of the wrong shape', { type: 'sealer-reply', id: 1, reply: { ok: true, op: 'protection', protection: { available: 'yes' } } }],
    ['an error without a message', { type: 'sealer-reply', id: 1, reply: { ok: false, error: { code: 'X' } } }],
  ])('the engine refuses %s', (_what, message) => {
    expect(isMainToEngineMessage(message)).toBe(false);
  });

  it('main logs and drops a malformed request without answering it', async () => {
    const { child, mainLogger } = link();
    child.reply({ type: 'sealer-request', id: 1, request: { op: 'seal', plain: 42 } });
    await flush();
    expect(child.postMessage).not.toHaveBeenCalled();
    expect(mainLogger.records.map((r) => r.event)).toContain('engine-bad-message');
  });
});
