// The endpoint kinds' settings, their default rules against the glossary, how a DOWN answer
// becomes a snapshot, and the one rule about TLS: verification is never switched off.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDeadlineMs } from '../../../src/main/engine/collectors/endpoint-common';
import { httpKind } from '../../../src/main/engine/collectors/http';
import { tcpKind } from '../../../src/main/engine/collectors/tcp';
import { buildSnapshot, failedSnapshot } from '../../../src/main/engine/target-monitor';
import { rulesForKind } from '../../../src/main/engine/collectors/registry';
import { DEFAULT_RULES } from '../../../src/main/engine/rules/default-rules';
import { OpsError } from '../../../src/shared/errors';
import type { Target } from '../../../src/shared/model';

const root = path.join(__dirname, '../../..');
const issueOf = (config: Record<string, unknown>) => {
  const r = httpKind.configSchema.safeParse(config);
  return r.success ? null : r.error.issues.map((i) => i.path.join('.'));
};

describe('HTTP endpoint settings', () => {
  it('fills defaults: GET, 200-299, redirects followed up to 5, a 10 s deadline, 1 MiB of body', () => {
    expect(httpKind.configSchema.parse({ url: 'https://shop.example.com/health' })).toMatchObject({ method: 'GET', expectStatus: '200-299', followRedirects: true, maxRedirects: 5, timeoutSeconds: 10, maxBodyKiB: 1024, auth: 'none', keyword: null, pin: null });
  });

  it('treats an empty optional field as not set', () => {
    expect(httpKind.configSchema.parse({ url: 'https://a.example/', keyword: '  ', jsonPath: '' })).toMatchObject({ keyword: null, jsonPath: null });
  });

  it('refuses what would leak a secret or cannot work, naming the field', () => {
    expect(issueOf({ url: 'https://user:pw@a.example/' })).toEqual(['url']);
    expect(issueOf({ url: 'ftp://a.example/' })).toEqual(['url']);
    expect(issueOf({ url: 'https://a.example/#top' })).toEqual(['url']);
    expect(issueOf({ url: 'https://a.example/', headers: 'Authorization: Bearer abc' })).toEqual(['headers']);
    expect(issueOf({ url: 'http://a.example/', auth: 'bearer' })).toEqual(['auth']);
    expect(issueOf({ url: 'http://127.0.0.1:8080/', auth: 'bearer' })).toBeNull();
    expect(issueOf({ url: 'http://a.example/', pin: 'sha256/pL1+qb9HTMRZJmuC/bB/ZI9d302BYrrqiVuRyW+DGrU=' })).toEqual(['pin']);
    expect(issueOf({ url: 'https://a.example/', pin: 'not a pin' })).toEqual(['pin']);
    expect(issueOf({ url: 'https://a.example/', expectStatus: 'ok' })).toEqual(['expectStatus']);
    expect(issueOf({ url: 'https://a.example/', jsonPath: '$..x' })).toEqual(['jsonPath']);
    expect(issueOf({ url: 'https://a.example/', jsonExpect: 'UP' })).toEqual(['jsonPath']);
    expect(issueOf({ url: 'https://a.example/', body: '{}' })).toEqual(['body']);
    expect(issueOf({ url: 'https://a.example/', auth: 'basic' })).toEqual(['username']);
    expect(issueOf({ url: 'https://a.example/', auth: 'header', authHeader: 'Cookie' })).toEqual(['authHeader']);
    expect(issueOf({ url: 'https://a.example/', maxRedirects: 11 })).toEqual(['maxRedirects']);
    expect(issueOf({ url: 'https://a.example/', surprise: 1 })).toEqual(['']);
  });

  it('drops the stored token when the address or the trust settings change', () => {
    expect(httpKind.destinationFields).toEqual(expect.arrayContaining(['url', 'auth', 'username', 'authHeader', 'caFile', 'pin']));
    expect(tcpKind.configSchema.safeParse({ address: 'mail.example.com', port: 0 }).success).toBe(false);
  });

  it('keeps the deadline under 80 % of the interval, and never under a second', () => {
    expect(checkDeadlineMs(10, 30_000)).toBe(10_000);
    expect(checkDeadlineMs(30, 30_000)).toBe(24_000);
    expect(checkDeadlineMs(10, 500)).toBe(1_000);
    expect(checkDeadlineMs(7, undefined)).toBe(7_000);
  });
});

