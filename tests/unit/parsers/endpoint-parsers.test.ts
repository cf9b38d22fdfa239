// The pure parts of the endpoint checks: accepted statuses, JSON paths, header lines, key pins,
// what a network error means (DOWN or UNKNOWN), and the certificate summary. Fuzzed where a
// person types the input: nothing a form can send makes them throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certificateSummary, distinguishedName } from '../../../src/main/engine/parsers/certificate';
import { methodAfterRedirect, parseExpectedStatus, statusAccepted, statusRangesText, statusReason } from '../../../src/main/engine/parsers/http-expect';
import { parseHeaderLines } from '../../../src/main/engine/parsers/http-headers';
import { jsonValueText, parseJsonPath, readJsonPath } from '../../../src/main/engine/parsers/json-path';
import { classifyNetworkError, timeoutFailure } from '../../../src/main/engine/parsers/network-failure';
import { normalizePin } from '../../../src/main/engine/parsers/spki-pin';

describe('accepted statuses', () => {
  it('reads codes, ranges and classes, and writes them back plainly', () => {
    const ranges = parseExpectedStatus('200, 301-302 ,4xx')!;
    expect(ranges).toEqual([[200, 200], [301, 302], [400, 499]]);
    expect(statusRangesText(ranges)).toBe('200, 301-302, 400-499');
    expect([200, 301, 302, 404].every((s) => statusAccepted(ranges, s))).toBe(true);
    expect([201, 303, 500].some((s) => statusAccepted(ranges, s))).toBe(false);
  });

  it('refuses what is not a status list', () => {
    for (const bad of ['', 'ok', '200-', '299-200', '99', '600', '2000', '200,,201', '6xx', '200;201']) expect(parseExpectedStatus(bad), bad).toBeNull();
  });

  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (text) => {
      const r = parseExpectedStatus(text);
      return r === null || r.every(([a, b]) => a >= 100 && b <= 599 && a <= b);
    }));
  });

  it('says why a status is wrong, and changes the method after a redirect as browsers do', () => {
    expect([401, 403, 407, 301, 404, 502, 600].map(statusReason)).toEqual(['auth', 'auth', 'auth', 'redirect', 'client', 'server', 'other']);
    expect(methodAfterRedirect(303, 'POST')).toBe('GET');
    expect(methodAfterRedirect(302, 'POST')).toBe('GET');
    expect(methodAfterRedirect(307, 'POST')).toBe('POST');
    expect(methodAfterRedirect(303, 'HEAD')).toBe('HEAD');
  });
});

describe('JSON paths', () => {
  const doc = { status: 'UP', checks: [{ state: 'ok' }, { state: 'degraded' }], 'db-primary': { up: true }, count: 0, none: null };

  it('reads dotted names, indexes and quoted names, with or without the leading $', () => {
    expect(readJsonPath(doc, parseJsonPath('$.status')!)).toEqual({ found: true, value: 'UP' });
    expect(readJsonPath(doc, parseJsonPath('checks[1].state')!)).toEqual({ found: true, value: 'degraded' });
    expect(readJsonPath(doc, parseJsonPath("$['db-primary'].up")!)).toEqual({ found: true, value: true });
    expect(readJsonPath(doc, parseJsonPath('$["count"]')!)).toEqual({ found: true, value: 0 });
    expect(readJsonPath(doc, parseJsonPath('$.none')!)).toEqual({ found: true, value: null });
  });

  it('says a missing field, index or step into a non-object is not found', () => {
    for (const p of ['$.nope', '$.checks[5].state', '$.status.length', '$.checks.state', '$.__proto__']) expect(readJsonPath(doc, parseJsonPath(p)!), p).toEqual({ found: false });
  });

  it('refuses filters, wildcards and other JSONPath it does not run', () => {
    for (const bad of ['', '$', '$..status', '$.checks[*]', '$.checks[?(@.state)]', '$.a b', '$[-1]']) expect(parseJsonPath(bad), bad).toBeNull();
  });

  it('compares values as a person types them', () => {
    expect([jsonValueText('UP'), jsonValueText(3), jsonValueText(true), jsonValueText(null), jsonValueText({ a: 1 })]).toEqual(['UP', '3', 'true', 'null', '{"a":1}']);
  });

  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (text) => {
      const path = parseJsonPath(text);
      if (path) readJsonPath(doc, path);
      return true;
    }));
  });
});

describe('request header lines', () => {
  it('reads one "Name: value" per line, skipping blank lines', () => {
    expect(parseHeaderLines('Accept-Language: ko\n\n X-Trace : 1 \r\n')).toEqual({ ok: true, headers: [{ name: 'Accept-Language', value: 'ko' }, { name: 'X-Trace', value: '1' }] });
  });

  it('refuses credentials (they belong in the secret), managed headers and broken lines', () => {
    expect(parseHeaderLines('X-A: 1\nAuthorization: Bearer x')).toEqual({ ok: false, line: 2, reason: 'credential' });
    expect(parseHeaderLines('cookie: a=b')).toMatchObject({ ok: false, reason: 'credential' });
    expect(parseHeaderLines('Host: other.example')).toMatchObject({ ok: false, reason: 'managed' });
    expect(parseHeaderLines('no colon here')).toMatchObject({ ok: false, line: 1, reason: 'syntax' });
    expect(parseHeaderLines('Bad Name: x')).toMatchObject({ ok: false, reason: 'syntax' });
  });
});

