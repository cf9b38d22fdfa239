// PURE: what a failed endpoint request means, from Node's error code and the step it reached.
// The rule (docs/decisions.md): DOWN when the service's side answered — refused, dropped,
// presented a certificate a client refuses, stalled after accepting, or its name does not
// exist; UNKNOWN when nothing answered at all (no route, the resolver is unwell, no answer to
// the connection attempt), because then OpsDeck cannot tell the service from the path to it.

/** The step a request had reached when it failed or ran out of time. */
export type RequestPhase = 'dns' | 'connect' | 'tls' | 'firstByte' | 'body';

/** Why a certificate was refused, each worded on its own by the screens. */
export type TlsReason = 'expired' | 'notYetValid' | 'selfSigned' | 'untrustedCa' | 'wrongName' | 'pinMismatch' | 'revoked' | 'handshake';

export type NetworkFailure =
  | { code: 'DNS_FAILED'; reason: 'notFound' | 'temporary'; down: boolean }
  | { code: 'CONNECTION_REFUSED'; down: true }
  | { code: 'UNREACHABLE'; reason: 'noRoute'; down: false }
  | { code: 'PROTOCOL'; reason: 'closed' | 'malformed'; down: true }
  | { code: 'TLS_FAILED'; reason: TlsReason; down: true }
  | { code: 'TIMEOUT'; phase: RequestPhase; down: boolean };

const TLS_REASONS: Readonly<Record<string, TlsReason>> = {
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'notYetValid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'selfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'untrustedCa',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrustedCa',
  UNABLE_TO_GET_ISSUER_CERT: 'untrustedCa',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrustedCa',
  CERT_UNTRUSTED: 'untrustedCa',
  CERT_SIGNATURE_FAILURE: 'untrustedCa',
  CERT_CHAIN_TOO_LONG: 'untrustedCa',
  INVALID_CA: 'untrustedCa',
  ERR_TLS_CERT_ALTNAME_INVALID: 'wrongName',
  ERR_OPSDECK_PIN_MISMATCH: 'pinMismatch',
  CERT_REVOKED: 'revoked',
};

/** A timeout is the service's doing once it accepted the connection: it took the call, then stalled. */
export function timeoutFailure(phase: RequestPhase): NetworkFailure {
  return { code: 'TIMEOUT', phase, down: phase !== 'dns' && phase !== 'connect' };
}

/** The failure an error of Node's net, dns, tls or http layers stands for; null when it is none of those. */
export function classifyNetworkError(code: string | undefined, message: string): NetworkFailure | null {
  if (code && Object.hasOwn(TLS_REASONS, code)) return { code: 'TLS_FAILED', reason: TLS_REASONS[code]!, down: true };
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_NODATA':
      // The name server answered: this name has no address. Users cannot reach it either.
      return { code: 'DNS_FAILED', reason: 'notFound', down: true };
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      // The resolver could not get an answer (getaddrinfo's "try again"): nothing said no.
      return { code: 'DNS_FAILED', reason: 'temporary', down: false };
    case 'ECONNREFUSED':
      return { code: 'CONNECTION_REFUSED', down: true };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
    case 'EADDRNOTAVAIL':
      return { code: 'UNREACHABLE', reason: 'noRoute', down: false };
    case 'ETIMEDOUT':
      return timeoutFailure('connect');
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return { code: 'PROTOCOL', reason: 'closed', down: true };
    case 'EPROTO':
      return { code: 'TLS_FAILED', reason: 'handshake', down: true };
    default:
      break;
  }
  if (code?.startsWith('ERR_SSL_') || code?.startsWith('ERR_TLS_')) return { code: 'TLS_FAILED', reason: 'handshake', down: true };
  if (code?.startsWith('HPE_')) return { code: 'PROTOCOL', reason: 'malformed', down: true };
  if (/socket hang up/i.test(message)) return { code: 'PROTOCOL', reason: 'closed', down: true };
  return null;
}
