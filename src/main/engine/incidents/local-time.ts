// Dates and durations as a person reads them, in an explicit time zone (pure: the zone is an
// argument, never the machine's setting).
import type { IncidentLang } from '../../../shared/incidents';

interface LocalParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsOf(ts: number, timeZone: string): LocalParts {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, fmt);
  }
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(new Date(ts))) out[p.type] = p.value;
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour!, minute: out.minute! };
}

/** Short names people recognise; anything else falls back to the offset Intl gives. */
const ZONE_LABELS: Record<string, string> = { 'Asia/Seoul': 'KST', UTC: 'UTC', 'Etc/UTC': 'UTC', 'Asia/Tokyo': 'JST' };

function zoneLabel(ts: number, timeZone: string): string {
  const known = ZONE_LABELS[timeZone];
  if (known) return known;
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date(ts)).find((p) => p.type === 'timeZoneName');
  return name?.value ?? timeZone;
}

/** "2026-01-01 09:30 KST". */
export function formatLocalTime(ts: number, timeZone: string): string {
  const p = partsOf(ts, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${zoneLabel(ts, timeZone)}`;
}

/** "2026-01-01": the calendar day of a moment in a zone. */
export function localDate(ts: number, timeZone: string): string {
  const p = partsOf(ts, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "2026-01": the calendar month of a moment in a zone. */
export function localMonth(ts: number, timeZone: string): string {
  const p = partsOf(ts, timeZone);
  return `${p.year}-${p.month}`;
}

/** "1시간 5분" / "1 h 5 min"; below a minute "1분 미만" / "under 1 min". */
export function formatDuration(ms: number, lang: IncidentLang): string {
  const totalMinutes = Math.floor(Math.max(0, ms) / 60_000);
  if (totalMinutes === 0) return lang === 'ko' ? '1분 미만' : 'under 1 min';
  const d = Math.floor(totalMinutes / 1440);
  const h = Math.floor((totalMinutes % 1440) / 60);
  const m = totalMinutes % 60;
  const parts =
    lang === 'ko'
      ? [d && `${d}일`, h && `${h}시간`, m && `${m}분`]
      : [d && `${d} d`, h && `${h} h`, m && `${m} min`];
  return parts.filter(Boolean).join(' ');
}

/** "30분마다" / "every 30 min". */
export function formatCadence(minutes: number, lang: IncidentLang): string {
  const span = formatDuration(minutes * 60_000, lang);
  return lang === 'ko' ? `${span}마다` : `every ${span}`;
}
