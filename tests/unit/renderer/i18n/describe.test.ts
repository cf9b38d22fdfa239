import { describe, expect, it } from 'vitest';
import type { HealthReason } from '../../../../src/shared/model';
import { createTranslate } from '../../../../src/renderer/src/i18n/catalogue';
import { describeError, describeReason, metricLabel, staleAgeMs } from '../../../../src/renderer/src/i18n/describe';
import { createFormatter } from '../../../../src/renderer/src/i18n/format';

const ctx = (language: 'ko' | 'en', receivedAt = 1_000, now = 1_000) => ({
  t: createTranslate(language),
  fmt: createFormatter(language),
  receivedAt,
  now,
});

describe('describeReason', () => {
  it('explains a crossed threshold with the metric name and both numbers', () => {
    const reason: HealthReason = { code: 'THRESHOLD', metric: 'cpu.usage', value: 92, threshold: 90, status: 'crit' };
    expect(describeReason(reason, ctx('ko'))).toBe('CPU 사용률 92 % ≥ 90 %');
    expect(describeReason(reason, ctx('en'))).toBe('CPU usage 92 % ≥ 90 %');
  });

  it('names the filesystem of a per-mount threshold', () => {
    const reason: HealthReason = { code: 'THRESHOLD', metric: 'fs.used:/var', value: 95.5, threshold: 95, status: 'crit' };
    expect(describeReason(reason, ctx('ko'))).toBe('/var 사용률 95.5 % ≥ 95 %');
  });

  it('says how old stale data is, counting on from when the answer arrived', () => {
    const reason: HealthReason = { code: 'STALE', lastSampleTs: 0, ageMs: 30_000 };
    expect(describeReason(reason, ctx('ko', 10_000, 25_000))).toBe('마지막 수집 45초 전');
    expect(describeReason(reason, ctx('en', 10_000, 10_000))).toBe('Last sample 30 s ago');
  });

  it('says so when nothing was ever collected', () => {
    expect(describeReason({ code: 'STALE', lastSampleTs: null, ageMs: null }, ctx('ko'))).toBe('아직 수집된 데이터가 없습니다');
  });

  it("words a collection failure from its code and data, never with the engine's English", () => {
    const reason: HealthReason = { code: 'COLLECT_FAILED', errorCode: 'UNREACHABLE', message: 'Could not reach 127.0.0.1:1: refused.', data: { target: '127.0.0.1:1', reason: 'ECONNREFUSED' } };
    const ko = describeReason(reason, ctx('ko'));
    expect(ko).toMatch(/^수집 실패: 연결이 거부되었습니다\./);
    expect(ko).not.toMatch(/Could not reach/);
    expect(describeReason(reason, ctx('en'))).toMatch(/^Collection failed: The connection was refused/);
  });
});

describe('staleAgeMs', () => {
  it('never goes backwards when the local clock is behind the receipt time', () => {
    expect(staleAgeMs({ code: 'STALE', lastSampleTs: 1, ageMs: 5_000 }, 2_000, 1_000)).toBe(5_000);
  });
});

describe('describeError', () => {
  const t = createTranslate('ko');

  it('tells a browser user to check `npx opsdeck serve` when the engine is unreachable', () => {
    expect(describeError(t, { code: 'UNAVAILABLE', message: 'x' }, 'browser')).toContain('`npx opsdeck serve`');
  });

  it('tells a desktop user to restart instead', () => {
    expect(describeError(t, { code: 'UNAVAILABLE', message: 'x' }, 'electron')).toBe('엔진이 응답하지 않습니다. OpsDeck을 다시 시작해 보세요.');
  });

  it("never shows the engine's English message: a known code gets its sentence, with the address it concerns", () => {
    expect(describeError(t, { code: 'STORE_FAILED', message: 'disk full' }, 'browser')).toBe(
      '데이터를 저장하거나 읽지 못했습니다. 데이터 폴더가 있는 디스크에 빈 공간과 쓰기 권한이 있는지 확인한 뒤 다시 시도하세요.',
    );
    expect(describeError(t, { code: 'UNREACHABLE', message: 'Could not reach', data: { target: '10.0.0.5:22', reason: 'ECONNREFUSED' } })).toMatch(/^연결이 거부되었습니다\..*확인하세요\. \(10\.0\.0\.5:22\)$/);
  });

  it('a code this build does not know (one added by a newer engine) still gets a Korean sentence with a next step', () => {
    const text = describeError(t, { code: 'QUOTA_EXCEEDED_IN_A_LATER_ENGINE', message: 'A code from a newer engine.' }, 'browser');
    expect(text).toBe('예상하지 못한 오류가 생겼습니다(오류 코드 QUOTA_EXCEEDED_IN_A_LATER_ENGINE). 다시 시도하고, 계속되면 이 코드를 관리자에게 알리세요.');
    expect(text).not.toContain('The disk');
  });
});

describe('metricLabel', () => {
  it('labels plain metrics from the catalogue', () => {
    expect(metricLabel(createTranslate('ko'), 'load.perCore')).toBe('코어당 부하');
  });
});
