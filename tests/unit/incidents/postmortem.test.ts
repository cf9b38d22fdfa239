import { describe, expect, it } from 'vitest';
import type { Incident, Postmortem } from '../../../src/shared/incidents';
import { PostmortemSchema } from '../../../src/shared/incidents';
import { DEFAULT_PLAYBOOK } from '../../../src/main/engine/incidents/default-playbook';
import {
  addDays,
  blamelessGuidance,
  daysOverdue,
  defaultActionItemDueDate,
  draftPostmortem,
  overdueActionItems,
  postmortemRequired,
  postmortemReviewDueDate,
  postmortemToMarkdown,
  wordingWarnings,
} from '../../../src/main/engine/incidents/postmortem';
import { apply, HOUR, MIN, openIncident, T0, walkTo } from './helpers';

function resolvedIncident(): Incident {
  let inc = walkTo(openIncident({ severity: 'SEV1' }), 3, T0 + 4 * MIN);
  inc = apply(inc, { type: 'postUpdate', audience: 'customer', message: 'A | B\n둘째 줄' }, T0 + 10 * MIN);
  return apply(inc, { type: 'resolve', note: '롤백 완료' }, T0 + HOUR + 5 * MIN);
}

function writtenPostmortem(inc: Incident): Postmortem {
  return {
    ...draftPostmortem(inc, T0 + 2 * HOUR, '김민지'),
    summary: '09:20 배포된 설정 때문에 65분 동안 카드 결제 일부가 실패했습니다.',
    impact: { startedAt: T0 - 20 * MIN, endedAt: null, usersAffected: 12400, services: ['payments'], description: '결제 시도의 38%가 실패' },
    rootCauses: ['결제 타임아웃 설정이 검증 없이 배포됨', '설정 변경이 카나리 배포를 거치지 않음'],
    trigger: '09:20 설정 배포',
    detection: '5xx 비율 경보 (09:00)',
    resolution: '설정 롤백',
    wentWell: ['경보가 4분 만에 확인됨'],
    wentWrong: ['고객 공지가 15분 늦음'],
    gotLucky: ['점심 피크 전에 복구됨'],
    actionItems: [
      { id: 'a1', title: '설정 변경에 검증 단계 추가', kind: 'corrective', owner: '이준호', dueDate: '2026-03-10', status: 'open', ticket: 'OPS-12' },
      { id: 'a2', title: '설정도 카나리 배포 | 단계적 적용', kind: 'preventive', owner: '박서연', dueDate: '2026-04-30', status: 'in-progress', ticket: null },
      { id: 'a3', title: '대시보드 링크 정리', kind: 'preventive', owner: '최유나', dueDate: '2026-03-05', status: 'done', ticket: null },
    ],
    extraTimeline: [{ ts: T0 - 20 * MIN, text: '결제 설정 배포 (원인)' }],
  };
}

describe('post-mortem records', () => {
  it('a draft is a valid record prefilled from the incident', () => {
    const inc = resolvedIncident();
    const pm = draftPostmortem(inc, T0 + 2 * HOUR, '김민지');
    expect(PostmortemSchema.parse(pm)).toEqual(pm);
    expect(pm).toMatchObject({ incidentId: 'inc-1', status: 'draft', authors: ['김민지'], impact: { services: ['payments'], description: '일부 고객의 카드 결제가 실패합니다.' } });
    // The impact window starts as detection to recovery, for the authors to adjust.
    expect(pm.impact).toMatchObject({ startedAt: inc.detectedAt, endedAt: inc.resolvedAt });
    expect(inc.resolvedAt).not.toBeNull();
  });

  it('SEV1 and SEV2 require one, reviewed within 3 and 7 days of resolution', () => {
    const inc = resolvedIncident();
    expect(postmortemRequired(inc, DEFAULT_PLAYBOOK)).toBe(true);
    expect(postmortemReviewDueDate(inc, DEFAULT_PLAYBOOK)).toBe('2026-03-05');
    const sev3 = apply(inc, { type: 'setSeverity', severity: 'SEV3' }, T0 + 2 * HOUR);
    expect(postmortemRequired(sev3, DEFAULT_PLAYBOOK)).toBe(false);
    expect(postmortemReviewDueDate(sev3, DEFAULT_PLAYBOOK)).toBeNull();
  });

  it('new action items are due in 4 weeks (corrective) or 8 weeks (preventive)', () => {
    expect(defaultActionItemDueDate('corrective', DEFAULT_PLAYBOOK, T0)).toBe('2026-03-30');
    expect(defaultActionItemDueDate('preventive', DEFAULT_PLAYBOOK, T0)).toBe('2026-04-27');
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
  });
});

