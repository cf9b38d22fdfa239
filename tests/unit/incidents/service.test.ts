// The incident service over a real SQLite store: creating, commands with their revision
// check, atomic commits with timeline and audit, restarts, overdue announcements.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, type IncidentStore } from '../../../src/main/engine/store';
import { MIN, T0 } from './helpers';
import { breachedSnapshot, openFixture, rejection, type Fixture } from './service-fixture';

let f: Fixture;
afterEach(() => f?.close());

const manual = { from: 'manual' as const, title: '결제 실패 증가', severity: 'SEV2' as const, impact: '일부 고객의 카드 결제가 실패합니다.', services: ['payments'] };

describe('opening incidents', () => {
  it('by hand: a readable id, revision 1, the created entry, an audit row naming the local user', async () => {
    f = await openFixture();
    const d = await f.api.createIncident(manual);
    expect(d.incident).toMatchObject({ id: 'INC-0001', revision: 1, status: 'active', stageIndex: 0, createdBy: 'kim', services: ['payments'] });
    expect(d.incident.timeline.map((e) => e.kind)).toEqual(['created']);
    expect(d.timelineText[0]?.ko).toContain('장애 등록');
    expect(d.user).toBe('kim');
    expect((await f.api.createIncident(manual)).incident.id).toBe('INC-0002');
    expect(f.incidentStore.listAudit({ subjectKind: 'incident', subjectId: 'INC-0001' })).toEqual([
      expect.objectContaining({ who: 'kim', action: 'incident.create', ts: T0, detail: { from: 'manual', title: manual.title, severity: 'SEV2' } }),
    ]);
    expect(f.events).toEqual([
      { kind: 'created', incidentId: 'INC-0001', revision: 1, timerIds: [] },
      { kind: 'created', incidentId: 'INC-0002', revision: 1, timerIds: [] },
    ]);
  });

  it('records the responder chosen as "me" as the author, but only a name on the responder list', async () => {
    f = await openFixture();
    await f.api.savePerson({ person: { name: '김지은', team: '서비스관리팀', contact: '' } });
    const d = await f.api.createIncident({ ...manual, actor: ' 김지은 ' });
    expect(d.incident.createdBy).toBe('김지은');
    const acked = await f.api.applyIncidentCommand({ id: d.incident.id, revision: 1, command: { type: 'acknowledge' }, actor: '김지은' });
    expect(acked.incident.timeline.find((e) => e.kind === 'acknowledged')).toMatchObject({ user: '김지은' });
    expect(f.incidentStore.listAudit({ subjectKind: 'incident', subjectId: d.incident.id }).map((a) => a.who)).toEqual(['김지은', '김지은']);
    // A name nobody listed is not trusted: the OS account is recorded.
    const noted = await f.api.applyIncidentCommand({ id: d.incident.id, revision: acked.incident.revision, command: { type: 'addNote', text: '확인 중' }, actor: '아무개' });
    expect(noted.incident.timeline.at(-1)?.user).toBe('kim');
  });

  it('from a host: prefilled with the worst breach, the reading time and the metrics seen', async () => {
    f = await openFixture();
    f.hosts.set('db-01', { name: 'db-01.prod', snapshot: breachedSnapshot() });
    const draft = await f.api.draftIncident({ targetId: 'db-01' });
    expect(draft).toMatchObject({ title: 'db-01.prod: fs.used:/var 97.3 ≥ 95', severity: 'SEV3', detectedAt: T0 - MIN, hostName: 'db-01.prod', hosts: ['db-01'] });
    expect(draft.snapshot?.metrics['fs.used:/var']).toBe(97.25);

    const d = await f.api.createIncident({ from: 'host', targetId: 'db-01', severity: 'SEV1', impact: '주문 조회가 느립니다.' });
    expect(d.incident).toMatchObject({ title: draft.title, severity: 'SEV1', detectedAt: T0 - MIN, hosts: ['db-01'], impact: '주문 조회가 느립니다.' });
    expect(d.incident.source).toEqual({ kind: 'threshold', targetId: 'db-01', metric: 'fs.used:/var', value: 97.25, threshold: 95, status: 'crit' });
    expect(d.incident.timeline[0]).toMatchObject({ kind: 'created', snapshot: { targetId: 'db-01', metrics: expect.objectContaining({ 'cpu.usage': 88 }) } });
  });

  it('from a host nobody watches: UNKNOWN_TARGET', async () => {
    f = await openFixture();
    expect(await rejection(f.api.createIncident({ from: 'host', targetId: 'ghost' }))).toMatchObject({ code: 'UNKNOWN_TARGET' });
  });

  it('from a service: the service is listed as affected', async () => {
    f = await openFixture();
    const d = await f.api.createIncident({ from: 'service', serviceId: 'checkout', title: '결제 지연', severity: 'SEV3' });
    expect(d.incident.services).toEqual(['checkout']);
    expect(d.incident.source).toEqual({ kind: 'service', serviceId: 'checkout' });
  });
});

