// One HTTP(S) endpoint check: the request (and its redirects, bounded), then what the answer must
// be — an accepted status, a keyword, a JSON field — and the certificate's days left. Phase times
// add up over the hops, so a redirect's cost is in the numbers the person sees. A poll may reuse
// the endpoint's kept connection (transport/kept-connection.ts): then it measures no DNS, connect
// or TLS, says "reused", and shows the certificate that connection's handshake read, and when.
import fs from 'node:fs';
import { ENGINE_VERSION } from '../version';
import { certificateSummary, type CertificateSummary } from '../parsers/certificate';
import { methodAfterRedirect, parseExpectedStatus, REDIRECT_STATUSES, statusAccepted, statusRangesText, statusReason } from '../parsers/http-expect';
import { parseHeaderLines } from '../parsers/http-headers';
import { jsonValueText, parseJsonPath, readJsonPath } from '../parsers/json-path';
import { normalizePin } from '../parsers/spki-pin';
import { inspectCertificate } from '../transport/tls-inspect';
import { RequestFailure, requestOnce, type HttpRequestSpec, type HttpResponseInfo, type RequestTimes } from '../transport/http-probe';
import type { KeptConnection } from '../transport/kept-connection';
import type { KindContext } from './check-kind';
import { checkDeadlineMs, printable, requestFailure, settingFailure, type EndpointFailure, type EndpointOutcome } from './endpoint-common';
import type { HttpConfig } from './http-config';

const USER_AGENT = `OpsDeck/${ENGINE_VERSION} (endpoint check)`;
const INSPECT_TIMEOUT_MS = 3_000;

interface Totals {
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  firstByteMs: number | null;
}

function add(totals: Totals, times: RequestTimes): void {
  for (const key of ['dnsMs', 'connectMs', 'tlsMs', 'firstByteMs'] as const) {
    const v = times[key];
    if (v !== null) totals[key] = Math.round(((totals[key] ?? 0) + v) * 100) / 100;
  }
}

