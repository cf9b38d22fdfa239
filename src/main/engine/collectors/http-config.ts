// The settings of an HTTP(S) endpoint check and its add form. Validated on save and before
// every check; the secret (a bearer token, a basic-auth password or an API key header's value)
// is never among them.
import { z } from 'zod';
import type { ConfigField } from '../../../shared/checks';
import { parseExpectedStatus } from '../parsers/http-expect';
import { parseHeaderLines } from '../parsers/http-headers';
import { parseJsonPath } from '../parsers/json-path';
import { normalizePin } from '../parsers/spki-pin';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const WITH_BODY: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

/** Empty text in a form means "not set". */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .nullable()
    .default(null)
    .transform((v) => (v === null || v.trim() === '' ? null : v));

function urlIssue(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'a full address such as https://example.com/health';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'an address starting with http:// or https://';
  if (url.username || url.password) return 'no user name or password in the address: choose an authentication method and type the password in its field';
  if (url.hash) return 'no #fragment: it is never sent to the server';
  if (url.hostname === '') return 'a host name';
  return null;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

export const httpConfig = z
  .strictObject({
    url: z.string().trim().min(1).max(2048),
    method: z.enum(HTTP_METHODS).default('GET'),
    /** Accepted statuses: codes, ranges and classes ("200-299", "200, 301-302", "2xx"). */
    expectStatus: z.string().trim().min(1).max(200).default('200-299'),
    /** Text the body must contain (case-sensitive). */
    keyword: optionalText(1000),
    /** A field of a JSON body that must exist, or equal jsonExpect. */
    jsonPath: optionalText(512),
    jsonExpect: optionalText(1000),
    followRedirects: z.boolean().default(true),
    maxRedirects: z.number().int().min(0).max(10).default(5),
    /** The whole check, redirects included; kept under 80 % of the interval. */
    timeoutSeconds: z.number().int().min(1).max(120).default(10),
    /** Reading stops past this many KiB of body. */
    maxBodyKiB: z.number().int().min(1).max(10_240).default(1024),
    /** Extra request headers, one "Name: value" per line; never credentials. */
    headers: z.string().max(16_384).default(''),
    body: optionalText(65_536),
    auth: z.enum(['none', 'bearer', 'basic', 'header']).default('none'),
    username: optionalText(200),
    /** For auth "header": the header that carries the secret (X-Api-Key). */
    authHeader: optionalText(100),
    /** PEM trust anchors for this endpoint (an internal CA, or the server's own certificate). */
    caFile: optionalText(4096),
    /** SHA-256 of a public key of the chain (sha256/base64 or hex): the certificate must also match it. */
    pin: optionalText(200),
  })
  .superRefine((c, issue) => {
    const add = (path: string, message: string) => issue.addIssue({ code: 'custom', path: [path], message });
    const bad = urlIssue(c.url);
    if (bad) return add('url', bad);
    const url = new URL(c.url);
    if (parseExpectedStatus(c.expectStatus) === null) add('expectStatus', 'status codes and ranges from 100 to 599, such as 200-299 or 200, 301');
    if (c.jsonPath !== null && parseJsonPath(c.jsonPath) === null) add('jsonPath', 'a path such as $.status or $.checks[0].state');
    if (c.jsonExpect !== null && c.jsonPath === null) add('jsonPath', 'a JSON path for the expected value');
    const headers = parseHeaderLines(c.headers);
    if (!headers.ok) add('headers', headers.reason === 'credential' ? `line ${headers.line}: credentials go in the authentication fields, not in headers` : `line ${headers.line} is not a usable "Name: value" header`);
    if (c.body !== null && !WITH_BODY.has(c.method)) add('body', 'a body only with POST, PUT or PATCH');
    if (c.auth === 'basic' && (c.username === null || c.username.includes(':'))) add('username', 'a user name without ":" for basic authentication');
    if (c.auth === 'header' && (c.authHeader === null || !/^[A-Za-z0-9-]{1,100}$/.test(c.authHeader) || /^(host|content-length|transfer-encoding|connection|cookie)$/i.test(c.authHeader))) {
      add('authHeader', 'the name of the header that carries the key, such as X-Api-Key');
    }
    if (c.pin !== null && normalizePin(c.pin) === null) add('pin', 'a SHA-256 public key pin: sha256/ followed by 44 base64 characters, or 64 hex digits');
    if ((c.pin !== null || c.caFile !== null) && url.protocol !== 'https:') add(c.pin !== null ? 'pin' : 'caFile', 'a certificate setting needs an https:// address');
    // A secret over plain HTTP would cross the network readable by anyone on the way.
    if (c.auth !== 'none' && url.protocol === 'http:' && !isLoopbackHost(url.hostname)) add('auth', 'credentials only over https:// (or to this computer)');
  });

export type HttpConfig = z.infer<typeof httpConfig>;

const AUTH_SHOWN = { field: 'auth', values: ['bearer', 'basic', 'header'] };

export const HTTP_FORM: ConfigField[] = [
  { key: 'url', label: { ko: '주소 (URL)', en: 'Address (URL)' }, input: 'text', required: true, placeholder: 'https://shop.example.com/health' },
  {
    key: 'method',
    label: { ko: '요청 방식', en: 'Method' },
    input: 'select',
    options: HTTP_METHODS.map((m) => ({ value: m, label: { ko: m, en: m } })),
  },
  {
    key: 'expectStatus',
    label: { ko: '정상으로 볼 상태 코드', en: 'Accepted status codes' },
    input: 'text',
    initial: '200-299',
    placeholder: '200-299',
    help: { ko: '쉼표로 여러 개, 범위는 200-299처럼 씁니다.', en: 'Several separated by commas; ranges as 200-299.' },
  },
  { key: 'keyword', label: { ko: '응답에 있어야 할 글자', en: 'Text the answer must contain' }, input: 'text', placeholder: 'OK', help: { ko: '대소문자를 구분합니다. 비워 두면 확인하지 않습니다.', en: 'Case-sensitive. Leave empty not to check.' } },
  { key: 'jsonPath', label: { ko: 'JSON 항목 경로', en: 'JSON field path' }, input: 'text', placeholder: '$.status', help: { ko: '응답이 JSON일 때 확인할 항목입니다. 예: $.status, $.checks[0].state', en: 'For JSON answers, the field to check, e.g. $.status or $.checks[0].state.' } },
  { key: 'jsonExpect', label: { ko: 'JSON 항목의 기대값', en: 'Expected JSON value' }, input: 'text', placeholder: 'UP', help: { ko: '비워 두면 항목이 있기만 하면 정상입니다.', en: 'Leave empty to accept any value, as long as the field exists.' } },
  { key: 'followRedirects', label: { ko: '리디렉션 따라가기', en: 'Follow redirects' }, input: 'checkbox', initial: 'true' },
  { key: 'maxRedirects', label: { ko: '최대 리디렉션 횟수', en: 'Most redirects' }, input: 'number', initial: '5', placeholder: '5', showWhen: { field: 'followRedirects', values: ['true'] } },
  { key: 'timeoutSeconds', label: { ko: '제한 시간 (초)', en: 'Deadline (seconds)' }, input: 'number', initial: '10', placeholder: '10', help: { ko: '점검 전체(리디렉션 포함)의 제한 시간입니다. 점검 간격의 80 %를 넘지 않습니다.', en: 'For the whole check, redirects included; never more than 80 % of the interval.' } },
  { key: 'headers', label: { ko: '추가 요청 헤더', en: 'Extra request headers' }, input: 'lines', placeholder: 'Accept-Language: ko', help: { ko: '한 줄에 "이름: 값" 하나씩. 비밀번호와 토큰은 아래 인증 항목에 넣으세요.', en: 'One "Name: value" per line. Tokens and passwords go in the authentication fields below.' } },
  { key: 'body', label: { ko: '요청 본문', en: 'Request body' }, input: 'lines', showWhen: { field: 'method', values: ['POST', 'PUT', 'PATCH'] } },
  {
    key: 'auth',
    label: { ko: '인증', en: 'Authentication' },
    input: 'select',
    options: [
      { value: 'none', label: { ko: '없음', en: 'None' } },
      { value: 'bearer', label: { ko: 'Bearer 토큰', en: 'Bearer token' } },
      { value: 'basic', label: { ko: '기본 인증 (아이디와 비밀번호)', en: 'Basic (user name and password)' } },
      { value: 'header', label: { ko: 'API 키 헤더', en: 'API key header' } },
    ],
  },
  { key: 'username', label: { ko: '아이디', en: 'User name' }, input: 'text', showWhen: { field: 'auth', values: ['basic'] } },
  { key: 'authHeader', label: { ko: 'API 키 헤더 이름', en: 'API key header name' }, input: 'text', placeholder: 'X-Api-Key', showWhen: { field: 'auth', values: ['header'] } },
  { key: 'password', label: { ko: '토큰 또는 비밀번호', en: 'Token or password' }, input: 'password', showWhen: AUTH_SHOWN },
  {
    key: 'caFile',
    label: { ko: 'CA 인증서 파일 (내부 서비스)', en: 'CA certificate file (internal services)' },
    input: 'text',
    placeholder: '/etc/ssl/internal-ca.pem',
    help: { ko: '사내 CA나 서버 자체 인증서(PEM)입니다. 지정하면 이 주소에는 공인 CA 대신 이 파일만 신뢰합니다.', en: 'An internal CA or the server’s own certificate (PEM). When set, this address trusts only this file instead of the public CAs.' },
  },
  {
    key: 'pin',
    label: { ko: '공개 키 고정 (SHA-256)', en: 'Pinned public key (SHA-256)' },
    input: 'text',
    placeholder: 'sha256/…',
    help: { ko: '인증서 검증에 더해, 인증서 체인의 공개 키가 이 값과 같아야 합니다.', en: 'On top of the usual verification, a public key of the certificate chain must match this.' },
  },
  { key: 'maxBodyKiB', label: { ko: '응답 본문 읽기 한도 (KiB)', en: 'Body read limit (KiB)' }, input: 'number', initial: '1024', placeholder: '1024' },
];
