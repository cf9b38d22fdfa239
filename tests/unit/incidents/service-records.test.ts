// Playbook versions, the message composer, post-mortems and reports through the service.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK } from '../../../src/main/engine/incidents/default-playbook';
import { playbookToJson, type Playbook, type Postmortem } from '../../../src/shared/incidents';
import { HOUR, MIN, T0 } from './helpers';
import { openFixture, rejection, type Fixture } from './service-fixture';

let f: Fixture;
afterEach(() => f?.close());

const manual = { from: 'manual' as const, title: '결제 실패 증가', severity: 'SEV1' as const, impact: '일부 고객의 카드 결제가 실패합니다.', services: ['payments'] };

/** The default playbook with SEV1 updates every minute: what a drill or a test uses. */
function fastPlaybook(): Playbook {
  const pb = structuredClone(DEFAULT_PLAYBOOK);
  pb.id = 'drill';
  for (const stage of pb.stages) for (const t of stage.timers) if (t.kind === 'status-update') t.everyMinutes.SEV1 = 1;
  return pb;
}

describe('the playbook', () => {
  it('is the shipped default until the organisation imports its own', async () => {
    f = await openFixture();
    const info = await f.api.getPlaybook();
    expect(info).toMatchObject({ source: 'default', version: null, savedBy: null });
    expect(info.playbook.id).toBe('opsdeck-default');
    expect((await f.api.exportPlaybook()).content).toBe(playbookToJson(DEFAULT_PLAYBOOK));
  });

  it('refuses a file that is not a valid playbook, naming where the problem is', async () => {
    f = await openFixture();
    expect(await rejection(f.api.importPlaybook({ content: '{ not json' }))).toMatchObject({ code: 'INVALID_PLAYBOOK' });
    const broken = { ...structuredClone(DEFAULT_PLAYBOOK), stages: [] };
    const err = await rejection(f.api.importPlaybook({ content: JSON.stringify(broken) }));
    expect(err).toMatchObject({ code: 'INVALID_PLAYBOOK', message: expect.stringContaining('stages') });
    expect((await f.api.getPlaybook()).source).toBe('default');
  });

  it('an imported playbook runs new incidents while open ones keep the version they started with', async () => {
    f = await openFixture();
    const before = await f.api.createIncident(manual);
    const imported = await f.api.importPlaybook({ content: `\uFEFF${JSON.stringify(fastPlaybook())}` });
    expect(imported).toMatchObject({ source: 'organisation', savedBy: 'kim', savedAt: T0 });
    expect(f.events.at(-1)).toMatchObject({ kind: 'playbook', incidentId: null });
    expect(f.incidentStore.listAudit({ subjectKind: 'playbook' })).toHaveLength(1);

    const after = await f.api.createIncident(manual);
    expect(after.playbookVersion).toBe(imported.version);
    expect(after.playbook.id).toBe('drill');
    const old = await f.api.getIncident({ id: before.incident.id });
    expect(old.playbook.id).toBe('opsdeck-default');
    expect(old.playbookVersion).not.toBe(after.playbookVersion);

    await f.api.applyIncidentCommand({ id: after.incident.id, revision: 1, command: { type: 'acknowledge' } });
    const timers = (await f.api.getIncident({ id: after.incident.id })).timers;
    expect(timers.find((t) => t.kind === 'status-update')?.dueAt).toBe(T0 + MIN);
    expect((await f.api.exportPlaybook()).content).toBe(playbookToJson(fastPlaybook()));
  });
});