describe('public key pins', () => {
  const b64 = 'pL1+qb9HTMRZJmuC/bB/ZI9d302BYrrqiVuRyW+DGrU=';
  const hex = Buffer.from(b64, 'base64').toString('hex');

  it('reads the sha256/ form, bare base64 and hex with or without colons', () => {
    expect(normalizePin(`sha256/${b64}`)).toBe(b64);
    expect(normalizePin(b64)).toBe(b64);
    expect(normalizePin(hex)).toBe(b64);
    expect(normalizePin(hex.toUpperCase().replace(/(..)(?!$)/g, '$1:'))).toBe(b64);
  });

  it('refuses what is not a SHA-256 digest', () => {
    for (const bad of ['', 'sha1/abc', hex.slice(2), `${b64}x`, 'sha256/']) expect(normalizePin(bad), bad).toBeNull();
  });

  it('agrees with Node on every 32-byte digest', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => normalizePin(Buffer.from(bytes).toString('hex')) === Buffer.from(bytes).toString('base64')));
  });
});

describe('what a failed request means', () => {
  it('is DOWN when the service side answered: refused, dropped, a refused certificate, a missing name', () => {
    expect(classifyNetworkError('ECONNREFUSED', '')).toEqual({ code: 'CONNECTION_REFUSED', down: true });
    expect(classifyNetworkError('ECONNRESET', '')).toMatchObject({ code: 'PROTOCOL', reason: 'closed', down: true });
    expect(classifyNetworkError(undefined, 'socket hang up')).toMatchObject({ code: 'PROTOCOL', reason: 'closed' });
    expect(classifyNetworkError('HPE_INVALID_CONSTANT', '')).toMatchObject({ code: 'PROTOCOL', reason: 'malformed' });
    expect(classifyNetworkError('ENOTFOUND', '')).toEqual({ code: 'DNS_FAILED', reason: 'notFound', down: true });
    const tls = ['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_OPSDECK_PIN_MISMATCH', 'ERR_SSL_WRONG_VERSION_NUMBER'];
    expect(tls.map((c) => (classifyNetworkError(c, '') as { reason: string }).reason)).toEqual(['expired', 'notYetValid', 'selfSigned', 'untrustedCa', 'untrustedCa', 'wrongName', 'pinMismatch', 'handshake']);
  });

  it('is UNKNOWN when nothing answered: no route, a resolver that cannot answer, no answer to connecting', () => {
    expect(classifyNetworkError('EHOSTUNREACH', '')).toMatchObject({ code: 'UNREACHABLE', down: false });
    expect(classifyNetworkError('EAI_AGAIN', '')).toMatchObject({ code: 'DNS_FAILED', reason: 'temporary', down: false });
    expect(timeoutFailure('dns').down).toBe(false);
    expect(timeoutFailure('connect').down).toBe(false);
  });

  it('blames the service for stalling once it accepted the connection', () => {
    expect((['tls', 'firstByte', 'body'] as const).map((p) => timeoutFailure(p).down)).toEqual([true, true, true]);
  });

  it('leaves errors of other layers to the caller', () => {
    expect(classifyNetworkError('ENOENT', 'no such file')).toBeNull();
  });
});

describe('certificate summary', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  it('names subject and issuer, and counts days left (negative once expired)', () => {
    const s = certificateSummary({ subject: { CN: 'shop.example.com', O: 'Shop' }, issuer: { CN: 'R11', O: "Let's Encrypt", C: 'US' }, valid_to: 'Jun 22 12:00:00 2026 GMT', subjectaltname: 'DNS:shop.example.com' }, now)!;
    expect(s).toEqual({ subject: 'CN=shop.example.com, O=Shop', issuer: "CN=R11, O=Let's Encrypt, C=US", notAfter: '2026-06-22T12:00:00.000Z', daysLeft: 21.5, names: 'DNS:shop.example.com' });
    expect(certificateSummary({ valid_to: 'May 1 00:00:00 2026 GMT' }, now)!.daysLeft).toBe(-31);
  });

  it('reads multi-valued names and says nothing for an empty certificate', () => {
    expect(distinguishedName({ CN: ['a.example', 'b.example'], OU: ['ops'] })).toBe('CN=a.example, OU=ops');
    expect(certificateSummary({}, now)).toBeNull();
    expect(certificateSummary({ subject: { CN: 'x' }, valid_to: 'garbage' }, now)).toMatchObject({ notAfter: null, daysLeft: null });
  });
});
