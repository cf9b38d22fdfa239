// One HTTP(S) request on a fresh connection, timed with the socket's own events: DNS (the
// socket's 'lookup'), connect ('connect'), TLS ('secureConnect') and first byte (the response
// head). The certificate is always verified (Node's default trust store, or the endpoint's own
// CA), optionally pinned by public key on top; the whole request has one deadline, and the body
// is read up to a size limit and then cut off. Failures are RequestFailure with the step reached.
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
}

export interface HttpResponseInfo {
  status: number;
  httpVersion: string;
  location: string | null;
  body: Buffer | null;
  bodyBytes: number;
  /** The body went past the limit and was cut off there. */
  truncated: boolean;
  times: RequestTimes;
  certificate: CertificateLike | null;
  tlsVersion: string | null;
  remoteAddress: string | null;
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
    let certificate: CertificateLike | null = null;
    let tlsVersion: string | null = null;
    let remoteAddress: string | null = null;
    let settled = false;

    const times = (): RequestTimes => {
      const end = performance.now();
      const afterConnect = secure ? secureAt : connectAt;
      return {
        dnsMs: lookupAt === null ? null : round(lookupAt - start),
        connectMs: connectAt === null ? null : round(connectAt - (lookupAt ?? start)),
        tlsMs: secure && secureAt !== null && connectAt !== null ? round(secureAt - connectAt) : null,
        firstByteMs: responseAt !== null && afterConnect !== null ? round(responseAt - afterConnect) : null,
        totalMs: round(end - start),
      };
    };
    const phase = (): RequestPhase => {
      if (!literal && lookupAt === null) return 'dns';
      if (connectAt === null) return 'connect';
      if (secure && secureAt === null) return 'tls';
      if (responseAt === null) return 'firstByte';
      return 'body';
    };

    const options: https.RequestOptions = {
      host,
      port: spec.url.port === '' ? (secure ? 443 : 80) : Number(spec.url.port),
      path: `${spec.url.pathname}${spec.url.search}`,
      method: spec.method,
      headers: spec.headers,
      // A fresh connection per check: connect and TLS are part of what is measured, and no
      // socket stays open between polls.
      agent: false,
      ...(secure ? { rejectUnauthorized: true, checkServerIdentity: pinnedIdentity(spec.trust.pins, (cert) => (certificate = cert as CertificateLike)), ...(spec.trust.ca ? { ca: spec.trust.ca } : {}) } : {}),
    };
    const req = (secure ? https : http).request(options);

    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      fn();
      req.destroy();
    };
    const fail = (err: NodeJS.ErrnoException & { cert?: PeerCertificate }, timedOut = false) =>
      finish(() => reject(new RequestFailure(err.code, err.message, phase(), timedOut, times(), err.code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? (err.cert?.subjectaltname ?? null) : null)));
    const timer = clock.setTimeout(() => fail(Object.assign(new Error(`No complete answer within ${spec.timeoutMs} ms.`), { code: 'OPSDECK_DEADLINE' }), true), spec.timeoutMs);

    req.on('socket', (socket: Socket) => {
      socket.once('lookup', () => (lookupAt = performance.now()));
      socket.once('connect', () => {
        connectAt = performance.now();
        remoteAddress = socket.remoteAddress ? `${socket.remoteAddress}:${socket.remotePort}` : null;
      });
      if (secure) {
        socket.once('secureConnect', () => {
          secureAt = performance.now();
          const t = socket as TLSSocket;
          // Only a resumed session skips the identity check that already read the certificate.
          certificate ??= t.getPeerCertificate() as CertificateLike;
          tlsVersion = t.getProtocol();
        });
      }
    });
    req.on('error', (err) => fail(err));
    req.on('response', (res) => {
      responseAt = performance.now();
      const chunks: Buffer[] = [];
      let bytes = 0;
      let kept = 0;
      const done = (truncated: boolean) =>
        finish(() =>
          resolve({
            status: res.statusCode ?? 0,
            httpVersion: res.httpVersion,
            location: typeof res.headers.location === 'string' ? res.headers.location : null,
            body: spec.keepBody ? Buffer.concat(chunks) : null,
            bodyBytes: Math.min(bytes, spec.maxBodyBytes),
            truncated,
            times: times(),
            certificate,
            tlsVersion,
            remoteAddress,
          }),
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
