// A TCP port as a check kind, for services that are not HTTP (SMTP, a message broker, a game
// server): does the port accept connections, how fast, and optionally does the service greet
// with the expected banner. Nothing is ever written to the service. A refusal is DOWN.
import { z } from 'zod';
import type { KindDescriptor } from '../../../shared/checks';
import { tcpProbe } from '../transport/tcp-probe';
import { RequestFailure } from '../transport/http-probe';
import { defineKind, type KindContext } from './check-kind';
import { checkDeadlineMs, collectResultOf, printable, requestFailure, testResultOf, type EndpointFailure, type EndpointOutcome } from './endpoint-common';
import type { Collector } from './types';

export const tcpConfig = z.strictObject({
  address: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:_%\[\]-]+$/, 'a host name or an IP address'),
  port: z.number().int().min(1).max(65535),
  /** Text the service sends first ("SSH-2.0", "220 "); null: accepting the connection is enough. */
  expectBanner: z
    .string()
    .max(200)
    .nullable()
    .default(null)
    .transform((v) => (v === null || v === '' ? null : v)),
  timeoutSeconds: z.number().int().min(1).max(120).default(5),
});

export type TcpConfig = z.infer<typeof tcpConfig>;

const descriptor: KindDescriptor = {
  kind: 'tcp',
  category: 'endpoint',
  name: { ko: 'TCP 포트', en: 'TCP port' },
  glossaryId: 'tcp-port-check',
  series: [
    { key: 'tcp.up', unit: 'ratio', glossaryId: 'availability', label: { ko: '응답 정상', en: 'Up' } },
    { key: 'tcp.connectMs', unit: 'milliseconds', glossaryId: 'tcp-connect-time', label: { ko: '연결 시간', en: 'Connect time' } },
    { key: 'tcp.dnsMs', unit: 'milliseconds', glossaryId: 'dns-lookup-time', label: { ko: 'DNS 조회', en: 'DNS lookup' } },
  ],
  charts: [
    { id: 'connect', title: { ko: '연결 시간', en: 'Connect time' }, keys: ['tcp.connectMs', 'tcp.dnsMs'], glossaryId: 'tcp-connect-time' },
    { id: 'up', title: { ko: '가용성', en: 'Availability' }, keys: ['tcp.up'], glossaryId: 'availability' },
  ],
  tables: [],
  facts: [
    { key: 'banner', label: { ko: '서비스 인사말 (배너)', en: 'Banner' } },
    { key: 'remoteAddress', label: { ko: '접속한 주소', en: 'Connected to' } },
  ],
  tile: ['tcp.connectMs', 'tcp.up'],
  form: [
    { key: 'address', label: { ko: '주소', en: 'Address' }, input: 'text', required: true, placeholder: 'mail.example.com' },
    { key: 'port', label: { ko: '포트', en: 'Port' }, input: 'number', required: true, placeholder: '25' },
    {
      key: 'expectBanner',
      label: { ko: '기대하는 인사말 (선택)', en: 'Expected banner (optional)' },
      input: 'text',
      placeholder: '220 ',
      help: { ko: '서비스가 접속하자마자 보내는 글자입니다. 예: SMTP는 "220 ", SSH는 "SSH-2.0". 비워 두면 연결만 확인합니다.', en: 'What the service sends as soon as you connect, e.g. "220 " for SMTP or "SSH-2.0" for SSH. Leave empty to check the connection only.' },
    },
    { key: 'timeoutSeconds', label: { ko: '제한 시간 (초)', en: 'Deadline (seconds)' }, input: 'number', initial: '5', placeholder: '5' },
  ],
  defaultIntervalMs: 30_000,
};

async function runTcpCheck(config: TcpConfig, ctx: KindContext): Promise<EndpointOutcome> {
  const ts = ctx.clock.now();
  const started = performance.now();
  const deadlineMs = checkDeadlineMs(config.timeoutSeconds, ctx.intervalMs);
  const host = config.address.replace(/^\[(.*)\]$/, '$1');
  let failure: EndpointFailure | null = null;
  let dnsMs: number | null = null;
  let connectMs: number | null = null;
  let banner: string | null = null;
  let remoteAddress: string | null = null;
  try {
    const result = await tcpProbe({ host, port: config.port, timeoutMs: deadlineMs, expectBanner: config.expectBanner }, ctx.clock);
    ({ dnsMs, connectMs, remoteAddress } = result);
    banner = result.banner === null ? null : printable(result.banner.split(/\r?\n/)[0] ?? '', 200);
    if (!result.bannerMatched) {
      failure = {
        code: 'BANNER_MISMATCH',
        message: `${host}:${config.port} accepted the connection but did not send "${config.expectBanner}"${banner ? `; it sent "${banner}"` : ''}.`,
        data: { host, port: config.port, expected: config.expectBanner ?? '', received: banner ?? '' },
        down: true,
      };
    }
  } catch (err) {
    if (!(err instanceof RequestFailure)) throw err;
    ({ dnsMs, connectMs } = err.times);
    failure = requestFailure(err, { host, port: config.port, deadlineMs });
  }
  return {
    ts,
    elapsedMs: performance.now() - started,
    metrics: { 'tcp.up': failure ? 0 : 1, 'tcp.connectMs': connectMs, 'tcp.dnsMs': dnsMs },
    facts: { banner, remoteAddress },
    notes: [],
    failure,
  };
}

export const tcpKind = defineKind<TcpConfig>({
  kind: 'tcp',
  descriptor,
  configSchema: tcpConfig,
  parentOf: () => null,
  destinationFields: ['address', 'port'],
  defaultRules: [],
  createCollector(config, ctx): Collector {
    return { collect: async () => collectResultOf(await runTcpCheck(config, ctx)) };
  },
  async testConnection(config, ctx) {
    return testResultOf(await runTcpCheck(config, ctx));
  },
});
