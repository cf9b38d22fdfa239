// The one way a channel talks HTTP: a POST with an overall deadline (DNS, connect, TLS, upload
// and the whole answer), redirects never followed (a token in a URL goes to one address only),
// TLS always verified, and at most a small answer read. Errors come back as DeliveryErrors.
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { DeliveryError, safeDetail } from './delivery-error';

export interface HttpPostOptions {
  headers?: Record<string, string>;
  /** Overall deadline of the request, from the DNS lookup to the last byte of the answer. */
  timeoutMs: number;
  /** The answer is cut after this many bytes (enough for any service's error text). */
  maxResponseBytes?: number;
  /** Extra CA certificates (PEM) trusted besides the system's, for an internal CA. */
  ca?: string;
  /** Secret values that must never appear in a detail (a token the service may echo). */
  secrets?: readonly string[];
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The answer's text, at most `maxResponseBytes`. */
  body: string;
  elapsedMs: number;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
/** Longest Retry-After honoured: a service asking for more is retried after this. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EADDRNOTAVAIL']);

function isTlsError(code: string | undefined): boolean {
  if (!code) return false;
  return (
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME/.test(code)
  );
}

/** What a host may be told about the destination: its host name only, never the path or query. */
export function hostOf(url: URL): string {
  return url.host;
}

export function postJson(url: URL, body: unknown, opts: HttpPostOptions): Promise<HttpAnswer> {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  return post(url, payload, { ...opts, headers: { 'Content-Type': 'application/json; charset=utf-8', ...opts.headers } });
}

export function post(url: URL, payload: Buffer, opts: HttpPostOptions): Promise<HttpAnswer> {
  const started = Date.now();
  const max = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const secure = url.protocol === 'https:';
  if (!secure && url.protocol !== 'http:') return Promise.reject(new DeliveryError('CHANNEL_INVALID', { detail: url.protocol }));
  const transport = secure ? https : http;
  return new Promise<HttpAnswer>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      fn();
    };
    const request = transport.request(
      url,
      {
        method: 'POST',
        headers: { 'User-Agent': 'OpsDeck', Accept: 'application/json, text/plain;q=0.9, */*;q=0.1', ...opts.headers, 'Content-Length': String(payload.length) },
        // A fresh connection each time: no pooled socket outlives the deadline.
        agent: false,
        ...(secure ? { rejectUnauthorized: true, ...(opts.ca ? { ca: [...tls.rootCertificates, opts.ca] } : {}) } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () =>
          finish(() => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8'), elapsedMs: Date.now() - started }));
        response.on('data', (chunk: Buffer) => {
          if (size >= max) return;
          const room = max - size;
          chunks.push(room >= chunk.length ? chunk : chunk.subarray(0, room));
          size += Math.min(room, chunk.length);
          // Enough read: the status is known, the rest is not worth waiting for.
          if (size >= max) {
            done();
            response.destroy();
          }
        });
        response.on('end', done);
        response.on('error', (err) => finish(() => reject(networkError(err, opts.secrets))));
        response.on('close', done);
      },
    );
    const deadline = setTimeout(() => {
      finish(() => reject(new DeliveryError('TIMEOUT', { retryable: true, detail: `${hostOf(url)} · ${Math.round(opts.timeoutMs / 100) / 10} s` })));
      request.destroy();
    }, opts.timeoutMs);
    deadline.unref?.();
    request.on('error', (err) => finish(() => reject(networkError(err, opts.secrets, url))));
    request.end(payload);
  });
}

function networkError(err: unknown, secrets: readonly string[] = [], url?: URL): DeliveryError {
  const code = (err as NodeJS.ErrnoException)?.code;
  const where = url ? ` · ${hostOf(url)}` : '';
  if (isTlsError(code)) return new DeliveryError('TLS_FAILED', { detail: `${code}${where}` });
  if (code && UNREACHABLE_CODES.has(code)) return new DeliveryError('UNREACHABLE', { retryable: true, detail: `${code}${where}` });
  return new DeliveryError('UNREACHABLE', { retryable: true, detail: safeDetail(`${code ?? (err as Error)?.name ?? 'error'}${where}`, secrets) });
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(trimmed) * 1000));
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - now));
}

/**
 * The usual meaning of an HTTP status for a webhook: 2xx delivered; a redirect refused; 401/403
 * the token is wrong; 404/410 the hook is gone; 408, 425, 429 and 5xx worth another try
 * (after Retry-After when given); any other 4xx the message itself was refused.
 */
export function checkStatus(answer: HttpAnswer, url: URL, opts: { secrets?: readonly string[]; reason?: string | null } = {}): void {
  const { status } = answer;
  if (status >= 200 && status < 300) return;
  const reason = safeDetail(opts.reason ?? answer.body, opts.secrets, 120);
  const detail = `${hostOf(url)} · HTTP ${status}${reason ? ` · ${reason}` : ''}`;
  const retryAfterMs = parseRetryAfter(answer.headers['retry-after'], Date.now());
  if (status >= 300 && status < 400) throw new DeliveryError('REDIRECT_REFUSED', { status, detail: `${hostOf(url)} · HTTP ${status}` });
  if (status === 401 || status === 403) throw new DeliveryError('AUTH_FAILED', { status, detail });
  if (status === 404 || status === 410) throw new DeliveryError('NOT_FOUND', { status, detail });
  if (status === 429) throw new DeliveryError('RATE_LIMITED', { status, retryable: true, retryAfterMs, detail });
  if (status === 408 || status === 425 || status >= 500) throw new DeliveryError('HTTP_STATUS', { status, retryable: true, retryAfterMs, detail });
  throw new DeliveryError('HTTP_STATUS', { status, detail });
}

/** The answer as JSON, or null when it is not JSON. */
export function jsonOf(answer: HttpAnswer): unknown {
  try {
    return JSON.parse(answer.body);
  } catch {
    return null;
  }
}
