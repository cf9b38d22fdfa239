import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import {
  allowUnprotectedSecrets,
  createSecretStore,
  MemorySecretStore,
  SEALED_SECRETS_FILE,
  SealedFileSecretStore,
  type SealerProtection,
  type SecretStoreOptions,
} from '../../../src/main/engine/secrets';
import { KeytarSecretStore, type Keytar } from '../../../src/main/engine/secrets/keytar-secret-store';
import { AesGcmSealer, PROTECTED } from './aes-gcm-sealer';

const NO_KEYTAR = () => 'the keytar module is not installed or not built for this Node (Cannot find module keytar)';
const BASIC_TEXT: SealerProtection = { available: true, protected: false, keyStore: 'basic_text', reason: 'no password manager (Secret Service or KWallet) was found for this desktop session' };
const UNAVAILABLE: SealerProtection = { available: false, protected: false, keyStore: 'unavailable', reason: 'the operating system offers Electron no encryption key' };

function fakeKeytar(findCredentials: Keytar['findCredentials']): Keytar {
  return { getPassword: async () => null, setPassword: async () => undefined, deletePassword: async () => true, findCredentials };
}

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-secrets-choice-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function choose(overrides: Partial<SecretStoreOptions> = {}) {
  const logger = new MemoryLogger();
  return { logger, store: createSecretStore({ logger, dataDir, loadKeytar: NO_KEYTAR, ...overrides }) };
}

describe('secret backend choice', () => {
  it('prefers the OS keychain when keytar answers, even with a sealer at hand', async () => {
    const sealer = new AesGcmSealer();
    const protection = vi.spyOn(sealer, 'protection');
    const store = await choose({ loadKeytar: () => fakeKeytar(async () => []), sealer }).store;
    expect(store).toBeInstanceOf(KeytarSecretStore);
    expect(store.info).toMatchObject({ backend: 'keychain', persistent: true });
    expect(protection).not.toHaveBeenCalled();
  });

  it('without keytar, a protected sealer gives the sealed file, and says where the key lives', async () => {
    const { store: pending, logger } = choose({ sealer: new AesGcmSealer(PROTECTED) });
    const store = await pending;
    expect(store).toBeInstanceOf(SealedFileSecretStore);
    expect(store.info).toMatchObject({ backend: 'sealed-file', persistent: true });
    expect(store.info.message).toMatch(/encrypted by Electron's safe storage/);
    expect(store.info.message).toContain('gnome_libsecret');
    expect(store.info.message).toContain(SEALED_SECRETS_FILE);
    expect(store.info.message).toContain('keytar module is not installed');
    expect(logger.records.find((r) => r.event === 'secrets-sealed-file')).toMatchObject({ level: 'info', fields: { keyStore: 'gnome_libsecret', protected: true } });
    await store.set('host:db-01', 'pw');
    expect(fs.existsSync(path.join(dataDir, SEALED_SECRETS_FILE))).toBe(true);
  });

  it('a keychain that does not answer in time also falls through to the sealed file', async () => {
    const hanging = fakeKeytar(() => new Promise(() => undefined));
    const store = await choose({ loadKeytar: () => hanging, sealer: new AesGcmSealer(), probeTimeoutMs: 20 }).store;
    expect(store).toBeInstanceOf(SealedFileSecretStore);
    expect(store.info.message).toMatch(/keychain service is not reachable: the keychain did not answer/);
  });

  it('basic_text without the opt-in stays in memory, and the message names the reason and the way out', async () => {
    const { store: pending, logger } = choose({ sealer: new AesGcmSealer(BASIC_TEXT) });
    const store = await pending;
    expect(store).toBeInstanceOf(MemorySecretStore);
    expect(store.info).toMatchObject({ backend: 'memory', persistent: false });
    expect(store.info.message).toMatch(/would only obfuscate them/);
    expect(store.info.message).toContain('basic_text');
    expect(store.info.message).toContain('no password manager');
    expect(store.info.message).toContain('OPSDECK_ALLOW_UNPROTECTED_SECRETS=1');
    expect(logger.records.find((r) => r.event === 'secrets-memory-only')?.level).toBe('warn');
    await store.set('host:db-01', 'pw');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('basic_text with the opt-in gives the sealed file, with a message that says it is only obfuscated', async () => {
    const { store: pending, logger } = choose({ sealer: new AesGcmSealer(BASIC_TEXT), allowUnprotected: true });
    const store = await pending;
    expect(store).toBeInstanceOf(SealedFileSecretStore);
    expect(store.info).toMatchObject({ backend: 'obfuscated-file', persistent: true });
    expect(store.info.message).toMatch(/only obfuscated, not protected/);
    expect(store.info.message).toMatch(/Anyone who can read that file can recover them/);
    expect(store.info.message).toContain('OPSDECK_ALLOW_UNPROTECTED_SECRETS=1 is set');
    expect(logger.records.find((r) => r.event === 'secrets-sealed-file')).toMatchObject({ level: 'warn', fields: { keyStore: 'basic_text', protected: false } });
  });

  it('the opt-in never makes a sealer that cannot encrypt acceptable', async () => {
    const store = await choose({ sealer: new AesGcmSealer(UNAVAILABLE), allowUnprotected: true }).store;
    expect(store).toBeInstanceOf(MemorySecretStore);
    expect(store.info.message).toMatch(/safe storage cannot encrypt here either \(the operating system offers Electron no encryption key\)/);
  });

  it('a sealer that does not answer in time leaves memory, with the reason', async () => {
    const sealer = new AesGcmSealer();
    vi.spyOn(sealer, 'protection').mockReturnValue(new Promise(() => undefined));
    const store = await choose({ sealer, probeTimeoutMs: 20 }).store;
    expect(store).toBeInstanceOf(MemorySecretStore);
    expect(store.info.message).toMatch(/safe storage did not answer either/);
  });

  it('without a sealer (opsdeck serve) it is memory, as before', async () => {
    const store = await choose().store;
    expect(store).toBeInstanceOf(MemorySecretStore);
    expect(store.info.message).toMatch(/^No OS keychain is available \(the keytar module is not installed/);
    expect(store.info.message).toMatch(/kept in memory until OpsDeck stops/);
  });

  it('takes the opt-in only from OPSDECK_ALLOW_UNPROTECTED_SECRETS=1', () => {
    expect(allowUnprotectedSecrets({ OPSDECK_ALLOW_UNPROTECTED_SECRETS: '1' })).toBe(true);
    expect(allowUnprotectedSecrets({ OPSDECK_ALLOW_UNPROTECTED_SECRETS: ' 1 ' })).toBe(true);
    for (const value of [undefined, '', '0', 'true', 'yes']) expect(allowUnprotectedSecrets({ OPSDECK_ALLOW_UNPROTECTED_SECRETS: value })).toBe(false);
  });
});
