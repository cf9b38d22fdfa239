// Reports over incidents: MTTA, MTTR, counts per month, availability from incident downtime,
// overdue follow-up work. Pure functions over records; the store decides which records to load.
//
// Definitions (MTTR has several meanings in the industry, so ours is spelled out):
//   time to acknowledge = acknowledgedAt - detectedAt
//   time to recover     = resolvedAt - detectedAt   (detection until service was restored)
import {
  DEFAULT_TIME_ZONE,
  SEVERITIES,
  type ActionItemKind,
  type ActionItemStatus,
  type Incident,
  type Playbook,
  type Postmortem,
  type Severity,
} from '../../../shared/incidents';
import { localDate, localMonth } from './local-time';
import { daysOverdue, overdueActionItems } from './postmortem';

export { toCsv, csvCell, type CsvCell, type CsvOptions } from './csv';

/** Half-open window [from, until) in epoch milliseconds. */
export interface Period {
  from: number;
  until: number;
}

export interface DurationStats {
  count: number;
  meanMs: number | null;
  medianMs: number | null;
}

const inPeriod = (ts: number, period?: Period) => !period || (ts >= period.from && ts < period.until);

export function durationStats(values: readonly number[]): DurationStats {
  if (values.length === 0) return { count: 0, meanMs: null, medianMs: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const medianMs = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { count: values.length, meanMs: values.reduce((a, b) => a + b, 0) / values.length, medianMs };
}

/** Mean and median time to acknowledge, over acknowledged incidents detected in the period. */
export function mtta(incidents: readonly Incident[], period?: Period): DurationStats {
  return durationStats(incidents.filter((i) => i.acknowledgedAt !== null && inPeriod(i.detectedAt, period)).map((i) => i.acknowledgedAt! - i.detectedAt));
}

/** Mean and median time to recover, over resolved incidents detected in the period. */
export function mttr(incidents: readonly Incident[], period?: Period): DurationStats {
  return durationStats(incidents.filter((i) => i.resolvedAt !== null && inPeriod(i.detectedAt, period)).map((i) => i.resolvedAt! - i.detectedAt));
}

export interface SeverityMonthRow {
  month: string;
  severity: Severity;
  count: number;
}

export interface ServiceMonthRow {
  month: string;
  service: string;
  count: number;
}

/** Incidents per calendar month (of detection, in the zone) and severity; months in order. */
export function incidentsBySeverityPerMonth(incidents: readonly Incident[], timeZone = DEFAULT_TIME_ZONE): SeverityMonthRow[] {
  const counts = new Map<string, number>();
  for (const i of incidents) {
    const key = `${localMonth(i.detectedAt, timeZone)}|${i.severity}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .map(([key, count]) => {
      const [month, severity] = key.split('|') as [string, Severity];
      return { month, severity, count };
    })
    .sort((a, b) => a.month.localeCompare(b.month) || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

/** Incidents per month and affected service; an incident touching two services counts for each. */
export function incidentsByServicePerMonth(incidents: readonly Incident[], timeZone = DEFAULT_TIME_ZONE): ServiceMonthRow[] {
  const counts = new Map<string, number>();
  for (const i of incidents)
    for (const service of new Set(i.services)) {
      const key = `${localMonth(i.detectedAt, timeZone)}|${service}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  return [...counts]
    .map(([key, count]) => {
      const sep = key.indexOf('|');
      return { month: key.slice(0, sep), service: key.slice(sep + 1), count };
    })
    .sort((a, b) => a.month.localeCompare(b.month) || a.service.localeCompare(b.service));
}

/** Severities whose time counts as downtime, as the playbook defines them. */
export function downtimeSeverities(playbook: Playbook): Severity[] {
  return playbook.severities.filter((s) => s.countsAsDowntime).map((s) => s.id);
}

export interface AvailabilityOptions {
  period: Period;
  /** Only incidents at these (final) severities count as downtime. */
  downtimeSeverities: readonly Severity[];
  /** Services to report even without incidents (100 %). */
  services?: readonly string[];
  /** An unresolved incident counts as down until here (default: the end of the period). */
  now?: number;
  /** Maintenance windows per service (issue 12): that time is neither downtime nor counted. */
  maintenance?: ReadonlyMap<string, ReadonlyArray<readonly [number, number]>>;
}

export interface AvailabilityRow {
  service: string;
  downtimeMs: number;
  periodMs: number;
  /** 0..1: the share of the period without a counted incident. */
  availability: number;
  /** Counted incidents that overlap the period. */
  incidents: number;
  /** Time in maintenance within the period: left out of both the downtime and the period. */
  maintenanceMs: number;
}

/**
 * Availability per service over a period: 1 - downtime / period, where downtime is the union of
 * counted incidents' [detectedAt, resolvedAt) windows clipped to the period (overlapping
 * incidents on one service are not counted twice).
 */
export function availabilityByService(incidents: readonly Incident[], opts: AvailabilityOptions): AvailabilityRow[] {
  const { from, until } = opts.period;
  const periodMs = Math.max(0, until - from);
  const openEnd = Math.min(until, opts.now ?? until);
  const windows = new Map<string, Array<[number, number]>>();
  const counted = new Map<string, number>();
  for (const s of opts.services ?? []) windows.set(s, []);
  for (const s of opts.maintenance?.keys() ?? []) if (!windows.has(s)) windows.set(s, []);
  for (const i of incidents) {
    if (!opts.downtimeSeverities.includes(i.severity)) continue;
    const start = Math.max(from, i.detectedAt);
    const end = Math.min(until, i.resolvedAt ?? openEnd);
    if (end <= start) continue;
    for (const s of new Set(i.services)) {
      const list = windows.get(s) ?? [];
      list.push([start, end]);
      windows.set(s, list);
      counted.set(s, (counted.get(s) ?? 0) + 1);
    }
  }
  return [...windows]
    .map(([service, list]) => {
      const planned = clip(opts.maintenance?.get(service) ?? [], from, until);
      const maintenanceMs = unionLength(planned);
      // Planned maintenance is not downtime: an incident during a window counts only outside it.
      const downtimeMs = unionLength(list) - overlapLength(list, planned);
      const countedMs = periodMs - maintenanceMs;
      return { service, downtimeMs, periodMs, availability: countedMs <= 0 ? 1 : 1 - downtimeMs / countedMs, incidents: counted.get(service) ?? 0, maintenanceMs };
    })
    .sort((a, b) => a.service.localeCompare(b.service));
}

function clip(list: ReadonlyArray<readonly [number, number]>, from: number, until: number): Array<[number, number]> {
  return list.map(([s, e]) => [Math.max(from, s), Math.min(until, e)] as [number, number]).filter(([s, e]) => e > s);
}

/** Length of the union of `a` that lies inside the union of `b`. */
function overlapLength(a: Array<[number, number]>, b: Array<[number, number]>): number {
  if (!a.length || !b.length) return 0;
  const pieces: Array<[number, number]> = [];
  for (const [s1, e1] of a) for (const [s2, e2] of b) if (Math.min(e1, e2) > Math.max(s1, s2)) pieces.push([Math.max(s1, s2), Math.min(e1, e2)]);
  return unionLength(pieces);
}

function unionLength(windows: Array<[number, number]>): number {
  const sorted = [...windows].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let curStart = -Infinity;
  let curEnd = -Infinity;
  for (const [s, e] of sorted) {
    if (s > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart;
      curStart = s;
      curEnd = e;
    } else curEnd = Math.max(curEnd, e);
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return total;
}

export interface OverdueActionRow {
  incidentId: string;
  itemId: string;
  title: string;
  kind: ActionItemKind;
  owner: string;
  dueDate: string;
  status: ActionItemStatus;
  daysOverdue: number;
}

/** Every open action item past its due date, most overdue first. */
export function overdueActions(postmortems: readonly Postmortem[], now: number, timeZone = DEFAULT_TIME_ZONE): OverdueActionRow[] {
  return postmortems
    .flatMap((pm) =>
      overdueActionItems(pm, now, timeZone).map((item) => ({
        incidentId: pm.incidentId,
        itemId: item.id,
        title: item.title,
        kind: item.kind,
        owner: item.owner,
        dueDate: item.dueDate,
        status: item.status,
        daysOverdue: daysOverdue(item, now, timeZone),
      })),
    )
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.incidentId.localeCompare(b.incidentId));
}

/**
 * One row per incident for the table and the CSV: times as local dates plus whole seconds to
 * acknowledge and recover. Seconds are truncated, as every duration OpsDeck shows: the card's
 * "3분 46초" and the row's are the same number.
 */
export function incidentReportRows(incidents: readonly Incident[], timeZone = DEFAULT_TIME_ZONE) {
  const seconds = (from: number, to: number | null) => (to === null ? null : Math.max(0, Math.floor((to - from) / 1000)));
  return incidents.map((i) => ({
    id: i.id,
    title: i.title,
    severity: i.severity,
    status: i.status,
    services: i.services.join(' '),
    detectedDate: localDate(i.detectedAt, timeZone),
    secondsToAcknowledge: seconds(i.detectedAt, i.acknowledgedAt),
    secondsToRecover: seconds(i.detectedAt, i.resolvedAt),
    reopened: i.reopenCount,
  }));
}
