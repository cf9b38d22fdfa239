import { describe, expect, it } from 'vitest';
import { checkDraft, draftFromEntry, draftToEntry, emptyDraft, suggestId } from '../../../../src/renderer/src/domain/glossary-draft';
import { BUILTIN, entryById } from './fixtures';

const known = new Set(BUILTIN.map((e) => e.id));

const filled = () => ({
  ...emptyDraft(),
  id: 'pay-gateway',
  termKo: '결제 게이트웨이',
  termEn: 'Payment gateway',
  definitionKo: '카드 결제를\n카드사로 전달하는 서비스',
  definitionEn: 'Passes card payments on',
  whyKo: '멈추면 주문이 실패합니다',
  whyEn: 'Orders fail when it stops',
  related: 'latency, error-rate',
  sourceTitle: 'Wiki',
  sourceUrl: 'https://wiki.example.com/pg',
});

describe('the organisation-term form', () => {
  it('every built-in entry survives draft → entry unchanged', () => {
    for (const entry of BUILTIN) expect(draftToEntry(draftFromEntry(entry))).toEqual(entry);
  });

  it('a filled draft is a valid entry; line breaks in prose become spaces', () => {
    const { entry, errors } = checkDraft(filled(), known, 'add');
    expect(errors).toEqual({});
    expect(entry?.definition.ko).toBe('카드 결제를 카드사로 전달하는 서비스');
    expect(entry?.related).toEqual(['latency', 'error-rate']);
  });

  it('pins each problem to its field with a message key', () => {
    const { entry, errors } = checkDraft(
      { ...filled(), id: 'Pay Gateway', termKo: ' ', sourceUrl: 'http://wiki', related: 'nope latency', appearsIn: [], goodKo: '좋음' },
      known,
      'add',
    );
    expect(entry).toBeNull();
    expect(errors.id?.key).toBe('glossary.form.error.id');
    expect(errors.termKo?.key).toBe('glossary.form.error.required');
    expect(errors.sourceUrl?.key).toBe('glossary.form.error.url');
    expect(errors.related).toEqual({ key: 'glossary.form.error.related', params: { ids: 'nope' } });
    expect(errors.appearsIn?.key).toBe('glossary.form.error.appearsIn');
    expect(errors.goodEn?.key).toBe('glossary.form.error.pair');
  });

  it('refuses an id that is taken when adding, but not when editing that entry', () => {
    const draft = draftFromEntry(entryById('latency'));
    expect(checkDraft(draft, known, 'add').errors.id?.key).toBe('glossary.form.error.idTaken');
    expect(checkDraft(draft, known, 'edit').errors).toEqual({});
  });

  it('bands need a range and both languages', () => {
    const draft = { ...filled(), goodKo: '좋음', goodEn: 'Good', bands: [{ level: 'normal' as const, range: '< 1 %', ko: '', en: 'fine' }] };
    expect(checkDraft(draft, known, 'add').errors.bands?.key).toBe('glossary.form.error.band');
  });

  it('suggests a kebab-case id from the English term', () => {
    expect(suggestId('Payment Gateway (PG)')).toBe('payment-gateway-pg');
    expect(suggestId('  Café — Ops!  ')).toBe('cafe-ops');
  });
});
