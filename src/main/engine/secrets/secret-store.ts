// Where passwords and key passphrases live. Never SQLite, config files, logs or the renderer:
// the engine reads a secret only to hand it to ssh2 at login.

import type { SecretStorageInfo } from '../../../shared/inventory-contract';

export interface SecretStore {
  readonly info: SecretStorageInfo;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** No error when nothing was stored. */
  delete(account: string): Promise<void>;
  /** Accounts that hold a secret, so the inventory can say `hasSecret` without reading any. */
  accounts(): Promise<string[]>;
}

/** The keychain entries of one host: its password, or its key's passphrase. */
export function hostSecretAccount(hostId: string): string {
  return `host:${hostId}`;
}

/** For this session only: what `serve` falls back to on a machine without a keychain. */
export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  constructor(readonly info: SecretStorageInfo) {}

  async get(account: string): Promise<string | null> {
    return this.secrets.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret);
  }

  async delete(account: string): Promise<void> {
    this.secrets.delete(account);
  }

  async accounts(): Promise<string[]> {
    return [...this.secrets.keys()];
  }
}
