// The collector of one inventory host: the SSH collector on its persistent connection, plus the
// host's login state for the inventory. A refused host key (its own or its jump host's) or an
// unusable setting (missing key file, no stored password, an unusable jump host) stops further
// login attempts until the person acts: trusting the key or saving the host starts a fresh
// collector. Logins are leased from SharedLogins, so a jump host is logged into once for all
// the hosts behind it; a host behind one has its own connection through a channel on it.

import { checkTcpReachable } from '../transport/tcp-reachable';
import { OpsError } from '../../../shared/errors';
import type { HostConnectionState } from '../../../shared/inventory-contract';
import { createSshCollector, type SshCollector, type SshCollectResult } from '../collectors/ssh-host';
import type { Collector } from '../collectors/types';
import type { StoredHost } from '../store/inventory-tables';
import { JumpHostError } from '../transport/jump-errors';
import type { SshConnection } from '../transport/ssh-connection';
import { HostKeyError } from '../transport/ssh-errors';
import { directLogin, explainJumpFailure, jumpSettingsFailed, loginKey, resolveJumpHost, type SshLogin } from './jump-host';
import { connectionFor, type LoginDeps } from './login-connection';
import type { SharedLogins } from './shared-logins';

const READY_TIMEOUT_MS = 10_000;

export interface HostCollectorDeps extends LoginDeps {
  /** The inventory as it is now, to find a jump host by name. */
  hosts(): StoredHost[];
  logins: SharedLogins<SshConnection>;
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
  if (err instanceof OpsError) return { state: 'error', code: err.code, message: err.message, ...(err.data ? { data: err.data } : {}) };
  return { state: 'error', code: 'INTERNAL', message: 'Something went wrong inside OpsDeck. The details are in the engine log.' };
}

/** A shared login; one stuck on a refused key is not reused, so a fresh collector really retries. */
export function leaseLogin(login: SshLogin, deps: HostCollectorDeps) {
  return deps.logins.lease(
    loginKey(login),
    () => connectionFor(login, deps, { readyTimeoutMs: READY_TIMEOUT_MS }),
    (connection) => !(connection.lastLoginError instanceof HostKeyError) && connection.lastLoginError?.code !== 'AUTH_STOPPED',
  );
}

/**
 * The login of one inventory host, shared by everything that uses it (its polls, the databases
 * and log sources on it): its own login from the pool, or, behind a jump host, a login through a
 * channel on the jump host's shared login, pooled under both logins' keys. The lease's release
 * closes the host's login when its last user lets go, and then lets go of the jump host's.
 */
export async function leaseHostLogin(host: StoredHost, deps: HostCollectorDeps): Promise<{ connection: SshConnection; release(): Promise<void>; jump: SshLogin | null }> {
  const jump = resolveJumpHost(host, deps.hosts());
  if (!jump) return { ...(await leaseLogin(directLogin(host), deps)), jump: null };
  const own = directLogin(host);
  const lease = await deps.logins.lease(
    `${loginKey(own)} via ${loginKey(jump)}`,
    async () => {
      const via = await leaseLogin(jump, deps).catch((err: unknown) => {
        throw jumpSettingsFailed(err, jump);
      });
      try {
        const connection = await connectionFor(own, deps, { readyTimeoutMs: READY_TIMEOUT_MS, via: via.connection });
        // Closing this host's login also lets go of the jump host's lease it rides on.
        const closeOwn = connection.close.bind(connection);
        return Object.assign(connection, {
          close: async () => {
            await closeOwn();
            await via.release();
          },
        });
      } catch (err) {
        await via.release();
        throw err;
      }
    },
    (connection) => !(connection.lastLoginError instanceof HostKeyError),
  );
  return { ...lease, jump };
}

export function createHostCollector(host: StoredHost, deps: HostCollectorDeps): HostCollector {
  let blocked: OpsError | null = null;
  let inner: SshCollector | null = null;
  let jump: SshLogin | null = null;
  let closed = false;
  // Run in order on close: this host's own connection first, then the jump host's lease.
  const releases: Array<() => Promise<void>> = [];
  let lastState: HostConnectionState['state'] | null = null;
  let lastCode: string | null = null;

  const report = (state: HostConnectionState) => {
    const code = state.state === 'error' ? state.code : null;
    if (state.state === lastState && code === lastCode) return;
    lastState = state.state;
    lastCode = code;
    deps.onState(host.id, state);
  };

  const releaseAll = async () => {
    for (const release of releases.splice(0)) await release();
  };

  async function connect(): Promise<SshConnection> {
    jump = resolveJumpHost(host, deps.hosts());
    if (!jump) {
      // A closed port or a wrong address says so before any question about keys or passwords.
      await checkTcpReachable(host.address, host.port, READY_TIMEOUT_MS);
    }
    const lease = await leaseHostLogin(host, deps);
    releases.push(lease.release);
    return lease.connection;
  }

  async function open(): Promise<SshCollector> {
    if (inner) return inner;
    try {
      const connection = await connect();
      if (closed) throw new OpsError('UNAVAILABLE', 'This host was removed from polling while it connected.');
      inner = createSshCollector({ connection, clock: deps.clock, pollTimeoutMs: Math.min(15_000, Math.max(5_000, host.intervalMs)) });
      return inner;
    } catch (err) {
      await releaseAll();
      throw err;
    }
  }

  return {
    async collect() {
      if (blocked) throw blocked;
      try {
        const result = await (await open()).collect();
        report({ state: 'ok', since: deps.clock.now() });
        return result;
      } catch (raw) {
        const err = jump ? explainJumpFailure(raw, jump) : raw;
        // Settings errors and refused keys need a person; retrying would only repeat them.
        const refused = err instanceof HostKeyError || (err instanceof JumpHostError && err.hostKeyRefused) || (err instanceof OpsError && err.code === 'AUTH_STOPPED');
        // A port that does not answer is the network's doing: keep trying on the backoff.
        const network = err instanceof OpsError && (err.code === 'UNREACHABLE' || err.code === 'TIMEOUT');
        if (refused || (err instanceof OpsError && !inner && !network)) blocked = err as OpsError;
        report(stateForError(err));
        throw err;
      }
    },
    async close() {
      closed = true;
      // Not inner.close(): the connection may be a shared login; releasing closes what is ours.
      await releaseAll();
    },
  };
}
