// One HTTP(S) request, timed with the socket's own events: DNS (the socket's 'lookup'), connect
// ('connect'), TLS ('secureConnect') and first byte (the response head). On a fresh connection by
// default; with an endpoint's kept-alive agent (kept-connection.ts) it may reuse that endpoint's
// open connection, and then says so and reports the handshake that connection had. The
// certificate is always verified (Node's default trust store, or the endpoint's own CA),
// optionally pinned by public key on top; the whole request has one deadline, and the body is
// read up to a size limit and then cut off. Failures are RequestFailure with the step reached.
import { createHash, X509Certificate } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { isIP, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import tls, { type DetailedPeerCertificate, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { CertificateLike } from '../parsers/certificate';
import type { RequestPhase } from '../parsers/network-failure';
import type { Clock } from '../core/clock';

export interface RequestTimes {
  /** Name lookup; null when the address was an IP (nothing was looked up). */
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  /** From the request going out to the response head coming back: the server's think time. */
  firstByteMs: number | null;
  /** Everything, up to the last byte read (or the cut). */
  totalMs: number;
}

export interface TlsTrust {
  /** PEM trust anchors for this endpoint: they replace the public CAs (an internal CA, or the server's own certificate). */
  ca?: string;
  /** Base64 SHA-256 digests of SubjectPublicKeyInfo; one certificate of the verified chain must match. */
  pins?: readonly string[];
}

export interface HttpRequestSpec {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | null;
  trust: TlsTrust;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Keep the bytes read (a keyword or JSON check needs them); otherwise they are only counted. */
  keepBody: boolean;
  /** An endpoint's kept-alive agent (one socket, verifying with `trust`); absent: a fresh connection, closed after the answer. */
  agent?: http.Agent;
}

/** What the connection's own handshake established, read once when it was opened. */
export interface ConnectionFacts {
  /** Clock time of the connect (and TLS handshake, certificate read): the age of what is shown. */
  openedAt: number;
  certificate: CertificateLike | null;
  tlsVersion: string | null;
  remoteAddress: string | null;
}

// Bound to the socket itself, so a reused connection can only ever show its own handshake's facts.
const opened = new WeakMap<Socket, ConnectionFacts>();

export interface HttpResponseInfo {
  status: number;
  httpVersion: string;
  location: string | null;
  body: Buffer | null;
  bodyBytes: number;
  /** The body went past the limit and was cut off there. */
  truncated: boolean;
  times: RequestTimes;
  /** The request went over a connection an earlier request opened: no DNS, connect or TLS happened. */
  reused: boolean;
  /** The connection's handshake facts (for a reused one: read when it was opened, `openedAt`). */
  connection: ConnectionFacts;
}

export class RequestFailure extends Error {
  constructor(
    readonly errCode: string | undefined,
    message: string,
    readonly phase: RequestPhase,
    readonly timedOut: boolean,
    readonly times: RequestTimes,
    /** For a refused certificate: the names it is valid for (from Node's hostname check). */
    readonly certNames: string | null = null,
    /** It failed on a reused connection before any answer: the server may only have closed an idle connection. */
    readonly reused = false,
  ) {
    super(message);
    this.name = 'RequestFailure';
  }
}

export const PIN_MISMATCH = 'ERR_OPSDECK_PIN_MISMATCH';

/** SHA-256 of the SubjectPublicKeyInfo (Node's `pubkey` is the bare key for EC, so read the certificate). */
function spkiPin(raw: Buffer): string {
  const spki = new X509Certificate(raw).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/**
 * Node's hostname check, then the pins: some certificate of the verified chain must carry a
 * pinned key. `onCertificate` gets the certificate Node already read for the check (no second read).
 */
export function pinnedIdentity(pins: readonly string[] | undefined, onCertificate?: (cert: PeerCertificate) => void) {
  return (host: string, cert: PeerCertificate): Error | undefined => {
    onCertificate?.(cert);
    const err = tls.checkServerIdentity(host, cert);
    if (err || !pins || pins.length === 0) return err;
    const seen = new Set<string>();
    for (let c: DetailedPeerCertificate | undefined = cert as DetailedPeerCertificate; c && !seen.has(c.fingerprint256); c = c.issuerCertificate) {
      seen.add(c.fingerprint256);
      if (c.raw && pins.includes(spkiPin(c.raw))) return undefined;
    }
    return Object.assign(new Error('No certificate of the chain carries a pinned public key.'), { code: PIN_MISMATCH });
  };
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export function requestOnce(spec: HttpRequestSpec, clock: Clock): Promise<HttpResponseInfo> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const secure = spec.url.protocol === 'https:';
    const host = spec.url.hostname.replace(/^\[(.*)\]$/, '$1');
    const literal = isIP(host) !== 0;
    let lookupAt: number | null = null;
    let connectAt: number | null = null;
    let secureAt: number | null = null;
    let responseAt: number | null = null;
    let reused = false;
    let facts: ConnectionFacts | null = null;
    let settled = false;

    const times = (): RequestTimes => {
      const end = performance.now();
      // On a reused connection the request went out at once: first byte counts from the start.
      const afterConnect = reused ? start : secure ? secureAt : connectAt;
      return {
        dnsMs: lookupAt === null ? null : round(lookupAt - start),
        connectMs: connectAt === null ? null : round(connectAt - (lookupAt ?? start)),
        tlsMs: secure && secureAt !== null && connectAt !== null ? round(secureAt - connectAt) : null,
        firstByteMs: responseAt !== null && afterConnect !== null ? round(responseAt - afterConnect) : null,
        totalMs: round(end - start),
      };
    };
    const phase = (): RequestPhase => {
      if (reused) return responseAt === null ? 'firstByte' : 'body';
      if (!literal && lookupAt === null) return 'dns';
      if (connectAt === null) return 'connect';
      if (secure && secureAt === null) return 'tls';
      if (responseAt === null) return 'firstByte';
      return 'body';
    };

    let certificate: CertificateLike | null = null;
    const options: https.RequestOptions = {
      host,
      port: spec.url.port === '' ? (secure ? 443 : 80) : Number(spec.url.port),
      path: `${spec.url.pathname}${spec.url.search}`,
      method: spec.method,
      headers: spec.headers,
      // Without an endpoint's agent, a fresh connection per check that is closed after the answer.
      agent: spec.agent ?? false,
      // An endpoint's agent carries the same trust itself (kept-connection.ts): Node keeps sockets only then.
      ...(secure && !spec.agent ? { rejectUnauthorized: true, checkServerIdentity: pinnedIdentity(spec.trust.pins, (cert) => (certificate = cert as CertificateLike)), ...(spec.trust.ca ? { ca: spec.trust.ca } : {}) } : {}),
    };
    const req = (secure ? https : http).request(options);

    const finish = (fn: () => void, keepSocket = false) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      fn();
      // A fully read answer on a kept-alive agent leaves the socket to the agent for the next check.
      if (!keepSocket) req.destroy();
    };
    const fail = (err: NodeJS.ErrnoException & { cert?: PeerCertificate }, timedOut = false) =>
      finish(() =>
        reject(
          new RequestFailure(err.code, err.message, phase(), timedOut, times(), err.code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? (err.cert?.subjectaltname ?? null) : null, reused && responseAt === null && !timedOut),
        ),
      );
    const timer = clock.setTimeout(() => fail(Object.assign(new Error(`No complete answer within ${spec.timeoutMs} ms.`), { code: 'OPSDECK_DEADLINE' }), true), spec.timeoutMs);

    req.on('socket', (socket: Socket) => {
      const known = opened.get(socket);
      if (req.reusedSocket && known) {
        reused = true;
        facts = known;
        return;
      }
      // Listeners only on a new socket: a kept one would gather them check after check.
      socket.once('lookup', () => (lookupAt = performance.now()));
      socket.once('connect', () => (connectAt = performance.now()));
      // The connection's facts once it is usable: after the TLS handshake (certificate verified), or the TCP connect.
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        if (secure) secureAt = performance.now();
        const t = socket as TLSSocket;
        facts = {
          openedAt: clock.now(),
          // Only a resumed session skips the identity check that already read the certificate.
          certificate: secure ? (certificate ?? (t.getPeerCertificate() as CertificateLike)) : null,
          tlsVersion: secure ? t.getProtocol() : null,
          remoteAddress: socket.remoteAddress ? `${socket.remoteAddress}:${socket.remotePort}` : null,
        };
        opened.set(socket, facts);
      });
    });
    req.on('error', (err) => fail(err));
    req.on('response', (res) => {
      responseAt = performance.now();
      const chunks: Buffer[] = [];
      let bytes = 0;
      let kept = 0;
      const done = (truncated: boolean) =>
        finish(
          () =>
            resolve({
              status: res.statusCode ?? 0,
              httpVersion: res.httpVersion,
              location: typeof res.headers.location === 'string' ? res.headers.location : null,
              body: spec.keepBody ? Buffer.concat(chunks) : null,
              bodyBytes: Math.min(bytes, spec.maxBodyBytes),
              truncated,
              times: times(),
              reused,
              connection: facts ?? { openedAt: clock.now(), certificate: null, tlsVersion: null, remoteAddress: null },
            }),
          spec.agent !== undefined && !truncated,
        );
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (spec.keepBody && kept < spec.maxBodyBytes) {
          const part = chunk.subarray(0, spec.maxBodyBytes - kept);
          chunks.push(part);
          kept += part.length;
        }
        // Past the limit: stop reading (finish destroys the socket), keep what was read.
        if (bytes > spec.maxBodyBytes) done(true);
      });
      res.on('end', () => done(false));
      res.on('error', () => undefined);
      res.on('close', () => {
        if (!settled && !res.complete) fail(Object.assign(new Error('The server closed the connection in the middle of the body.'), { code: 'ECONNRESET' }));
      });
    });
    if (spec.body !== null) req.write(spec.body);
    req.end();
  });
}
