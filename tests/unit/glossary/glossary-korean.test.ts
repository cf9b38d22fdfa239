// The Korean of the glossary reads as one text with the screens: the stage names are the
// playbook's, the status words are the UI's (주의, not 경고), OpsDeck takes the particles of its
// pronunciation (옵스덱은, 옵스덱이), and band ranges say their units in Korean.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import raw from '../../../resources/glossary/terms.json';
import defaultPlaybook from '../../../resources/playbook/default-playbook.json';
import { localizeBandRange } from '../../../src/renderer/src/domain/band-range';
import { CATALOGUES } from '../../../src/renderer/src/i18n/catalogue';
import { parseGlossary } from '../../../src/shared/glossary';

const entries = parseGlossary(raw);
const byId = new Map(entries.map((e) => [e.id, e]));

describe('the Korean of the glossary and the screens', () => {
  it("names each stage as the playbook does", () => {
    for (const stage of defaultPlaybook.stages) {
      const entry = byId.get(stage.glossaryId)!;
      const n = defaultPlaybook.stages.indexOf(stage) + 1;
      expect(`${n}단계 · ${entry.term.ko.replace(/ \(\d단계\)$/, '')}`, stage.id).toBe(stage.name.ko);
      expect(`Stage ${n} · ${entry.term.en.replace(/ \(stage \d\)$/, '')}`, stage.id).toBe(stage.name.en);
    }
  });

  it('calls the statuses what the screens call them', () => {
    const statusWords = Object.values({ ok: CATALOGUES.ko['status.ok'], warn: CATALOGUES.ko['status.warn'], crit: CATALOGUES.ko['status.crit'], unknown: CATALOGUES.ko['status.unknown'] });
    expect(statusWords).toEqual(['정상', '주의', '위험', '알 수 없음']);
    for (const id of ['status-ok', 'status-warn', 'status-crit', 'status-unknown', 'overall-status']) {
      // Aliases may say 경고 (people search for it); the explanation uses the screen's word.
      const { definition, whyItMatters, goodLooksLike } = byId.get(id)!;
      expect([definition.ko, whyItMatters.ko, goodLooksLike?.ko ?? ''].join(' '), id).not.toContain('경고');
    }
  });

  it('writes OpsDeck with the particles of 옵스덱 (은/이/을/과), in the glossary, the catalogues and the playbook', () => {
    const root = path.resolve(__dirname, '../../..');
    const texts = [
      JSON.stringify(raw),
      JSON.stringify(defaultPlaybook),
      ...Object.values(CATALOGUES.ko),
      fs.readFileSync(path.join(root, 'resources/glossary/README.md'), 'utf8'),
    ].join('\n');
    expect(texts.match(/OpsDeck[는가를와](?![a-z])/g) ?? []).toEqual([]);
  });

  it('says band units in Korean: no English word is left in a Korean range', () => {
    const left = entries.flatMap((e) =>
      (e.goodLooksLike?.bands ?? []).map((b) => localizeBandRange(b.range, 'ko')).filter((r) => /\b(?!ms\b)[a-z]{2,}\b/.test(r)),
    );
    expect(left).toEqual([]);
    expect(localizeBandRange('< 1.5 × cores', 'ko')).toBe('< 1.5 × 코어 수');
    expect(localizeBandRange('70–90 % of max', 'ko')).toBe('최대치의 70–90 %');
    expect(localizeBandRange('> 3 × interval (min 10 s)', 'ko')).toBe('> 3 × 수집 주기 (최소 10초)');
    expect(localizeBandRange('< 1.5 × cores', 'en')).toBe('< 1.5 × cores');
  });
});
