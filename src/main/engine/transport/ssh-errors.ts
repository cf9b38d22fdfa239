// Every SSH failure becomes one stable code with a sentence a person can act on. The codes
// are the ones `opsdeck probe ssh://` prints and the inventory screen explains.

import { OpsError } from '../../../shared/errors';

export type SshErrorCode = 'HOSTKEY_UNKNOWN' | 'HOSTKEY_CHANGED' | 'HOSTKEY_REVOKED' | 'AUTH_FAILED' | 'TIMEOUT' | 'UNREACHABLE' | 'PROTOCOL';

/** A refused host key, with what the trust dialog needs to show. */
export class HostKeyError extends OpsError {
  constructor(
    code: 'HOSTKEY_UNKNOWN' | 'HOSTKEY_CHANGED' | 'HOSTKEY_REVOKED',
    message: string,
    readonly fingerprint: string,
    readonly keyType: string | null,
  ) {
    super(code, message, { fingerprint, ...(keyType ? { keyType } : {}) });
  }
}

export function hostKeyUnknown(target: string, fingerprint: string, keyType: string | null): HostKeyError {
  return new HostKeyError(
    'HOSTKEY_UNKNOWN',
    `${target} presented a host key OpsDeck has not seen before (${keyType ?? 'key'} ${fingerprint}). ` +
      'Compare this fingerprint with the one the server administrator reports (ssh-keygen -lf on the server), ' +
      'then trust it, or enable accept-new for this host.',
    fingerprint,
    keyType,
  );
}

export function hostKeyChanged(target: string, fingerprint: string, keyType: string | null): HostKeyError {
  return new HostKeyError(
    'HOSTKEY_CHANGED',
    `The host key of ${target} has changed (now ${keyType ?? 'key'} ${fingerprint}); OpsDeck refused to log in and sent no credentials. ` +
      'This happens after a reinstall, but it is also what an interception attack looks like: ' +
      'confirm the new fingerprint with the server administrator before trusting it.',
    fingerprint,
    keyType,
  );
}

export function hostKeyRevoked(target: string, fingerprint: string, keyType: string | null): HostKeyError {
  return new HostKeyError(
    'HOSTKEY_REVOKED',
    `${target} presented a host key that is marked @revoked in known_hosts (${keyType ?? 'key'} ${fingerprint}); ` +
      'OpsDeck refused to log in and sent no credentials. Ask the server administrator why the host still uses a revoked key.',
    fingerprint,
    keyType,
  );
}

/** Adds a policy's detail (for example the known_hosts line) to a refusal, keeping its code. */
export function withHostKeyDetail(err: HostKeyError, detail: string | null | undefined): HostKeyError {
  if (!detail) return err;
  return new HostKeyError(err.code as 'HOSTKEY_UNKNOWN', `${err.message} ${detail}`, err.fingerprint, err.keyType);
}

export function authFailed(target: string, username: string, methods: readonly string[]): OpsError {
  const tried = methods.length > 0 ? methods.join(', ') : 'no method';
  return new OpsError(
    'AUTH_FAILED',
    `${target} refused the login of user "${username}" (tried: ${tried}). ` +
      "Check the user name, that the public key is in the user's ~/.ssh/authorized_keys on the server, or the password.",
    { target, user: username, methods: tried },
  );
}

export function keyUnreadable(detail: string): OpsError {
  return new OpsError(
    'AUTH_FAILED',
    `The private key could not be used: ${detail}. Check the key file and its passphrase.`,
    { reason: 'key' },
  );
}

export function timedOut(target: string, what: string, ms: number): OpsError {
  return new OpsError(
    'TIMEOUT',
    `${target} did not finish ${what} within ${Math.round(ms / 100) / 10} s. ` +
      'The host may be overloaded, a command on it may hang, or a firewall may drop the packets.',
    { target, seconds: Math.round(ms / 100) / 10 },
  );
}

/** `why` is a socket error code (ECONNREFUSED...) or 'closed-early'; the renderer words it. */
export function unreachable(target: string, reason: string, why?: string): OpsError {
  return new OpsError(
    'UNREACHABLE',
    `Could not reach ${target}: ${reason}. Check the address and port, that the host is up and that sshd runs on it.`,
    why ? { target, reason: why } : { target },
  );
}

export function protocolError(target: string, detail: string): OpsError {
  return new OpsError(
    'PROTOCOL',
    `${target} answered in a way OpsDeck cannot use (${detail}). ` +
      "Check that the port belongs to an SSH server and that the user's login shell can run /bin/sh.",
    { target },
  );
}

const SOCKET_REASONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (nothing listens on that port)',
  EHOSTUNREACH: 'there is no route to the host',
  ENETUNREACH: 'the network is unreachable',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved right now',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
};

/** Maps an error from ssh2 or the socket under it, raised before the login completed. */
export function mapConnectError(err: unknown, target: string, ctx: { username: string; methods: readonly string[]; readyTimeoutMs: number }): OpsError {
  if (err instanceof OpsError) return err;
  const e = err as { code?: unknown; level?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const level = typeof e?.level === 'string' ? e.level : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (code === 'ETIMEDOUT') return timedOut(target, 'the TCP connection', ctx.readyTimeoutMs);
  if (SOCKET_REASONS[code]) return unreachable(target, SOCKET_REASONS[code], code);
  if (level === 'client-dns') return unreachable(target, SOCKET_REASONS.ENOTFOUND!, 'ENOTFOUND');
  if (level === 'client-timeout') return timedOut(target, 'the SSH handshake', ctx.readyTimeoutMs);
  if (level === 'client-authentication') return authFailed(target, ctx.username, ctx.methods);
  if (/Connection lost before handshake/i.test(message)) return unreachable(target, 'the server closed the connection before the SSH handshake (too many connections?)', 'closed-early');
  return protocolError(target, message);
}

const clockTime = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** A refused login; the next try waits until `retryAt` (minutes, so the server does not ban this computer). */
export function authBackoff(refusal: OpsError, retryAt: number, refusedSoFar: number): OpsError {
  return new OpsError('AUTH_BACKOFF', `${refusal.message} OpsDeck tries again at ${clockTime(retryAt)} UTC (refused ${refusedSoFar} time(s) in a row), so the server does not block this computer.`);
}

/** Refused too often in a row: no more tries until the host is edited or retried by hand. */
export function authStopped(refusal: OpsError, refusedSoFar: number): OpsError {
  return new OpsError('AUTH_STOPPED', `${refusal.message} The login was refused ${refusedSoFar} times in a row, so OpsDeck stopped trying. Fix the login in the inventory and save the host to try again.`);
}

/** This sshd refused the most logins OpsDeck sends it in 10 minutes; none is tried before `allowedAt`. */
export function authWindowFull(target: string, allowedAt: number): OpsError {
  return new OpsError('AUTH_BACKOFF', `${target} refused several logins from OpsDeck in the last 10 minutes; OpsDeck sends it no login before ${clockTime(allowedAt)} UTC, so the server does not block this computer.`);
}
