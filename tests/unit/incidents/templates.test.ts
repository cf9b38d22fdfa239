import { describe, expect, it } from 'vitest';
import { INCIDENT_LANGS, type Incident } from '../../../src/shared/incidents';
import { DEFAULT_PLAYBOOK } from '../../../src/main/engine/incidents/default-playbook';
import { composeMessage, findResolutionPromises, renderTemplate } from '../../../src/main/engine/incidents/templates';
import { apply, MIN, openIncident, T0, walkTo } from './helpers';

/** A SEV1 in stage 3 with every share field filled in. */
function runningIncident(): Incident {
  let inc = openIncident({ severity: 'SEV1', services: ['payments'], impact: '카드 결제가 되지 않습니다.' });
  inc = apply(inc, { type: 'assignRole', role: 'commander', person: '김민지' }, T0 + MIN);
  inc = walkTo(inc, 2, T0 + 5 * MIN);
  inc = apply(inc, { type: 'updateDetails', workaround: '계좌이체는 정상입니다.' }, T0 + 6 * MIN);
  for (const [fieldId, value] of Object.entries({
    currentState: '결제 서버 재시작 중',
    suspectedCause: '09:20 배포',
    officialNotice: '사내 공지 완료',
    noticeText: '고객 공지 게시',
    finalCause: '설정 오류',
    preventionPlan: '배포 전 검증 추가',
    dataLoss: '없음',
  }))
    inc = apply(inc, { type: 'setField', fieldId, value }, T0 + 7 * MIN);
  return apply(inc, { type: 'assignRole', role: 'resolver', person: '이준호' }, T0 + 7 * MIN);
}

const NOW = T0 + 20 * MIN; // 09:20 KST
const UPDATE = { ko: '원인을 찾았고 복구 작업을 진행하고 있습니다.', en: 'We have found the cause and are restoring service.' };

describe('the tiny renderer', () => {
  it('fills values, keeps sections only when their value is present, and never re-reads inserted text', () => {
    const r = renderTemplate('A {{x}}{{#y}} [y={{y}}]{{/y}}{{#z}} [z]{{/z}}.', { x: '{{y}}', y: '1', z: '' });
    expect(r).toEqual({ text: 'A {{y}} [y=1].', segments: [{ kind: 'text', text: 'A {{y}} [y=1].' }], uses: ['x', 'y', 'z'], missing: [], unknown: [], errors: [] });
  });

  it('marks where a value is missing as a gap, so a preview never shows a raw {{name}}', () => {
    const r = renderTemplate('Next update: {{nextUpdateAt}} ({{cadence}})', { nextUpdateAt: '', cadence: '30 min' });
    expect(r.segments).toEqual([{ kind: 'text', text: 'Next update: ' }, { kind: 'gap', name: 'nextUpdateAt' }, { kind: 'text', text: ' (30 min)' }]);
    expect(r.missing).toEqual(['nextUpdateAt']);
  });

  it('reports unknown and missing placeholders and leaves them visible', () => {
    const r = renderTemplate('{{a}} {{b}} {{nope}}', { a: 'A', b: '  ' });
    expect(r.text).toBe('A {{b}} {{nope}}');
    expect(r.missing).toEqual(['b']);
    expect(r.unknown).toEqual(['nope']);
  });

  it('reports malformed markers and unbalanced sections', () => {
    expect(renderTemplate('{{ 1x }}', {}).errors).toHaveLength(1);
    expect(renderTemplate('{{#a}} open', { a: 'x' }).errors[0]).toMatch(/never closed/);
    expect(renderTemplate('{{a', { a: 'x' }).errors[0]).toMatch(/not a complete placeholder/);
  });
});

