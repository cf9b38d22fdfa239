// What one inventory host logs in with, assembled just before a login: the key file is read
// from disk then (so a rotated key is picked up), the secret comes from the SecretStore, and
// nothing here is kept longer than the connection needs it.

import { OpsError } from '../../../shared/errors';
import type { AuthMethod } from '../../../shared/inventory-contract';
import { readIdentityFile } from '../transport/identity-files';
import type { SshCredentials } from '../transport/ssh-auth';

export interface LoginSettings {
  user: string;
  authMethod: AuthMethod;
  keyPath: string | null;
}

export function hostCredentials(host: LoginSettings, secret: string | null, env: NodeJS.ProcessEnv): SshCredentials {
  const username = host.user;
  switch (host.authMethod) {
    case 'agent': {
      const agentSocket = env.SSH_AUTH_SOCK;
      if (!agentSocket) {
        throw new OpsError('AGENT_UNAVAILABLE', 'This host logs in through ssh-agent, but OpsDeck was started without one (SSH_AUTH_SOCK is not set). Start OpsDeck from a session with ssh-agent, or choose a key file.');
      }
      return { username, agentSocket };
    }
    case 'key': {
      const file = host.keyPath ?? '';
      const identity = readIdentityFile(file);
      if (identity.status === 'missing') throw new OpsError('KEY_UNREADABLE', `The key file ${file} does not exist on the computer OpsDeck runs on. Check the path.`);
      if (identity.status === 'unreadable') throw new OpsError('KEY_UNREADABLE', `The key file ${file} cannot be used: ${identity.detail}.`);
      if (identity.status === 'encrypted' && secret === null) {
        throw new OpsError('PASSPHRASE_REQUIRED', `The key file ${file} is protected by a passphrase. Enter it in the host's settings, or load the key into ssh-agent and choose ssh-agent.`);
      }
      return { username, privateKey: identity.key, passphrase: identity.status === 'encrypted' ? (secret ?? undefined) : undefined };
    }
    case 'password':
      if (secret === null) {
        throw new OpsError('SECRET_MISSING', 'No password is stored for this host (without an OS keychain, passwords last only until OpsDeck stops). Enter it again in the inventory.');
      }
      return { username, password: secret };
  }
}

