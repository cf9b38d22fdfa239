// Which login an inventory host's `jumpHost` text (OpenSSH's ProxyJump) stands for. Pure: the
// text and the inventory in, a login out. A name in the inventory (for imported hosts, the
// ssh_config Host alias) means that server, logged into as it is configured; anything else is
// OpenSSH's `[user@]host[:port]`, logged into with the target's own login. One hop only.

import { OpsError } from '../../../shared/errors';
import type { StoredHost } from '../store/inventory-tables';
import { JumpHostError, jumpLoginFailed } from '../transport/jump-errors';

/** One SSH login: where, as whom, and whose settings (auth, key, stored secret, host-key policy). */
export interface SshLogin {
  /** How messages name the host: its inventory name, or the jump host as typed. */
  label: string;
  address: string;
  port: number;
  user: string;
  /** The inventory host whose auth method, key file, secret and host-key policy are used. */
  settingsOf: StoredHost;
  /** A server of the inventory (false: a jump host typed as an address, on the target's settings). */
  inInventory: boolean;
}

export interface JumpHostSpec {
  user: string | null;
  host: string;
  port: number | null;
}

const HOST_RE = /^[A-Za-z0-9.:_%-]{1,253}$/;
const USER_RE = /^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}$/;

export function jumpHostUnsupported(jumpHost: string, why: string): OpsError {
  return new OpsError(
    'JUMP_HOST_UNSUPPORTED',
    `The jump host "${jumpHost}" cannot be used: ${why}. OpsDeck connects through one jump host, written as the name of a server ` +
      'in the inventory or as [user@]host[:port]; this host is kept in the inventory but not polled until that is changed.',
  );
}

/** True when a jumpHost text asks for a jump host at all (OpenSSH's `ProxyJump none` does not). */
export function hasJumpHost(jumpHost: string | null): jumpHost is string {
  const text = jumpHost?.trim() ?? '';
  return text !== '' && text.toLowerCase() !== 'none';
}

/** OpenSSH's `[user@]host[:port]` (also `ssh://...` and `[v6 address]:port`), or null when it is not one. */
export function parseJumpHost(text: string): JumpHostSpec | null {
  let rest = text.trim().replace(/^ssh:\/\//i, '').replace(/\/$/, '');
  let user: string | null = null;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (!USER_RE.test(user)) return null;
  }
  let host = rest;
  let portText: string | null = null;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracketed) {
    host = bracketed[1]!;
    portText = bracketed[2] ?? null;
  } else if (rest.split(':').length === 2) {
    [host, portText] = rest.split(':') as [string, string];
  }
  if (!HOST_RE.test(host)) return null;
  if (portText === null) return { user, host, port: null };
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  return port >= 1 && port <= 65535 ? { user, host, port } : null;
}

/** The inventory host called `name` (case-insensitive; an exact-case match wins a tie), if any. */
function hostNamed(name: string, hosts: readonly StoredHost[]): StoredHost | null {
  const wanted = name.trim().toLowerCase();
  const matches = hosts.filter((h) => h.name.trim().toLowerCase() === wanted);
  if (matches.length <= 1) return matches[0] ?? null;
  const exact = matches.filter((h) => h.name.trim() === name.trim());
  if (exact.length === 1) return exact[0]!;
  throw jumpHostUnsupported(name, `${matches.length} servers in the inventory are named "${name.trim()}"; rename all but one, or write the jump host as user@address:port`);
}

/** The login a host's direct connection uses: its own settings. */
export function directLogin(host: StoredHost): SshLogin {
  return { label: host.name, address: host.address, port: host.port, user: host.user, settingsOf: host, inInventory: true };
}

/**
 * The jump host `target` is reached through, or null when it connects directly. Throws
 * JUMP_HOST_UNSUPPORTED for several hops, a jump host that itself needs one, or text that is
 * neither an inventory name nor `[user@]host[:port]`.
 */
export function resolveJumpHost(target: Pick<StoredHost, 'id' | 'user' | 'jumpHost'> & Partial<StoredHost>, hosts: readonly StoredHost[]): SshLogin | null {
  if (!hasJumpHost(target.jumpHost)) return null;
  const text = target.jumpHost.trim();
  if (text.includes(',')) throw jumpHostUnsupported(text, 'it lists several jump hosts (a chain), and only one is supported');

  const inventoryLogin = (jump: StoredHost, spec: JumpHostSpec | null): SshLogin => {
    if (jump.id === target.id) throw jumpHostUnsupported(text, 'it names this server itself');
    if (hasJumpHost(jump.jumpHost)) {
      throw jumpHostUnsupported(text, `the server "${jump.name}" is itself reached through the jump host "${jump.jumpHost.trim()}", and only one jump host is supported`);
    }
    return { label: jump.name, address: jump.address, port: spec?.port ?? jump.port, user: spec?.user ?? jump.user, settingsOf: jump, inInventory: true };
  };

  const named = hostNamed(text, hosts);
  if (named) return inventoryLogin(named, null);
  const spec = parseJumpHost(text);
  if (!spec) throw jumpHostUnsupported(text, 'it is neither the name of a server in the inventory nor of the form [user@]host[:port]');
  // `admin@bastion:2222` with bastion in the inventory: bastion's settings, this user and port (as OpenSSH does with a Host alias).
  const namedHost = spec.user !== null || spec.port !== null ? hostNamed(spec.host, hosts) : null;
  if (namedHost) return inventoryLogin(namedHost, spec);
  const settingsOf = { ...(target as StoredHost), jumpHost: null };
  return { label: text, address: spec.host, port: spec.port ?? 22, user: spec.user ?? target.user, settingsOf, inInventory: false };
}

/**
 * Connections are shared between equal logins: the same user@host:port, auth method, key file
 * and host-key policy. A password is its own server's, so a jump host typed as an address is
 * shared by password hosts only when it is named from the inventory instead.
 */
export function loginKey(login: SshLogin): string {
  const s = login.settingsOf;
  const how = s.authMethod === 'password' ? `password of ${s.id}` : `${s.authMethod} ${s.keyPath ?? ''}`;
  return `${login.user}@${login.address}:${login.port} | ${how} | ${s.hostKeyPolicy}`;
}

/** `bastion (10.0.0.5:22)`, as SshConnection names a jump host in its messages. */
export function describeLogin(login: SshLogin): string {
  const target = `${login.address}:${login.port}`;
  return login.label !== target && login.label !== login.address ? `${login.label} (${target})` : target;
}

/** Settings that stop the jump host's login before it starts (a missing password...), naming it. */
export function jumpSettingsFailed(err: unknown, jump: SshLogin): unknown {
  return err instanceof OpsError && !(err instanceof JumpHostError) ? jumpLoginFailed(describeLogin(jump), err) : err;
}

/**
 * A refused jump-host key, with where to trust it: the trust dialog of the host behind it
 * would record the key for the wrong server, so that host reports an error instead.
 */
export function explainJumpFailure(err: unknown, jump: SshLogin): unknown {
  if (!(err instanceof JumpHostError) || !err.hostKeyRefused) return err;
  const where = jump.inInventory
    ? `Open "${jump.label}" in the inventory and trust its key there (its own row, or Test connection in its settings); the servers behind it then retry.`
    : `Add ${jump.address}:${jump.port} to the inventory as a server (it may stay disabled) and trust its key there, or add it to ~/.ssh/known_hosts and save this server again.`;
  return new JumpHostError(err.code, `${err.message} ${where}`, err.jumpHost, true);
}
