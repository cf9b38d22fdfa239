// What the sealed-file secret store needs from its host: something that encrypts a secret into
// an opaque blob and back. In the desktop app that is Electron's safeStorage in the main
// process (src/main/app/safe-storage-sealer.ts), reached over the engine's port; the engine
// itself never sees a key.

export interface Sealer {
  seal(plain: string): Promise<Buffer>;
  /** Rejects when the blob was sealed with another key or is damaged. */
  unseal(blob: Buffer): Promise<string>;
}

/** How well a sealer protects what it seals, as its host reports it. */
export interface SealerProtection {
  /** False when the host cannot encrypt at all (nothing may be sealed). */
  available: boolean;
  /** False when the "encryption" uses a key anyone can know (Electron's Linux `basic_text`). */
  protected: boolean;
  /** Where the key lives, in the host's words: `keychain`, `dpapi`, `gnome_libsecret`, `kwallet5`, `basic_text`, `unavailable`... */
  keyStore: string;
  /** Why it is unavailable or unprotected, in plain words; absent when all is well. */
  reason?: string;
}

/** A sealer that can also say how much it protects; what createSecretStore is given. */
export interface SealerBackend extends Sealer {
  protection(): Promise<SealerProtection>;
}

export const ALLOW_UNPROTECTED_ENV = 'OPSDECK_ALLOW_UNPROTECTED_SECRETS';

/** The person's opt-in to a sealer that only obfuscates (Linux without a password manager). */
export function allowUnprotectedSecrets(env: NodeJS.ProcessEnv): boolean {
  return env[ALLOW_UNPROTECTED_ENV]?.trim() === '1';
}
