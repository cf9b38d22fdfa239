import { afterEach, describe, expect, it } from 'vitest';
import { host, openHarness, T0, WEB, BASTION, type Harness } from './harness';

const MINIMAL = `rules:
  - name: memory-in-use
    metric: mem.used
    above: 0.1
    for: 5s
    severity: warning
channels:
  - name: local-hook
    type: webhook
    url: http://127.0.0.1:8099/hook
`;

let h: Harness;
afterEach(() => h?.close());

/** Polls every second for `seconds`, with the same readings. */
async function pollFor(seconds: number, metrics: Record<string, number | null>, target = WEB, fresh = true) {
  for (let i = 0; i < seconds; i++) {
    h.poll(target, metrics, { fresh });
    await h.advance(1_000);
  }
}

const sentEvents = () => h.notifier.sent.map((s) => s.notification.event);

async function withService(policy: 'open' | 'propose' | 'off' = 'propose') {
  h.store.inventory.putHost(host('web-01'));
  h.store.inventory.putService({ id: 'payments', name: '결제', owner: '김민수', contact: '010-1234-5678', hostIds: ['web-01'] }, T0);
  h.module.engine.refreshServices();
  const settings = await h.api.getAlertSettings();
  await h.api.saveAlertSettings({ settings: { ...settings, incidentPolicy: policy, groupWaitMs: 0 } });
}

