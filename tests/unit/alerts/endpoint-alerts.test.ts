// The alert engine on an endpoint's series: the shipped certificate rules (WARN under 21 days,
// CRIT under 7) come from the http kind's bands, and a DOWN answer fires target-down.
import { afterEach, describe, expect, it } from 'vitest';
import { shippedRules } from '../../../src/main/engine/alerts/default-rules';
import type { Target } from '../../../src/shared/model';
import { openHarness, type Harness } from './harness';

const SITE: Target = { id: 'site', name: 'site', kind: 'http', intervalMs: 30_000, enabled: true };
const PORT: Target = { id: 'smtp', name: 'smtp', kind: 'tcp', intervalMs: 30_000, enabled: true };

let h: Harness;
afterEach(() => h?.close());

async function pollEvery30s(minutes: number, target: Target, metrics: Record<string, number | null>, down?: { code: string }) {
  for (let i = 0; i < minutes * 2; i++) {
    h.poll(target, metrics, down ? { extra: { status: 'crit', reasons: [{ code: 'DOWN', errorCode: down.code, message: 'down', data: { host: '127.0.0.1' } }] } } : {});
    await h.advance(30_000);
  }
}

describe('alerts on endpoint checks', () => {
  it('ships a warning under 21 days and a critical under 7 days of certificate, for http checks only', () => {
    const cert = shippedRules().filter((r) => r.metric === 'tls.daysLeft');
    expect(cert.map((r) => [r.id, r.severity, r.condition, r.kinds])).toEqual([
      ['http-tls.daysLeft-warning', 'warning', { kind: 'threshold', direction: 'below', threshold: 21, recovery: null }, ['http']],
      ['http-tls.daysLeft-critical', 'critical', { kind: 'threshold', direction: 'below', threshold: 7, recovery: null }, ['http']],
    ]);
  });

  it('a certificate with 5 days left fires both certificate rules; 30 days fires none', async () => {
    h = await openHarness();
    await pollEvery30s(7, SITE, { 'http.up': 1, 'http.responseMs': 12, 'tls.daysLeft': 30 });
    expect((await h.api.listAlerts()).filter((a) => a.state === 'firing')).toEqual([]);
    await pollEvery30s(7, SITE, { 'http.up': 1, 'http.responseMs': 12, 'tls.daysLeft': 5 });
    const firing = (await h.api.listAlerts()).filter((a) => a.state === 'firing');
    expect(firing.map((a) => [a.ruleId, a.seriesKey, a.value]).sort()).toEqual([
      ['http-tls.daysLeft-critical', 'tls.daysLeft', 5],
      ['http-tls.daysLeft-warning', 'tls.daysLeft', 5],
    ]);
  });

  it('an endpoint that answers wrongly (DOWN, with its readings) fires target-down, not the no-data rule', async () => {
    h = await openHarness();
    await pollEvery30s(1, SITE, { 'http.up': 1, 'tls.daysLeft': 90 });
    await pollEvery30s(2, SITE, { 'http.up': 0, 'http.status': 503, 'tls.daysLeft': 90 }, { code: 'HTTP_STATUS' });
    const alerts = await h.api.listAlerts();
    expect(alerts.find((a) => a.ruleId === 'target-down')).toMatchObject({ state: 'firing', target: { id: 'site', kind: 'http' }, severity: 'critical' });
    expect(alerts.find((a) => a.ruleId === 'target-unknown' && a.state !== 'resolved')).toBeUndefined();
  });

  it('a refused TCP port fires target-down too', async () => {
    h = await openHarness();
    await pollEvery30s(2, PORT, { 'tcp.up': 0 }, { code: 'CONNECTION_REFUSED' });
    expect((await h.api.listAlerts()).find((a) => a.ruleId === 'target-down')).toMatchObject({ state: 'firing', target: { id: 'smtp', kind: 'tcp' } });
  });
});
