// The main-process sealer: answers the engine's seal/unseal requests with Electron's
// safeStorage (key in macOS Keychain, Windows DPAPI, or libsecret/KWallet on Linux). It refuses
// to seal when encryption is unavailable, and on Linux's `basic_text` (a key built into
// Electron: obfuscation only) unless the person opted in. Plaintext is never logged.
// Uses the async API: Electron 45 deprecates the synchronous one and 46 removes it.
import { safeStorage } from 'electron';
import type { Logger } from '../engine/core/logger';
import { ALLOW_UNPROTECTED_ENV, type SealerProtection } from '../engine/secrets/sealer';
import type { SealerReply, SealerRequest } from './engine-protocol';

export interface SafeStorageSealerOptions {
  logger: Logger;
  /** OPSDECK_ALLOW_UNPROTECTED_SECRETS=1: seal even with `basic_text`. */
  allowUnprotected: boolean;
  platform?: NodeJS.Platform;
}

// Linux key stores that keep the key in a password manager; anything else is not protection.
const LINUX_PROTECTED_BACKENDS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

const refuse = (code: string, message: string): SealerReply => ({ ok: false, error: { code, message } });

export async function safeStorageProtection(platform: NodeJS.Platform = process.platform): Promise<SealerProtection> {
  let available = false;
  try {
    available = await safeStorage.isAsyncEncryptionAvailable();
  } catch {
    available = false;
  }
  if (!available) {
    return { available: false, protected: false, keyStore: 'unavailable', reason: 'the operating system offers Electron no encryption key' };
  }
  if (platform === 'darwin') return { available: true, protected: true, keyStore: 'keychain' };
  if (platform === 'win32') return { available: true, protected: true, keyStore: 'dpapi' };
  const backend = safeStorage.getSelectedStorageBackend();
  if (LINUX_PROTECTED_BACKENDS.has(backend)) return { available: true, protected: true, keyStore: backend };
  if (backend === 'basic_text') {
    return { available: true, protected: false, keyStore: backend, reason: 'no password manager (Secret Service or KWallet) was found for this desktop session' };
  }
  return { available: true, protected: false, keyStore: backend, reason: `Electron could not tell which password manager it uses ("${backend}")` };
}

/** Handles one request from the engine; never throws, never echoes a secret. */
export function createSafeStorageSealer(opts: SafeStorageSealerOptions): (request: SealerRequest) => Promise<SealerReply> {
  const platform = opts.platform ?? process.platform;
  return async (request) => {
    const protection = await safeStorageProtection(platform);
    switch (request.op) {
      case 'protection':
        return { ok: true, op: 'protection', protection };
      case 'seal': {
        if (!protection.available) {
          return refuse('SECRETS_UNAVAILABLE', 'This computer offers no encryption key to OpsDeck, so the password was not saved. Use ssh-agent, or enter the password again after each restart.');
        }
        if (!protection.protected && !opts.allowUnprotected) {
          return refuse('SECRETS_UNPROTECTED', `Electron's safe storage would only obfuscate the password here (${protection.keyStore}), so it was not saved to disk. Set ${ALLOW_UNPROTECTED_ENV}=1 to accept that.`);
        }
        try {
          const sealed = await safeStorage.encryptStringAsync(request.plain);
          return { ok: true, op: 'seal', blob: sealed.toString('base64') };
        } catch (err) {
          opts.logger.log('warn', 'safe-storage-seal-failed', { keyStore: protection.keyStore, error: (err as Error)?.name ?? 'unknown' });
          return refuse('SECRET_SEAL_FAILED', 'Electron could not encrypt this password, so it was not saved. Try again; if it keeps failing, restart OpsDeck.');
        }
      }
      case 'unseal': {
        if (!protection.available) {
          return refuse('SECRETS_UNAVAILABLE', 'This computer offers no encryption key to OpsDeck right now, so a stored password cannot be read. Unlock your login keyring, or enter the password again.');
        }
        try {
          const { result } = await safeStorage.decryptStringAsync(Buffer.from(request.blob, 'base64'));
          return { ok: true, op: 'unseal', plain: result };
        } catch (err) {
          opts.logger.log('warn', 'safe-storage-unseal-failed', { keyStore: protection.keyStore, error: (err as Error)?.name ?? 'unknown' });
          return refuse('SECRET_UNREADABLE', "This stored password can no longer be decrypted, most likely because the operating system's login keyring changed. Enter it again in the host's settings in the inventory.");
        }
      }
    }
  };
}
