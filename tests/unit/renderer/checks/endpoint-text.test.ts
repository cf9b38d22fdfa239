// The renderer's words for endpoint checks: every failure the engine can send (code and reason)
// has its own sentence with a next step in both languages, tiles word DOWN reasons the same way,
// and the add form shows only the fields that apply, sending nothing hidden.
import { describe, expect, it } from 'vitest';
import { httpDescriptor } from '../../../../src/main/engine/collectors/http';
import { tcpKind } from '../../../../src/main/engine/collectors/tcp';
import { checkErrorText } from '../../../../src/renderer/src/features/checks/check-error-text';
import { checkInputFromDraft, draftFromCheck, emptyCheckDraft, fieldShown, isDestinationField, missingFields, secretShown } from '../../../../src/renderer/src/features/checks/check-form-model';
import { createTranslate } from '../../../../src/renderer/src/i18n/catalogue';
import { describeReason } from '../../../../src/renderer/src/i18n/describe';
import { createFormatter } from '../../../../src/renderer/src/i18n/format';

const HANGUL = /[\uAC00-\uD7A3]/;
const ko = createTranslate('ko');
const en = createTranslate('en');

const FAILURES: Array<[string, Record<string, string | number | null>]> = [
  ['DNS_FAILED', { host: 'shop.example', reason: 'notFound' }],
  ['DNS_FAILED', { host: 'shop.example', reason: 'temporary' }],
  ['CONNECTION_REFUSED', { host: '10.0.0.5', port: 443 }],
  ['UNREACHABLE', { host: '10.0.0.5', port: 443, reason: 'noRoute' }],
  ['UNREACHABLE', { host: '10.0.0.5', port: 443, reason: 'other' }],
  ['PROTOCOL', { host: '10.0.0.5', port: 443, reason: 'closed', phase: 'firstByte' }],
  ['PROTOCOL', { host: '10.0.0.5', port: 443, reason: 'malformed', phase: 'firstByte' }],
  ...['expired', 'notYetValid', 'selfSigned', 'untrustedCa', 'wrongName', 'pinMismatch', 'revoked', 'handshake'].map(
    (reason) => ['TLS_FAILED', { host: 'shop.example', port: 443, reason, notAfter: '2025-02-01T00:00:00.000Z', issuer: 'CN=Corp CA', names: 'DNS:other.example' }] as [string, Record<string, string | number | null>],
  ),
  ...['dns', 'connect', 'tls', 'firstByte', 'body'].map((phase) => ['TIMEOUT', { host: 'shop.example', port: 443, phase, seconds: 10 }] as [string, Record<string, string | number | null>]),
  ...['server', 'client', 'auth', 'redirect', 'other'].map((reason) => ['HTTP_STATUS', { status: 503, expected: '200-299', reason, location: '/login' }] as [string, Record<string, string | number | null>]),
  ['KEYWORD_MISSING', { keyword: 'OK', truncated: 0, limitKiB: 1024 }],
  ['KEYWORD_MISSING', { keyword: 'OK', truncated: 1, limitKiB: 1024 }],
  ...['mismatch', 'missing', 'notJson', 'truncated'].map((reason) => ['JSON_PATH_FAILED', { path: '$.status', reason, expected: 'UP', actual: 'DOWN', limitKiB: 1024 }] as [string, Record<string, string | number | null>]),
  ['TOO_MANY_REDIRECTS', { max: 5, location: 'https://shop.example/a' }],
  ['BANNER_MISMATCH', { host: 'mail', port: 25, expected: '220', received: '' }],
  ['CHECK_INVALID', { field: 'caFile' }],
];

describe('what failed in an endpoint check, in words', () => {
  it.each(FAILURES.map(([code, data]) => [`${code} ${String(data.reason ?? data.phase ?? '')}`, code, data] as const))('%s has its own sentence in both languages, every fact filled in', (_name, code, data) => {
    const k = checkErrorText(ko, code, data);
    const e = checkErrorText(en, code, data);
    expect(k).not.toMatch(/\{\w+\}|check\.error\.other|endpoint\./);
    expect(e).not.toMatch(/\{\w+\}|endpoint\./);
    expect(HANGUL.test(k)).toBe(true);
    expect(HANGUL.test(e)).toBe(false);
    // What happened, then what to do: at least two sentences.
    expect(e.split(/[.;:] /).length).toBeGreaterThanOrEqual(2);
  });

  it('gives different sentences for the ways a certificate is refused', () => {
    const texts = new Set(FAILURES.filter(([c]) => c === 'TLS_FAILED').map(([c, d]) => checkErrorText(en, c, d)));
    expect(texts.size).toBe(8);
    expect(checkErrorText(en, 'TLS_FAILED', FAILURES.find(([c, d]) => c === 'TLS_FAILED' && d.reason === 'expired')![1])).toContain('2025-02-01');
  });

  it('keeps the databases’ words for their own failures', () => {
    expect(checkErrorText(en, 'TLS_FAILED')).toBe(en('check.error.tls'));
    expect(checkErrorText(en, 'TIMEOUT')).toBe(en('check.error.timeout'));
    expect(checkErrorText(en, 'UNREACHABLE')).toBe(en('check.error.unreachable'));
  });

  it('words a DOWN reason on a tile the same way, and falls back for reasons without facts', () => {
    const fmt = createFormatter('ko');
    const ctx = { t: ko, fmt, receivedAt: 0, now: 0 };
    expect(describeReason({ code: 'DOWN', errorCode: 'HTTP_STATUS', message: 'x', data: { status: 502, expected: '200-299', reason: 'server' } }, ctx)).toContain('HTTP 502');
    expect(describeReason({ code: 'DOWN', errorCode: 'UNREACHABLE', message: 'x' }, ctx)).toBe(ko('reason.down'));
    expect(describeReason({ code: 'COLLECT_FAILED', errorCode: 'DNS_FAILED', message: 'x', data: { host: 'a', reason: 'temporary' } }, ctx)).toBe(ko('endpoint.error.dnsTemporary', { host: 'a' }));
    // A tile has room for what happened; the page adds what to do.
    const expired = { code: 'DOWN', errorCode: 'TLS_FAILED', message: 'x', data: { host: '127.0.0.1', port: 443, reason: 'expired', notAfter: '2026-11-07T00:00:00Z' } } as const;
    const full = describeReason(expired, { ...ctx, t: en });
    const brief = describeReason(expired, { ...ctx, t: en, brief: true });
    expect(brief).toBe('The certificate of 127.0.0.1 expired on 2026-11-07.');
    expect(full.startsWith(brief) && full.length > brief.length).toBe(true);
  });
});

