// The collector of one inventory host: the SSH collector on its persistent connection, plus the
// host's login state for the inventory. A refused host key or an unusable setting (missing key
// file, no stored password, a jump host) stops further login attempts until the person acts:
// trusting the key or saving the host starts a fresh collector.

import { OpsError } from '../../../shared/errors';
import type { HostConnectionState } from '../../../shared/inventory-contract';
import { createSshCollector, type SshCollector, type SshCollectResult } from '../collectors/ssh-host';
import type { Collector } from '../collectors/types';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { hostSecretAccount, type SecretStore } from '../secrets';
import type { StoredHost } from '../store/inventory-tables';
import type { HostKeyPolicy } from '../transport/host-key-policy';
import { SshConnection } from '../transport/ssh-connection';
import { HostKeyError } from '../transport/ssh-errors';
import { hostCredentials } from './host-credentials';

export interface HostCollectorDeps {
  clock: Clock;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  hostKeys: HostKeyPolicy;
  secrets: SecretStore;
  onState(hostId: string, state: HostConnectionState): void;
}

export interface HostCollector extends Collector {
  collect(): Promise<SshCollectResult>;
  close(): Promise<void>;
}

/** The inventory state a failed login or poll puts a host in. */
export function stateForError(err: unknown): HostConnectionState {
  if (err instanceof HostKeyError) {
    const base = { fingerprint: err.fingerprint, keyType: err.keyType, message: err.message };
    return err.code === 'HOSTKEY_UNKNOWN' ? { state: 'needs-trust', ...base } : { state: 'hostkey-changed', ...base };
  }
  if (err instanceof OpsError) return { state: 'error', code: err.code, message: err.message };
  return { state: 'error', code: 'INTERNAL', message: 'Something went wrong inside OpsDeck. The details are in the engine log.' };
}

/** Reads a host's secret only for the methods that have one. */
export async function hostSecret(host: Pick<StoredHost, 'id' | 'authMethod'>, secrets: SecretStore): Promise<string | null> {
  return host.authMethod === 'agent' ? null : secrets.get(hostSecretAccount(host.id));
}

export function createHostCollector(host: StoredHost, deps: HostCollectorDeps): HostCollector {
  let blocked: OpsError | null = null;
  let inner: SshCollector | null = null;
  let lastState: HostConnectionState['state'] | null = null;
  let lastCode: string | null = null;

  const report = (state: HostConnectionState) => {
    const code = state.state === 'error' ? state.code : null;
    if (state.state === lastState && code === lastCode) return;
    lastState = state.state;
    lastCode = code;
    deps.onState(host.id, state);
  };

  async function open(): Promise<SshCollector> {
    if (inner) return inner;
    const credentials = hostCredentials(host, await hostSecret(host, deps.secrets), deps.env);
    const connection = new SshConnection({
      host: host.address,
      port: host.port,
      credentials,
      hostKeys: deps.hostKeys,
      acceptNewHostKey: host.hostKeyPolicy === 'accept-new',
      clock: deps.clock,
      logger: deps.logger,
      readyTimeoutMs: 10_000,
    });
    inner = createSshCollector({ connection, clock: deps.clock, pollTimeoutMs: Math.min(15_000, Math.max(5_000, host.intervalMs)) });
    return inner;
  }

  return {
    async collect() {
      if (blocked) throw blocked;
      try {
        const result = await (await open()).collect();
        report({ state: 'ok', since: deps.clock.now() });
        return result;
      } catch (err) {
        // Settings errors and refused keys need a person; retrying would only repeat them.
        if (err instanceof HostKeyError || (err instanceof OpsError && !inner)) blocked = err;
        report(stateForError(err));
        throw err;
      }
    },
    async close() {
      await inner?.close();
    },
  };
}
