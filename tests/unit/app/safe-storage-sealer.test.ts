import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createSafeStorageSealer, safeStorageProtection } from '../../../src/main/app/safe-storage-sealer';
import type { SealerReply } from '../../../src/main/app/engine-protocol';
import { resetElectronMock, safeStorage } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

const PASSWORD = 'Ss-41c7-only-sealed';

beforeEach(() => resetElectronMock());

function sealer(opts: { allowUnprotected?: boolean; platform?: NodeJS.Platform } = {}) {
  const logger = new MemoryLogger();
  return { logger, handle: createSafeStorageSealer({ logger, allowUnprotected: opts.allowUnprotected ?? false, platform: opts.platform ?? 'linux' }) };
}

async function sealed(handle: (r: any) => Promise<SealerReply>, plain: string): Promise<string> {
  const reply = await handle({ op: 'seal', plain });
  if (!reply.ok || reply.op !== 'seal') throw new Error(`not sealed: ${JSON.stringify(reply)}`);
  return reply.blob;
}

describe('safeStorage protection report', () => {
  it.each([
    ['gnome_libsecret', true],
    ['kwallet', true],
    ['kwallet5', true],
    ['kwallet6', true],
    ['basic_text', false],
    ['unknown', false],
  ] as const)('on Linux, %s counts as protected: %s', async (backend, isProtected) => {
    safeStorage.backend = backend;
    expect(await safeStorageProtection('linux')).toMatchObject({ available: true, protected: isProtected, keyStore: backend });
  });

  it('reports basic_text as unprotected, saying that no password manager was found', async () => {
    safeStorage.backend = 'basic_text';
    expect(await safeStorageProtection('linux')).toEqual({
      available: true,
      protected: false,
      keyStore: 'basic_text',
      reason: 'no password manager (Secret Service or KWallet) was found for this desktop session',
    });
  });

  it('names the macOS Keychain and Windows DPAPI without asking for a Linux backend', async () => {
    expect(await safeStorageProtection('darwin')).toEqual({ available: true, protected: true, keyStore: 'keychain' });
    expect(await safeStorageProtection('win32')).toEqual({ available: true, protected: true, keyStore: 'dpapi' });
    expect(safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled();
  });

  it('reports unavailable when Electron has no key, or the check itself fails', async () => {
    safeStorage.available = false;
    expect(await safeStorageProtection('linux')).toMatchObject({ available: false, protected: false, keyStore: 'unavailable' });
    safeStorage.available = true;
    safeStorage.isAsyncEncryptionAvailable.mockRejectedValueOnce(new Error('not ready'));
    expect(await safeStorageProtection('darwin')).toMatchObject({ available: false });
  });
});

describe('main-process sealer', () => {
  it('answers a protection request with the report', async () => {
    safeStorage.backend = 'kwallet5';
    expect(await sealer().handle({ op: 'protection' })).toEqual({ ok: true, op: 'protection', protection: { available: true, protected: true, keyStore: 'kwallet5' } });
  });

  it('seals and unseals through safeStorage, and the blob does not show the secret', async () => {
    const { handle } = sealer();
    const blob = await sealed(handle, PASSWORD);
    expect(Buffer.from(blob, 'base64').includes(Buffer.from(PASSWORD))).toBe(false);
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledWith(PASSWORD);
    expect(await handle({ op: 'unseal', blob })).toEqual({ ok: true, op: 'unseal', plain: PASSWORD });
  });

  it('refuses to seal when encryption is unavailable, without calling safeStorage', async () => {
    safeStorage.available = false;
    const reply = await sealer({ allowUnprotected: true }).handle({ op: 'seal', plain: PASSWORD });
    expect(reply).toMatchObject({ ok: false, error: { code: 'SECRETS_UNAVAILABLE', message: expect.stringMatching(/not saved/) } });
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
    expect(JSON.stringify(reply)).not.toContain(PASSWORD);
  });

  it('refuses to seal with basic_text unless the person opted in', async () => {
    safeStorage.backend = 'basic_text';
    const refused = await sealer().handle({ op: 'seal', plain: PASSWORD });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SECRETS_UNPROTECTED', message: expect.stringContaining('OPSDECK_ALLOW_UNPROTECTED_SECRETS=1') } });
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
    const { handle } = sealer({ allowUnprotected: true });
    const blob = await sealed(handle, PASSWORD);
    expect(await handle({ op: 'unseal', blob })).toEqual({ ok: true, op: 'unseal', plain: PASSWORD });
  });

  it('a blob it cannot decrypt is SECRET_UNREADABLE with a sentence to act on, and nothing secret is logged', async () => {
    const { handle, logger } = sealer();
    const reply = await handle({ op: 'unseal', blob: Buffer.from('sealed by another key').toString('base64') });
    expect(reply).toMatchObject({ ok: false, error: { code: 'SECRET_UNREADABLE', message: expect.stringMatching(/Enter it again/) } });
    await sealed(handle, PASSWORD);
    safeStorage.encryptStringAsync.mockRejectedValueOnce(new Error(`cannot encrypt ${PASSWORD}`));
    expect(await handle({ op: 'seal', plain: PASSWORD })).toMatchObject({ ok: false, error: { code: 'SECRET_SEAL_FAILED' } });
    expect(logger.records.map((r) => r.event)).toEqual(['safe-storage-unseal-failed', 'safe-storage-seal-failed']);
    expect(JSON.stringify(logger.records)).not.toContain(PASSWORD);
  });

  it('cannot unseal while encryption is unavailable, and says so without blaming the blob', async () => {
    const { handle } = sealer();
    const blob = await sealed(handle, PASSWORD);
    safeStorage.available = false;
    expect(await handle({ op: 'unseal', blob })).toMatchObject({ ok: false, error: { code: 'SECRETS_UNAVAILABLE' } });
  });
});
