// A real sealer for tests: AES-256-GCM under a random key, laid out as iv | tag | ciphertext.
// Like safeStorage, a blob sealed under another key (or damaged) fails to unseal.
import crypto from 'node:crypto';
import type { SealerBackend, SealerProtection } from '../../../src/main/engine/secrets';

export const PROTECTED: SealerProtection = { available: true, protected: true, keyStore: 'gnome_libsecret' };

export class AesGcmSealer implements SealerBackend {
  constructor(
    private readonly report: SealerProtection = PROTECTED,
    readonly key: Buffer = crypto.randomBytes(32),
  ) {}

  async protection(): Promise<SealerProtection> {
    return this.report;
  }

  async seal(plain: string): Promise<Buffer> {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  async unseal(blob: Buffer): Promise<string> {
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, blob.subarray(0, 12));
    decipher.setAuthTag(blob.subarray(12, 28));
    return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString('utf8');
  }
}
