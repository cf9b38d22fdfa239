// PURE: which notifications go out now. Alerts of one group (a service) that want to be told
// are collected for the group wait and sent together; a firing, unacknowledged alert is sent
// again every repeat interval and escalated when nobody acknowledges it. Nothing is sent for an
// alert in maintenance or silenced; nothing while it flaps; a target that is unreachable
// (its parent is down) sends no new problems, but its recoveries still go out.
import type { AlertSeverity, SuppressionReason } from '../../../shared/alerts';
import { SEVERITY_RANK } from '../../../shared/alerts';
import type { NotificationEvent } from '../../../shared/notifications';
import { FLAP_HISTORY } from './flap-detection';

/** What people were last told about an alert's current episode. */
export interface NotifyMark {
  announced: 'none' | 'firing' | 'unknown';
  /** Last firing, repeat or escalation sent (repeat intervals count from here). */
  lastAnnouncedAt: number | null;
  acknowledgedAnnounced: boolean;
  escalationLevel: number;
  /** The alert's evaluation count when its resolution was sent (the re-fire hold counts from here). */
  resolvedAtEvaluation: number | null;
  /** The last suppression written to the timeline, so each reason is written once. */
  lastSuppression: SuppressionReason | null;
}

export const FRESH_MARK: NotifyMark = {
  announced: 'none',
  lastAnnouncedAt: null,
  acknowledgedAnnounced: false,
  escalationLevel: 0,
  resolvedAtEvaluation: null,
  lastSuppression: null,
};

export type PlannerState = 'pending' | 'firing' | 'acknowledged' | 'unknown' | 'inactive';

export interface PlannerAlert {
  id: string;
  /** Alerts are grouped by this (the service id, or a key for targets without a service). */
  group: string;
  severity: AlertSeverity;
  state: PlannerState;
  firingSince: number | null;
  evaluations: number;
  flapping: boolean;
  /** Same target and series: a more severe alert on it inhibits this one. */
  inhibitKey: string;
  /** Maintenance, a silence, or an unreachable target, as the engine judged it now. */
  suppressedBy: Extract<SuppressionReason, 'maintenance' | 'silenced' | 'unreachable'> | null;
  mark: NotifyMark;
}

export interface PlanSettings {
  groupWaitMs: number;
  repeatIntervalMs: number;
  escalateAfterMs: number;
  /** How many escalation levels exist beyond the first notification. */
  escalationLevels: number;
}

export interface PlannedNotification {
  group: string;
  event: Exclude<NotificationEvent, 'test'>;
  alertIds: string[];
  /** For escalations: the level now told. */
  escalationLevel: number;
}

export interface PlanResult {
  notifications: PlannedNotification[];
  marks: Map<string, NotifyMark>;
  /** Groups whose batch is open: when it opened. */
  batches: Map<string, number>;
  /** Newly suppressed alerts and why (for their timelines). */
  suppressed: Array<{ alertId: string; reason: SuppressionReason }>;
}

type Want = 'firing' | 'unknown' | 'acknowledged' | 'resolved';

function wanted(a: PlannerAlert): Want | null {
  const { announced, acknowledgedAnnounced } = a.mark;
  switch (a.state) {
    case 'firing':
      return announced === 'firing' ? null : 'firing';
    case 'unknown':
      return announced === 'unknown' ? null : 'unknown';
    case 'acknowledged':
      return announced !== 'none' && !acknowledgedAnnounced ? 'acknowledged' : null;
    case 'inactive':
      return announced !== 'none' ? 'resolved' : null;
    case 'pending':
      return null;
  }
}

/** Why `want` may not be sent now, or null. */
function blocker(a: PlannerAlert, want: Want, inhibited: boolean): SuppressionReason | null {
  if (a.suppressedBy === 'maintenance' || a.suppressedBy === 'silenced') return a.suppressedBy;
  if (a.flapping && want !== 'acknowledged') return 'flapping';
  if (want === 'firing' || want === 'unknown') {
    if (a.suppressedBy === 'unreachable') return 'unreachable';
    if (inhibited) return 'inhibited';
    // Back within one flap window of a recovery that was sent: wait until it lasts past the
    // window or the flap detector has judged it, so a flapping series cannot page each time.
    if (want === 'firing' && a.mark.resolvedAtEvaluation !== null && a.evaluations - a.mark.resolvedAtEvaluation < FLAP_HISTORY) return 'flapping';
  }
  return null;
}

const ORDER: Want[] = ['firing', 'unknown', 'acknowledged', 'resolved'];

