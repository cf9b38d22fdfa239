// What the database kinds share: their settings, their add form, the slow cadence, and the
// guard that refuses to open a connection on a server that is about to run out of them.
import { z } from 'zod';
import type { ConfigField } from '../../../shared/checks';
import { OpsError } from '../../../shared/errors';
import type { Clock } from '../core/clock';

/** Sizes and top statements are read at most this often (they cost more than the rest). */
export const SLOW_EVERY_MS = 60_000;

const hostName = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:_%-]+$/, 'a host name or an IP address');

export function databaseConfig(defaultPort: number, defaultDatabase: string) {
  return z
    .strictObject({
      /** The inventory server this database runs on: reached through its SSH login. Null: direct TCP. */
      via: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).nullable().default(null),
      /** As the `via` server sees it (usually 127.0.0.1), or as this computer sees it when direct. */
      address: hostName.default('127.0.0.1'),
      port: z.number().int().min(1).max(65535).default(defaultPort),
      database: z.string().trim().min(1).max(63).default(defaultDatabase),
      user: z.string().trim().min(1).max(63).regex(/^[^\s'"\\]+$/, 'no spaces or quotes'),
      /** off: plain TCP, for a tunnel or loopback; verify: TLS with the certificate checked. */
      tls: z.enum(['off', 'verify']).default('off'),
      /** A CA certificate (PEM) that signs the server's certificate, for internal CAs. */
      caFile: z.string().trim().min(1).max(4096).nullable().default(null),
      /** A running query is long after this many seconds. */
      longQuerySeconds: z.number().int().min(1).max(86_400).default(60),
    })
    .superRefine((c, issue) => {
      // Without TLS the password would cross a network in the clear: only through a tunnel or on loopback.
      const loopback = c.address === 'localhost' || c.address === '::1' || /^127\./.test(c.address);
      if (c.tls === 'off' && c.via === null && !loopback) {
        issue.addIssue({ code: 'custom', path: ['tls'], message: 'a direct connection to another machine needs TLS (or go through its SSH server)' });
      }
    });
}

export type DatabaseConfig = z.infer<ReturnType<typeof databaseConfig>>;

export function dbFormFields(defaultPort: number, defaultDatabase: string): ConfigField[] {
  return [
    { key: 'via', label: { ko: '접속 경로 (SSH 서버)', en: 'Reach it through (SSH server)' }, input: 'host', help: { ko: '데이터베이스가 있는 서버를 고르면 그 서버의 SSH 연결로 접속합니다. 추가 로그인이나 열린 포트가 필요 없습니다.', en: 'Pick the server the database runs on: OpsDeck connects through its SSH login, with no second login and no open port.' } },
    { key: 'address', label: { ko: '주소', en: 'Address' }, input: 'text', required: true, placeholder: '127.0.0.1', initial: '127.0.0.1', help: { ko: 'SSH 서버를 골랐다면 그 서버에서 본 주소입니다 (보통 127.0.0.1).', en: 'Through an SSH server: the address as that server sees it (usually 127.0.0.1).' } },
    { key: 'port', label: { ko: '포트', en: 'Port' }, input: 'number', required: true, placeholder: String(defaultPort), initial: String(defaultPort) },
    { key: 'database', label: { ko: '데이터베이스', en: 'Database' }, input: 'text', required: true, placeholder: defaultDatabase, initial: defaultDatabase },
    { key: 'user', label: { ko: '모니터링 계정', en: 'Monitoring user' }, input: 'text', required: true, placeholder: 'opsdeck' },
    // Where the password is kept depends on this computer: the form says it (from the secret store's backend).
    { key: 'password', label: { ko: '비밀번호', en: 'Password' }, input: 'password' },
    {
      key: 'tls',
      label: { ko: 'TLS', en: 'TLS' },
      input: 'select',
      options: [
        { value: 'off', label: { ko: '사용 안 함 (SSH 경로 또는 이 컴퓨터)', en: 'Off (through SSH, or on this computer)' } },
        { value: 'verify', label: { ko: '사용, 인증서 확인', en: 'On, certificate verified' } },
      ],
    },
    { key: 'caFile', label: { ko: 'CA 인증서 파일', en: 'CA certificate file' }, input: 'text', placeholder: '/etc/ssl/internal-ca.pem', showWhen: { field: 'tls', values: ['verify'] } },
  ];
}

/** Slots a monitoring connection leaves free for the applications. */
const SPARE_SLOTS = 3;
/** After a refusal, try again this soon (a full server may have freed slots). */
const RETRY_AFTER_MS = 60_000;

/**
 * Refuses to (re)open a connection when the last poll saw the server within a few slots of its
 * limit: the monitoring must never take an application's last connection.
 */
export class NearLimitGuard {
  private used: number | null = null;
  private limit: number | null = null;
  private refusedAt = -Infinity;

  constructor(private readonly clock: Clock) {}

  observe(used: number | null, limit: number | null): void {
    this.used = used;
    this.limit = limit;
  }

  mayOpen(): void {
    if (this.used === null || this.limit === null) return;
    // The last reading counted OpsDeck's own connection, which is gone when it reopens.
    if (this.used - 1 + SPARE_SLOTS < this.limit) return;
    const now = this.clock.now();
    if (this.refusedAt !== -Infinity && now - this.refusedAt >= RETRY_AFTER_MS) {
      // A minute later, look again: the reading may be old. The next poll's reading decides.
      this.refusedAt = -Infinity;
      this.used = null;
      return;
    }
    if (this.refusedAt === -Infinity) this.refusedAt = now;
    throw new OpsError('TOO_MANY_CONNECTIONS', `The server had ${this.used} of ${this.limit} connections in use; OpsDeck waits instead of taking one of the last.`, {
      used: this.used,
      limit: this.limit,
    });
  }
}
