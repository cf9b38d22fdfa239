// /api/v1/alerts as external alerts: the answer's shape is Prometheus 2.45's (Debian 12's),
// as tests/support/prometheus.ts's rule file makes it answer.
import { describe, expect, it } from 'vitest';
import { prometheusSeverity } from '../../../src/shared/external-alerts';
import { labelsFingerprint, MAX_PROMETHEUS_ALERTS, prometheusAlertReadings, type PromAlert } from '../../../src/main/engine/parsers/prometheus-alerts';

const NOW = Date.parse('2026-12-07T09:00:00Z');
const answer: Array<PromAlert & { labels: Record<string, string> }> = [
  { labels: { alertname: 'NodeUpForAnHour', instance: '10.0.0.7:9100', job: 'node', severity: 'warning' }, annotations: { description: '10.0.0.7:9100 has answered for an hour' }, state: 'pending', activeAt: '2026-12-07T08:59:00.123Z', value: '1e+00' },
  { labels: { alertname: 'OpsDeckAlwaysFiring', severity: 'critical' }, annotations: { summary: '디스크 교체 필요' }, state: 'firing', activeAt: '2026-12-07T08:58:00Z', value: '1e+00' },
  { labels: { alertname: 'Inactive' }, annotations: {}, state: 'inactive', activeAt: '2026-12-07T08:58:00Z' },
];

describe('Prometheus alerts as external alerts', () => {
  it('keeps firing and pending alerts, firing first, with severity, text, host and start', () => {
    const [firing, pending, ...rest] = prometheusAlertReadings(answer, NOW);
    expect(rest).toEqual([]);
    expect(firing).toEqual({ externalId: labelsFingerprint(answer[1]!.labels), severity: 'critical', sourceSeverity: 'critical', acknowledged: false, startedAt: Date.parse('2026-12-07T08:58:00Z'), text: 'OpsDeckAlwaysFiring: 디스크 교체 필요', host: null, suppressed: false });
    expect(pending).toMatchObject({ severity: 'warning', pending: true, host: '10.0.0.7:9100', text: 'NodeUpForAnHour: 10.0.0.7:9100 has answered for an hour', startedAt: Date.parse('2026-12-07T08:59:00.123Z') });
  });

  it('maps the severity label onto three words, an unknown or missing one to a warning', () => {
    expect(prometheusSeverity('CRITICAL')).toEqual({ severity: 'critical', sourceSeverity: 'critical' });
    expect(prometheusSeverity('page').severity).toBe('critical');
    expect(prometheusSeverity('info').severity).toBe('info');
    expect(prometheusSeverity('none').severity).toBe('info');
    expect(prometheusSeverity('sev2')).toEqual({ severity: 'warning', sourceSeverity: 'sev2' });
    expect(prometheusSeverity(undefined)).toEqual({ severity: 'warning', sourceSeverity: 'none' });
  });

  it('identifies an alert by its labels, whatever their order, and a changed label is another alert', () => {
    expect(labelsFingerprint({ a: '1', b: '2' })).toBe(labelsFingerprint({ b: '2', a: '1' }));
    expect(labelsFingerprint({ a: '1', b: '2' })).not.toBe(labelsFingerprint({ a: '1', b: '3' }));
    expect(labelsFingerprint({ ab: '' })).not.toBe(labelsFingerprint({ a: 'b' }));
    expect(labelsFingerprint({})).toMatch(/^[0-9a-f]{16}$/);
  });

  it('skips malformed entries and duplicates, falls back to now and the alert name, and caps the list', () => {
    const odd = [null, 7, { state: 'firing' }, { state: 'firing', labels: { alertname: 'X' }, activeAt: 'yesterday' }, { state: 'firing', labels: { alertname: 'X' } }];
    const readings = prometheusAlertReadings(odd, NOW);
    expect(readings.map((r) => [r.text, r.startedAt])).toEqual([
      ['Prometheus alert', NOW],
      ['X', NOW],
    ]);
    expect(prometheusAlertReadings({ alerts: [] }, NOW)).toEqual([]);
    const many = Array.from({ length: MAX_PROMETHEUS_ALERTS + 10 }, (_, i) => ({ state: 'firing', labels: { alertname: 'Many', instance: `h${i}` } }));
    expect(prometheusAlertReadings(many, NOW)).toHaveLength(MAX_PROMETHEUS_ALERTS);
    expect(prometheusAlertReadings(answer.map((a) => ({ ...a, annotations: { summary: 'x'.repeat(2000) } })), NOW)[0]!.text.length).toBe(500);
  });
});
