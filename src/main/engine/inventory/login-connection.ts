// An SshConnection for one inventory login (a host's own, or its jump host's): credentials are
// assembled here, just before the connection exists, with the secret of the server whose
// settings the login uses.

import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { hostSecretAccount, type SecretStore } from '../secrets';
import type { StoredHost } from '../store/inventory-tables';
import type { HostKeyPolicy } from '../transport/host-key-policy';
import { SshConnection } from '../transport/ssh-connection';
import { hostCredentials } from './host-credentials';
import type { SshLogin } from './jump-host';

export interface LoginDeps {
  clock: Clock;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  hostKeys: HostKeyPolicy;
  secrets: SecretStore;
}

export interface LoginOptions {
  readyTimeoutMs: number;
  /** The jump host's connection, when this login is reached through one. */
  via?: SshConnection;
  /** A secret typed but not saved yet ("test connection"); undefined reads the stored one. */
  secret?: string | null;
  /** Overrides deps.hostKeys (a read-only policy for "test connection"). */
  hostKeys?: HostKeyPolicy;
}

/** Reads a host's secret only for the methods that have one. */
export async function hostSecret(host: Pick<StoredHost, 'id' | 'authMethod'>, secrets: SecretStore): Promise<string | null> {
  return host.authMethod === 'agent' ? null : secrets.get(hostSecretAccount(host.id));
}

export async function connectionFor(login: SshLogin, deps: LoginDeps, opts: LoginOptions): Promise<SshConnection> {
  const settings = login.settingsOf;
  const secret = settings.authMethod === 'agent' ? null : opts.secret !== undefined ? opts.secret : await hostSecret(settings, deps.secrets);
  return new SshConnection({
    host: login.address,
    port: login.port,
    credentials: hostCredentials({ ...settings, user: login.user }, secret, deps.env),
    hostKeys: opts.hostKeys ?? deps.hostKeys,
    acceptNewHostKey: settings.hostKeyPolicy === 'accept-new',
    clock: deps.clock,
    logger: deps.logger,
    readyTimeoutMs: opts.readyTimeoutMs,
    via: opts.via,
    label: login.label,
  });
}