describe('commands', () => {
  it('apply against the revision the person saw and append to the timeline', async () => {
    f = await openFixture();
    const { incident } = await f.api.createIncident(manual);
    f.clock.advance(3 * MIN);
    const d = await f.api.applyIncidentCommand({ id: incident.id, revision: 1, command: { type: 'acknowledge' } });
    expect(d.incident.revision).toBe(2);
    expect(d.incident.acknowledgedAt).toBe(T0 + 3 * MIN);
    // Acknowledging also ticks the checklist item linked to it.
    expect(d.incident.timeline.map((e) => e.kind)).toEqual(['created', 'acknowledged', 'item-checked']);
    expect(f.events.at(-1)).toEqual({ kind: 'updated', incidentId: incident.id, revision: 2, timerIds: [] });
    expect(f.incidentStore.listAudit({ subjectKind: 'incident' }).map((a) => a.action)).toEqual(['incident.create', 'incident.acknowledge']);
  });

  it('refuse a stale revision with REVISION_CONFLICT and a sentence, and write nothing', async () => {
    f = await openFixture();
    const { incident } = await f.api.createIncident(manual);
    await f.api.applyIncidentCommand({ id: incident.id, revision: 1, command: { type: 'addNote', text: '먼저 쓴 메모' } });
    const err = await rejection(f.api.applyIncidentCommand({ id: incident.id, revision: 1, command: { type: 'addNote', text: '늦게 쓴 메모' } }));
    expect(err.code).toBe('REVISION_CONFLICT');
    expect(err.message).toMatch(/INC-0001 changed after you opened it \(now revision 2, yours 1\).*Reload/);
    const stored = await f.api.getIncident({ id: incident.id });
    expect(stored.incident.revision).toBe(2);
    expect(stored.incident.timeline.map((e) => (e.kind === 'note' ? e.text : e.kind))).toEqual(['created', '먼저 쓴 메모']);
    expect(f.incidentStore.listAudit()).toHaveLength(2);
  });

  it('a command the playbook refuses leaves the record, the timeline and the audit log as they were', async () => {
    f = await openFixture();
    const { incident } = await f.api.createIncident(manual);
    expect(await rejection(f.api.applyIncidentCommand({ id: incident.id, revision: 1, command: { type: 'advanceStage' } }))).toMatchObject({ code: 'NOT_ACKNOWLEDGED' });
    expect((await f.api.getIncident({ id: incident.id })).incident).toEqual(incident);
    expect(f.incidentStore.listAudit()).toHaveLength(1);
  });

  it('an unknown incident is NOT_FOUND', async () => {
    f = await openFixture();
    expect(await rejection(f.api.getIncident({ id: 'INC-9999' }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('durability', () => {
  it('a command, its timeline entries and its audit row commit together or not at all', async () => {
    // The audit insert fails after the record was updated and the entries appended, inside the
    // same transaction: everything must roll back.
    let failAudit = false;
    const wrap = (s: IncidentStore): IncidentStore => ({
      listIncidentHeads: () => s.listIncidentHeads(),
      getIncident: (id) => s.getIncident(id),
      getPlaybook: (v) => s.getPlaybook(v),
      latestPlaybook: () => s.latestPlaybook(),
      getPostmortem: (id) => s.getPostmortem(id),
      listPostmortems: () => s.listPostmortems(),
      listAudit: (filter) => s.listAudit(filter),
      write: (fn) =>
        s.write((w) =>
          fn({
            ...w,
            audit: (e) => {
              if (failAudit) throw new Error('disk I/O error');
              w.audit(e);
            },
          }),
        ),
    });
    f = await openFixture({ wrapStore: wrap });
    const { incident } = await f.api.createIncident(manual);
    failAudit = true;
    await expect(f.api.applyIncidentCommand({ id: incident.id, revision: 1, command: { type: 'acknowledge' } })).rejects.toThrow(/disk I\/O/);
    const db = new Database(join(f.dir, DB_FILE_NAME), { readonly: true });
    try {
      expect(db.prepare('SELECT revision, timeline_count FROM incidents').get()).toEqual({ revision: 1, timeline_count: 1 });
      expect(db.prepare('SELECT count(*) AS n FROM incident_timeline').get()).toEqual({ n: 1 });
      expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
    expect(f.events.filter((e) => e.kind === 'updated')).toEqual([]);
  });

  it('after a restart the incident reads back exactly as last saved', async () => {
    f = await openFixture();
    const { incident } = await f.api.createIncident(manual);
    let d = await f.api.applyIncidentCommand({ id: incident.id, revision: 1, command: { type: 'acknowledge' } });
    d = await f.api.applyIncidentCommand({ id: incident.id, revision: d.incident.revision, command: { type: 'assignRole', role: 'commander', person: '이서연' } });
    d = await f.api.applyIncidentCommand({ id: incident.id, revision: d.incident.revision, command: { type: 'skipItem', itemId: 'attach-evidence' } });
    await f.reopen();
    expect(await f.api.getIncident({ id: incident.id })).toEqual(d);
    expect((await f.api.listIncidents()).map((i) => [i.id, i.revision])).toEqual([[incident.id, 4]]);
  });

  it('timeline entries and audit rows cannot be changed once written', async () => {
    f = await openFixture();
    await f.api.createIncident(manual);
    f.store.close();
    const db = new Database(join(f.dir, DB_FILE_NAME));
    try {
      expect(() => db.prepare("UPDATE incident_timeline SET user = 'mallory'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM incident_timeline').run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });
});

describe('overdue timers', () => {
  it('are announced once when they fall overdue, on the injected clock', async () => {
    f = await openFixture();
    const { incident } = await f.api.createIncident({ ...manual, severity: 'SEV1' });
    const job = f.module.overdueJob();
    expect(job.intervalMs).toBeGreaterThanOrEqual(15_000);
    expect(job.intervalMs).toBeLessThanOrEqual(30_000);
    await job.run(new AbortController().signal);
    expect(f.events.filter((e) => e.kind === 'timer-overdue')).toEqual([]);

    f.clock.advance(5 * MIN + 1); // SEV1: acknowledge within 5 minutes
    await job.run(new AbortController().signal);
    await job.run(new AbortController().signal);
    expect(f.events.filter((e) => e.kind === 'timer-overdue')).toEqual([{ kind: 'timer-overdue', incidentId: incident.id, revision: 1, timerIds: ['acknowledge'] }]);
    const [item] = await f.api.listIncidents();
    expect(item?.timers.find((t) => t.id === 'acknowledge')).toMatchObject({ overdue: true, overdueByMs: 1 });

    // Acknowledging stops that timer; the status update then falls overdue 30 minutes later.
    await f.api.applyIncidentCommand({ id: incident.id, revision: 1, command: { type: 'acknowledge' } });
    f.clock.advance(30 * MIN + 1);
    await job.run(new AbortController().signal);
    expect(f.events.filter((e) => e.kind === 'timer-overdue').at(-1)).toMatchObject({ timerIds: ['status-update'] });
  });
});
