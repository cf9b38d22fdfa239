// Picks the secret backend once at engine start: the OS keychain when keytar loads and the
// Secret Service answers, otherwise memory for this session, with the reason in plain words.
// (Electron's safeStorage, the middle option in ARCHITECTURE.md, belongs to the app shell.)

import type { Logger } from '../core/logger';
import { KEYCHAIN_SERVICE, KeytarSecretStore, loadKeytar } from './keytar-secret-store';
import { MemorySecretStore, type SecretStore } from './secret-store';

export { hostSecretAccount, MemorySecretStore, type SecretStore } from './secret-store';

const PROBE_TIMEOUT_MS = 3_000;

export function memorySecretStore(reason: string): MemorySecretStore {
  return new MemorySecretStore({
    backend: 'memory',
    persistent: false,
    message: `No OS keychain is available (${reason}). Passwords and passphrases are kept in memory until OpsDeck stops; use ssh-agent or enter them again after a restart.`,
  });
}

export async function createSecretStore(opts: { logger: Logger; service?: string }): Promise<SecretStore> {
  const keytar = loadKeytar();
  if (typeof keytar === 'string') {
    opts.logger.log('warn', 'secrets-memory-only', { reason: keytar });
    return memorySecretStore(keytar);
  }
  try {
    // A keychain that cannot answer (no D-Bus session, no Secret Service) fails or hangs here.
    await Promise.race([
      keytar.findCredentials(opts.service ?? KEYCHAIN_SERVICE),
      new Promise((_, reject) => setTimeout(() => reject(new Error('the keychain did not answer within 3 s')), PROBE_TIMEOUT_MS).unref()),
    ]);
  } catch (err) {
    const reason = `the keychain service is not reachable: ${String((err as Error).message ?? err).split('\n')[0]}`;
    opts.logger.log('warn', 'secrets-memory-only', { reason });
    return memorySecretStore(reason);
  }
  opts.logger.log('info', 'secrets-keychain');
  return new KeytarSecretStore(keytar, opts.service);
}
