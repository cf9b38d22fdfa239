// Picks the secret backend once at engine start, in ARCHITECTURE.md's order: the OS keychain
// when keytar loads and the Secret Service answers; else, in the desktop app, a file of blobs
// sealed by Electron's safeStorage (refused when it would only obfuscate, unless the person
// opted in); else memory for this session. Each choice comes with the reason in plain words.

import path from 'node:path';
import type { SecretStorageInfo } from '../../../shared/inventory-contract';
import type { Logger } from '../core/logger';
import { KEYCHAIN_SERVICE, KeytarSecretStore, loadKeytar, type Keytar } from './keytar-secret-store';
import { SEALED_SECRETS_FILE, SealedFileSecretStore } from './sealed-file-secret-store';
import { ALLOW_UNPROTECTED_ENV, type SealerBackend, type SealerProtection } from './sealer';
import { MemorySecretStore, type SecretStore } from './secret-store';

export { hostSecretAccount, MemorySecretStore, type SecretStore } from './secret-store';
export { SEALED_SECRETS_FILE, SealedFileSecretStore } from './sealed-file-secret-store';
export { PendingSecretStore } from './pending-secret-store';
export { ALLOW_UNPROTECTED_ENV, allowUnprotectedSecrets, type Sealer, type SealerBackend, type SealerProtection } from './sealer';

const KEYCHAIN_PROBE_TIMEOUT_MS = 3_000;
// Longer: the first use of safeStorage may wait for the OS to unlock or hand over its key.
const SEALER_PROBE_TIMEOUT_MS = 10_000;


export interface SecretStoreOptions {
  logger: Logger;
  /** Keychain service name; tests use their own. */
  service?: string;
  /** Desktop app: seals secrets into `<dataDir>/secrets.sealed.json` where keytar is unavailable. */
  sealer?: SealerBackend;
  dataDir?: string;
  /** The person accepts a sealer that only obfuscates (OPSDECK_ALLOW_UNPROTECTED_SECRETS=1). */
  allowUnprotected?: boolean;
  /** Tests: how keytar is loaded (default: require('keytar')). */
  loadKeytar?: () => Keytar | string;
  /** Tests: deadline of the keychain probe and of the sealer's protection report (default 3 s and 10 s). */
  probeTimeoutMs?: number;
}

/** `advice` is a sentence on why the other persistent backends were not used either. */
export function memorySecretStore(reason: string, advice?: string): MemorySecretStore {
  return new MemorySecretStore({
    backend: 'memory',
    persistent: false,
    message: `No OS keychain is available (${reason}).${advice ? ` ${advice}` : ''} Passwords and passphrases are kept in memory until OpsDeck stops; use ssh-agent or enter them again after a restart.`,
  });
}

export async function createSecretStore(opts: SecretStoreOptions): Promise<SecretStore> {
  const keychain = await openKeychain(opts);
  if (typeof keychain !== 'string') {
    opts.logger.log('info', 'secrets-keychain');
    return keychain;
  }
  if (opts.sealer && opts.dataDir) {
    const sealed = await openSealedFile(opts, opts.sealer, opts.dataDir, keychain);
    if (typeof sealed !== 'string') return sealed;
    opts.logger.log('warn', 'secrets-memory-only', { reason: keychain, sealedFile: sealed });
    return memorySecretStore(keychain, sealed);
  }
  opts.logger.log('warn', 'secrets-memory-only', { reason: keychain });
  return memorySecretStore(keychain);
}

/** The keychain store, or why there is none. */
async function openKeychain(opts: SecretStoreOptions): Promise<KeytarSecretStore | string> {
  const keytar = (opts.loadKeytar ?? loadKeytar)();
  if (typeof keytar === 'string') return keytar;
  try {
    // A keychain that cannot answer (no D-Bus session, no Secret Service) fails or hangs here.
    await withDeadline(keytar.findCredentials(opts.service ?? KEYCHAIN_SERVICE), opts.probeTimeoutMs ?? KEYCHAIN_PROBE_TIMEOUT_MS, 'the keychain');
  } catch (err) {
    return `the keychain service is not reachable: ${firstLine(err)}`;
  }
  return new KeytarSecretStore(keytar, opts.service);
}

/** The sealed-file store, or a sentence on why it was not used. */
async function openSealedFile(opts: SecretStoreOptions, sealer: SealerBackend, dataDir: string, noKeychain: string): Promise<SealedFileSecretStore | string> {
  let protection: SealerProtection;
  try {
    protection = await withDeadline(sealer.protection(), opts.probeTimeoutMs ?? SEALER_PROBE_TIMEOUT_MS, "Electron's safe storage");
  } catch (err) {
    return `Electron's safe storage did not answer either (${firstLine(err)}).`;
  }
  if (!protection.available) {
    return `Electron's safe storage cannot encrypt here either (${protection.reason ?? protection.keyStore}).`;
  }
  const why = protection.reason ? `${protection.keyStore}: ${protection.reason}` : `its key store is ${protection.keyStore}`;
  if (!protection.protected && !opts.allowUnprotected) {
    return `Electron's safe storage would only obfuscate them (${why}), so OpsDeck does not write them to disk; set ${ALLOW_UNPROTECTED_ENV}=1 to accept an obfuscated file instead.`;
  }
  const message = protection.protected
    ? `The OS keychain is not reachable through keytar (${noKeychain}), so passwords and passphrases are encrypted by Electron's safe storage, with a key held by the operating system (${protection.keyStore}), and kept in ${SEALED_SECRETS_FILE} in the OpsDeck data folder.`
    : `Passwords and passphrases are kept in ${SEALED_SECRETS_FILE} in the OpsDeck data folder but are only obfuscated, not protected (${why}): Electron scrambles them with a key built into it. Anyone who can read that file can recover them. This is on because ${ALLOW_UNPROTECTED_ENV}=1 is set.`;
  opts.logger.log(protection.protected ? 'info' : 'warn', 'secrets-sealed-file', { keyStore: protection.keyStore, protected: protection.protected });
  return new SealedFileSecretStore({
    file: path.join(dataDir, SEALED_SECRETS_FILE),
    sealer,
    logger: opts.logger,
    info: { backend: protection.protected ? 'sealed-file' : 'obfuscated-file', persistent: true, message },
  });
}

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${Math.round(ms / 1000)} s`)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

const firstLine = (err: unknown): string => String((err as Error)?.message ?? err).split('\n')[0]!;