describe('composed messages', () => {
  for (const lang of INCIDENT_LANGS)
    for (const template of DEFAULT_PLAYBOOK.templates)
      it(`${template.id} (${lang}) fills every placeholder`, () => {
        let inc = runningIncident();
        if (template.id === 'customer-resolved') inc = apply(walkTo(inc, 3, NOW), { type: 'resolve' }, NOW);
        const msg = composeMessage(inc, DEFAULT_PLAYBOOK, template.id, { lang, now: NOW, update: UPDATE[lang] });
        expect(msg.missing).toEqual([]);
        expect(msg.unknown).toEqual([]);
        expect(msg.complete).toBe(true);
        expect(msg.text).not.toMatch(/\{\{|\}\}/);
        if (template.audience === 'customer') {
          expect(findResolutionPromises(msg.text)).toEqual([]);
          expect(msg.text).not.toContain('web-'); // no host names for customers
        }
      });

  it('the Korean customer notice leads with impact, says when the next update comes, and promises no repair time', () => {
    const msg = composeMessage(runningIncident(), DEFAULT_PLAYBOOK, 'customer-notice', { lang: 'ko', now: NOW });
    const [firstParagraph] = msg.text.split('\n\n');
    expect(firstParagraph).toContain('카드 결제가 되지 않습니다.');
    // SEV1: the next update is 30 minutes after this notice goes out.
    expect(msg.text).toContain('다음 안내는 2026-03-02 09:50 KST까지 드리겠습니다.');
    expect(msg.text).toContain('계좌이체는 정상입니다.'); // workaround section kept
    expect(findResolutionPromises(msg.text)).toEqual([]);
  });

  it('the English customer update carries the update text and the next update time', () => {
    const msg = composeMessage(runningIncident(), DEFAULT_PLAYBOOK, 'customer-update', { lang: 'en', now: NOW, update: UPDATE.en, timeZone: 'UTC' });
    expect(msg.text.split('\n\n')[0]).toContain('payments: 카드 결제가 되지 않습니다.');
    expect(msg.text).toContain(UPDATE.en);
    expect(msg.text).toContain('We will post the next update by 2026-03-02 00:50 UTC.');
  });

  it('service names from the catalog replace ids', () => {
    const msg = composeMessage(runningIncident(), DEFAULT_PLAYBOOK, 'customer-notice', { lang: 'ko', now: NOW, serviceNames: { payments: '간편결제' } });
    expect(msg.text).toContain('현재 간편결제 이용에 문제가 있습니다.');
  });

  it('a SEV4 has no cadence, so the next update time is reported missing until a person picks one', () => {
    const inc = apply(runningIncident(), { type: 'setSeverity', severity: 'SEV4' }, NOW);
    const msg = composeMessage(inc, DEFAULT_PLAYBOOK, 'customer-notice', { lang: 'ko', now: NOW });
    expect(msg.missing).toEqual(['nextUpdateAt']);
    expect(msg.complete).toBe(false);
    expect(msg.text).toContain('{{nextUpdateAt}}');
    const picked = composeMessage(inc, DEFAULT_PLAYBOOK, 'customer-notice', { lang: 'ko', now: NOW, nextUpdateAt: NOW + 4 * 60 * MIN });
    expect(picked.text).toContain('2026-03-02 13:20 KST');
  });

  it('an update without its text reports {{update}} as missing', () => {
    const msg = composeMessage(runningIncident(), DEFAULT_PLAYBOOK, 'internal-update', { lang: 'en', now: NOW });
    expect(msg.missing).toEqual(['update']);
  });

  it('an unknown template id is NOT_FOUND', () => {
    expect(() => composeMessage(runningIncident(), DEFAULT_PLAYBOOK, 'haiku', { lang: 'ko', now: NOW })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('resolution-time promises', () => {
  it('are found in Korean and English', () => {
    expect(findResolutionPromises('오후 3시까지 복구될 예정입니다')).not.toEqual([]);
    expect(findResolutionPromises('30분 이내에 정상화하겠습니다')).not.toEqual([]);
    expect(findResolutionPromises('예상 복구 시간은 2시간입니다')).not.toEqual([]);
    expect(findResolutionPromises('ETA 15:00')).not.toEqual([]);
    expect(findResolutionPromises('The service will be restored by 3 pm.')).not.toEqual([]);
    expect(findResolutionPromises('Expected to be fixed within the hour')).not.toEqual([]);
  });

  it('are not confused with the next update time', () => {
    expect(findResolutionPromises('다음 안내는 10:30까지 드리겠습니다.')).toEqual([]);
    expect(findResolutionPromises('We will post the next update by 10:30.')).toEqual([]);
  });
});
