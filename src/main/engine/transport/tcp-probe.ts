// One TCP connection to host:port, timed with the socket's own events (DNS lookup, connect), and
// optionally the first bytes the service says unprompted (a banner: "SSH-2.0-...", "220 ...").
// Nothing is ever written. Failures are RequestFailure with the step reached.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Clock } from '../core/clock';
import { RequestFailure, type RequestTimes } from './http-probe';

export interface TcpProbeSpec {
  host: string;
  port: number;
  timeoutMs: number;
  /** Text the service's first line must contain, within the deadline; null: connecting is enough. */
  expectBanner: string | null;
}

export interface TcpProbeResult {
  dnsMs: number | null;
  connectMs: number;
  /** What the service sent (up to 1 KiB) while waiting for the banner; null when none was asked for. */
  banner: string | null;
  /** The expected banner arrived. */
  bannerMatched: boolean;
  remoteAddress: string | null;
}

const BANNER_MAX = 1024;
const round = (ms: number) => Math.round(ms * 100) / 100;

export function tcpProbe(spec: TcpProbeSpec, clock: Clock): Promise<TcpProbeResult> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const literal = net.isIP(spec.host) !== 0;
    let lookupAt: number | null = null;
    let connectAt: number | null = null;
    let settled = false;
    let received = '';
    let remoteAddress: string | null = null;
    const socket = net.connect({ host: spec.host, port: spec.port });
    const times = (): RequestTimes => ({
      dnsMs: lookupAt === null ? null : round(lookupAt - start),
      connectMs: connectAt === null ? null : round(connectAt - (lookupAt ?? start)),
      tlsMs: null,
      firstByteMs: null,
      totalMs: round(performance.now() - start),
    });
    const phase = () => (!literal && lookupAt === null ? 'dns' : connectAt === null ? 'connect' : 'firstByte');
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      socket.destroy();
      fn();
    };
    const result = (matched: boolean): TcpProbeResult => {
      const t = times();
      return { dnsMs: t.dnsMs, connectMs: t.connectMs ?? 0, banner: spec.expectBanner === null ? null : received, bannerMatched: matched, remoteAddress };
    };
    const timer = clock.setTimeout(() => {
      // Connected, but the banner never came: the service took the call and said nothing (or something else).
      if (connectAt !== null) settle(() => resolve(result(false)));
      else settle(() => reject(new RequestFailure('OPSDECK_DEADLINE', `No connection within ${spec.timeoutMs} ms.`, phase(), true, times())));
    }, spec.timeoutMs);
    socket.once('lookup', () => (lookupAt = performance.now()));
    socket.once('connect', () => {
      connectAt = performance.now();
      remoteAddress = socket.remoteAddress ? `${socket.remoteAddress}:${socket.remotePort}` : null;
      if (spec.expectBanner === null) settle(() => resolve(result(true)));
    });
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received = (received + chunk).slice(0, BANNER_MAX);
      if (spec.expectBanner !== null && received.includes(spec.expectBanner)) settle(() => resolve(result(true)));
      // The banner is the first line: once it is complete without the text, it will not come.
      else if (received.includes('\n') || received.length >= BANNER_MAX) settle(() => resolve(result(false)));
    });
    socket.once('end', () => settle(() => resolve(result(false))));
    socket.once('error', (err: NodeJS.ErrnoException) => settle(() => reject(new RequestFailure(err.code, err.message, phase(), false, times()))));
  });
}