describe('certificate days left', () => {
  it('warns under 21 days and is critical under 7 by default, as the glossary says', () => {
    expect(httpKind.defaultRules).toEqual([{ key: 'tls.daysLeft', warn: 21, crit: 7, direction: 'below' }]);
    const terms = JSON.parse(fs.readFileSync(path.join(root, 'resources/glossary/terms.json'), 'utf8')) as Array<{ id: string; goodLooksLike?: { bands: Array<{ level: string; range: string }> } }>;
    const bands = terms.find((t) => t.id === 'tls-certificate-expiry')!.goodLooksLike!.bands;
    expect(bands.find((b) => b.level === 'concerning')!.range).toMatch(/\b7\b.*\b21\b/);
    expect(bands.find((b) => b.level === 'critical')!.range).toMatch(/< 7\b/);
  });
});

describe('a DOWN answer as a snapshot', () => {
  const target: Target = { id: 'c-1', name: 'shop', kind: 'http', intervalMs: 30_000, enabled: true };
  const rules = rulesForKind(DEFAULT_RULES, 'http');

  it('keeps the readings, is CRIT, and puts the DOWN reason with its data first', () => {
    const s = buildSnapshot(target, { ts: 5, metrics: { 'http.up': 0, 'http.status': 503, 'tls.daysLeft': 3 }, facts: {}, down: { code: 'HTTP_STATUS', message: 'HTTP 503', data: { status: 503, expected: '200-299', reason: 'server' } } }, rules);
    expect(s.status).toBe('crit');
    expect(s.ts).toBe(5);
    expect(s.metrics['http.status']).toBe(503);
    expect(s.reasons.map((r) => r.code)).toEqual(['DOWN', 'THRESHOLD']);
    expect(s.reasons[0]).toEqual({ code: 'DOWN', errorCode: 'HTTP_STATUS', message: 'HTTP 503', data: { status: 503, expected: '200-299', reason: 'server' } });
  });

  it('carries an UNKNOWN failure’s data in its reason', () => {
    const err = new OpsError('DNS_FAILED', 'no answer', { host: 'a.example', reason: 'temporary' });
    const s = failedSnapshot(target, null, err, 9);
    expect(s.status).toBe('unknown');
    expect(s.reasons[0]).toEqual({ code: 'COLLECT_FAILED', errorCode: 'DNS_FAILED', message: 'no answer', data: { host: 'a.example', reason: 'temporary' } });
  });
});

describe('TLS verification is never turned off', () => {
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : /\.(ts|tsx|mjs|cjs|js)$/.test(e.name) ? [path.join(dir, e.name)] : []));

  it('has no NODE_TLS_REJECT_UNAUTHORIZED anywhere, and rejectUnauthorized: false only where a refused certificate is read to report it', () => {
    const offenders: string[] = [];
    for (const file of [...sources(path.join(root, 'src')), ...sources(path.join(root, 'bin')), ...sources(path.join(root, 'scripts'))]) {
      const text = fs.readFileSync(file, 'utf8');
      const rel = path.relative(root, file);
      if (text.includes('NODE_TLS_REJECT_UNAUTHORIZED')) offenders.push(`${rel}: NODE_TLS_REJECT_UNAUTHORIZED`);
      if (/rejectUnauthorized\s*:\s*false/.test(text) && rel !== path.join('src/main/engine/transport/tls-inspect.ts')) offenders.push(`${rel}: rejectUnauthorized: false`);
    }
    expect(offenders).toEqual([]);
  });
});
