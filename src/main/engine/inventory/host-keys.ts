// Host-key trust for inventory hosts: the fingerprints a person confirmed in OpsDeck (SQLite),
// plus ~/.ssh/known_hosts read but never written, so a key the person already trusts in
// OpenSSH is trusted here too. A revoked key in known_hosts wins over everything.

import { fingerprintSha256, hostKeyType, type HostKeyPolicy, type HostKeyVerdict } from '../transport/host-key-policy';
import type { KnownHostsFile } from '../transport/known-hosts-file';
import type { Clock } from '../core/clock';
import type { InventoryStore } from '../store/inventory-tables';

export interface ObservedHostKey {
  fingerprint: string;
  keyType: string | null;
}

export class InventoryHostKeys implements HostKeyPolicy {
  /** The last key each address:port presented, so trusting a fingerprint can record its type. */
  private readonly observed = new Map<string, ObservedHostKey>();

  constructor(
    private readonly store: () => InventoryStore,
    private readonly knownHosts: KnownHostsFile | null,
    private readonly clock: Clock,
  ) {}

  observedKey(address: string, port: number): ObservedHostKey | null {
    return this.observed.get(`${address}:${port}`) ?? null;
  }

  verify(host: string, port: number, keyBlob: Buffer): HostKeyVerdict {
    const fingerprint = fingerprintSha256(keyBlob);
    const keyType = hostKeyType(keyBlob);
    this.observed.set(`${host}:${port}`, { fingerprint, keyType });
    const fromFile = this.knownHostsVerdict(host, port, keyBlob);
    if (fromFile === 'revoked') return 'revoked';
    const trusted = this.store().trustedKeys(host, port);
    if (trusted.some((k) => k.fingerprint === fingerprint)) return 'trusted';
    if (fromFile === 'trusted') return 'trusted';
    if (trusted.some((k) => k.keyType === null || k.keyType === keyType)) return 'changed';
    return fromFile === 'changed' ? 'changed' : 'unknown';
  }

  trust(host: string, port: number, keyBlob: Buffer): void {
    this.store().addTrustedKey({ address: host, port, fingerprint: fingerprintSha256(keyBlob), keyType: hostKeyType(keyBlob), trustedAt: this.clock.now() });
  }

  explain(host: string, port: number, keyBlob: Buffer, verdict: HostKeyVerdict): string | null {
    if (this.knownHostsVerdict(host, port, keyBlob) === verdict) return this.knownHosts?.explain(host, port, keyBlob, verdict) ?? null;
    return null;
  }

  private knownHostsVerdict(host: string, port: number, keyBlob: Buffer): HostKeyVerdict | null {
    if (!this.knownHosts) return null;
    try {
      return this.knownHosts.verify(host, port, keyBlob);
    } catch {
      return null; // An unreadable known_hosts is not a reason to refuse OpsDeck's own trust.
    }
  }
}

/** A policy for "test connection": the same verdicts, but nothing is stored. */
export function readOnlyPolicy(policy: HostKeyPolicy): HostKeyPolicy {
  return {
    verify: (h, p, k) => policy.verify(h, p, k),
    trust: () => undefined,
    explain: (h, p, k, v) => policy.explain?.(h, p, k, v) ?? null,
  };
}
