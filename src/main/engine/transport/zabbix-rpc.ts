// A client of Zabbix's JSON-RPC API (api_jsonrpc.php). It asks `apiinfo.version` first, without
// credentials, and sends the token as that version requires: in the `auth` field before 6.4,
// as `Authorization: Bearer` from 6.4 (7.2 removed the field). An HTTP 200 carrying a JSON-RPC
// `error` is a failure; an expired session re-logs in exactly once (user/password login only).
import http from 'node:http';
import https from 'node:https';
import { OpsError } from '../../../shared/errors';

export type ZabbixCredentials = { token: string } | { user: string; password: string };

/** How credentials travel for a server version. */
export interface ZabbixAuthStyle {
  /** 'field': the `auth` member of the request; 'header': Authorization: Bearer. */
  carrier: 'field' | 'header';
  /** user.login's name for the login: `user` before 5.4, `username` from 5.4 (6.4 removed `user`). */
  loginParam: 'user' | 'username';
  /** API tokens exist from 5.4. */
  tokens: boolean;
}

export function parseZabbixVersion(text: string): [number, number, number] | null {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

const atLeast = (v: [number, number, number], major: number, minor: number) => v[0] > major || (v[0] === major && v[1] >= minor);

export function authStyleFor(version: string): ZabbixAuthStyle {
  const v = parseZabbixVersion(version);
  if (!v) throw new OpsError('PROTOCOL', `The server said its API version is "${version.slice(0, 40)}", which is not a Zabbix version.`, { reason: 'not-zabbix' });
  return {
    // 6.4 and 7.0 take both; the header is the one that keeps working on 7.2 and later.
    carrier: atLeast(v, 6, 4) ? 'header' : 'field',
    loginParam: atLeast(v, 5, 4) ? 'username' : 'user',
    tokens: atLeast(v, 5, 4),
  };
}

/** The request body and headers for one call, for a server whose auth style is known. */
export function buildRequest(style: ZabbixAuthStyle, method: string, params: unknown, id: number, auth: string | null): { body: Record<string, unknown>; headers: Record<string, string> } {
  const body: Record<string, unknown> = { jsonrpc: '2.0', method, params, id };
  const headers: Record<string, string> = { 'content-type': 'application/json-rpc' };
  if (auth !== null) {
    if (style.carrier === 'header') headers.authorization = `Bearer ${auth}`;
    else body.auth = auth;
  }
  return { body, headers };
}

// Messages Zabbix answers with when the credentials are not (or no longer) good.
const SESSION_GONE = /session terminated|re-login|not authori[sz]ed|session.*expired/i;
const BAD_LOGIN = /incorrect user name or password|login name or password is incorrect|api token expired|not authori[sz]ed|account is blocked|no permissions/i;

export interface ZabbixRpcOptions {
  url: string;
  credentials: ZabbixCredentials;
  timeoutMs?: number;
  /** PEM of a CA for an internal HTTPS frontend; verification is never turned off. */
  ca?: string;
  maxBytes?: number;
}

interface RpcError {
  code: number;
  message: string;
  data?: string;
}

export class ZabbixRpc {
  private style: ZabbixAuthStyle | null = null;
  private versionText: string | null = null;
  private session: string | null = null;
  private nextId = 1;
  /** Logins done, for tests of the re-login rule. */
  logins = 0;

  constructor(private readonly opts: ZabbixRpcOptions) {}

  /** apiinfo.version, asked once per client and without credentials (6.4+ refuse them there). */
  async version(): Promise<string> {
    if (this.versionText) return this.versionText;
    const result = await this.send('apiinfo.version', [], null, { carrier: 'field', loginParam: 'username', tokens: true });
    if (typeof result !== 'string') throw new OpsError('PROTOCOL', `${this.where()} answered apiinfo.version without a version: it is not a Zabbix API.`, { reason: 'not-zabbix' });
    this.style = authStyleFor(result);
    this.versionText = result;
    return result;
  }

  async call<T>(method: string, params: unknown): Promise<T> {
    await this.version();
    const style = this.style!;
    const creds = this.opts.credentials;
    if ('token' in creds) {
      if (!style.tokens) throw new OpsError('AUTH_FAILED', `Zabbix ${this.versionText} has no API tokens (they came in 5.4). Use a user name and password.`, { reason: 'tokens-unsupported' });
      return (await this.send(method, params, creds.token, style)) as T;
    }
    const fresh = this.session === null;
    if (fresh) await this.login();
    try {
      return (await this.send(method, params, this.session, style)) as T;
    } catch (err) {
      // A session that expired on the server: log in again once, then give up with the error.
      if (fresh || !(err instanceof OpsError) || err.code !== 'AUTH_FAILED' || err.data?.reason !== 'session') throw err;
      this.session = null;
      await this.login();
      return (await this.send(method, params, this.session, style)) as T;
    }
  }

  private async login(): Promise<void> {
    const creds = this.opts.credentials as { user: string; password: string };
    const style = this.style!;
    this.logins += 1;
    const result = await this.send('user.login', { [style.loginParam]: creds.user, password: creds.password }, null, style);
    if (typeof result !== 'string') throw new OpsError('PROTOCOL', `${this.where()} answered user.login without a session.`, { reason: 'not-zabbix' });
    this.session = result;
  }

  private where(): string {
    try {
      const u = new URL(this.opts.url);
      return `The Zabbix API at ${u.host}`;
    } catch {
      return 'The Zabbix API';
    }
  }

  private async send(method: string, params: unknown, auth: string | null, style: ZabbixAuthStyle): Promise<unknown> {
    const { body, headers } = buildRequest(style, method, params, this.nextId++, auth);
    const { status, text } = await postJson(this.opts, JSON.stringify(body), headers);
    type Reply = { jsonrpc?: string; result?: unknown; error?: RpcError };
    let json: Reply | null;
    try {
      json = JSON.parse(text) as Reply | null;
    } catch {
      json = null;
    }
    if (!json || typeof json !== 'object' || json.jsonrpc !== '2.0') {
      if (status !== 200) throw new OpsError('PROTOCOL', `${this.where()} answered HTTP ${status}. Check the address: it should end in /api_jsonrpc.php.`, { reason: 'http-status', status });
      throw new OpsError('PROTOCOL', `${this.where()} did not answer in JSON-RPC: the address is not a Zabbix API (it should end in /api_jsonrpc.php).`, { reason: 'not-zabbix' });
    }
    if (json.error) {
      const detail = `${json.error.message} ${json.error.data ?? ''}`.trim();
      if (auth !== null && SESSION_GONE.test(detail)) throw new OpsError('AUTH_FAILED', `${this.where()} refused the session or token: ${detail}`, { reason: 'session' });
      if (BAD_LOGIN.test(detail)) throw new OpsError('AUTH_FAILED', `${this.where()} refused the login: ${detail}`, { reason: 'refused' });
      throw new OpsError('SOURCE_API_ERROR', `${this.where()} answered ${method} with an error: ${detail}`, { method, apiCode: json.error.code, detail: detail.slice(0, 300) });
    }
    if (!('result' in json)) throw new OpsError('PROTOCOL', `${this.where()} answered ${method} with neither a result nor an error.`, { reason: 'not-zabbix' });
    return json.result;
  }
}

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

function postJson(opts: ZabbixRpcOptions, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    return Promise.reject(new OpsError('BAD_TARGET', `"${opts.url}" is not a URL. Write it as http://zabbix.example/api_jsonrpc.php.`));
  }
  const lib = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
  if (!lib) return Promise.reject(new OpsError('BAD_TARGET', `"${opts.url}" is not an http:// or https:// address.`));
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const where = url.host;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body), 'user-agent': 'OpsDeck' },
        ...(opts.ca ? { ca: opts.ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) {
            req.destroy(new OpsError('TOO_LARGE', `The Zabbix API at ${where} sent more than ${Math.round(maxBytes / 1048576)} MB for one call.`, { limitBytes: maxBytes }));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => reject(networkError(e, where)));
      },
    );
    // One deadline for the whole call: connect, TLS, the server's work and the body.
    const timer = setTimeout(() => req.destroy(new OpsError('TIMEOUT', `The Zabbix API at ${where} did not answer within ${Math.round(timeoutMs / 1000)} s.`, { timeoutMs })), timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', (e) => reject(networkError(e, where)));
    req.end(body);
  });
}

function networkError(e: Error, where: string): OpsError {
  if (e instanceof OpsError) return e;
  const code = (e as NodeJS.ErrnoException).code ?? '';
  if (code === 'ECONNREFUSED') return new OpsError('UNREACHABLE', `Nothing listens at ${where}: the connection was refused. Check the address and port of the Zabbix frontend.`, { reason: 'refused' });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new OpsError('UNREACHABLE', `The name in ${where} does not resolve (DNS).`, { reason: 'dns' });
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new OpsError('UNREACHABLE', `${where} cannot be reached (${code}).`, { reason: code.toLowerCase() });
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) return new OpsError('TLS_FAILED', `The HTTPS certificate of ${where} was not accepted (${code}). Give the CA of the frontend in the source's settings.`, { reason: code });
  return new OpsError('UNREACHABLE', `The connection to ${where} failed (${code || e.message}).`, { reason: code || 'network' });
}