describe('overdue action items', () => {
  const pm = writtenPostmortem(resolvedIncident());
  const at = (iso: string) => Date.parse(iso);

  it('an item is on time through its due day in the organisation zone, and overdue from the next day', () => {
    expect(overdueActionItems(pm, at('2026-03-10T14:59:59Z'))).toEqual([]); // 23:59:59 KST on the 10th
    expect(overdueActionItems(pm, at('2026-03-10T15:00:00Z')).map((i) => i.id)).toEqual(['a1']); // 00:00 KST on the 11th
    expect(overdueActionItems(pm, at('2026-03-10T15:00:00Z'), 'UTC')).toEqual([]);
  });

  it('finished work is never overdue', () => {
    expect(overdueActionItems(pm, at('2026-12-31T00:00:00Z')).map((i) => i.id)).toEqual(['a1', 'a2']);
  });

  it('counts whole days late', () => {
    expect(daysOverdue(pm.actionItems[0]!, at('2026-03-13T03:00:00Z'))).toBe(3);
  });
});

describe('blameless guidance', () => {
  it('is data in both languages, with the review questions', () => {
    const ko = blamelessGuidance(DEFAULT_PLAYBOOK, 'ko');
    const en = blamelessGuidance(DEFAULT_PLAYBOOK, 'en');
    expect(ko.guidance.length).toBe(en.guidance.length);
    expect(ko.guidance.length).toBeGreaterThanOrEqual(3);
    expect(en.reviewQuestions).toContain('Does the root cause go deep enough?');
  });

  it('flags wording that blames a person or overstates an outage', () => {
    expect(wordingWarnings('운영자의 실수로 설정이 잘못 배포됨', DEFAULT_PLAYBOOK).map((w) => w.match)).toEqual(['실수', '잘못']);
    expect(wordingWarnings('A short Outage because the on-call should have checked', DEFAULT_PLAYBOOK).map((w) => w.match).sort()).toEqual(['outage', 'should have']);
    expect(wordingWarnings('설정 검증 단계가 없었다', DEFAULT_PLAYBOOK)).toEqual([]);
  });
});

describe('Markdown export', () => {
  const inc = resolvedIncident();
  const pm = writtenPostmortem(inc);

  it('has every section, in Korean', () => {
    const md = postmortemToMarkdown(pm, inc, 'ko', { now: Date.parse('2026-03-20T00:00:00Z') });
    for (const heading of ['# 사후 검토: 결제 API 오류 증가', '## 요약', '## 영향 범위', '## 타임라인', '## 근본 원인', '## 촉발 요인', '## 감지 경위', '## 대응·복구 조치', '## 잘된 점', '## 아쉬운 점', '## 운이 좋았던 점', '## 후속 조치'])
      expect(md).toContain(heading);
    expect(md).toContain('- 영향 시간: 1시간 25분 (2026-03-02 08:40 KST – 2026-03-02 10:05 KST)');
    expect(md).toContain('- 영향받은 사용자: 12,400');
    expect(md).toContain('**2026-03-10 (기한 지남)**');
    expect(md).not.toContain('**2026-04-30');
  });

  it('has every section, in English, with a timeline generated from the incident', () => {
    const md = postmortemToMarkdown(pm, inc, 'en', { timeZone: 'UTC' });
    for (const heading of ['## Summary', '## Impact', '## Timeline', '## Root causes', '## Trigger', '## Detection', '## Resolution', '## What went well', '## What went wrong', '## Where we got lucky', '## Action items'])
      expect(md).toContain(heading);
    const timeline = md.slice(md.indexOf('## Timeline'), md.indexOf('## Root causes'));
    // The cause the authors added comes first, then every incident entry in order.
    expect(timeline.indexOf('결제 설정 배포 (원인)')).toBeLessThan(timeline.indexOf('Incident opened'));
    expect(timeline).toContain('| 2026-03-02 00:00 UTC | Incident opened: "결제 API 오류 증가" · SEV1 · opened by hand — kim |');
    expect(timeline).toContain('Resolved: 롤백 완료');
    // Checklist ticks are the room's bookkeeping: the review reads events, decisions and notices.
    const reviewed = inc.timeline.filter((e) => e.kind !== 'item-checked' && e.kind !== 'item-unchecked' && e.kind !== 'field-set' && e.kind !== 'role-released' && e.kind !== 'details-updated');
    expect(inc.timeline.some((e) => e.kind === 'item-checked')).toBe(true);
    expect(timeline.split('\n').filter((l) => l.startsWith('| 2026')).length).toBe(reviewed.length + 1);
    expect(timeline).not.toMatch(/\| Done: /);
    // Cells cannot break the table.
    expect(timeline).toContain('Customer update posted: A \\| B<br>둘째 줄');
    expect(md).toContain('| Preventive | 설정도 카나리 배포 \\| 단계적 적용 | 박서연 | 2026-04-30 | In progress |  |');
  });

  it('an unwritten draft still shows each section, marked as not written', () => {
    const md = postmortemToMarkdown(draftPostmortem(inc, T0, 'kim'), inc, 'en');
    expect(md.match(/_\(not written yet\)_/g)?.length).toBe(9);
  });
});
