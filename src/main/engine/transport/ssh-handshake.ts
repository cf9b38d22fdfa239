// One login: TCP (with TCP_NODELAY: a poll is a small request and a small answer, which
// Nagle's algorithm would hold back) or a stream handed in (a channel through a jump host),
// SSH key exchange with the host-key verdict taken before any credential leaves, then
// authentication. Resolves with a ready ssh2 Client.

import net from 'node:net';
import type { Duplex } from 'node:stream';
import ssh2, { type ParsedKey } from 'ssh2';
import type { OpsError } from '../../../shared/errors';
import type { Logger } from '../core/logger';
import { fingerprintSha256, hostKeyType, type HostKeyPolicy } from './host-key-policy';
import { createAuthHandler, offeredMethods, type SshCredentials } from './ssh-auth';
import { hostKeyChanged, hostKeyRevoked, hostKeyUnknown, mapConnectError, protocolError, unreachable, withHostKeyDetail } from './ssh-errors';

export interface HandshakeOptions {
  host: string;
  port: number;
  credentials: SshCredentials;
  /** Parsed once by the caller, in the order they are offered; empty when the credentials carry no key. */
  keys: readonly ParsedKey[];
  hostKeys: HostKeyPolicy;
  acceptNewHostKey: boolean;
  readyTimeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  logger: Logger;
  /**
   * An already connected stream to speak SSH over instead of a new TCP connection (a
   * direct-tcpip channel through a jump host). The login owns it: it is destroyed on failure.
   */
  sock?: Duplex;
}

export interface Handshaken {
  client: ssh2.Client;
  fingerprint: string;
}

export function handshake(opts: HandshakeOptions): Promise<Handshaken> {
  const { host, port, credentials, logger } = opts;
  const target = `${host}:${port}`;
  const client = new ssh2.Client();
  const attempted: string[] = [];
  let refusal: OpsError | null = null;
  let fingerprint = '';

  return new Promise<Handshaken>((resolve, reject) => {
    let settled = false;
    const fail = (err: OpsError) => {
      if (settled) return;
      settled = true;
      logger.log('warn', 'ssh-login-failed', { target, code: err.code });
      client.destroy();
      reject(err);
    };

    // Runs inside key exchange: ssh2 sends no credential until verify(true).
    const hostVerifier = (keyBlob: Buffer, verify: (valid: boolean) => void): void => {
      fingerprint = fingerprintSha256(keyBlob);
      const keyType = hostKeyType(keyBlob);
      Promise.resolve()
        .then(() => opts.hostKeys.verify(host, port, keyBlob))
        .then(async (verdict) => {
          if (verdict === 'trusted') return verify(true);
          if (verdict === 'unknown' && opts.acceptNewHostKey) {
            await opts.hostKeys.trust(host, port, keyBlob);
            logger.log('info', 'ssh-hostkey-accepted-new', { target, fingerprint, keyType });
            return verify(true);
          }
          const error = verdict === 'changed' ? hostKeyChanged : verdict === 'revoked' ? hostKeyRevoked : hostKeyUnknown;
          refusal = withHostKeyDetail(error(target, fingerprint, keyType), opts.hostKeys.explain?.(host, port, keyBlob, verdict));
          verify(false);
        })
        .catch((err: unknown) => {
          refusal = protocolError(target, `the host key store failed: ${String(err)}`);
          verify(false);
        });
    };

    client.on('ready', () => {
      settled = true;
      resolve({ client, fingerprint });
    });
    client.on('error', (err: Error & { level?: string }) => {
      if (settled) {
        logger.log('warn', 'ssh-connection-error', { target, level: err.level, error: err.message });
        return;
      }
      if (refusal) return fail(refusal);
      // ssh2 reports an unusable agent or a failed signature and then moves on to the next method.
      if (err.level === 'agent') return void logger.log('warn', 'ssh-agent-unusable', { target, error: err.message });
      if (err.level === 'client-authentication' && !/All configured authentication methods failed/.test(err.message)) return;
      fail(mapConnectError(err, target, { username: credentials.username, methods: attempted, readyTimeoutMs: opts.readyTimeoutMs }));
    });
    client.on('close', () => {
      if (!settled) fail(refusal ?? unreachable(target, 'the server closed the connection during login'));
    });

    if (offeredMethods(credentials).length === 0) logger.log('warn', 'ssh-no-credentials', { target });
    const sock = opts.sock ?? directSocket(host, port);
    try {
      client.connect({
        sock,
        username: credentials.username,
        readyTimeout: opts.readyTimeoutMs,
        keepaliveInterval: opts.keepaliveIntervalMs,
        keepaliveCountMax: opts.keepaliveCountMax,
        hostVerifier,
        authHandler: createAuthHandler(credentials, opts.keys, (method) => {
          attempted.push(method);
          logger.log('debug', 'ssh-auth-attempt', { target, method });
        }),
      });
    } catch (err) {
      sock.destroy();
      fail(protocolError(target, (err as Error).message));
    }
  });
}

function directSocket(host: string, port: number): net.Socket {
  const sock = new net.Socket();
  sock.setNoDelay(true);
  sock.connect({ host, port });
  return sock;
}