function portOf(url: URL): number {
  return url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** The credentials header for the configured origin only: a redirect elsewhere never gets it. */
function authHeaders(config: HttpConfig, secret: string | null): Record<string, string> {
  if (config.auth === 'none' || secret === null || secret === '') return {};
  if (config.auth === 'bearer') return { authorization: `Bearer ${secret}` };
  if (config.auth === 'basic') return { authorization: `Basic ${Buffer.from(`${config.username ?? ''}:${secret}`, 'utf8').toString('base64')}` };
  return { [config.authHeader!.toLowerCase()]: secret };
}

/** An address without its query and fragment: redirects may carry tokens in the query. */
function shownUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

type StatusRanges = NonNullable<ReturnType<typeof parseExpectedStatus>>;

interface PreparedCheck {
  first: URL;
  pins: string[] | undefined;
  extra: Record<string, string>;
  expected: StatusRanges;
}

// What the settings say, worked out once per settings object (a collector keeps its own) instead of every poll.
const preparedChecks = new WeakMap<HttpConfig, PreparedCheck>();

function prepared(config: HttpConfig): PreparedCheck {
  let p = preparedChecks.get(config);
  if (!p) {
    const headerLines = parseHeaderLines(config.headers);
    p = {
      first: new URL(config.url),
      pins: config.pin ? [normalizePin(config.pin)!] : undefined,
      extra: headerLines.ok ? Object.fromEntries(headerLines.headers.map((h) => [h.name.toLowerCase(), h.value])) : {},
      expected: parseExpectedStatus(config.expectStatus)!,
    };
    preparedChecks.set(config, p);
  }
  return p;
}

/** `kept`: the endpoint's connection between polls; without it (the add form's test) every request connects afresh. */
export async function runHttpCheck(config: HttpConfig, ctx: KindContext, secret: () => Promise<string | null>, kept?: KeptConnection): Promise<EndpointOutcome> {
  const ts = ctx.clock.now();
  const started = performance.now();
  const deadlineMs = checkDeadlineMs(config.timeoutSeconds, ctx.intervalMs);
  const { first, pins, extra, expected } = prepared(config);
  const totals: Totals = { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null };
  const notes: EndpointOutcome['notes'] = [];
  let response: HttpResponseInfo | null = null;
  let certificate: CertificateSummary | null = null;
  let certReadAt: number | null = null;
  let firstReused: boolean | null = null;
  let failure: EndpointFailure | null = null;
  let redirects = 0;
  let url = first;

  const outcome = (): EndpointOutcome => {
    const status = response?.status ?? null;
    return {
      ts,
      elapsedMs: performance.now() - started,
      metrics: {
        'http.up': failure ? 0 : 1,
        'http.status': status,
        'http.responseMs': status !== null ? Math.round((performance.now() - started) * 100) / 100 : null,
        'http.dnsMs': totals.dnsMs,
        'http.connectMs': totals.connectMs,
        'http.tlsMs': totals.tlsMs,
        'http.firstByteMs': totals.firstByteMs,
        'http.redirects': redirects,
        'http.bodyBytes': response?.bodyBytes ?? null,
        'tls.daysLeft': certificate?.daysLeft ?? null,
      },
      facts: {
        finalUrl: shownUrl(url),
        httpVersion: response ? `HTTP/${response.httpVersion}` : null,
        tlsVersion: response?.connection.tlsVersion ?? null,
        connection: firstReused === null ? null : firstReused ? 'reused' : 'new',
        certSubject: certificate?.subject ?? null,
        certIssuer: certificate?.issuer ?? null,
        certExpires: certificate?.notAfter ?? null,
        certReadAt: certificate && certReadAt !== null ? new Date(certReadAt).toISOString() : null,
        remoteAddress: response?.connection.remoteAddress ?? null,
      },
      notes,
      failure,
    };
  };

  let ca: string | undefined;
  if (config.caFile) {
    try {
      ca = fs.readFileSync(config.caFile, 'utf8');
    } catch {
      failure = settingFailure('caFile', `The CA certificate file ${config.caFile} could not be read.`);
      return outcome();
    }
  }
  const credentials = authHeaders(config, await secret());
  const keepBody = config.keyword !== null || config.jsonPath !== null;
  let method: string = config.method;
  let body = config.body;

  for (;;) {
    const remaining = deadlineMs - (performance.now() - started);
    const sameHost = hostOf(url) === hostOf(first);
    const trust = sameHost ? { ...(ca ? { ca } : {}), ...(pins ? { pins } : {}) } : {};
    const spec: HttpRequestSpec = {
      url,
      method,
      headers: {
        'user-agent': USER_AGENT,
        accept: '*/*',
        ...extra,
        ...(url.origin === first.origin ? credentials : {}),
        ...(body !== null ? { 'content-type': extra['content-type'] ?? 'application/json' } : {}),
      },
      body,
      trust,
      timeoutMs: Math.max(1, remaining),
      maxBodyBytes: config.maxBodyKiB * 1024,
      keepBody,
      agent: kept?.agentFor(url, method, trust),
    };
    try {
      response = await requestOnceOrAfresh(spec, kept, started, deadlineMs, ctx);
    } catch (err) {
      if (!(err instanceof RequestFailure)) throw err;
      // Whatever failed, the next check starts from a new connection.
      if (spec.agent) kept?.drop();
      add(totals, err.times);
      failure = requestFailure(err, { host: hostOf(url), port: portOf(url), deadlineMs });
      if (failure.code === 'TLS_FAILED') certificate = await explainCertificate(url, sameHost ? ca : undefined, failure, ts);
      return outcome();
    }
    if (spec.agent && !response.reused) kept?.opened(response.connection.openedAt);
    firstReused ??= response.reused;
    add(totals, response.times);
    // The configured host's certificate is the one watched; another host's only if it is the first seen.
    // Days left count from now, from the certificate the connection's handshake read.
    if (response.connection.certificate && (sameHost || certificate === null)) {
      certificate = certificateSummary(response.connection.certificate, ts);
      certReadAt = response.connection.openedAt;
    }
    if (!config.followRedirects || !REDIRECT_STATUSES.has(response.status) || response.location === null) break;
    let next: URL;
    try {
      next = new URL(response.location, url);
    } catch {
      break;
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') break;
    if (redirects >= config.maxRedirects) {
      failure = { code: 'TOO_MANY_REDIRECTS', message: `More than ${config.maxRedirects} redirects; the last pointed to ${shownUrl(next)}.`, data: { max: config.maxRedirects, location: shownUrl(next) }, down: true };
      return outcome();
    }
    redirects += 1;
    method = methodAfterRedirect(response.status, method);
    if (method === 'GET' || method === 'HEAD') body = null;
    url = next;
  }

  if (response.truncated) notes.push({ code: 'HTTP_BODY_TRUNCATED', data: { limitKiB: config.maxBodyKiB } });
  failure = judgeAnswer(config, expected, response);
  return outcome();
}

/**
 * The request; when it failed on a reused connection before any answer (the server had closed
 * the idle connection: a reset, a hang-up), once more on a fresh one, which then reports exactly
 * what a new connection meets (refused, a changed certificate).
 */
async function requestOnceOrAfresh(spec: HttpRequestSpec, kept: KeptConnection | undefined, started: number, deadlineMs: number, ctx: KindContext): Promise<HttpResponseInfo> {
  try {
    return await requestOnce(spec, ctx.clock);
  } catch (err) {
    if (!(err instanceof RequestFailure) || !err.reused || !kept || !spec.agent) throw err;
    kept.drop();
    const again = { ...spec, agent: kept.agentFor(spec.url, spec.method, spec.trust), timeoutMs: Math.max(1, deadlineMs - (performance.now() - started)) };
    return requestOnce(again, ctx.clock);
  }
}

/** The answer against what the check expects: status first, then keyword, then the JSON field. */
function judgeAnswer(config: HttpConfig, expected: StatusRanges, response: HttpResponseInfo): EndpointFailure | null {
  if (!statusAccepted(expected, response.status)) {
    const reason = statusReason(response.status);
    return {
      code: 'HTTP_STATUS',
      message: `The endpoint answered HTTP ${response.status}; the check accepts ${statusRangesText(expected)}.`,
      data: { status: response.status, expected: statusRangesText(expected), reason, ...(reason === 'redirect' && response.location ? { location: printable(response.location, 300) } : {}) },
      down: true,
    };
  }
  const text = response.body?.toString('utf8') ?? '';
  if (config.keyword !== null && !text.includes(config.keyword)) {
    return {
      code: 'KEYWORD_MISSING',
      message: `The answer does not contain "${config.keyword}"${response.truncated ? ` in its first ${config.maxBodyKiB} KiB` : ''}.`,
      data: { keyword: config.keyword, truncated: response.truncated ? 1 : 0, limitKiB: config.maxBodyKiB },
      down: true,
    };
  }
  if (config.jsonPath !== null) return judgeJson(config, text, response.truncated);
  return null;
}

function judgeJson(config: HttpConfig, text: string, truncated: boolean): EndpointFailure | null {
  const path = config.jsonPath!;
  const fail = (reason: string, message: string, more: Record<string, string> = {}): EndpointFailure => ({
    code: 'JSON_PATH_FAILED',
    message,
    data: { path, reason, limitKiB: config.maxBodyKiB, ...(config.jsonExpect !== null ? { expected: config.jsonExpect } : {}), ...more },
    down: true,
  });
  if (truncated) return fail('truncated', `The answer is larger than ${config.maxBodyKiB} KiB, so ${path} cannot be read.`);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return fail('notJson', `The answer is not JSON, so ${path} cannot be read.`);
  }
  const found = readJsonPath(document, parseJsonPath(path)!);
  if (!found.found) return fail('missing', `The answer has no ${path}.`);
  const actual = jsonValueText(found.value);
  if (config.jsonExpect !== null && actual !== config.jsonExpect) return fail('mismatch', `${path} is ${printable(actual)}, not ${config.jsonExpect}.`, { actual: printable(actual) });
  return null;
}

/** After a refused certificate: read it (without trusting it) to say when it expired, whom it names, who signed it. */
async function explainCertificate(url: URL, ca: string | undefined, failure: EndpointFailure, now: number): Promise<CertificateSummary | null> {
  const seen = await inspectCertificate(hostOf(url), portOf(url), INSPECT_TIMEOUT_MS, ca);
  const summary = seen ? certificateSummary(seen.certificate, now) : null;
  if (summary) {
    Object.assign(failure.data, {
      ...(summary.notAfter ? { notAfter: summary.notAfter } : {}),
      ...(summary.daysLeft !== null ? { daysLeft: summary.daysLeft } : {}),
      ...(summary.subject ? { subject: summary.subject } : {}),
      ...(summary.issuer ? { issuer: summary.issuer } : {}),
      ...(summary.names && failure.data.names === undefined ? { names: summary.names } : {}),
    });
  }
  return summary;
}
