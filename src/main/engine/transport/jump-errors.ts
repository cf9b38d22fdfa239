// Failures on the far side of a jump host (OpenSSH's ProxyJump): its own login, or the
// direct-tcpip channel it was asked to open. Each names the jump host, so a person knows which
// of the two machines to look at; a failed login keeps the jump host's own code.

import { OpsError, type ErrorCode } from '../../../shared/errors';

// RFC 4254 §5.1 reason codes of SSH_MSG_CHANNEL_OPEN_FAILURE.
const ADMINISTRATIVELY_PROHIBITED = 1;
const CONNECT_FAILED = 2;

export class JumpHostError extends OpsError {
  constructor(
    code: ErrorCode,
    message: string,
    /** How the message names the jump host, e.g. `bastion (10.0.0.5:22)`. */
    readonly jumpHost: string,
    /** The jump host's own key was refused: a person must act before any retry. */
    readonly hostKeyRefused: boolean,
  ) {
    super(code, message);
  }
}

/** The jump host's login failed; the error keeps its code (AUTH_FAILED, HOSTKEY_UNKNOWN, ...). */
export function jumpLoginFailed(jumpHost: string, err: OpsError): JumpHostError {
  return new JumpHostError(err.code, `Jump host ${jumpHost}: ${err.message}`, jumpHost, /^HOSTKEY_/.test(err.code));
}

/** The jump host answered the request for a channel to `to` with a refusal. */
export function tunnelRefused(jumpHost: string, to: string, err: Error & { reason?: unknown }): OpsError {
  const detail = err.message.replace(/^\(SSH\) Channel open failure: /, '');
  if (err.reason === CONNECT_FAILED) {
    // connectFailed: the far host answered that nothing listens there (not a failed login).
    return Object.assign(new JumpHostError(
      'UNREACHABLE',
      `The jump host ${jumpHost} could not reach ${to} (${detail}). ` +
        'The address and port are used as the jump host sees them: check them from the jump host (for example with nc -z), and that sshd runs on the server.',
      jumpHost,
      false,
    ), { connectFailed: true });
  }
  if (typeof err.reason !== 'number') {
    return new JumpHostError('UNREACHABLE', `The connection to the jump host ${jumpHost} was lost while opening a channel to ${to}; OpsDeck reconnects shortly.`, jumpHost, false);
  }
  const why = err.reason === ADMINISTRATIVELY_PROHIBITED ? 'forwarding is administratively prohibited there' : 'it could not open the channel';
  return new JumpHostError(
    'JUMP_HOST_FAILED',
    `The jump host ${jumpHost} refused to open a connection to ${to}: ${why} (sshd said "${detail}"). ` +
      'Check AllowTcpForwarding (and PermitOpen) in its sshd_config, and that the login user\'s authorized_keys line has no "restrict" or "no-port-forwarding".',
    jumpHost,
    false,
  );
}

export function tunnelTimedOut(jumpHost: string, to: string, ms: number): JumpHostError {
  return new JumpHostError(
    'TIMEOUT',
    `The jump host ${jumpHost} did not log in and open a channel to ${to} within ${Math.round(ms / 100) / 10} s. ` +
      'The jump host may be overloaded, or a firewall may drop the packets.',
    jumpHost,
    false,
  );
}