export function planNotifications(
  now: number,
  alerts: readonly PlannerAlert[],
  batches: ReadonlyMap<string, number>,
  settings: PlanSettings,
): PlanResult {
  const marks = new Map<string, NotifyMark>();
  const nextBatches = new Map(batches);
  const notifications: PlannedNotification[] = [];
  const suppressed: PlanResult['suppressed'] = [];
  const markOf = (a: PlannerAlert) => marks.get(a.id) ?? a.mark;
  const setMark = (a: PlannerAlert, patch: Partial<NotifyMark>) => marks.set(a.id, { ...markOf(a), ...patch });

  // Alertmanager's usual inhibition: a more severe alert firing on the same target and series.
  const worstActive = new Map<string, number>();
  for (const a of alerts) {
    if (a.state !== 'firing' && a.state !== 'acknowledged') continue;
    worstActive.set(a.inhibitKey, Math.max(worstActive.get(a.inhibitKey) ?? -1, SEVERITY_RANK[a.severity]));
  }

  const byGroup = new Map<string, Array<{ alert: PlannerAlert; want: Want }>>();
  for (const a of alerts) {
    const want = wanted(a);
    const inhibited = (worstActive.get(a.inhibitKey) ?? -1) > SEVERITY_RANK[a.severity];
    const block = want ? blocker(a, want, inhibited) : a.state === 'firing' ? blocker(a, 'firing', inhibited) : null;
    if (block !== a.mark.lastSuppression) {
      if (block) suppressed.push({ alertId: a.id, reason: block });
      setMark(a, { lastSuppression: block });
    }
    if (!want || block) continue;
    const list = byGroup.get(a.group) ?? [];
    list.push({ alert: a, want });
    byGroup.set(a.group, list);
  }

  for (const [group, list] of byGroup) {
    const openedAt = nextBatches.get(group) ?? now;
    nextBatches.set(group, openedAt);
    if (now - openedAt < settings.groupWaitMs) continue;
    nextBatches.delete(group);
    for (const event of ORDER) {
      const members = list.filter((x) => x.want === event).map((x) => x.alert);
      if (!members.length) continue;
      notifications.push({ group, event, alertIds: members.map((m) => m.id), escalationLevel: 0 });
      for (const m of members) {
        if (event === 'firing' || event === 'unknown') setMark(m, { announced: event, lastAnnouncedAt: now, acknowledgedAnnounced: false, escalationLevel: 0 });
        else if (event === 'acknowledged') setMark(m, { acknowledgedAnnounced: true });
        else setMark(m, { announced: 'none', lastAnnouncedAt: null, acknowledgedAnnounced: false, escalationLevel: 0, resolvedAtEvaluation: m.evaluations });
      }
    }
  }
  // A group with nothing left to send has no open batch.
  for (const group of [...nextBatches.keys()]) if (!byGroup.has(group)) nextBatches.delete(group);

  // Repeats and escalations: firing, told, unacknowledged, and nothing holds them back.
  const repeats = new Map<string, PlannerAlert[]>();
  const escalations = new Map<string, PlannerAlert[]>();
  for (const a of alerts) {
    const mark = markOf(a);
    if (a.state !== 'firing' || mark.announced !== 'firing' || mark.lastSuppression) continue;
    const level = mark.escalationLevel;
    if (level < settings.escalationLevels && a.firingSince !== null && now - a.firingSince >= settings.escalateAfterMs * (level + 1)) {
      const key = `${a.group}\u0000${level + 1}`;
      escalations.set(key, [...(escalations.get(key) ?? []), a]);
    } else if (mark.lastAnnouncedAt !== null && now - mark.lastAnnouncedAt >= settings.repeatIntervalMs) {
      repeats.set(a.group, [...(repeats.get(a.group) ?? []), a]);
    }
  }
  for (const [key, list] of escalations) {
    const [group, level] = key.split('\u0000') as [string, string];
    notifications.push({ group, event: 'escalated', alertIds: list.map((a) => a.id), escalationLevel: Number(level) });
    for (const a of list) setMark(a, { escalationLevel: Number(level), lastAnnouncedAt: now });
  }
  for (const [group, list] of repeats) {
    notifications.push({ group, event: 'repeat', alertIds: list.map((a) => a.id), escalationLevel: Math.max(...list.map((a) => markOf(a).escalationLevel)) });
    for (const a of list) setMark(a, { lastAnnouncedAt: now });
  }
  return { notifications, marks, batches: nextBatches, suppressed };
}