describe('the add-endpoint form', () => {
  const d = { ...httpDescriptor, secretBoundTo: ['url', 'auth', 'username', 'authHeader', 'caFile', 'pin'] };

  it('shows the token field only with an authentication method, and the body only with POST, PUT or PATCH', () => {
    const draft = emptyCheckDraft(d);
    const shown = () => d.form.filter((f) => fieldShown(f, draft)).map((f) => f.key);
    expect(shown()).not.toContain('password');
    expect(shown()).not.toContain('body');
    expect(secretShown(draft, d)).toBe(false);
    draft.fields.auth = 'basic';
    draft.fields.method = 'POST';
    expect(shown()).toEqual(expect.arrayContaining(['password', 'username', 'body']));
    expect(shown()).not.toContain('authHeader');
  });

  it('sends what the engine accepts, and no hidden field or token', () => {
    const draft = emptyCheckDraft(d);
    draft.name = '쇼핑몰';
    draft.fields = { ...draft.fields, url: 'https://shop.example/health', keyword: 'OK', username: 'left-over', body: '{}' };
    draft.password = 'typed-before-choosing-none';
    const input = checkInputFromDraft(draft, d);
    expect(input.config).toEqual({ url: 'https://shop.example/health', method: 'GET', expectStatus: '200-299', keyword: 'OK', followRedirects: true, maxRedirects: 5, timeoutSeconds: 10, auth: 'none', maxBodyKiB: 1024 });
    expect('secret' in input).toBe(false);
    expect(missingFields({ ...draft, fields: { ...draft.fields, url: '' } }, d)).toEqual(['url']);
    expect(httpDescriptor.form.length).toBeGreaterThan(0);
  });

  it('reads a saved check back, checkbox included, and knows which fields drop the token', () => {
    const draft = draftFromCheck({ id: 'c-1', kind: 'http', name: 'x', enabled: true, intervalMs: 30_000, parentId: null, config: { url: 'https://a.example/', followRedirects: false, auth: 'bearer' }, hasSecret: true, createdAt: 0, updatedAt: 0 }, d);
    expect(draft.fields.followRedirects).toBe('false');
    expect(d.form.filter((f) => fieldShown(f, draft)).map((f) => f.key)).not.toContain('maxRedirects');
    expect(isDestinationField('url', d)).toBe(true);
    expect(isDestinationField('keyword', d)).toBe(false);
    expect(isDestinationField('address', tcpKind.descriptor)).toBe(true);
  });
});

describe('endpoint units', () => {
  it('writes milliseconds under a second and seconds above, and whole days rounded down', () => {
    const k = createFormatter('ko');
    const e = createFormatter('en');
    expect([e.metric('milliseconds', 3.456), e.metric('milliseconds', 250.4), e.metric('milliseconds', 1530)]).toEqual(['3.5 ms', '250 ms', '1.5 s']);
    expect(k.metric('milliseconds', 1530)).toBe('1.5초');
    expect([e.metric('days', 6.9), k.metric('days', 89.99), e.metric('days', -30.2), e.metric('days', null)]).toEqual(['6 d', '89일', '-31 d', '—']);
  });
});

describe('a reason that arrives before its kind is known', () => {
  it('is worded with the bare number instead of taking the screen down', async () => {
    const { reasonGlossaryId } = await import('../../../../src/renderer/src/domain/glossary-links');
    const reason = { code: 'THRESHOLD' as const, metric: 'zz.notLearnedYet', value: 3.2, threshold: 7, status: 'crit' as const, below: true as const };
    expect(describeReason(reason, { t: ko, fmt: createFormatter('ko'), receivedAt: 0, now: 0 })).toContain('3');
    expect(reasonGlossaryId(reason)).toBe('threshold');
  });
});
