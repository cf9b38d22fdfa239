// When maintenance windows are in effect: one-off, weekly, monthly and cron windows (cron
// through croner, a small well-kept parser), each with its time zone. A window in effect means
// collection goes on, nothing is sent, and availability counts the time as maintenance.
import { Cron } from 'croner';
import type { MaintenanceSchedule, MaintenanceWindow } from '../../../shared/alerts';
import { OpsError } from '../../../shared/errors';

/** The cron expression that starts a weekly or monthly window. */
export function cronOf(schedule: Exclude<MaintenanceSchedule, { kind: 'once' }>): string {
  if (schedule.kind === 'cron') return schedule.expression;
  const [hh, mm] = schedule.time.split(':').map(Number) as [number, number];
  if (schedule.kind === 'weekly') return `${mm} ${hh} * * ${[...new Set(schedule.days)].sort().join(',')}`;
  return `${mm} ${hh} ${schedule.dayOfMonth} * *`;
}

const crons = new Map<string, Cron>();
function cron(expression: string, timeZone: string): Cron {
  const key = `${timeZone}\u0000${expression}`;
  let c = crons.get(key);
  if (!c) {
    try {
      c = new Cron(expression, { timezone: timeZone, paused: true });
    } catch (err) {
      throw new OpsError('INVALID_ARGUMENT', `"${expression}" is not a cron expression OpsDeck understands (${(err as Error).message}). Write five fields: minute hour day month weekday, e.g. "0 2 * * 0".`);
    }
    crons.set(key, c);
  }
  return c;
}

/** Checks a schedule can be computed (cron syntax, time zone); throws INVALID_ARGUMENT. */
export function checkSchedule(schedule: MaintenanceSchedule, timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new OpsError('INVALID_ARGUMENT', `"${timeZone}" is not a time zone this computer knows; use a name such as Asia/Seoul.`);
  }
  if (schedule.kind !== 'once') cron(cronOf(schedule), timeZone);
}

/**
 * The windows' intervals [start, end) that overlap [from, until), clipped to it. A recurring
 * window started before `from` still counts when it is still running at `from`.
 */
export function windowIntervals(w: Pick<MaintenanceWindow, 'schedule' | 'timeZone' | 'createdAt' | 'deletedAt'>, from: number, until: number): Array<[number, number]> {
  // A window counts from when it was made until it was removed (past availability stays true).
  const lo = Math.max(from, w.schedule.kind === 'once' ? from : w.createdAt);
  const hi = Math.min(until, w.deletedAt ?? until);
  if (hi <= lo) return [];
  if (w.schedule.kind === 'once') {
    const s = Math.max(lo, w.schedule.startsAt);
    const e = Math.min(hi, w.schedule.endsAt);
    return e > s ? [[s, e]] : [];
  }
  const c = cron(cronOf(w.schedule), w.timeZone);
  const out: Array<[number, number]> = [];
  let cursor = new Date(lo - w.schedule.durationMs);
  // Bounded: a minutely cron over a month is 43,200 runs; stop well before that gets silly.
  for (let i = 0; i < 50_000; i++) {
    const next = c.nextRun(cursor);
    if (!next || next.getTime() >= hi) break;
    const s = next.getTime();
    const e = s + w.schedule.durationMs;
    if (e > lo) out.push([Math.max(lo, s), Math.min(hi, e)]);
    cursor = next;
  }
  return mergeIntervals(out);
}

export function isWindowActive(w: Pick<MaintenanceWindow, 'schedule' | 'timeZone' | 'createdAt' | 'deletedAt'>, now: number): boolean {
  return windowIntervals(w, now, now + 1).length > 0;
}

/** The next start of a window after `now` (for the settings screen), or null. */
export function nextWindowStart(w: Pick<MaintenanceWindow, 'schedule' | 'timeZone' | 'deletedAt'>, now: number): number | null {
  if (w.deletedAt !== null) return null;
  if (w.schedule.kind === 'once') return w.schedule.startsAt > now ? w.schedule.startsAt : null;
  return cron(cronOf(w.schedule), w.timeZone).nextRun(new Date(now))?.getTime() ?? null;
}

export function mergeIntervals(list: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = [...list].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export const totalLength = (list: ReadonlyArray<readonly [number, number]>) => list.reduce((sum, [s, e]) => sum + (e - s), 0);
