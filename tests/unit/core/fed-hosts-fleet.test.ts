// One fleet: a machine known to SSH and to data sources is shown once, by the first of SSH,
// Prometheus, Zabbix that knows it, whichever source polled first; the tile shown lists the others.
import { describe, expect, it } from 'vitest';
import type { CollectResult, MemberResult } from '../../../src/main/engine/collectors/types';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { createFedHosts, identities } from '../../../src/main/engine/fed-hosts';
import type { HealthRules } from '../../../src/main/engine/rules/health';
import { TargetMonitor } from '../../../src/main/engine/target-monitor';
import type { Target, TargetId } from '../../../src/shared/model';

const rules: HealthRules = { metrics: {}, filesystem: { warn: 80, crit: 90 }, staleAfterIntervals: 3, staleMinMs: 10_000 };
const prom: Target = { id: 'p1', name: 'Lab Prometheus', kind: 'prometheus', intervalMs: 15_000, enabled: true };
const zbx: Target = { id: 'z1', name: '본사 Zabbix', kind: 'zabbix', intervalMs: 30_000, enabled: true };
const reading = (hostname: string, cpu: number): CollectResult => ({ ts: 1, metrics: { 'cpu.usage': cpu }, facts: { hostname }, filesystems: [] });
const promMember = (instance: string, hostname: string): MemberResult => ({ key: instance, name: hostname, kind: 'prometheus-node', result: reading(hostname, 10), error: null });
const zbxMember = (hostid: string, host: string, aliases: string[] = []): MemberResult => ({ key: hostid, name: host, kind: 'zabbix-host', aliases: [host, ...aliases], result: reading(host, 20), error: null });

function setup() {
  const clock = new FakeClock(1_000);
  const monitors = new Map<TargetId, TargetMonitor>();
  const collector = { collect: () => Promise.reject(new Error('not polled')) };
  for (const source of [prom, zbx]) monitors.set(source.id, new TargetMonitor(source, collector, rules, clock));
  let changes = 0;
  const fed = createFedHosts({ clock, rules, monitors, published: () => undefined, targetsChanged: () => void changes++ });
  const fedTiles = () => [...monitors.values()].map((m) => m.target).filter((t) => t.source).map((t) => t.id).sort();
  const addSsh = (id: string, name: string, hostname: string) => {
    const m = new TargetMonitor({ id, name, kind: 'ssh', intervalMs: 5_000, enabled: true }, collector, rules, clock);
    m.latest = { targetId: id, ts: 1, metrics: {}, facts: { hostname }, health: {}, status: 'ok', reasons: [] };
    monitors.set(id, m);
  };
  return { fed, monitors, fedTiles, addSsh, changes: () => changes };
}

describe('one fleet across SSH, Prometheus and Zabbix', () => {
  it('folds a Zabbix host into the Prometheus tile of the same host name, case-insensitively, and says so', () => {
    const { fed, fedTiles } = setup();
    fed.feed(prom, [promMember('10.0.0.5:9100', 'web-01')], null);
    const shownAs = fed.feed(zbx, [zbxMember('10101', 'WEB-01'), zbxMember('10102', 'db-01')], null);
    expect(fedTiles()).toEqual(['p1:10.0.0.5:9100', 'z1:10102']);
    expect(shownAs.get('10101')?.id).toBe('p1:10.0.0.5:9100');
    expect(fed.alsoFrom('p1:10.0.0.5:9100')).toEqual([{ checkId: 'z1', kind: 'zabbix', name: '본사 Zabbix' }]);
    expect(fed.alsoFrom('z1:10102')).toEqual([]);
  });

  it('lets Prometheus take over a machine Zabbix showed first, matched by address', () => {
    const { fed, fedTiles, changes } = setup();
    fed.feed(zbx, [zbxMember('10101', 'web-01', ['10.0.0.5'])], null);
    expect(fedTiles()).toEqual(['z1:10101']);
    const before = changes();
    // Prometheus knows it as its instance (address and port) and node_exporter's nodename.
    fed.feed(prom, [promMember('10.0.0.5:9100', 'ip-10-0-0-5')], null);
    expect(fedTiles()).toEqual(['p1:10.0.0.5:9100']);
    expect(changes()).toBeGreaterThan(before);
    expect(fed.alsoFrom('p1:10.0.0.5:9100')).toEqual([{ checkId: 'z1', kind: 'zabbix', name: '본사 Zabbix' }]);
    // Zabbix's next poll folds it and does not bring its tile back.
    fed.feed(zbx, [zbxMember('10101', 'web-01', ['10.0.0.5'])], null);
    expect(fedTiles()).toEqual(['p1:10.0.0.5:9100']);
  });

  it('shows an SSH host as the SSH tile, whatever the sources know about it', () => {
    const { fed, fedTiles, addSsh } = setup();
    addSsh('ssh-1', 'pay-api', 'pay-api-01.internal');
    fed.feed(zbx, [zbxMember('10101', 'pay-api-01.internal')], null);
    fed.feed(prom, [promMember('10.0.0.9:9100', 'PAY-API')], null);
    expect(fedTiles()).toEqual([]);
    expect(fed.alsoFrom('ssh-1').map((s) => s.kind).sort()).toEqual(['prometheus', 'zabbix']);
  });

  it('never matches on loopback: every source calls its own machine 127.0.0.1 or localhost', () => {
    const { fed, fedTiles } = setup();
    fed.feed(prom, [promMember('127.0.0.1:9100', 'node-a')], null);
    fed.feed(zbx, [zbxMember('10084', 'Zabbix server', ['127.0.0.1', 'localhost'])], null);
    expect(fedTiles()).toEqual(['p1:127.0.0.1:9100', 'z1:10084']);
    expect(identities(['127.0.0.1:9100', 'LocalHost', '::1', 'Web-01:9100'])).toEqual(['web-01:9100', 'web-01']);
  });

  it('gives the machine back to Zabbix when the Prometheus source goes', () => {
    const { fed, fedTiles, monitors } = setup();
    fed.feed(prom, [promMember('10.0.0.5:9100', 'web-01')], null);
    fed.feed(zbx, [zbxMember('10101', 'web-01')], null);
    monitors.delete('p1');
    fed.drop('p1');
    fed.feed(zbx, [zbxMember('10101', 'web-01')], null);
    expect(fedTiles()).toEqual(['z1:10101']);
  });
});
