// The OS keychain through keytar (libsecret / Secret Service on Linux, Keychain on macOS,
// Credential Manager on Windows). The only file that loads keytar, and only when asked:
// keytar is an optional native module, and on a Linux box without a Secret Service every
// call fails, which createSecretStore turns into the memory fallback with a reason.

import type { SecretStore } from './secret-store';

export const KEYCHAIN_SERVICE = 'OpsDeck';

export interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

/** Loads keytar, or explains why it cannot be loaded. */
export function loadKeytar(): Keytar | string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('keytar') as Keytar;
  } catch (err) {
    return `the keytar module is not installed or not built for this Node (${String((err as Error).message).split('\n')[0]})`;
  }
}

export class KeytarSecretStore implements SecretStore {
  readonly info = {
    backend: 'keychain' as const,
    persistent: true,
    message: 'Passwords and passphrases are kept in the operating system keychain.',
  };

  constructor(
    private readonly keytar: Keytar,
    private readonly service = KEYCHAIN_SERVICE,
  ) {}

  get(account: string): Promise<string | null> {
    return this.keytar.getPassword(this.service, account);
  }

  set(account: string, secret: string): Promise<void> {
    return this.keytar.setPassword(this.service, account, secret);
  }

  async delete(account: string): Promise<void> {
    await this.keytar.deletePassword(this.service, account);
  }

  async accounts(): Promise<string[]> {
    // findCredentials returns the secrets too; only the account names leave this method.
    return (await this.keytar.findCredentials(this.service)).map((c) => c.account);
  }
}
