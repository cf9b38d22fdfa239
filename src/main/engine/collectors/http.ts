// HTTP(S) endpoints as a check kind: does the service answer, how fast (DNS, connect, TLS, first
// byte), with the expected status, text or JSON field, and how long until its certificate
// expires. One kept-alive connection per endpoint between polls, renewed at least every 15
// minutes (a full handshake reads the certificate again), verified TLS always (an internal CA or
// a pinned key per endpoint), one deadline, a body size limit. Why an answer is DOWN or UNKNOWN:
// docs/decisions.md (endpoints).
import type { KindDescriptor } from '../../../shared/checks';
import { defineKind } from './check-kind';
import { cachedSecret, collectResultOf, testResultOf } from './endpoint-common';
import { runHttpCheck } from './http-check';
import { HTTP_FORM, httpConfig, type HttpConfig } from './http-config';
import { KeptConnection } from '../transport/kept-connection';
import type { Collector } from './types';

const ms = (key: string, glossaryId: string, ko: string, en: string) => ({ key, unit: 'milliseconds' as const, glossaryId, label: { ko, en } });

export const httpDescriptor: KindDescriptor = {
  kind: 'http',
  category: 'endpoint',
  name: { ko: 'HTTP(S) 엔드포인트', en: 'HTTP(S) endpoint' },
  glossaryId: 'endpoint-check',
  series: [
    { key: 'http.up', unit: 'ratio', glossaryId: 'availability', label: { ko: '응답 정상', en: 'Up' } },
    ms('http.responseMs', 'response-time', '응답 시간', 'Response time'),
    ms('http.dnsMs', 'dns-lookup-time', 'DNS 조회', 'DNS lookup'),
    ms('http.connectMs', 'tcp-connect-time', '연결', 'Connect'),
    ms('http.tlsMs', 'tls-handshake', 'TLS 핸드셰이크', 'TLS handshake'),
    ms('http.firstByteMs', 'time-to-first-byte', '첫 바이트까지', 'First byte'),
    { key: 'http.status', unit: 'count', glossaryId: 'http-status-code', label: { ko: 'HTTP 상태 코드', en: 'HTTP status' } },
    { key: 'http.redirects', unit: 'count', glossaryId: 'http-redirect', label: { ko: '리디렉션 횟수', en: 'Redirects' }, history: false },
    { key: 'http.bodyBytes', unit: 'bytes', glossaryId: 'response-time', label: { ko: '응답 크기', en: 'Response size' }, history: false },
    { key: 'tls.daysLeft', unit: 'days', glossaryId: 'tls-certificate-expiry', label: { ko: '인증서 남은 기간', en: 'Certificate days left' } },
  ],
  charts: [
    { id: 'response', title: { ko: '응답 시간', en: 'Response time' }, keys: ['http.responseMs'], glossaryId: 'response-time' },
    { id: 'phases', title: { ko: '응답 시간 구성', en: 'Where the time goes' }, keys: ['http.dnsMs', 'http.connectMs', 'http.tlsMs', 'http.firstByteMs'], glossaryId: 'time-to-first-byte' },
    { id: 'up', title: { ko: '가용성', en: 'Availability' }, keys: ['http.up'], glossaryId: 'availability' },
    { id: 'status', title: { ko: 'HTTP 상태 코드', en: 'HTTP status' }, keys: ['http.status'], glossaryId: 'http-status-code' },
    { id: 'certificate', title: { ko: '인증서 남은 기간', en: 'Certificate days left' }, keys: ['tls.daysLeft'], glossaryId: 'tls-certificate-expiry' },
  ],
  tables: [],
  facts: [
    { key: 'finalUrl', label: { ko: '최종 주소', en: 'Final address' } },
    { key: 'httpVersion', label: { ko: 'HTTP 버전', en: 'HTTP version' } },
    { key: 'tlsVersion', label: { ko: 'TLS 버전', en: 'TLS version' } },
    // 'reused': this poll went over the connection an earlier poll opened (no DNS, connect, TLS).
    { key: 'connection', label: { ko: '연결', en: 'Connection' } },
    { key: 'certSubject', label: { ko: '인증서 대상', en: 'Certificate subject' } },
    { key: 'certIssuer', label: { ko: '인증서 발급자', en: 'Certificate issuer' } },
    { key: 'certExpires', label: { ko: '인증서 만료일', en: 'Certificate expires' }, format: 'date' },
    { key: 'certReadAt', label: { ko: '인증서 확인 시각', en: 'Certificate read at' }, format: 'time' },
    { key: 'remoteAddress', label: { ko: '접속한 주소', en: 'Connected to' } },
  ],
  tile: ['http.responseMs', 'http.status', 'tls.daysLeft'],
  form: HTTP_FORM,
  defaultIntervalMs: 30_000,
};

export const httpKind = defineKind<HttpConfig>({
  kind: 'http',
  descriptor: httpDescriptor,
  configSchema: httpConfig,
  parentOf: () => null,
  secret: 'password',
  // The token goes only to the address, with the trust settings, it was typed for.
  destinationFields: ['url', 'auth', 'username', 'authHeader', 'caFile', 'pin'],
  defaultRules: [{ key: 'tls.daysLeft', warn: 21, crit: 7, direction: 'below' }],
  createCollector(config, ctx): Collector {
    const secret = cachedSecret(ctx);
    const kept = new KeptConnection(new URL(config.url).origin, ctx.clock);
    return { collect: async () => collectResultOf(await runHttpCheck(config, ctx, secret, kept)), close: () => kept.close() };
  },
  async testConnection(config, ctx) {
    return testResultOf(await runHttpCheck(config, ctx, () => ctx.secret()));
  },
});
