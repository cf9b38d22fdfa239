// Who may use this serve: every request must name an allowed Host (and Origin, when a browser
// sends one); the console page's data and the socket also need a token (tokens.ts). One place
// decides, for the page handler and the WebSocket upgrade alike.
import type { IncomingMessage } from 'node:http';
import { WS_PATH } from '../../shared/ws-protocol';
import { requestAllowed, type HostAllowlist } from './host-allowlist';
import { checkRequestPath } from './request-path';
import type { TokenGate } from './tokens';
import type { BridgeAccess, UpgradeDecision } from './ws-bridge';

/** The token a request carries: `?token=` or `Authorization: Bearer`. Never logged. */
export function requestToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (typeof header === 'string') {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (bearer) return bearer;
  }
  const checked = checkRequestPath(req.url);
  return checked.ok ? checked.query.get('token') : null;
}

export interface ServeAccess extends BridgeAccess {
  allowlist: HostAllowlist;
  /** Host and Origin are ones serve answers for. */
  hostAllowed(req: IncomingMessage): boolean;
  /** The page may carry data: the request has a valid token (either role). */
  pageAuthorized(req: IncomingMessage): boolean;
}

export function createServeAccess(allowlist: HostAllowlist, gate: TokenGate): ServeAccess {
  const hostAllowed = (req: IncomingMessage) => requestAllowed(req, allowlist);
  return {
    allowlist,
    hostAllowed,
    pageAuthorized: (req) => hostAllowed(req) && gate.roleOf(requestToken(req)) !== null,
    roleOf: (token) => gate.roleOf(token),
    check(req): UpgradeDecision {
      if (!hostAllowed(req)) return { ok: false, status: 403, reason: 'This address is not one OpsDeck serves. Open the link that opsdeck serve printed.' };
      const checked = checkRequestPath(req.url);
      if (!checked.ok || checked.pathname !== WS_PATH) return { ok: false, status: 404, reason: 'Not found.' };
      const token = requestToken(req);
      const role = gate.roleOf(token);
      if (!role || !token) return { ok: false, status: 401, reason: 'A valid access token is required. Open the link that opsdeck serve printed.' };
      return { ok: true, role, token };
    },
  };
}
