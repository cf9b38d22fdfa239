import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlaybook, parsePlaybookJson, playbookToJson, SEVERITIES } from '../../../src/shared/incidents';
import { DEFAULT_PLAYBOOK } from '../../../src/main/engine/incidents/default-playbook';
import { opsErrorOf } from './helpers';

const FILE = path.resolve(__dirname, '../../../resources/playbook/default-playbook.json');

/** A copy of the default playbook (as raw JSON data) with one thing broken. */
function broken(mutate: (pb: Record<string, any>) => void): unknown {
  const raw = JSON.parse(fs.readFileSync(FILE, 'utf8'));
  mutate(raw);
  return raw;
}

function rejection(raw: unknown) {
  const err = opsErrorOf(() => parsePlaybook(raw));
  expect(err.code).toBe('INVALID_PLAYBOOK');
  return err.message;
}

describe('the default playbook', () => {
  it('parses, and its file is the data the engine loads', () => {
    expect(parsePlaybookJson(fs.readFileSync(FILE, 'utf8'))).toEqual(DEFAULT_PLAYBOOK);
  });

  it('has the four stages of issue 4, each owned by its team', () => {
    expect(DEFAULT_PLAYBOOK.stages.map((s) => [s.id, s.responsible.team.ko])).toEqual([
      ['detect-assess', '서비스관리팀'],
      ['announce-recover', '서비스관리팀 · 관련 팀'],
      ['customer-updates', '고객센터 · 마케팅'],
      ['recover-review', '전 팀'],
    ]);
    expect(DEFAULT_PLAYBOOK.stages.map((s) => s.share.map((f) => f.id))).toEqual([
      ['detectedAt', 'currentState', 'suspectedCause', 'severity'],
      ['officialNotice', 'recoveryStartedAt', 'resolvers'],
      ['noticeText', 'updateCadence'],
      ['resolvedAt', 'finalCause', 'preventionPlan', 'dataLoss'],
    ]);
  });

  it('asks for status updates every 30 / 60 / 120 minutes for SEV1-3 and none for SEV4, in every stage', () => {
    for (const stage of DEFAULT_PLAYBOOK.stages) {
      const timer = stage.timers.find((t) => t.kind === 'status-update');
      expect(timer?.kind === 'status-update' && timer.everyMinutes).toEqual({ SEV1: 30, SEV2: 60, SEV3: 120, SEV4: null });
    }
  });

  it('defines SEV1-SEV4 in plain words in both languages', () => {
    expect(DEFAULT_PLAYBOOK.severities.map((s) => s.id)).toEqual([...SEVERITIES]);
    for (const s of DEFAULT_PLAYBOOK.severities) {
      expect(s.definition.ko).toMatch(/[가-힣]/);
      expect(s.definition.en).toMatch(/[a-z]/);
    }
  });

  it('exports and imports to the same playbook', () => {
    const text = playbookToJson(DEFAULT_PLAYBOOK);
    expect(text.endsWith('}\n')).toBe(true);
    expect(parsePlaybookJson(text)).toEqual(DEFAULT_PLAYBOOK);
  });
});

describe('a broken playbook file is rejected with the path of the problem', () => {
  const cases: Array<[string, (pb: Record<string, any>) => void, string]> = [
    ['a stage without its Korean name', (pb) => delete pb.stages[1].name.ko, 'stages[1].name.ko'],
    ['a checklist flag that is not true or false', (pb) => (pb.stages[0].checklist[2].required = 'yes'), 'stages[0].checklist[2].required'],
    ['severities out of order', (pb) => ([pb.severities[0], pb.severities[1]] = [pb.severities[1], pb.severities[0]]), 'severities[0].id'],
    ['a negative cadence', (pb) => (pb.stages[0].timers[1].everyMinutes.SEV1 = -5), 'stages[0].timers[1].everyMinutes.SEV1'],
    ['a checklist item id used twice', (pb) => (pb.stages[1].checklist[0].id = 'confirm-symptom'), 'stages[1].checklist[0].id'],
    ['a timer for an item that does not exist', (pb) => (pb.stages[2].timers[0].itemId = 'no-such-item'), 'stages[2].timers[0].itemId'],
    ['an unknown key (a typo)', (pb) => (pb.stages[0].chekclist = []), 'stages[0]'],
    ['an unknown placeholder', (pb) => (pb.templates[0].body.en += ' {{servce}}'), 'templates[0].body.en'],
    ['a customer message without the next update time', (pb) => (pb.templates[2].body.ko = pb.templates[2].body.ko.replace('{{nextUpdateAt}}', '곧')), 'templates[2].body.ko'],
    ['a customer message that does not lead with impact', (pb) => (pb.templates[3].body.en = 'Hello.\n\n{{impact}} Next update by {{nextUpdateAt}}.'), 'templates[3].body.en'],
    ['a customer message naming internal hosts', (pb) => (pb.templates[2].body.en += ' ({{hosts}})'), 'templates[2].body.en'],
    ['an unclosed section', (pb) => (pb.templates[1].body.ko += '{{#workaround}}'), 'templates[1].body.ko'],
    ['a missing template', (pb) => pb.templates.splice(4, 1), 'templates'],
    ['a wrong format version', (pb) => (pb.formatVersion = 2), 'formatVersion'],
  ];
  for (const [what, mutate, where] of cases)
    it(`${what} → ${where}`, () => {
      expect(rejection(broken(mutate))).toContain(`at ${where}:`);
    });

  it('the messages say what to fix', () => {
    expect(rejection(broken((pb) => (pb.templates[2].body.ko = pb.templates[2].body.ko.replace('{{nextUpdateAt}}', '곧'))))).toMatch(/next update/);
    expect(rejection(broken((pb) => (pb.stages[2].timers[0].itemId = 'no-such-item')))).toMatch(/no checklist item no-such-item/);
  });

  it('text that is not JSON, or not an object, is INVALID_PLAYBOOK too', () => {
    expect(opsErrorOf(() => parsePlaybookJson('{ "stages": [ ')).message).toMatch(/not valid JSON/);
    expect(rejection(null)).toContain('(the whole file)');
  });

  it('counts further problems', () => {
    expect(rejection(broken((pb) => ((pb.id = 'Not Kebab'), (pb.name = 1))))).toMatch(/and 1 more problem\b/);
  });

  it('an organisation can change the wording and the numbers', () => {
    const edited = parsePlaybook(
      broken((pb) => {
        pb.severities[3].definition.ko = '고객 영향 없음. 업무 시간에 처리합니다.';
        pb.stages[0].timers[1].everyMinutes.SEV1 = 20;
        pb.stages[0].checklist.push({ id: 'call-vendor', text: { ko: '클라우드 업체에 문의', en: 'Contact the cloud vendor' }, required: false });
      }),
    );
    expect(edited.stages[0]?.checklist.at(-1)?.id).toBe('call-vendor');
    expect(edited.severities[3]?.definition.ko).toBe('고객 영향 없음. 업무 시간에 처리합니다.');
  });
});
