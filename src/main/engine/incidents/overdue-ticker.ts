// Notices when an incident timer falls overdue. The engine runs check() on a cadence (its
// injected clock); each timer is announced once per due time, so a new update that restarts
// the clock can fall overdue again and be announced again.
import type { Incident, Playbook } from '../../../shared/incidents';
import { overdueTimers } from './timers';

export interface OverdueNews {
  incidentId: string;
  revision: number;
  timerIds: string[];
}

export interface TickerIncident {
  incident: Omit<Incident, 'timeline'>;
  playbook: Playbook;
}

/** How often the engine looks for timers that fell overdue. */
export const OVERDUE_CHECK_MS = 15_000;

export class OverdueTicker {
  private announced = new Set<string>();

  /** The timers that are overdue now and were not announced before. */
  check(incidents: readonly TickerIncident[], now: number): OverdueNews[] {
    const seen = new Set<string>();
    const news: OverdueNews[] = [];
    for (const { incident, playbook } of incidents) {
      if (incident.status !== 'active') continue;
      const fresh: string[] = [];
      for (const timer of overdueTimers({ ...incident, timeline: [] }, playbook, now)) {
        const key = `${incident.id}|${timer.id}|${timer.dueAt}`;
        seen.add(key);
        if (!this.announced.has(key)) fresh.push(timer.id);
      }
      if (fresh.length > 0) news.push({ incidentId: incident.id, revision: incident.revision, timerIds: fresh });
    }
    // Forget timers that are no longer overdue (done, restarted, resolved), keeping the set small.
    this.announced = seen;
    return news;
  }
}
