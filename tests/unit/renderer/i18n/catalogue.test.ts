import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRIC_KEYS, TIME_RANGES } from '../../../../src/shared/model';
import { CATALOGUES, createTranslate, interpolate, languageFromLocale, LANGUAGES } from '../../../../src/renderer/src/i18n/catalogue';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)(?:\|[^{}|]*\|[^{}|]*)?\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('Korean and English have exactly the same keys', () => {
    expect(Object.keys(CATALOGUES.en).sort()).toEqual(Object.keys(CATALOGUES.ko).sort());
  });

  it('no message is empty in any language', () => {
    for (const language of LANGUAGES) {
      for (const [key, text] of Object.entries(CATALOGUES[language])) {
        expect(text.trim(), `${language}:${key}`).not.toBe('');
      }
    }
  });

  it('every translation uses the same placeholders as the Korean source', () => {
    for (const [key, text] of Object.entries(CATALOGUES.ko)) {
      expect(placeholders(CATALOGUES.en[key as keyof typeof CATALOGUES.en]), key).toEqual(placeholders(text));
    }
  });

  it('every metric, status and time range has a label', () => {
    const keys = new Set(Object.keys(CATALOGUES.ko));
    for (const metric of METRIC_KEYS) expect(keys.has(`metric.${metric}`), metric).toBe(true);
    for (const status of ['ok', 'warn', 'crit', 'unknown']) expect(keys.has(`status.${status}`)).toBe(true);
    for (const range of Object.keys(TIME_RANGES)) expect(keys.has(`range.${range}`)).toBe(true);
  });

  it("index.html's loading indicator, shown before the script runs, is named as the catalogues say", () => {
    const html = fs.readFileSync(path.join(__dirname, '../../../../src/renderer/index.html'), 'utf8');
    expect(html).toContain(`aria-label="${CATALOGUES.ko['app.opening']} / ${CATALOGUES.en['app.opening']}"`);
  });

  it('the Korean engine-unreachable message names the command to run', () => {
    expect(createTranslate('ko')('error.unreachableServe')).toBe('엔진에 연결할 수 없습니다. `npx opsdeck serve`가 실행 중인지 확인하세요.');
  });
});

describe('interpolate', () => {
  it('fills named placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{a} / {b}', { a: 1 })).toBe('1 / {b}');
  });

  it('picks the English singular or plural form by the number', () => {
    expect(interpolate('{count|# server|# servers}', { count: 1 })).toBe('1 server');
    expect(interpolate('{count|# server|# servers}', { count: 0 })).toBe('0 servers');
    expect(interpolate('{count|# server|# servers}', { count: '1,200' })).toBe('1,200 servers');
    expect(createTranslate('en')('overview.serviceMetaNoOwner', { count: 1 })).toBe('1 server');
    expect(createTranslate('ko')('overview.serviceMetaNoOwner', { count: 1 })).toBe('1대');
  });
});

describe('languageFromLocale', () => {
  it.each([
    ['ko', 'ko'],
    ['ko-KR', 'ko'],
    ['ko_KR.UTF-8', 'ko'],
    ['KO-kr', 'ko'],
    ['en-US', 'en'],
    ['ja-JP', 'en'],
    ['', 'en'],
    [null, 'en'],
  ] as const)('%s gives %s', (locale, language) => {
    expect(languageFromLocale(locale)).toBe(language);
  });
});
