// What is due next on an incident, and what is already late. Pure: the caller passes `now`
// (a FakeClock in tests) and shows the result; nothing here schedules anything.
import type { Bilingual, Incident, Playbook, TimerDefinition, TimerKind } from '../../../shared/incidents';
import { stageAt } from './playbook';

export interface DueTimer {
  /** The timer's id in the playbook stage. */
  id: string;
  kind: TimerKind;
  stageId: string;
  /** For checklist timers: the item that should be done by dueAt. */
  itemId: string | null;
  label: Bilingual;
  dueAt: number;
  /** Late once `now` is past dueAt (at dueAt exactly it is still on time). */
  overdue: boolean;
  overdueByMs: number;
}

const MINUTE = 60_000;

/**
 * The timers of the incident's current stage that are running, soonest first. A resolved or
 * closed incident has none; a severity with no minutes set (e.g. SEV4 updates) has none.
 */
export function dueTimers(incident: Incident, playbook: Playbook, now: number): DueTimer[] {
  if (incident.status !== 'active') return [];
  const stage = stageAt(playbook, incident.stageIndex);
  const out: DueTimer[] = [];
  for (const timer of stage.timers) {
    const dueAt = dueAtOf(timer, incident);
    if (dueAt === null) continue;
    const overdueByMs = Math.max(0, now - dueAt);
    out.push({
      id: timer.id,
      kind: timer.kind,
      stageId: stage.id,
      itemId: timer.kind === 'checklist' ? timer.itemId : null,
      label: timer.label,
      dueAt,
      overdue: overdueByMs > 0,
      overdueByMs,
    });
  }
  return out.sort((a, b) => a.dueAt - b.dueAt);
}

function dueAtOf(timer: TimerDefinition, incident: Incident): number | null {
  switch (timer.kind) {
    case 'status-update': {
      const every = timer.everyMinutes[incident.severity];
      return every === null ? null : statusUpdateAnchor(incident) + every * MINUTE;
    }
    case 'acknowledge': {
      const within = timer.withinMinutes[incident.severity];
      return within === null || incident.acknowledgedAt !== null ? null : incident.detectedAt + within * MINUTE;
    }
    case 'checklist': {
      const within = timer.withinMinutes[incident.severity];
      if (within === null || incident.checklist[timer.itemId]) return null;
      const anchor = timer.from === 'detected' ? incident.detectedAt : timer.from === 'acknowledged' ? incident.acknowledgedAt : incident.stageEnteredAt;
      return anchor === null ? null : anchor + within * MINUTE;
    }
  }
}

/** The clock for the next update starts at the last update, else acknowledgement, else creation; a reopen restarts it. */
export function statusUpdateAnchor(incident: Incident): number {
  return Math.max(incident.lastStatusUpdateAt ?? 0, incident.acknowledgedAt ?? incident.createdAt, incident.lastReopenedAt ?? 0);
}

/** The overdue ones only, most late first: what the overview shows at a glance. */
export function overdueTimers(incident: Incident, playbook: Playbook, now: number): DueTimer[] {
  return dueTimers(incident, playbook, now)
    .filter((t) => t.overdue)
    .sort((a, b) => b.overdueByMs - a.overdueByMs);
}
