// The HTTP client of the Prometheus source: GET one API path, with bearer or basic auth and a
// custom CA, under a deadline and a body size limit. Every way it fails is one stable code:
// refused or unknown host (UNREACHABLE), 401/403 (AUTH_FAILED), TLS (TLS_FAILED), an answer
// that is not Prometheus's API (NOT_PROMETHEUS), and HTTP 200 with status "error" (SOURCE_ERROR).
import http from 'node:http';
import https from 'node:https';
import { OpsError, serviceDown } from '../../../shared/errors';

export interface PrometheusEndpoint {
  /** http(s)://host:port[/prefix], no trailing slash needed. */
  baseUrl: string;
  auth: 'none' | 'bearer' | 'basic';
  user?: string;
  /** The bearer token or the basic password; read from the secret store, never logged. */
  secret?: string | null;
  /** PEM of a CA to trust besides the system's, for an internal CA. */
  ca?: string;
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ALTNAME|DEPTH_ZERO/;

function networkError(err: NodeJS.ErrnoException, url: URL): OpsError {
  const code = err.code ?? '';
  if (TLS_CODES.test(code)) return new OpsError('TLS_FAILED', `The TLS connection to ${url.host} failed (${code}). For an internal CA, give its certificate.`, { reason: code });
  const refused = code === 'ECONNREFUSED';
  const e = new OpsError('UNREACHABLE', refused ? `Nothing accepts connections at ${url.host}. Check the address and port, and that Prometheus runs.` : `${url.host} cannot be reached (${code || err.message}).`, { reason: code || 'network', address: url.host });
  return refused ? serviceDown(e) : e;
}

/** GET `path` (with query) and return the API's `data`; rejects with an OpsError. */
export function prometheusGet<T>(endpoint: PrometheusEndpoint, path: string, opts: { timeoutMs: number; maxBytes: number; signal?: AbortSignal }): Promise<T> {
  let url: URL;
  try {
    url = new URL(endpoint.baseUrl.replace(/\/+$/, '') + path);
  } catch {
    return Promise.reject(new OpsError('CHECK_INVALID', `"${endpoint.baseUrl}" is not an http:// or https:// address.`, { field: 'url' }));
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  if (endpoint.auth === 'bearer' && endpoint.secret) headers.authorization = `Bearer ${endpoint.secret}`;
  if (endpoint.auth === 'basic') headers.authorization = `Basic ${Buffer.from(`${endpoint.user ?? ''}:${endpoint.secret ?? ''}`).toString('base64')}`;
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise<T>((resolve, reject) => {
    const req = lib.request(url, { method: 'GET', headers, ...(url.protocol === 'https:' && endpoint.ca ? { ca: endpoint.ca } : {}), signal: opts.signal, timeout: opts.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > opts.maxBytes) {
          req.destroy(new OpsError('TOO_LARGE', `Prometheus answered ${url.pathname} with more than ${opts.maxBytes} bytes.`, { limit: opts.maxBytes }));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status === 401 || status === 403) {
          reject(new OpsError('AUTH_FAILED', `Prometheus refused the credentials (HTTP ${status}). Check the token or the user and password.`, { status }));
          return;
        }
        let body: { status?: unknown; data?: unknown; error?: unknown; errorType?: unknown };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          reject(new OpsError('NOT_PROMETHEUS', `${url.host} answered ${url.pathname} with HTTP ${status} and no JSON: it is not a Prometheus API.`, { status }));
          return;
        }
        if (body === null || typeof body !== 'object' || (body.status !== 'success' && body.status !== 'error')) {
          reject(new OpsError('NOT_PROMETHEUS', `${url.host} answered ${url.pathname} with JSON that is not Prometheus's API (no "status").`, { status }));
          return;
        }
        // Prometheus sends 4xx/5xx with status "error", and some proxies send 200 with it: both are failures.
        if (body.status === 'error') {
          const errorType = typeof body.errorType === 'string' ? body.errorType : 'unknown';
          reject(new OpsError('SOURCE_ERROR', `Prometheus answered with an error (${errorType}): ${String(body.error ?? '')}`.slice(0, 500), { errorType, status }));
          return;
        }
        resolve(body.data as T);
      });
      res.on('error', (err) => reject(err instanceof OpsError ? err : networkError(err, url)));
    });
    req.on('timeout', () => req.destroy(new OpsError('TIMEOUT', `Prometheus at ${url.host} did not answer within ${opts.timeoutMs} ms.`, { ms: opts.timeoutMs })));
    req.on('error', (err) => reject(err instanceof OpsError ? err : networkError(err as NodeJS.ErrnoException, url)));
    req.end();
  });
}
