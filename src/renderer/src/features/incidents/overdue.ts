// Which incident timers are late right now, from the list the engine gave and this machine's
// clock, so a deadline turns red the second it passes rather than at the next engine check.
import type { IncidentListItem, IncidentTimer } from '../../../../shared/incidents-contract';

export interface LateTimer {
  incidentId: string;
  incidentTitle: string;
  timer: IncidentTimer;
  lateMs: number;
}

export function isLate(timer: IncidentTimer, now: number): boolean {
  return timer.overdue || now > timer.dueAt;
}

/** Late timers of active incidents, most late first. */
export function lateTimers(list: readonly IncidentListItem[], now: number): LateTimer[] {
  return list
    .filter((i) => i.status === 'active')
    .flatMap((i) => i.timers.filter((t) => isLate(t, now)).map((timer) => ({ incidentId: i.id, incidentTitle: i.title, timer, lateMs: Math.max(0, now - timer.dueAt) })))
    .sort((a, b) => b.lateMs - a.lateMs);
}

/** The timer that falls due next, if none is late. */
export function nextDue(timers: readonly IncidentTimer[], now: number): IncidentTimer | null {
  return timers.filter((t) => !isLate(t, now)).sort((a, b) => a.dueAt - b.dueAt)[0] ?? null;
}
