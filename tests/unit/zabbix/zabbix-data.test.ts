// Zabbix rows into OpsDeck readings (pure), and the book of external alerts the Alerts screen
// lists: severities mapped, never-read items null, alerts replaced as a whole per source.
import { describe, expect, it } from 'vitest';
import { ExternalAlertBook } from '../../../src/main/engine/alerts/external-alerts';
import { hostReadings, problemReadings, problemsPerHost } from '../../../src/main/engine/parsers/zabbix-data';
import { zabbixSeverity } from '../../../src/shared/external-alerts';
import type { Target } from '../../../src/shared/model';

describe('Zabbix rows as readings', () => {
  it('maps trigger severities 0-5 onto info, warning and critical, keeping Zabbix\'s word', () => {
    expect([0, 1, 2, 3, 4, 5].map((p) => zabbixSeverity(p))).toEqual([
      { severity: 'info', sourceSeverity: 'not-classified' },
      { severity: 'info', sourceSeverity: 'information' },
      { severity: 'warning', sourceSeverity: 'warning' },
      { severity: 'warning', sourceSeverity: 'average' },
      { severity: 'critical', sourceSeverity: 'high' },
      { severity: 'critical', sourceSeverity: 'disaster' },
    ]);
    expect(zabbixSeverity(Number('x')).sourceSeverity).toBe('not-classified');
  });

  it('reads items onto the SSH host series; an item Zabbix never received stays null, not 0', () => {
    const [h] = hostReadings(
      [{ hostid: '1', host: 'web-01', name: 'Web 01', maintenance_status: '1' }],
      [
        { itemid: 'a', hostid: '1', key_: 'system.cpu.util', lastvalue: '12.5', lastclock: '1700000000' },
        { itemid: 'b', hostid: '1', key_: 'vm.memory.utilization', lastvalue: '0', lastclock: '0' },
        { itemid: 'c', hostid: '1', key_: 'system.swap.size[,pfree]', lastvalue: '75', lastclock: '1700000005' },
        { itemid: 'd', hostid: '1', key_: 'custom.thing', lastvalue: '9', lastclock: '1700000000' },
      ],
      new Map([['1', 2]]),
    );
    expect(h!.metrics['cpu.usage']).toBe(12.5);
    expect(h!.metrics['mem.used']).toBeNull();
    expect(h!.metrics['swap.used']).toBe(25);
    expect(h!.lastClock).toBe(1_700_000_005_000);
    expect(h).toMatchObject({ name: 'Web 01', inMaintenance: true, problems: 2 });
  });

  it('turns problems into external alerts with the hosts event.get named', () => {
    const hostsOf = new Map([['7', [{ hostid: '1', host: 'web-01', name: 'Web 01' }]]]);
    const [a] = problemReadings([{ eventid: '7', objectid: '100', clock: '1700000000', name: 'Disk full', severity: '5', acknowledged: '1', suppressed: '0' }], hostsOf);
    expect(a).toEqual({ externalId: '7', severity: 'critical', sourceSeverity: 'disaster', acknowledged: true, startedAt: 1_700_000_000_000, text: 'Disk full', host: 'Web 01', suppressed: false });
    expect(problemsPerHost(hostsOf).get('1')).toBe(1);
  });
});

describe('the book of external alerts', () => {
  const source: Target = { id: 'c1', name: 'HQ Zabbix', kind: 'zabbix', intervalMs: 30_000, enabled: true };
  const reading = (id: string, acknowledged = false) => ({ externalId: id, severity: 'critical' as const, sourceSeverity: 'high', acknowledged, startedAt: 1_000, text: `p${id}`, host: 'web-01', suppressed: false });

  it('replaces a source\'s alerts each poll and says which appeared, changed or went away', () => {
    const book = new ExternalAlertBook();
    expect(book.update(source, [reading('1'), reading('2')], 10)).toEqual(['ext:c1:1', 'ext:c1:2']);
    expect(book.update(source, [reading('1')], 20)).toEqual(['ext:c1:2']);
    expect(book.update(source, [reading('1', true)], 30)).toEqual(['ext:c1:1']);
    expect(book.update(source, [reading('1', true)], 40)).toEqual([]);
    const [view] = book.views(new Set(['c1']), () => ['svc']);
    expect(view).toMatchObject({ id: 'ext:c1:1', state: 'acknowledged', severity: 'critical', conditionKind: 'external', target: { id: 'c1', kind: 'zabbix' }, serviceIds: ['svc'], lastEvaluatedAt: 40 });
    expect(view!.external).toMatchObject({ sourceId: 'c1', sourceKind: 'zabbix', sourceLabel: 'HQ Zabbix', acknowledged: true });
  });

  it('drops the alerts of a source that is no longer watched', () => {
    const book = new ExternalAlertBook();
    book.update(source, [reading('1')], 10);
    expect(book.views(new Set(), () => [])).toEqual([]);
  });
});
