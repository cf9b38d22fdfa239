// One persistent SSH connection per host. Polls run one at a time through a long-lived
// `/bin/sh` channel; a poll that times out or comes back garbled resets that shell and is
// retried once through a fresh one-off exec. Polls never hold more than two session channels,
// and scripts (log views and reads) at most five more (OpenSSH allows ten sessions per
// connection); a connection never logs in again while it lives,
// and after a drop reconnects lazily, spaced by exponential backoff with full jitter and capped
// by a handshake limiter shared by every connection to the same sshd.
// Behind a jump host (OpenSSH's ProxyJump) the login runs over a direct-tcpip channel that the
// jump host's own SshConnection opens on its one shared login (openTunnel; such channels are
// not sessions, so MaxSessions does not count them); when that login drops, the channel closes
// and this connection reconnects through it like after any drop.

import type { Duplex } from 'node:stream';
import type { ClientChannel, ParsedKey } from 'ssh2';
import { OpsError } from '../../../shared/errors';
import { systemClock, type Clock } from '../core/clock';
import { nullLogger, type Logger } from '../core/logger';
import { AuthFailureLedger, authRetryDelayMs, sharedAuthLedger } from './auth-backoff';
import { Backoff, type BackoffOptions } from './backoff';
import type { SectionSpec } from './composite-script';
import { Deadline } from './deadline';
import { sharedHandshakeLimiter, type HandshakeLimiter } from './handshake-limiter';
import type { HostKeyPolicy } from './host-key-policy';
import { jumpLoginFailed, tunnelRefused, tunnelTimedOut } from './jump-errors';
import { parsePrivateKey, type SshCredentials } from './ssh-auth';
import { authBackoff, authStopped, authWindowFull, protocolError, timedOut, unreachable } from './ssh-errors';
import { handshake } from './ssh-handshake';
import type { RemoteProcess } from './remote-process';
import { SshSession } from './ssh-session';

export { MAX_CHANNELS, MAX_PROCESS_CHANNELS } from './ssh-session';
export type { ProcessExit, RemoteProcess } from './remote-process';

export interface SshConnectionOptions {
  host: string;
  port?: number;
  credentials: SshCredentials;
  hostKeys: HostKeyPolicy;
  /** OpenSSH's StrictHostKeyChecking=accept-new: trust a first-seen key, still refuse a changed one. */
  acceptNewHostKey?: boolean;
  clock?: Clock;
  logger?: Logger;
  /** TCP connect + key exchange + login. */
  readyTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  handshakeLimiter?: HandshakeLimiter;
  backoff?: BackoffOptions;
  /** Refused logins per sshd, shared engine-wide by default (auth-backoff.ts). */
  authLedger?: AuthFailureLedger;
  /**
   * The jump host's connection: this host is reached through a direct-tcpip channel on its
   * login instead of a TCP connection of its own. `host` and `port` are then as the jump host
   * sees them; this host's key is still checked by `hostKeys`.
   */
  via?: SshConnection;
  /** How messages name this host when others are reached through it (e.g. its inventory name). */
  label?: string;
  /** The poll answered by a resident awk (default) or, when false, a shell fed a script per poll. */
  residentAwk?: boolean;
}

export interface PollResult {
  sections: Map<string, string>;
  /** 'exec' when the long-lived shell failed and the one-off fallback answered. */
  via: 'shell' | 'exec';
  elapsedMs: number;
}

export interface ConnectionStats {
  connected: boolean;
  logins: number;
  polls: number;
  shellResets: number;
  fallbacks: number;
  channelsOpen: number;
  peakChannels: number;
  /** Script channels (log views and reads) open now, and how many were ever started. */
  processesOpen: number;
  processes: number;
  /** Listeners on the ssh2 client and the shell channel (they must not grow with polls). */
  clientListeners: number;
  shellListeners: number;
  /** ssh2's own count of open channels (an internal field, for leak tests). */
  ssh2Channels: number | null;
  /** direct-tcpip channels opened for hosts behind this one (as their jump host), and still open. */
  tunnels: number;
  tunnelsOpen: number;
}

export class SshConnection {
  readonly target: string;
  /** `label (host:port)`, or host:port: how jump-host messages name this host. */
  readonly name: string;
  private readonly host: string;
  private readonly port: number;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly limiter: HandshakeLimiter;
  private readonly backoff: Backoff;
  private readonly authLedger: AuthFailureLedger;
  /** Refused logins in a row on this connection; the third stops it (authRetryDelayMs). */
  private refusedLogins = 0;
  private session: SshSession | null = null;
  private connecting: Promise<SshSession> | null = null;
  private nextAttemptAt = 0;
  private lastError: OpsError | null = null;
  private closedByUs = false;
  private keys: ParsedKey[] | undefined;
  private counters = { logins: 0, polls: 0, shellResets: 0, fallbacks: 0, peakChannels: 0, tunnels: 0, processes: 0 };
  private tunnelsOpen = 0;

