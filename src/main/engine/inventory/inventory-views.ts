// Stored rows -> what crosses the contract. Secrets never appear: only whether one is stored.

import { randomBytes } from 'node:crypto';
import { OpsError } from '../../../shared/errors';
import type { HostConnectionState, HostRecordInput, InventoryHost } from '../../../shared/inventory-contract';
import { LOCAL_TARGET_ID, type Target } from '../../../shared/model';
import { changedDestinationFields } from '../../../shared/secret-binding';
import type { StoredHost, TrustedHostKey } from '../store/inventory-tables';

export function newId(prefix: 'h' | 's'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

export function hostTarget(host: StoredHost): Target {
  return { id: host.id, name: host.name, kind: 'ssh', intervalMs: host.intervalMs, enabled: host.enabled };
}

export function toHostView(host: StoredHost, state: HostConnectionState | undefined, hasSecret: boolean, trusted: TrustedHostKey[]): InventoryHost {
  return {
    id: host.id,
    name: host.name,
    address: host.address,
    port: host.port,
    user: host.user,
    authMethod: host.authMethod,
    keyPath: host.keyPath,
    hasSecret: host.authMethod !== 'agent' && hasSecret,
    jumpHost: host.jumpHost,
    tags: host.tags,
    enabled: host.enabled,
    hostKeyPolicy: host.hostKeyPolicy,
    intervalMs: host.intervalMs,
    trustedFingerprints: trusted.map((k) => k.fingerprint),
    connection: host.enabled ? (state ?? { state: 'connecting' }) : { state: 'disabled' },
  };
}

/** A stored host from a validated input; `existing` keeps its id and creation time. */
export function toStoredHost(input: HostRecordInput, existing: StoredHost | null, now: number): StoredHost {
  const id = existing?.id ?? input.id ?? newId('h');
  if (id === LOCAL_TARGET_ID) throw new OpsError('INVALID_ARGUMENT', `"${LOCAL_TARGET_ID}" is reserved for this computer; choose another id.`);
  return {
    id,
    name: input.name,
    address: input.address,
    port: input.port,
    user: input.user,
    authMethod: input.auth.method,
    keyPath: input.auth.method === 'key' ? input.auth.keyPath : null,
    jumpHost: input.jumpHost || null,
    tags: [...new Set(input.tags)],
    enabled: input.enabled,
    hostKeyPolicy: input.hostKeyPolicy,
    intervalMs: input.intervalMs,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
}

/** undefined: keep what is stored; null: delete it; a string: store it. */
export function secretChange(input: HostRecordInput, existing: StoredHost | null): string | null | undefined {
  const auth = input.auth;
  if (auth.method === 'agent') return null;
  const given = auth.method === 'key' ? auth.passphrase : auth.password;
  // A password must not be kept as a passphrase (or the other way) when the method changes.
  if (given === undefined && existing && existing.authMethod !== auth.method) return null;
  // Nor may it follow the host to a new destination: re-pointing drops it (shared/secret-binding.ts).
  if (given === undefined && existing && changedDestinationFields(existing, { ...input, jumpHost: input.jumpHost || null }).length > 0) return null;
  return given;
}
