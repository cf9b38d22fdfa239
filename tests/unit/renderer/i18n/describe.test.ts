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

  it('passes a collection failure message through', () => {
    expect(describeReason({ code: 'COLLECT_FAILED', errorCode: 'SSH_AUTH', message: 'Permission denied (publickey).' }, ctx('en'))).toBe(
      'Collection failed: Permission denied (publickey).',
    );
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

  it('keeps the code and message of errors it has no sentence for', () => {
    expect(describeError(createTranslate('en'), { code: 'STORE_FAILED', message: 'disk full' }, 'browser')).toBe('Something went wrong (STORE_FAILED): disk full');
  });
});

describe('metricLabel', () => {
  it('labels plain metrics from the catalogue', () => {
    expect(metricLabel(createTranslate('ko'), 'load.perCore')).toBe('코어당 부하');
  });
});
