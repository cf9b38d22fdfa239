// Host-key trust, modelled on OpenSSH's StrictHostKeyChecking. The verdict is reached during
// key exchange, before ssh2 sends any credential: an unknown key is refused unless the host
// is set to accept-new, and a changed or revoked key is always refused.

import { createHash } from 'node:crypto';

export type HostKeyVerdict = 'trusted' | 'unknown' | 'changed' | 'revoked';

export interface HostKeyPolicy {
  /** Whether `keyBlob` (the SSH wire encoding of the public key) is the key trusted for host:port. */
  verify(host: string, port: number, keyBlob: Buffer): HostKeyVerdict | Promise<HostKeyVerdict>;
  /** Records a key as trusted: after the person confirmed it, or for accept-new. */
  trust(host: string, port: number, keyBlob: Buffer): void | Promise<void>;
  /** Optional detail for a refusal message, such as the known_hosts line holding the old key. */
  explain?(host: string, port: number, keyBlob: Buffer, verdict: HostKeyVerdict): string | null;
}

/** OpenSSH's fingerprint form: `SHA256:` and unpadded base64 of the key blob's SHA-256. */
export function fingerprintSha256(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside the blob ("ssh-ed25519", "ecdsa-sha2-nistp256"), or null. */
export function hostKeyType(keyBlob: Buffer): string | null {
  if (keyBlob.length < 4) return null;
  const length = keyBlob.readUInt32BE(0);
  if (length === 0 || length > 64 || 4 + length > keyBlob.length) return null;
  return keyBlob.subarray(4, 4 + length).toString('latin1');
}

/** known_hosts spelling of a host: bare on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/**
 * Trusted keys in memory. A host may have several trusted keys (one per key type); a key
 * that is not among them, for a host that has any, is a changed key.
 */
export class MemoryHostKeyStore implements HostKeyPolicy {
  private readonly keys = new Map<string, Set<string>>();

  verify(host: string, port: number, keyBlob: Buffer): HostKeyVerdict {
    const known = this.keys.get(knownHostsName(host, port));
    if (!known || known.size === 0) return 'unknown';
    return known.has(keyBlob.toString('base64')) ? 'trusted' : 'changed';
  }

  trust(host: string, port: number, keyBlob: Buffer): void {
    const name = knownHostsName(host, port);
    const known = this.keys.get(name) ?? new Set<string>();
    known.add(keyBlob.toString('base64'));
    this.keys.set(name, known);
  }

  /** Forgets every key of a host (the person confirmed that a changed key is legitimate). */
  forget(host: string, port: number): void {
    this.keys.delete(knownHostsName(host, port));
  }
}
