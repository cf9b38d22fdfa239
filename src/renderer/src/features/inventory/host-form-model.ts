// The add/edit form's draft and its conversion to the contract's HostInput. Pure. Secret
// fields start empty: an empty field on an existing host means "keep what is stored".
import type { AuthMethod, HostInput, HostKeyPolicyName, InventoryHost } from '../../../../shared/inventory-contract';
import type { SecretDestination } from '../../../../shared/secret-binding';

/** Where the draft's secret would be sent, compared with the stored host's (the secret is dropped on a change). */
export function destinationOf(d: HostDraft): SecretDestination {
  return { address: d.address, port: Number(d.port) || 22, user: d.user, jumpHost: d.jumpHost, hostKeyPolicy: d.hostKeyPolicy };
}

export interface HostDraft {
  id: string | null;
  name: string;
  address: string;
  port: string;
  user: string;
  authMethod: AuthMethod;
  keyPath: string;
  secret: string;
  hasSecret: boolean;
  jumpHost: string;
  tags: string;
  hostKeyPolicy: HostKeyPolicyName;
  intervalSeconds: string;
  enabled: boolean;
}

export function emptyDraft(): HostDraft {
  return {
    id: null,
    name: '',
    address: '',
    port: '22',
    user: '',
    authMethod: 'key',
    keyPath: '',
    secret: '',
    hasSecret: false,
    jumpHost: '',
    tags: '',
    hostKeyPolicy: 'ask',
    intervalSeconds: '5',
    enabled: true,
  };
}

export function draftFromHost(host: InventoryHost): HostDraft {
  return {
    id: host.id,
    name: host.name,
    address: host.address,
    port: String(host.port),
    user: host.user,
    authMethod: host.authMethod,
    keyPath: host.keyPath ?? '',
    secret: '',
    hasSecret: host.hasSecret,
    jumpHost: host.jumpHost ?? '',
    tags: host.tags.join(', '),
    hostKeyPolicy: host.hostKeyPolicy,
    intervalSeconds: String(Math.round(host.intervalMs / 1000)),
    enabled: host.enabled,
  };
}

/** The contract input; the engine validates it again and answers INVALID_ARGUMENT with the field. */
export function hostInputFromDraft(d: HostDraft): HostInput {
  const secret = d.secret === '' ? undefined : d.secret;
  const auth: HostInput['auth'] =
    d.authMethod === 'agent'
      ? { method: 'agent' }
      : d.authMethod === 'key'
        ? { method: 'key', keyPath: d.keyPath.trim(), ...(secret === undefined ? {} : { passphrase: secret }) }
        : { method: 'password', ...(secret === undefined ? {} : { password: secret }) };
  return {
    ...(d.id ? { id: d.id } : {}),
    name: d.name.trim() || d.address.trim(),
    address: d.address.trim(),
    port: Number(d.port) || 22,
    user: d.user.trim(),
    auth,
    jumpHost: d.jumpHost.trim() === '' ? null : d.jumpHost.trim(),
    tags: d.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    enabled: d.enabled,
    hostKeyPolicy: d.hostKeyPolicy,
    intervalMs: Math.round((Number(d.intervalSeconds) || 5) * 1000),
  };
}

export type HostDraftField = 'address' | 'port' | 'user' | 'keyPath' | 'intervalSeconds';
export type HostDraftProblem = 'form.required' | 'hostForm.error.address' | 'hostForm.error.port' | 'hostForm.error.user' | 'hostForm.error.interval';

const ADDRESS = /^[A-Za-z0-9.:_%-]{1,253}$/;
const USER = /^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}\$?$/;

/** The app's own checks of the form, in the person's words, before anything reaches the engine. */
export function validateHostDraft(d: HostDraft): Partial<Record<HostDraftField, HostDraftProblem>> {
  const out: Partial<Record<HostDraftField, HostDraftProblem>> = {};
  const address = d.address.trim();
  if (address === '') out.address = 'form.required';
  else if (!ADDRESS.test(address)) out.address = 'hostForm.error.address';
  const port = d.port.trim();
  if (port !== '' && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) out.port = 'hostForm.error.port';
  const user = d.user.trim();
  if (user === '') out.user = 'form.required';
  else if (!USER.test(user)) out.user = 'hostForm.error.user';
  if (d.authMethod === 'key' && d.keyPath.trim() === '') out.keyPath = 'form.required';
  const interval = d.intervalSeconds.trim();
  if (interval !== '' && !(/^\d+$/.test(interval) && Number(interval) >= 1 && Number(interval) <= 3600)) out.intervalSeconds = 'hostForm.error.interval';
  return out;
}
