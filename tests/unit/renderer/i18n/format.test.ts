import { describe, expect, it } from 'vitest';
import { createFormatter, MISSING } from '../../../../src/renderer/src/i18n/format';

const ko = createFormatter('ko');
const en = createFormatter('en');

describe('byte and rate formatting', () => {
  it('uses binary multiples with one decimal below 100', () => {
    expect(en.bytes(3.2 * 1024 ** 3)).toBe('3.2 GiB');
    expect(en.bytes(512)).toBe('512 B');
    expect(en.bytes(1536)).toBe('1.5 KiB');
    expect(en.bytes(250 * 1024 ** 2)).toBe('250 MiB');
    expect(en.bytes(0)).toBe('0 B');
  });

  it('formats rates per second', () => {
    expect(en.rate(12.5 * 1024 ** 2)).toBe('12.5 MiB/s');
    expect(ko.rate(12.5 * 1024 ** 2)).toBe('12.5 MiB/s');
  });

  it('groups large numbers the way the locale does', () => {
    expect(en.bytes(1234 * 1024 ** 5)).toBe('1,234 PiB');
  });
});

describe('durations', () => {
  it('shows the two largest units in Korean', () => {
    expect(ko.duration(3 * 86_400 + 4 * 3_600 + 59)).toBe('3일 4시간');
    expect(ko.duration(42)).toBe('42초');
    expect(ko.duration(125)).toBe('2분 5초');
  });

  it('shows the two largest units in English', () => {
    expect(en.duration(3 * 86_400 + 4 * 3_600)).toBe('3 d 4 h');
    expect(en.duration(3_600)).toBe('1 h');
    expect(en.duration(0)).toBe('0 s');
  });

  it('skips a zero second unit rather than writing "0시간"', () => {
    expect(ko.duration(2 * 86_400 + 30)).toBe('2일');
  });
});

describe('percent, ratio and missing readings', () => {
  it('formats percentages with a space before the sign', () => {
    expect(ko.percent(92)).toBe('92 %');
    expect(ko.percent(12.345)).toBe('12.3 %');
    expect(en.percent(100)).toBe('100 %');
  });

  it('shows two decimals for load ratios', () => {
    expect(en.ratio(0.126)).toBe('0.13');
  });

  it('never turns a missing reading into 0', () => {
    for (const format of [en.bytes, en.rate, en.percent, en.ratio, en.count, en.duration, en.opsRate]) {
      expect(format(null)).toBe(MISSING);
      expect(format(undefined)).toBe(MISSING);
      expect(format(Number.NaN)).toBe(MISSING);
    }
  });

  it('formats a value in its metric unit', () => {
    expect(en.metric('bytesPerSecond', 2048)).toBe('2 KiB/s');
    expect(ko.metric('seconds', 90_000)).toBe('1일 1시간');
    expect(en.metric('count', 8)).toBe('8');
    expect(en.metric('opsPerSecond', 12.34)).toBe('12.3 /s');
  });

  it('formats axis labels without decimals for percentages', () => {
    expect(en.axis('percent', 50)).toBe('50 %');
    expect(en.axis('ratio', 1.5)).toBe('1.5');
  });
});

describe('availability', () => {
  it('has enough decimals to tell 99.997 % from 100 %, truncating so downtime never rounds away', () => {
    const ko = createFormatter('ko');
    expect(ko.availability(0.99997)).toBe('99.997 %');
    expect(ko.availability(0.9999999)).toBe('99.999 %');
    expect(ko.availability(0.999979)).toBe('99.997 %');
    expect(ko.availability(1)).toBe('100 %');
    expect(ko.availability(null)).toBe('—');
  });

  it('writes durations by one rule: whole seconds, the two largest units (a card and a table agree)', () => {
    const ko = createFormatter('ko');
    expect(ko.duration(226.9)).toBe('3분 46초');
    expect(ko.duration(226_900 / 1000)).toBe(ko.duration(Math.floor(226_900 / 1000)));
  });
});
