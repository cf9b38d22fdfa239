// Reads the certificate a server presents, to REPORT why it was refused (expired on which date,
// self-signed, issued for which names). The one place in OpsDeck that connects without
// rejecting an unverified certificate: it sends nothing, reads the certificate, closes, and its
// result never makes a check pass (the check has already failed on a verifying connection).
import tls, { type DetailedPeerCertificate } from 'node:tls';
import { isIP } from 'node:net';
import type { CertificateLike } from '../parsers/certificate';

export interface InspectedCertificate {
  certificate: CertificateLike;
  /** The chain ends in a certificate that signed itself and is not trusted here. */
  selfSigned: boolean;
}

export function inspectCertificate(host: string, port: number, timeoutMs: number, ca?: string): Promise<InspectedCertificate | null> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host,
      port,
      ...(isIP(host) === 0 ? { servername: host } : {}),
      ...(ca ? { ca } : {}),
      // Report only: nothing is written on this connection and its answer cannot pass a check.
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => done(null), timeoutMs);
    timer.unref();
    function done(result: InspectedCertificate | null) {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    }
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate(true) as DetailedPeerCertificate;
      if (!cert || !cert.valid_to) return done(null);
      let root = cert;
      for (let i = 0; i < 10 && root.issuerCertificate && root.issuerCertificate !== root; i += 1) root = root.issuerCertificate;
      done({ certificate: cert, selfSigned: root.fingerprint256 === cert.fingerprint256 || String(socket.authorizationError) === 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    });
    socket.once('error', () => done(null));
  });
}
