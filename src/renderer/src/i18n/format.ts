// Number, byte, rate, duration and time formatting for one UI language. Pure.
// A missing reading (null) is shown as an em dash, never as 0.
import type { MetricUnit } from '../../../shared/model';
import { createTranslate, LOCALE_TAGS, type Language } from './catalogue';
// Both languages write numbers as Intl does for en-US; decimal.ts does so without its start-up cost.
import { formatDecimal } from './decimal';

export const MISSING = '—';

// Binary multiples (1 GiB = 1024³ bytes), labelled as such: a "GB" beside a GiB value made a
// 271 GB disk (df -H) read as 252 GB.
const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

export interface Formatter {
  readonly language: Language;
  number(value: number | null | undefined, maxFractionDigits?: number): string;
  percent(value: number | null | undefined): string;
  bytes(value: number | null | undefined): string;
  rate(value: number | null | undefined): string;
  opsRate(value: number | null | undefined): string;
  ratio(value: number | null | undefined): string;
  count(value: number | null | undefined): string;
  /** Two largest units: "3일 4시간" / "3 d 4 h". */
  duration(seconds: number | null | undefined): string;
  /** A value in a metric's unit. */
  metric(unit: MetricUnit, value: number | null | undefined): string;
  /** Short axis label for a chart in a metric's unit. */
  axis(unit: MetricUnit, value: number): string;
  time(ts: number, withSeconds?: boolean): string;
  dateTime(ts: number): string;
  /** With the year, for documents that outlive the week (post-mortems, reports, prints). */
  fullDateTime(ts: number): string;
  /** A calendar date with the year. */
  date(ts: number): string;
  /** Availability (0–1) as a percentage with three decimals, truncated: 99.9997 % shows as 99.999 %, never as 100 %. */
  availability(ratio: number | null | undefined): string;
}

/** Truncated to three decimals of a percent: only no downtime at all is 100 %. */
export function availabilityPercent(ratio: number): number {
  if (ratio >= 1) return 100;
  return Math.min(99.999, Math.floor(Math.max(0, ratio) * 100_000) / 1000);
}

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function createFormatter(language: Language): Formatter {
  const locale = LOCALE_TAGS[language];
  const t = createTranslate(language);
  // Built on first use: each DateTimeFormat costs tens of milliseconds to construct (ICU
  // pattern data), and the first overview paint formats no times at all.
  const dateFormat = (options: Intl.DateTimeFormatOptions) => {
    let f: Intl.DateTimeFormat | null = null;
    return (ts: number): string => (f ??= new Intl.DateTimeFormat(locale, { ...options, hourCycle: 'h23' })).format(ts);
  };
  const timeFormat = dateFormat({ hour: '2-digit', minute: '2-digit' });
  const timeSecondsFormat = dateFormat({ hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const dateTimeFormat = dateFormat({ month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const fullDateTimeFormat = dateFormat({ year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const dateOnlyFormat = dateFormat({ year: 'numeric', month: 'short', day: 'numeric' });

  const scaled = (value: number): string => {
    const abs = Math.abs(value);
    return formatDecimal(value, abs >= 100 ? 0 : 1);
  };

  const bytes = (value: number | null | undefined): string => {
    if (!isNumber(value)) return MISSING;
    let unit = 0;
    let v = value;
    while (Math.abs(v) >= 1024 && unit < BYTE_UNITS.length - 1) {
      v /= 1024;
      unit += 1;
    }
    return `${unit === 0 ? formatDecimal(v, 0) : scaled(v)} ${BYTE_UNITS[unit]}`;
  };

  const percent = (value: number | null | undefined): string => {
    if (!isNumber(value)) return MISSING;
    return `${formatDecimal(value, Math.abs(value) >= 100 ? 0 : 1)} %`;
  };

  const duration = (seconds: number | null | undefined): string => {
    if (!isNumber(seconds)) return MISSING;
    const total = Math.max(0, Math.floor(seconds));
    const parts: Array<[number, 'unit.day' | 'unit.hour' | 'unit.minute' | 'unit.second']> = [
      [Math.floor(total / 86_400), 'unit.day'],
      [Math.floor((total % 86_400) / 3_600), 'unit.hour'],
      [Math.floor((total % 3_600) / 60), 'unit.minute'],
      [total % 60, 'unit.second'],
    ];
    const first = parts.findIndex(([n]) => n > 0);
    if (first === -1) return t('unit.second', { n: formatDecimal(0, 0) });
    return parts
      .slice(first, first + 2)
      .filter(([n], i) => i === 0 || n > 0)
      .map(([n, key]) => t(key, { n: formatDecimal(n, 0) }))
      .join(' ');
  };

  const ratio = (value: number | null | undefined): string => (isNumber(value) ? formatDecimal(value, 2) : MISSING);
  const count = (value: number | null | undefined): string => (isNumber(value) ? formatDecimal(value, 0) : MISSING);
  const opsRate = (value: number | null | undefined): string => (isNumber(value) ? `${scaled(value)} /s` : MISSING);
  const rate = (value: number | null | undefined): string => (isNumber(value) ? `${bytes(value)}/s` : MISSING);
  // Under a second in ms (one decimal below 100 ms); from a second on, in seconds.
  const milliseconds = (value: number | null | undefined): string => {
    if (!isNumber(value)) return MISSING;
    if (Math.abs(value) >= 1000) return t('unit.second', { n: formatDecimal(value / 1000, 1) });
    return `${formatDecimal(value, Math.abs(value) >= 100 ? 0 : 1)} ms`;
  };
  // Whole days, rounded down: 6.9 days left is "6 days", as a threshold of 7 reads it.
  const days = (value: number | null | undefined): string => (isNumber(value) ? t('unit.day', { n: formatDecimal(Math.floor(value), 0) }) : MISSING);

  const metric = (unit: MetricUnit, value: number | null | undefined): string => {
    switch (unit) {
      case 'percent':
        return percent(value);
      case 'bytes':
        return bytes(value);
      case 'bytesPerSecond':
        return rate(value);
      case 'opsPerSecond':
        return opsRate(value);
      case 'ratio':
        return ratio(value);
      case 'seconds':
        return duration(value);
      case 'count':
        return count(value);
      case 'milliseconds':
        return milliseconds(value);
      case 'days':
        return days(value);
    }
  };

  const axis = (unit: MetricUnit, value: number): string => {
    switch (unit) {
      case 'percent':
        return `${formatDecimal(value, 0)} %`;
      case 'ratio':
        return formatDecimal(value, Math.abs(value) < 10 ? 1 : 0);
      default:
        return metric(unit, value);
    }
  };

  return {
    language,
    number: (value, digits = 1) => (isNumber(value) ? formatDecimal(value, digits) : MISSING),
    percent,
    bytes,
    rate,
    opsRate,
    ratio,
    count,
    duration,
    metric,
    axis,
    time: (ts, withSeconds = false) => (withSeconds ? timeSecondsFormat : timeFormat)(ts),
    dateTime: dateTimeFormat,
    fullDateTime: fullDateTimeFormat,
    availability: (ratio) => {
      if (!isNumber(ratio)) return MISSING;
      const pct = availabilityPercent(ratio);
      return pct === 100 ? '100 %' : `${pct.toFixed(3)} %`;
    },
    date: dateOnlyFormat,
  };
}
