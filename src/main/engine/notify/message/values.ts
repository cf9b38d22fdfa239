// Numbers in messages as a person reads them: 92.3%, 1.5 GiB, 3.2 MiB/s, 45초 / 45 s.
import type { ChannelLanguage } from '../../../../shared/notifications';

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

function trimmed(value: number, digits: number): string {
  const fixed = value.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

function number(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 100) return trimmed(value, 0);
  if (abs >= 10) return trimmed(value, 1);
  return trimmed(value, 2);
}

function bytes(value: number): string {
  let v = value;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < BYTE_UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? trimmed(v, 0) : number(v)} ${BYTE_UNITS[i]}`;
}

function seconds(value: number, language: ChannelLanguage): string {
  if (value < 60) return language === 'ko' ? `${number(value)}초` : `${number(value)} s`;
  if (value < 3600) return language === 'ko' ? `${number(value / 60)}분` : `${number(value / 60)} min`;
  if (value < 86_400) return language === 'ko' ? `${number(value / 3600)}시간` : `${number(value / 3600)} h`;
  return language === 'ko' ? `${number(value / 86_400)}일` : `${number(value / 86_400)} d`;
}

/** A value with its unit (the series' MetricUnit, or any other unit written after the number). */
export function formatValue(value: number, unit: string | null, language: ChannelLanguage): string {
  if (!Number.isFinite(value)) return String(value);
  switch (unit) {
    case 'percent':
      return `${number(value)}%`;
    case 'bytes':
      return bytes(value);
    case 'bytesPerSecond':
      return `${bytes(value)}/s`;
    case 'opsPerSecond':
      return language === 'ko' ? `초당 ${number(value)}회` : `${number(value)}/s`;
    case 'seconds':
      return seconds(value, language);
    case 'ratio':
    case 'count':
    case null:
    case '':
      return number(value);
    default:
      return `${number(value)} ${unit}`;
  }
}
