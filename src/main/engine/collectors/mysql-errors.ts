// MySQL and MariaDB driver failures as OpsDeck's stable codes, by errno first (1969 has no name
// in mysql2), then by the driver's or the socket's code. The table: docs/db-queries.md.
import { OpsError, serviceDown } from '../../../shared/errors';
import { SERVER_TIMEOUT_SECONDS, type MyGrant } from './mysql-sql';

export type DriverError = { code?: string; errno?: number; message?: string; fatal?: boolean };

/** Someone to name in a NOT_PERMITTED error: the grant, and the account to give it to. */
export interface GrantContext {
  grant: MyGrant;
  user: string;
  account: string | null;
}

export function notPermitted(missing: GrantContext, detail?: string): OpsError {
  const to = missing.account ?? `'${missing.user}'`;
  const statement = `GRANT ${missing.grant.clause} TO ${to};`;
  return new OpsError('NOT_PERMITTED', `The account ${to} lacks ${missing.grant.grant}${detail ? ` (${detail})` : ''}. An administrator runs: ${statement}`, {
    grant: missing.grant.grant,
    user: missing.user,
    statement,
  });
}

/** A driver or network failure as the OpsDeck code a person can act on; by errno first (1969 has no name in mysql2). */
export function myFailure(err: unknown, missing?: GrantContext): OpsError {
  if (err instanceof OpsError) return err;
  const e = err as DriverError;
  const message = e.message ?? String(err);
  switch (e.errno) {
    case 1045:
    case 1698:
      return new OpsError('AUTH_FAILED', `The server refused the login: ${message}`);
    case 1040:
    case 1203:
    case 1226:
      return new OpsError('TOO_MANY_CONNECTIONS', `The server has no free connection for this account: ${message}`);
    case 1969:
    case 3024:
      return new OpsError('TIMEOUT', `A monitoring statement ran past its ${SERVER_TIMEOUT_SECONDS} s limit and was stopped by the server.`);
    case 1227:
    case 1142:
    case 1143:
      return missing ? notPermitted(missing, message) : new OpsError('NOT_PERMITTED', `The monitoring account lacks a privilege: ${message}`);
    case 1044:
      return new OpsError('NOT_PERMITTED', `The monitoring account may not use this database: ${message}`);
    case 1049:
      return new OpsError('NOT_FOUND', `The database does not exist: ${message}`);
    case 1053:
    case 1077:
    case 1079:
      return serviceDown(new OpsError('UNREACHABLE', `The server is shutting down: ${message}`));
    case 1152:
    case 1927:
      return new OpsError('UNREACHABLE', `The server ended the connection: ${message}`);
    default:
      break;
  }
  switch (e.code) {
    case 'ETIMEDOUT':
    case 'PROTOCOL_SEQUENCE_TIMEOUT':
      return new OpsError('TIMEOUT', `The server did not answer in time: ${message}`);
    case 'HANDSHAKE_SSL_ERROR':
    case 'HANDSHAKE_NO_SSL_SUPPORT':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return new OpsError('TLS_FAILED', e.code === 'HANDSHAKE_NO_SSL_SUPPORT' ? 'The server does not offer TLS, but this check requires it.' : `The server's certificate was refused: ${message}`);
    case 'ECONNREFUSED':
      // Nothing listens on the port: the database itself is down (a DOWN check, not an unknown one).
      return serviceDown(new OpsError('UNREACHABLE', `The server refused the connection: ${message}`));
    case 'ECONNRESET':
    case 'EPIPE':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
    case 'PROTOCOL_CONNECTION_LOST':
      return new OpsError('UNREACHABLE', `The server could not be reached or the connection dropped: ${message}`);
    default:
      break;
  }
  // After a lost connection mysql2 fails every later command with no code ("... closed state").
  if (e.fatal || /closed state/i.test(message)) return new OpsError('UNREACHABLE', `The connection to the server dropped: ${message}`);
  return new OpsError('COLLECT_FAILED', `The server answered with an error: ${message}`);
}