describe('the alerts module', () => {
  it('fires the minimal file\'s rule after its 5 s and names the rule, the target and the value', async () => {
    h = await openHarness();
    const result = await h.api.importAlertRules({ content: MINIMAL });
    expect(result.rules.added).toEqual(['memory-in-use']);
    expect(result.channels.imported).toEqual(['local-hook']);
    // The hook's address is a secret: it went to the secret store, not to the database.
    expect(await h.secrets.get('channel-import:local-hook:url')).toBe('http://127.0.0.1:8099/hook');
    expect(h.store.alerts.listChannelImports()).toEqual([{ name: 'local-hook', type: 'webhook', settings: {}, secretFields: ['url'], importedAt: T0 }]);
    await pollFor(5, { 'mem.used': 42.5 });
    expect(h.notifier.sent).toEqual([]);
    const [alert] = await h.api.listAlerts();
    expect(alert).toMatchObject({ ruleId: 'memory-in-use', state: 'pending', value: 42.5 });
    // Pending 5 s, then the group wait (30 s by default) collects the service's alerts.
    await pollFor(40, { 'mem.used': 42.5 });
    const firing = h.notifier.sent.filter((s) => s.notification.event === 'firing');
    expect(firing).toHaveLength(1);
    const n = firing[0]!;
    expect(n.channelIds).toBeNull();
    expect(n.notification.alerts[0]).toMatchObject({ ruleName: 'memory-in-use', target: { id: 'web-01', name: 'web-01' }, value: 42.5, threshold: 0.1, direction: 'above', series: { key: 'mem.used', unit: 'percent', glossaryId: 'memory-usage' } });
    expect(n.notification.link).toBe('http://127.0.0.1:7420/#/alerts/memory-in-use%7Cweb-01%7Cmem.used');
    expect(n.notification.at - (n.notification.alerts[0]!.firingSince ?? 0)).toBe(30_000);
  });

  it('an acknowledged alert is not sent again, and its resolution still is', async () => {
    h = await openHarness();
    await withService();
    await h.api.importAlertRules({ content: MINIMAL.replace('for: 5s', 'for: 0s') });
    await h.api.saveAlertSettings({ settings: { ...(await h.api.getAlertSettings()), repeatIntervalMs: 60_000, escalateAfterMs: 120_000 } });
    await pollFor(2, { 'mem.used': 50 });
    expect(sentEvents()).toEqual(['firing']);
    const id = (await h.api.listAlerts())[0]!.id;
    await h.incidents.methods.savePerson({ person: { name: '이영희', team: '운영', contact: '' } });
    const acked = await h.api.acknowledgeAlert({ alertId: id, note: '디스크 정리 중', by: '이영희' });
    expect(acked).toMatchObject({ state: 'acknowledged', acknowledgedBy: '이영희', note: '디스크 정리 중' });
    await pollFor(300, { 'mem.used': 50 });
    expect(sentEvents()).toEqual(['firing', 'acknowledged']);
    await pollFor(2, { 'mem.used': 0.05 });
    expect(sentEvents()).toEqual(['firing', 'acknowledged', 'resolved']);
    const detail = await h.api.getAlert({ alertId: id });
    expect(detail.timeline.map((e) => e.kind)).toEqual(['firing', 'notified', 'acknowledged', 'notified', 'resolved', 'notified']);
    expect(detail.timeline[2]!.data).toEqual({ by: '이영희', note: '디스크 정리 중' });
  });

  it('records the named responder who acknowledges when they are on the people list, else the OS user', async () => {
    h = await openHarness();
    await h.api.importAlertRules({ content: MINIMAL.replace('for: 5s', 'for: 0s') });
    await h.incidents.methods.savePerson({ person: { name: '이영희', team: '운영', contact: '' } });
    await pollFor(2, { 'mem.used': 50 });
    const id = (await h.api.listAlerts())[0]!.id;
    expect((await h.api.acknowledgeAlert({ alertId: id, by: '누군가' })).acknowledgedBy).toBe('kim');
    expect((await h.api.acknowledgeAlert({ alertId: id, by: '이영희' })).acknowledgedBy).toBe('이영희');
  });

  it('without an acknowledgement the alert is repeated and escalated to the next level', async () => {
    h = await openHarness();
    await withService();
    await h.api.importAlertRules({ content: MINIMAL.replace('for: 5s', 'for: 0s') });
    await h.api.saveAlertSettings({ settings: { ...(await h.api.getAlertSettings()), repeatIntervalMs: 60_000, escalateAfterMs: 90_000, escalation: [{ kind: 'service-owner' }, { kind: 'person', name: '박팀장', contact: '010-9999-0000' }] } });
    await pollFor(200, { 'mem.used': 50 });
    expect(sentEvents()).toEqual(['firing', 'repeat', 'escalated', 'repeat']);
    const [first, , escalated] = h.notifier.sent.map((s) => s.notification);
    expect(first!.contacts).toEqual([{ name: '김민수', role: 'owner', contact: '010-1234-5678' }]);
    expect(first!.service).toEqual({ id: 'payments', name: '결제', owner: '김민수', contact: '010-1234-5678' });
    expect(escalated).toMatchObject({ escalationLevel: 1, contacts: [{ name: '박팀장', role: null, contact: '010-9999-0000' }] });
  });

  it('a maintenance window stops every notification; an alert still firing afterwards is sent then', async () => {
    h = await openHarness();
    await withService();
    await h.api.importAlertRules({ content: MINIMAL.replace('for: 5s', 'for: 0s') });
    const w = await h.api.saveMaintenance({ name: '정기 점검', schedule: { kind: 'once', startsAt: T0, endsAt: T0 + 120_000 }, timeZone: 'Asia/Seoul', scope: { targets: [], services: ['payments'], rules: [] } });
    await pollFor(60, { 'mem.used': 50 });
    await pollFor(10, { 'mem.used': 0.01 });
    await pollFor(30, { 'mem.used': 50 });
    expect(h.notifier.sent).toEqual([]);
    const [alert] = await h.api.listAlerts();
    expect(alert!.suppressed).toBe('maintenance');
    await pollFor(30, { 'mem.used': 50 });
    expect(sentEvents()).toEqual(['firing']);
    expect(h.notifier.sent[0]!.notification.at).toBeGreaterThanOrEqual(T0 + 120_000);
    expect((await h.api.listMaintenance()).map((m) => m.id)).toEqual([w.id]);
    // Availability shows the window as maintenance: not downtime, and not part of the counted time.
    const report = await h.incidents.methods.getIncidentReport({ from: T0 - 3_600_000, until: T0 + 3_600_000, timeZone: 'Asia/Seoul' });
    expect(report.availability).toEqual([{ service: 'payments', downtimeMs: 0, periodMs: 7_200_000, availability: 1, incidents: 0, maintenanceMs: 120_000 }]);
  });

  it('a silence by matcher holds notifications until it ends; its reason and end are kept', async () => {
    h = await openHarness();
    await h.api.importAlertRules({ content: MINIMAL.replace('for: 5s', 'for: 0s') });
    await h.api.saveAlertSettings({ settings: { ...(await h.api.getAlertSettings()), groupWaitMs: 0 } });
    const s = await h.api.saveSilence({ matcher: { ruleId: 'memory-in-use', targetId: 'web-01' }, endsAt: T0 + 60_000, reason: '배포 중' });
    await pollFor(30, { 'mem.used': 50 });
    expect(h.notifier.sent).toEqual([]);
    expect((await h.api.listAlerts())[0]!.suppressed).toBe('silenced');
    await h.api.expireSilence({ silenceId: s.id });
    await pollFor(2, { 'mem.used': 50 });
    expect(sentEvents()).toEqual(['firing']);
    expect((await h.api.listSilences())[0]).toMatchObject({ reason: '배포 중', createdBy: 'kim', endsAt: T0 + 30_000 });
  });

  it('a critical alert on a service proposes an incident; accepting opens it with stage 1 filled in', async () => {
    h = await openHarness();
    await withService('propose');
    await h.api.importAlertRules({ content: MINIMAL.replace('severity: warning', 'severity: critical').replace('for: 5s', 'for: 3s') });
    await pollFor(5, { 'mem.used': 50 });
    const [alert] = await h.api.listAlerts();
    expect(alert).toMatchObject({ state: 'firing', incidentProposed: true, incidentId: null, serviceIds: ['payments'] });
    const { incidentId } = await h.api.openIncidentFromAlert({ alertId: alert!.id });
    const incident = h.incidents.forAlerts.get(incidentId)!;
    expect(incident).toMatchObject({ severity: 'SEV2', services: ['payments'], hosts: ['web-01'], detectedAt: alert!.firingSince, source: { kind: 'threshold', metric: 'mem.used', value: 50, threshold: 0.1, status: 'crit' } });
    expect(incident.fields.currentState).toContain('메모리 사용률 50');
    expect(incident.fields.suspectedCause).toContain('memory-in-use');
    expect((await h.api.listAlerts())[0]).toMatchObject({ incidentId, incidentProposed: false });
  });

  it('with the setting "open", a critical alert opens the incident itself, and a second alert joins it', async () => {
    h = await openHarness();
    await withService('open');
    await h.api.importAlertRules({
      content: `rules:\n  - name: mem-crit\n    metric: mem.used\n    above: 10\n    severity: critical\n  - name: cpu-crit\n    metric: cpu.usage\n    above: 10\n    severity: critical\n`,
    });
    await pollFor(2, { 'mem.used': 50 });
    await pollFor(2, { 'mem.used': 50, 'cpu.usage': 80 });
    const alerts = await h.api.listAlerts();
    const ids = new Set(alerts.map((a) => a.incidentId));
    expect(ids.size).toBe(1);
    const incidentId = [...ids][0]!;
    expect(incidentId).toMatch(/^INC-/);
    const health = await h.api.getIncidentHealth({ incidentId });
    expect(health.services).toEqual([{ id: 'payments', name: '결제', status: 'ok', targets: [{ id: 'web-01', name: 'web-01', status: 'ok' }] }]);
    expect(health.recovery).toBeNull();
    // Both resolve; after the set time the room proposes "recovery confirmed" with the time measured.
    await pollFor(2, { 'mem.used': 1, 'cpu.usage': 1 });
    const okSince = (await h.api.getIncidentHealth({ incidentId })).recovery!.okSince;
    await pollFor(601, { 'mem.used': 1, 'cpu.usage': 1 });
    const later = await h.api.getIncidentHealth({ incidentId });
    expect(later.recovery).toMatchObject({ okSince, proposed: true, confirmAfterMs: 600_000 });
    expect(later.recovery!.okForMs).toBeGreaterThanOrEqual(600_000);
  });

  it('keeps a firing alert across a restart: not sent twice, resolved once', async () => {
    h = await openHarness();
    await h.api.importAlertRules({ content: MINIMAL.replace('for: 5s', 'for: 0s') });
    await h.api.saveAlertSettings({ settings: { ...(await h.api.getAlertSettings()), groupWaitMs: 0 } });
    await pollFor(3, { 'mem.used': 50 });
    const before = await h.api.listAlerts();
    expect(sentEvents()).toEqual(['firing']);
    await h.restart();
    const after = await h.api.listAlerts();
    expect(after).toEqual(before);
    await pollFor(5, { 'mem.used': 50 });
    expect(sentEvents()).toEqual(['firing']);
    await pollFor(2, { 'mem.used': 0.01 });
    expect(sentEvents()).toEqual(['firing', 'resolved']);
    expect((await h.api.getAlert({ alertId: before[0]!.id })).timeline.map((e) => e.kind)).toEqual(['firing', 'notified', 'resolved', 'notified']);
  });

  it('a target behind a down jump host is unreachable: no new alarm, but its recovery is sent', async () => {
    h = await openHarness();
    h.store.inventory.putHost(host('bastion'));
    h.store.inventory.putHost(host('web-01', { jumpHost: 'bastion' }));
    await h.restart();
    await h.api.importAlertRules({ content: MINIMAL.replace('for: 5s', 'for: 0s') });
    await h.api.saveAlertSettings({ settings: { ...(await h.api.getAlertSettings()), groupWaitMs: 0 } });
    h.poll(BASTION, { 'mem.used': 0.01 });
    await pollFor(2, { 'mem.used': 50 });
    expect(sentEvents()).toEqual(['firing']);
    // The jump host stops answering: web-01's next problem is not announced.
    h.poll(BASTION, {}, { fresh: false, extra: { status: 'unknown', reasons: [{ code: 'COLLECT_FAILED', errorCode: 'TIMEOUT', message: 'x' }] } });
    await h.api.importAlertRules({ content: MINIMAL.replace('for: 5s', 'for: 0s').replace('memory-in-use', 'memory-two') });
    await pollFor(3, { 'mem.used': 50 });
    expect(sentEvents()).toEqual(['firing']);
    expect((await h.api.listAlerts()).find((a) => a.ruleId === 'memory-two')!.suppressed).toBe('unreachable');
    await pollFor(2, { 'mem.used': 0.01 });
    expect(sentEvents()).toEqual(['firing', 'resolved']);
  });

  it('a target whose polls fail turns UNKNOWN through its own rule, never OK; its series alerts hold', async () => {
    h = await openHarness();
    await h.api.importAlertRules({ content: MINIMAL.replace('for: 5s', 'for: 0s').replace('channels:', '  - name: no-data\n    metric: "*"\n    nodata: true\n    for: 10s\nchannels:') });
    await h.api.saveAlertSettings({ settings: { ...(await h.api.getAlertSettings()), groupWaitMs: 0 } });
    await pollFor(2, { 'mem.used': 50 });
    await pollFor(15, {}, WEB, false);
    const alerts = await h.api.listAlerts();
    expect(alerts.find((a) => a.ruleId === 'no-data')).toMatchObject({ state: 'firing', seriesKey: null });
    expect(alerts.find((a) => a.ruleId === 'memory-in-use')).toMatchObject({ state: 'firing' });
    expect(sentEvents()).toEqual(['firing', 'firing']);
  });

  it('a rules file with a bad line changes nothing and names the line', async () => {
    h = await openHarness();
    const before = await h.api.listAlertRules();
    await expect(h.api.importAlertRules({ content: MINIMAL.replace('above: 0.1', 'above: lots') })).rejects.toMatchObject({ code: 'RULES_INVALID', message: expect.stringContaining('line 4') });
    expect(await h.api.listAlertRules()).toEqual(before);
  });

  it('exports the organisation\'s rules and imports them back unchanged', async () => {
    h = await openHarness();
    await h.api.importAlertRules({ content: MINIMAL });
    const file = await h.api.exportAlertRules();
    expect(file.content).toContain('name: memory-in-use');
    expect(file.content).toContain('name: local-hook');
    expect(file.content).not.toContain('8099');
    const again = await h.api.importAlertRules({ content: file.content.replace(/channels:[\s\S]*?settings:/, 'settings:') });
    expect(again.rules).toEqual({ added: [], updated: [], unchanged: ['memory-in-use'] });
  });

  it('previews a rule over the stored last 24 h: how many times it would have fired', async () => {
    h = await openHarness();
    for (let m = 0; m < 120; m++) {
      h.poll(WEB, { 'cpu.usage': m % 40 < 10 ? 97 : 20 });
      await h.advance(60_000);
    }
    const rule = { id: 'cpu-test', label: null, metric: 'cpu.usage', condition: { kind: 'threshold' as const, direction: 'above' as const, threshold: 90, recovery: null }, forMs: 60_000, recoverForMs: 0, keepFiringForMs: 0, severity: 'warning' as const, targets: [], services: [], kinds: [], channels: null, enabled: true, description: null, overrides: [] };
    const preview = await h.api.previewAlertRule({ rule });
    expect(preview.total).toBe(3);
    expect(preview.firings[0]).toMatchObject({ targetId: 'web-01', seriesKey: 'cpu.usage', count: 3 });
  });
});
