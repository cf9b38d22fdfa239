// Pure pieces of the incident screens: late timers, the post-mortem form model, report periods
// and charts, and the copy fallback.
import { describe, expect, it } from 'vitest';
import { isLate, lateTimers, nextDue } from '../../../../src/renderer/src/features/incidents/overdue';
import { formOf, formProblems, newActionItem, overdueItemIds, postmortemOf } from '../../../../src/renderer/src/features/incidents/postmortem/form-model';
import { availabilityOption, severityOption, timesOption } from '../../../../src/renderer/src/features/reports/chart-options';
import { reportRange } from '../../../../src/renderer/src/store/reports-slice';
import { THEMES } from '../../../../src/renderer/src/theme/tokens';
import { copyText } from '../../../../src/renderer/src/ui/copy-text';
import { draftPostmortem } from '../../../../src/main/engine/incidents/postmortem';
import type { IncidentReport } from '../../../../src/shared/incidents-contract';
import { makeIncident, makeListItem, T0 } from '../support/incidents';

const MIN = 60_000;

describe('late timers', () => {
  it('turn late the moment the due time passes on this machine, most late first', () => {
    const item = makeListItem(makeIncident([{ type: 'acknowledge' }]));
    const timer = item.timers.find((t) => t.kind === 'status-update')!;
    expect(timer.dueAt).toBe(T0 + 30 * MIN);
    expect(isLate(timer, timer.dueAt)).toBe(false);
    expect(isLate(timer, timer.dueAt + 1)).toBe(true);
    expect(nextDue(item.timers, T0)?.id).toBe('status-update');
    const late = lateTimers([item, { ...item, id: 'INC-0002', status: 'resolved' }], T0 + 31 * MIN);
    expect(late.map((l) => [l.incidentId, l.timer.id, l.lateMs])).toEqual([['INC-0001', 'status-update', MIN]]);
  });
});

describe('the post-mortem form', () => {
  const pm = draftPostmortem(makeIncident(), T0, 'kim');

  it('turns lines and comma lists into the record and back', () => {
    const form = { ...formOf(pm), rootCauses: ' 인증서 만료 \n\n알림 없음', authors: 'kim, lee, kim', usersAffected: '1200', services: 'payments, checkout' };
    const record = postmortemOf(form, pm);
    expect(record).toMatchObject({ rootCauses: ['인증서 만료', '알림 없음'], authors: ['kim', 'lee'], impact: { usersAffected: 1200, services: ['payments', 'checkout'] } });
    expect(formOf(record).rootCauses).toBe('인증서 만료\n알림 없음');
  });

  it('lists what the engine would refuse before sending it', () => {
    const item = { ...newActionItem('corrective', '2026-03-30', T0), title: ' ', owner: '' };
    expect([...formProblems({ ...formOf(pm), usersAffected: '약 1,200명', actionItems: [item] })]).toEqual([
      ['usersAffected', 'pm.error.usersAffected'],
      ['action-0-title', 'pm.error.actionTitle'],
      ['action-0-owner', 'pm.error.actionOwner'],
    ]);
    // Digits grouped the way people write them are a number.
    expect(formProblems({ ...formOf(pm), usersAffected: '1,200' }).size).toBe(0);
    expect(postmortemOf({ ...formOf(pm), usersAffected: '1,200' }, pm).impact.usersAffected).toBe(1200);
  });

  it('flags open items past their due date, and not finished ones', () => {
    const a = { ...newActionItem('corrective', '2020-01-01', T0), title: 'a', owner: 'x' };
    const b = { ...a, id: 'b', status: 'done' as const };
    const c = { ...a, id: 'c', dueDate: '2999-01-01' };
    expect([...overdueItemIds([a, b, c], T0)]).toEqual([a.id]);
  });
});

describe('report periods', () => {
  it('cover whole calendar months in local time, ending with this one', () => {
    const now = new Date(2026, 4, 17, 15, 0).getTime();
    expect(reportRange('month', now)).toEqual({ from: new Date(2026, 4, 1).getTime(), until: new Date(2026, 5, 1).getTime() });
    expect(reportRange('quarter', now).from).toBe(new Date(2026, 2, 1).getTime());
    expect(reportRange('year', now).from).toBe(new Date(2025, 5, 1).getTime());
  });
});

describe('report charts', () => {
  const stats = (meanMs: number | null) => ({ count: meanMs === null ? 0 : 1, meanMs, medianMs: meanMs });
  const report = {
    monthly: [
      { month: '2026-02', incidents: 0, mtta: stats(null), mttr: stats(null) },
      { month: '2026-03', incidents: 2, mtta: stats(4 * MIN), mttr: stats(90 * MIN) },
    ],
    bySeverityMonth: [{ month: '2026-03', severity: 'SEV1', count: 2 }],
    availability: [
      { service: 'batch', downtimeMs: 0, periodMs: 1, availability: 1, incidents: 0 },
      { service: 'payments', downtimeMs: 1, periodMs: 1, availability: 0.9975, incidents: 2 },
    ],
  } as unknown as IncidentReport;
  const style = { colours: THEMES.dark.chart, status: THEMES.dark.status, textColour: '#fff' };

  it('draw MTTA and MTTR in minutes, with a gap (not 0) for a month without incidents', () => {
    const option = timesOption(report, style, { mtta: 'MTTA', mttr: 'MTTR' });
    expect((option.series as Array<{ data: unknown[] }>).map((s) => s.data)).toEqual([
      [null, 4],
      [null, 90],
    ]);
  });

  it('stack incidents by severity per month', () => {
    const series = severityOption(report, style, (s) => s).series as Array<{ name: string; data: number[]; stack: string }>;
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['SEV1', [0, 2]],
      ['SEV2', [0, 0]],
      ['SEV3', [0, 0]],
      ['SEV4', [0, 0]],
    ]);
    expect(new Set(series.map((s) => s.stack)).size).toBe(1);
  });

  it('show availability lowest first, on an axis that starts just below it', () => {
    const option = availabilityOption(report, style, (v) => `${v} %`);
    expect((option.series as Array<{ data: number[] }>)[0]!.data).toEqual([99.75, 100]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['payments', 'batch']);
    expect((option.yAxis as { min: number }).min).toBe(98);
  });
});

describe('copying a notice', () => {
  it('uses the clipboard when allowed, and asks for select-and-copy when refused or missing', async () => {
    const written: string[] = [];
    expect(await copyText('안내', { clipboard: { writeText: async (t: string) => void written.push(t) } } )).toBe('copied');
    expect(written).toEqual(['안내']);
    expect(await copyText('안내', { clipboard: { writeText: () => Promise.reject(new Error('NotAllowedError')) } } )).toBe('select');
    expect(await copyText('안내', {})).toBe('select');
  });
});