  constructor(private readonly opts: SshConnectionOptions) {
    this.host = opts.host;
    this.port = opts.port ?? 22;
    this.target = `${this.host}:${this.port}`;
    this.name = opts.label && opts.label !== this.target && opts.label !== this.host ? `${opts.label} (${this.target})` : this.target;
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? nullLogger;
    this.limiter = opts.handshakeLimiter ?? sharedHandshakeLimiter;
    this.backoff = new Backoff(opts.backoff);
    this.authLedger = opts.authLedger ?? sharedAuthLedger;
  }

  /** The sshd a login reaches, as the ledger counts it (behind a jump host, as the jump host dials it). */
  private get sshdKey(): string {
    return this.opts.via ? `${this.target} via ${this.opts.via.target}` : this.target;
  }

  /** Runs one composite script and returns its sections by name. Rejects with an OpsError. */
  async poll(sections: readonly SectionSpec[], timeoutMs: number): Promise<PollResult> {
    const started = this.clock.now();
    let stage = this.opts.via ? `connecting through the jump host ${this.opts.via.name} and logging in` : 'connecting and logging in';
    const deadline = new Deadline(this.clock, timeoutMs, () => timedOut(this.target, stage, timeoutMs));
    try {
      // A live login needs no race (the usual poll): one promise fewer per poll.
      const session = this.session?.open && !this.closedByUs ? this.session : await deadline.race(this.ensureSession());
      const result = await session.run(sections, deadline, (s) => (stage = s));
      this.counters.polls++;
      return { ...result, elapsedMs: this.clock.now() - started };
    } finally {
      deadline.dispose();
    }
  }

  /** Logs in (or reuses the live login) without running anything: the "test connection" button. */
  async connect(timeoutMs: number): Promise<void> {
    const stage = this.opts.via ? `connecting through the jump host ${this.opts.via.name} and logging in` : 'connecting and logging in';
    const deadline = new Deadline(this.clock, timeoutMs, () => timedOut(this.target, stage, timeoutMs));
    try {
      await deadline.race(this.ensureSession());
    } finally {
      deadline.dispose();
    }
  }

  /**
   * As a jump host: a direct-tcpip channel to host:port (as this host sees it), on this
   * connection's login, logging in first when there is none. Every host behind this one shares
   * that login; each gets its own channel. Errors name this host as the jump host.
   */
  async openTunnel(host: string, port: number, timeoutMs: number): Promise<Duplex> {
    const to = `${host}:${port}`;
    const deadline = new Deadline(this.clock, timeoutMs, () => tunnelTimedOut(this.name, to, timeoutMs));
    try {
      const session = await deadline.race(this.ensureSession()).catch((err: unknown) => {
        throw deadline.expired || !(err instanceof OpsError) ? err : jumpLoginFailed(this.name, err);
      });
      const opening = this.forward(session, host, port);
      return await deadline.race(opening).catch((err: unknown) => {
        // A channel that opens after the caller gave up must not stay open on the jump host.
        opening.then((late) => late.destroy(), () => undefined);
        throw err;
      });
    } finally {
      deadline.dispose();
    }
  }

  /**
   * Runs a script on this connection's login (logging in first when there is none): a new
   * session channel, never a second login. Waits for a free script channel until the deadline.
   */
  async openProcess(script: string, opts: { timeoutMs: number; endInput?: boolean }): Promise<RemoteProcess> {
    const deadline = new Deadline(this.clock, opts.timeoutMs, () => timedOut(this.target, 'starting a command', opts.timeoutMs));
    try {
      const session = await deadline.race(this.ensureSession());
      const opening = session.openProcess(script, { endInput: opts.endInput ?? false, signal: deadline.signal });
      const process = await deadline.race(opening).catch((err: unknown) => {
        // A channel that opens after the caller gave up must not keep running on the host.
        opening.then((late) => late.close(), () => undefined);
        throw err;
      });
      this.counters.processes++;
      return process;
    } finally {
      deadline.dispose();
    }
  }

  /** Ends the connection for good: polls after close() fail with UNREACHABLE. */
  async close(): Promise<void> {
    this.closedByUs = true;
    await this.connecting?.catch(() => undefined);
    const session = this.session;
    this.session = null;
    if (!session?.open) return;
    await new Promise<void>((resolve) => {
      const timer = this.clock.setTimeout(() => {
        session.client.destroy();
        resolve();
      }, 2_000);
      session.client.once('close', () => {
        this.clock.clearTimeout(timer);
        resolve();
      });
      session.client.end();
    });
  }

  /** Why the last login failed, while there is no live one; null when logged in or never failed. */
  get lastLoginError(): OpsError | null {
    return this.session?.open ? null : this.lastError;
  }

  stats(): ConnectionStats {
    const s = this.session;
    const events = ['ready', 'error', 'close', 'end'] as const;
    const internal = (s?.client as unknown as { _chanMgr?: { _count?: number } } | undefined)?._chanMgr?._count;
    return {
      connected: !!s?.open,
      ...this.counters,
      channelsOpen: s?.channelsOpen() ?? 0,
      processesOpen: s?.processesOpen() ?? 0,
      clientListeners: s ? events.reduce((n, e) => n + s.client.listenerCount(e), 0) : 0,
      shellListeners: s?.shellListeners() ?? 0,
      ssh2Channels: typeof internal === 'number' ? internal : null,
      tunnelsOpen: this.tunnelsOpen,
    };
  }

