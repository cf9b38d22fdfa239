// The TCP port kind against real loopback services: one that greets with a banner, one that
// says nothing, and a port where nothing listens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KindContext } from '../../../src/main/engine/collectors/check-kind';
import { rulesForKind } from '../../../src/main/engine/collectors/registry';
import { tcpKind } from '../../../src/main/engine/collectors/tcp';
import { systemClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { DEFAULT_RULES } from '../../../src/main/engine/rules/default-rules';
import { buildSnapshot, failedSnapshot } from '../../../src/main/engine/target-monitor';
import type { Target } from '../../../src/shared/model';
import { closedPort, startTcpService } from '../../support/endpoint-servers';

let smtp: Awaited<ReturnType<typeof startTcpService>>;
let silent: Awaited<ReturnType<typeof startTcpService>>;
beforeAll(async () => {
  [smtp, silent] = await Promise.all([startTcpService('220 mail.test ESMTP ready\r\n'), startTcpService(null)]);
});
afterAll(async () => {
  await Promise.all([smtp?.close(), silent?.close()]);
});

const ctx: KindContext = { clock: systemClock, logger: new MemoryLogger(), secret: async () => null, openStream: () => Promise.reject(new Error('none')) };
const target: Target = { id: 'c-smtp', name: 'mail', kind: 'tcp', intervalMs: 30_000, enabled: true };

async function poll(config: Record<string, unknown>) {
  const collector = tcpKind.createCollector(tcpKind.configSchema.parse(config), ctx);
  try {
    return buildSnapshot(target, await collector.collect(), rulesForKind(DEFAULT_RULES, 'tcp'));
  } catch (err) {
    return failedSnapshot(target, null, err, Date.now());
  }
}

describe('the TCP port kind', () => {
  it('times the connection and reads the expected banner', async () => {
    const result = await tcpKind.testConnection(tcpKind.configSchema.parse({ address: '127.0.0.1', port: smtp.port, expectBanner: '220 ' }), ctx);
    expect(result).toMatchObject({ ok: true, facts: { banner: '220 mail.test ESMTP ready', remoteAddress: `127.0.0.1:${smtp.port}` }, metrics: { 'tcp.up': 1, 'tcp.dnsMs': null } });
    expect(result.ok && result.metrics!['tcp.connectMs']).toBeGreaterThanOrEqual(0);
    const s = await poll({ address: 'localhost', port: smtp.port });
    expect(s.status).toBe('ok');
    expect(s.metrics['tcp.dnsMs']).toBeGreaterThanOrEqual(0);
  });

  it('is DOWN with what the service sent instead when the banner is not the expected one', async () => {
    const result = await tcpKind.testConnection(tcpKind.configSchema.parse({ address: '127.0.0.1', port: smtp.port, expectBanner: 'SSH-2.0' }), ctx);
    expect(result).toMatchObject({ ok: false, code: 'BANNER_MISMATCH', data: { expected: 'SSH-2.0', received: '220 mail.test ESMTP ready', down: 1 } });
  });

  it('is DOWN when a service that says nothing never sends the banner before the deadline', async () => {
    const s = await poll({ address: '127.0.0.1', port: silent.port, expectBanner: '220', timeoutSeconds: 1 });
    expect(s.status).toBe('crit');
    expect(s.reasons[0]).toMatchObject({ code: 'DOWN', errorCode: 'BANNER_MISMATCH', data: { received: '' } });
    expect(s.metrics['tcp.up']).toBe(0);
  });

  it('is DOWN when the port refuses the connection', async () => {
    const port = await closedPort();
    const s = await poll({ address: '127.0.0.1', port });
    expect(s.status).toBe('crit');
    expect(s.reasons[0]).toMatchObject({ code: 'DOWN', errorCode: 'CONNECTION_REFUSED', data: { host: '127.0.0.1', port } });
  });
});
