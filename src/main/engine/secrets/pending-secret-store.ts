// A secret store whose backend is still being chosen. Probing the keychain can take up to its
// 3 s deadline (a Secret Service that does not answer), and nothing on the first screen needs a
// secret, so the engine starts with this stand-in: every call waits for the choice, nothing else does.

import type { SecretStorageInfo } from '../../../shared/inventory-contract';
import type { Logger } from '../core/logger';
import { MemorySecretStore, type SecretStore } from './secret-store';

const CHOOSING: SecretStorageInfo = {
  backend: 'memory',
  persistent: false,
  message: 'OpsDeck is still checking whether the OS keychain can keep passwords and passphrases; this takes a few seconds at most.',
};

export class PendingSecretStore implements SecretStore {
  private chosen: SecretStore | null = null;
  private readonly choice: Promise<SecretStore>;

  constructor(choice: Promise<SecretStore>, logger: Logger) {
    this.choice = choice.catch((err: unknown) => {
      // createSecretStore reports its own failures as a memory store; this is a last resort.
      logger.log('error', 'secrets-choice-failed', { error: String(err) });
      return new MemorySecretStore({
        backend: 'memory',
        persistent: false,
        message: 'OpsDeck could not choose where to keep passwords and passphrases (the details are in the engine log), so they are kept in memory until OpsDeck stops.',
      });
    });
    void this.choice.then((store) => (this.chosen = store));
  }

  /** The chosen store's description; until the choice is made, a sentence saying so. */
  get info(): SecretStorageInfo {
    return this.chosen?.info ?? CHOOSING;
  }

  /** Resolves with the chosen backend. */
  ready(): Promise<SecretStore> {
    return this.choice;
  }

  async get(account: string): Promise<string | null> {
    return (await this.choice).get(account);
  }

  async set(account: string, secret: string): Promise<void> {
    return (await this.choice).set(account, secret);
  }

  async delete(account: string): Promise<void> {
    return (await this.choice).delete(account);
  }

  async accounts(): Promise<string[]> {
    return (await this.choice).accounts();
  }
}