  private forward(session: SshSession, host: string, port: number): Promise<ClientChannel> {
    const to = `${host}:${port}`;
    return new Promise<ClientChannel>((resolve, reject) => {
      try {
        // The originator address is informational for sshd (it logs it); OpenSSH's -J sends the same.
        session.client.forwardOut('127.0.0.1', 0, host, port, (err, stream) => {
          if (err) return reject(tunnelRefused(this.name, to, err));
          this.counters.tunnels++;
          this.tunnelsOpen++;
          stream.once('close', () => this.tunnelsOpen--);
          this.logger.log('debug', 'ssh-tunnel-opened', { jumpHost: this.target, to });
          resolve(stream);
        });
      } catch (err) {
        reject(tunnelRefused(this.name, to, err as Error));
      }
    });
  }

  private ensureSession(): Promise<SshSession> {
    if (this.closedByUs) return Promise.reject(unreachable(this.target, 'the connection was closed by OpsDeck'));
    if (this.session?.open) return Promise.resolve(this.session);
    if (this.connecting) return this.connecting;
    const now = this.clock.now();
    const wait = this.nextAttemptAt - now;
    if (wait > 0 && this.lastError) return Promise.reject(this.lastError);
    // This sshd refused enough logins from OpsDeck lately: one more could get this computer banned.
    const allowedAt = this.authLedger.nextAllowedAt(this.sshdKey, now);
    if (allowedAt > now) return Promise.reject(authWindowFull(this.target, allowedAt));
    this.connecting = this.login().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async login(): Promise<SshSession> {
    let sock: Duplex | undefined;
    let release: (() => void) | undefined;
    let reachedServer = false;
    try {
      const { credentials, via } = this.opts;
      this.keys ??= [
        ...(credentials.privateKey ? [parsePrivateKey(credentials.privateKey, credentials.passphrase)] : []),
        ...(credentials.extraPrivateKeys ?? []).map((k) => parsePrivateKey(k)),
      ];
      const readyTimeoutMs = this.opts.readyTimeoutMs ?? 10_000;
      // The channel first, then this host's handshake slot: holding a slot while the jump host
      // logs in (under its own slot, possibly for the same sshd) could wait on itself.
      sock = via ? await via.openTunnel(this.host, this.port, readyTimeoutMs) : undefined;
      release = await this.limiter.acquire(via ? `${this.target} via ${via.target}` : this.target);
      reachedServer = true;
      const { client, fingerprint } = await handshake({
        host: this.host,
        port: this.port,
        credentials,
        keys: this.keys,
        hostKeys: this.opts.hostKeys,
        acceptNewHostKey: this.opts.acceptNewHostKey ?? false,
        readyTimeoutMs,
        keepaliveIntervalMs: this.opts.keepaliveIntervalMs ?? 15_000,
        keepaliveCountMax: this.opts.keepaliveCountMax ?? 3,
        logger: this.logger,
        sock,
      });
      sock = undefined; // the client owns it now
      const session = new SshSession(client, this.target, this.clock, this.logger, this.counters, { residentAwk: this.opts.residentAwk });
      client.on('close', () => this.onSessionClosed(session));
      this.session = session;
      this.lastError = null;
      this.backoff.reset();
      this.refusedLogins = 0;
      this.counters.logins++;
      this.logger.log('info', 'ssh-connected', { target: this.target, fingerprint, via: via?.target });
      if (this.closedByUs) client.end();
      return session;
    } catch (err) {
      sock?.destroy();
      const error = err instanceof OpsError ? err : protocolError(this.target, String(err));
      const now = this.clock.now();
      if (error.code === 'AUTH_FAILED' && reachedServer) {
        // A refused login: this attempt says why; the calls until the next one say when (minutes
        // away), and after the third none is tried until a person acts (auth-backoff.ts).
        this.authLedger.record(this.sshdKey, now);
        this.refusedLogins++;
        const delay = authRetryDelayMs(this.refusedLogins);
        this.lastError = delay === null ? authStopped(error, this.refusedLogins) : authBackoff(error, now + delay, this.refusedLogins);
        this.nextAttemptAt = delay === null ? Number.POSITIVE_INFINITY : now + delay;
      } else {
        this.lastError = error;
        this.nextAttemptAt = now + this.backoff.next();
      }
      throw error;
    } finally {
      release?.();
    }
  }

  private onSessionClosed(session: SshSession): void {
    session.markClosed();
    if (this.session === session) this.session = null;
    if (this.closedByUs) return;
    // Spread reconnects of hosts that dropped together (the backoff was reset at login).
    this.lastError = unreachable(this.target, 'the connection was lost; OpsDeck reconnects shortly');
    this.nextAttemptAt = this.clock.now() + this.backoff.next();
    this.logger.log('warn', 'ssh-disconnected', { target: this.target });
  }
}