describe('the message composer', () => {
  it('fills the Korean customer notice from the incident, leading with the impact', async () => {
    f = await openFixture();
    const { incident } = await f.api.createIncident(manual);
    const msg = await f.api.composeIncidentMessage({ id: incident.id, templateId: 'customer-notice', lang: 'ko' });
    expect(msg).toMatchObject({ audience: 'customer', final: false, lang: 'ko', complete: true, promises: [] });
    expect(msg.text).toContain('payments 이용에 문제가 있습니다. 일부 고객의 카드 결제가 실패합니다.');
    expect(msg.text).toContain('다음 안내는 2026-03-02 09:30 KST까지 드리겠습니다.');
  });

  it('reports missing fields and warns when an update promises a time of repair', async () => {
    f = await openFixture();
    const { incident } = await f.api.createIncident(manual);
    const internal = await f.api.composeIncidentMessage({ id: incident.id, templateId: 'internal-notice', lang: 'en' });
    expect(internal.complete).toBe(false);
    expect(internal.missing).toEqual(expect.arrayContaining(['currentState', 'suspectedCause', 'commander']));
    const update = await f.api.composeIncidentMessage({ id: incident.id, templateId: 'customer-update', lang: 'ko', update: '오후 3시까지 복구될 예정입니다.' });
    expect(update.promises).toEqual(['까지 복구될']);
  });

  it('writes times in the zone it is given', async () => {
    f = await openFixture();
    const { incident } = await f.api.createIncident(manual);
    const msg = await f.api.composeIncidentMessage({ id: incident.id, templateId: 'customer-notice', lang: 'en', timeZone: 'UTC' });
    expect(msg.text).toContain('by 2026-03-02 00:30 UTC');
    expect(await rejection(f.api.composeIncidentMessage({ id: incident.id, templateId: 'customer-notice', lang: 'en', timeZone: 'Mars/Olympus' }))).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('post-mortems', () => {
  async function resolvedIncident() {
    const { incident } = await f.api.createIncident(manual);
    f.clock.advance(4 * MIN);
    let d = await f.api.applyIncidentCommand({ id: incident.id, revision: 1, command: { type: 'acknowledge' } });
    f.clock.advance(HOUR);
    d = await f.api.applyIncidentCommand({ id: incident.id, revision: d.incident.revision, command: { type: 'resolve' } });
    return d.incident;
  }

  const withItems = (pm: Postmortem): Postmortem => ({
    ...pm,
    summary: '카드사 연동 인증서가 만료되어 결제가 실패했습니다.',
    rootCauses: ['인증서 만료 알림이 없었음'],
    actionItems: [
      { id: 'a1', title: '인증서 만료 30일 전 알림', kind: 'preventive', owner: '박지훈', dueDate: '2026-03-01', status: 'open', ticket: null },
      { id: 'a2', title: '인증서 교체 절차 문서화', kind: 'corrective', owner: '최민수', dueDate: '2026-04-30', status: 'in-progress', ticket: 'OPS-12' },
    ],
  });

  it('start as a draft prefilled from the incident, save with a revision, and flag overdue action items', async () => {
    f = await openFixture();
    const incident = await resolvedIncident();
    const draft = await f.api.getPostmortem({ incidentId: incident.id });
    expect(draft).toMatchObject({ revision: 0, required: true, reviewDueDate: '2026-03-05' });
    expect(draft.postmortem).toMatchObject({ status: 'draft', authors: ['kim'], impact: { services: ['payments'], description: manual.impact } });
    expect(draft.guidance.ko.length).toBeGreaterThan(0);
    expect(draft.timeline.ko.map((r) => r.text)).toEqual(expect.arrayContaining([expect.stringContaining('복구 완료')]));

    const saved = await f.api.savePostmortem({ incidentId: incident.id, revision: 0, postmortem: withItems(draft.postmortem) });
    expect(saved.revision).toBe(1);
    expect(saved.overdueItemIds).toEqual(['a1']);
    expect(f.events.at(-1)).toMatchObject({ kind: 'postmortem', incidentId: incident.id });
    expect((await f.api.getIncident({ id: incident.id })).hasPostmortem).toBe(true);

    const stale = await rejection(f.api.savePostmortem({ incidentId: incident.id, revision: 0, postmortem: draft.postmortem }));
    expect(stale.code).toBe('REVISION_CONFLICT');
    expect((await f.api.savePostmortem({ incidentId: incident.id, revision: 1, postmortem: { ...saved.postmortem, status: 'in-review' } })).revision).toBe(2);
    expect(f.incidentStore.listAudit({ subjectKind: 'postmortem' }).map((a) => a.action)).toEqual(['postmortem.create', 'postmortem.save']);
  });

  it('export to Markdown with the overdue item marked', async () => {
    f = await openFixture();
    const incident = await resolvedIncident();
    expect(await rejection(f.api.exportPostmortem({ incidentId: incident.id, lang: 'ko' }))).toMatchObject({ code: 'NOT_FOUND' });
    const draft = await f.api.getPostmortem({ incidentId: incident.id });
    await f.api.savePostmortem({ incidentId: incident.id, revision: 0, postmortem: withItems(draft.postmortem) });
    const file = await f.api.exportPostmortem({ incidentId: incident.id, lang: 'ko' });
    expect(file).toMatchObject({ filename: 'postmortem-INC-0001-ko.md', mime: 'text/markdown;charset=utf-8' });
    expect(file.content).toContain('# 사후 검토: 결제 실패 증가');
    expect(file.content).toContain('**2026-03-01 (기한 지남)**');
    expect(file.content).toContain('| 예방 | 인증서 만료 30일 전 알림 | 박지훈 |');
  });

  it('refuse a post-mortem addressed to another incident', async () => {
    f = await openFixture();
    const incident = await resolvedIncident();
    const draft = await f.api.getPostmortem({ incidentId: incident.id });
    expect(await rejection(f.api.savePostmortem({ incidentId: incident.id, revision: 0, postmortem: { ...draft.postmortem, incidentId: 'INC-0002' } }))).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('reports', () => {
  it('show MTTA and MTTR, counts per month and availability, and export CSV with a BOM', async () => {
    f = await openFixture();
    const { incident } = await f.api.createIncident(manual);
    f.clock.advance(4 * MIN);
    const acked = await f.api.applyIncidentCommand({ id: incident.id, revision: 1, command: { type: 'acknowledge' } });
    f.clock.advance(56 * MIN);
    await f.api.applyIncidentCommand({ id: incident.id, revision: acked.incident.revision, command: { type: 'resolve' } });
    await f.api.createIncident({ ...manual, severity: 'SEV4', services: ['batch'], title: '야간 배치 실패' });

    const period = { from: Date.UTC(2026, 2, 1) - 9 * HOUR, until: Date.UTC(2026, 3, 1) - 9 * HOUR };
    const report = await f.api.getIncidentReport(period);
    expect(report).toMatchObject({ incidentCount: 2, timeZone: 'Asia/Seoul', downtimeSeverities: ['SEV1', 'SEV2'] });
    expect(report.mtta).toEqual({ count: 1, meanMs: 4 * MIN, medianMs: 4 * MIN });
    expect(report.mttr).toEqual({ count: 1, meanMs: HOUR, medianMs: HOUR });
    expect(report.monthly).toEqual([{ month: '2026-03', incidents: 2, mtta: report.mtta, mttr: report.mttr }]);
    expect(report.bySeverityMonth).toEqual([
      { month: '2026-03', severity: 'SEV1', count: 1 },
      { month: '2026-03', severity: 'SEV4', count: 1 },
    ]);
    const payments = report.availability.find((a) => a.service === 'payments');
    expect(payments?.downtimeMs).toBe(HOUR);
    expect(report.availability.find((a) => a.service === 'batch')).toMatchObject({ downtimeMs: 0, availability: 1 });

    const csv = await f.api.exportIncidentReport(period);
    expect(csv.filename).toBe('opsdeck-incidents-2026-03-01_2026-03-31.csv');
    expect(csv.content.startsWith('\uFEFF장애 번호 / Incident,제목 / Title,심각도 / Severity,')).toBe(true);
    expect(csv.content).toContain('INC-0001,결제 실패 증가,SEV1,resolved,payments,2026-03-02,240,3600,0');
  });
});
