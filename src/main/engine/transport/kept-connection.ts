// One endpoint's connection, kept open between its checks: a fresh TLS handshake costs several
// times the whole rest of a check (docs/bench-http.md). At most one socket, to the check's own
// origin, for methods that may be sent twice (a reused socket the server just closed is retried
// on a fresh one). A connection older than `freshEveryMs` is closed before the next check, so a
// full connect and handshake (and certificate read) happens at least that often; no TLS session
// cache, so every new connection is a full handshake that reads the certificate.
import http from 'node:http';
import https from 'node:https';
import type { Clock } from '../core/clock';
import { pinnedIdentity, type TlsTrust } from './http-probe';

/** A full new connection at least this often, even while the server keeps the old one open. */
export const FRESH_CONNECTION_EVERY_MS = 15 * 60_000;

// Sending one of these twice (the retry after a closed idle connection) changes nothing.
const REPEATABLE: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export class KeptConnection {
  private agent: http.Agent | null = null;
  /** Clock time the current agent's first connection was opened; null while it has none. */
  private since: number | null = null;
  /** The trust the agent verifies with (CA text, pins): another one needs a new agent. */
  private trustKey = '';

  constructor(
    private readonly origin: string,
    private readonly clock: Clock,
    private readonly freshEveryMs = FRESH_CONNECTION_EVERY_MS,
  ) {}

  /** The agent for this request, or undefined for a fresh connection (another origin, a POST). */
  agentFor(url: URL, method: string, trust: TlsTrust): http.Agent | undefined {
    if (url.origin !== this.origin || !REPEATABLE.has(method)) return undefined;
    const now = this.clock.now();
    const trustKey = `${trust.ca ?? ''}\n${(trust.pins ?? []).join(',')}`;
    if (this.agent && ((this.since !== null && now - this.since >= this.freshEveryMs) || trustKey !== this.trustKey)) this.drop();
    if (!this.agent) {
      const options = { keepAlive: true, maxSockets: 1, maxFreeSockets: 1, scheduling: 'lifo' as const };
      this.trustKey = trustKey;
      this.agent =
        url.protocol === 'https:'
          ? new https.Agent({
              ...options,
              // No TLS resumption: it would skip reading the certificate (nodejs/node#3940).
              maxCachedSessions: 0,
              rejectUnauthorized: true,
              ...(trust.ca ? { ca: trust.ca } : {}),
              // On the agent, not the request: Node reuses no socket for a per-request identity check.
              checkServerIdentity: pinnedIdentity(trust.pins),
            })
          : new http.Agent(options);
    }
    return this.agent;
  }

  /** A request on this agent opened a new connection at `openedAt`: the age counts from there. */
  opened(openedAt: number): void {
    this.since = openedAt;
  }

  /** Close the kept connection: the next check connects afresh. */
  drop(): void {
    this.agent?.destroy();
    this.agent = null;
    this.since = null;
  }

  close(): void {
    this.drop();
  }
}
