// The reports page and its CSV export: MTTA, MTTR, incidents per month by severity and by
// service, availability per service from incident downtime, and overdue action items. Pure.
import { SEVERITIES, type Incident, type Playbook, type Postmortem } from '../../../shared/incidents';
import type { IncidentExportFile, IncidentReport } from '../../../shared/incidents-contract';
import { toCsv } from './csv';
import { localDate, localMonth } from './local-time';
import { availabilityByService, incidentReportRows, incidentsBySeverityPerMonth, incidentsByServicePerMonth, mtta, mttr, overdueActions, type Period } from './metrics';
import { countsAsDowntime } from './views';

export interface ReportInput {
  /** Every stored incident, each with the playbook it ran under. */
  incidents: ReadonlyArray<{ incident: Incident; playbook: Playbook }>;
  postmortems: readonly Postmortem[];
  /** The current playbook, whose downtime rule the page explains. */
  playbook: Playbook;
  period: Period;
  now: number;
  timeZone: string;
  /** Maintenance windows per service within the period (from the alert engine). */
  maintenance?: ReadonlyMap<string, ReadonlyArray<readonly [number, number]>>;
}

export function buildIncidentReport(input: ReportInput): IncidentReport {
  const { period, timeZone } = input;
  const all = input.incidents.map((x) => x.incident);
  const inPeriod = all.filter((i) => i.detectedAt >= period.from && i.detectedAt < period.until);
  // Each incident counts as downtime under the playbook it ran under, not today's.
  const counted = input.incidents.filter((x) => countsAsDowntime(x.playbook, x.incident.severity)).map((x) => x.incident);
  const services = [...new Set([...inPeriod.flatMap((i) => i.services), ...(input.maintenance?.keys() ?? [])])];
  return {
    from: period.from,
    until: period.until,
    timeZone,
    incidentCount: inPeriod.length,
    mtta: mtta(all, period),
    mttr: mttr(all, period),
    monthly: monthly(inPeriod, period, timeZone),
    bySeverityMonth: incidentsBySeverityPerMonth(inPeriod, timeZone),
    byServiceMonth: incidentsByServicePerMonth(inPeriod, timeZone),
    availability: availabilityByService(counted, { period, downtimeSeverities: [...SEVERITIES], services, now: input.now, maintenance: input.maintenance }),
    downtimeSeverities: input.playbook.severities.filter((s) => s.countsAsDowntime).map((s) => s.id),
    overdueActions: overdueActions(input.postmortems, input.now, timeZone),
    rows: incidentReportRows(inPeriod, timeZone),
  };
}

/** Every calendar month the period touches, each with the MTTA and MTTR of its incidents. */
function monthly(incidents: readonly Incident[], period: Period, timeZone: string): IncidentReport['monthly'] {
  const months: string[] = [];
  // Step by ~a week: no month can be skipped, and duplicates are dropped.
  for (let ts = period.from; ts < period.until; ts += 7 * 86_400_000) {
    const m = localMonth(ts, timeZone);
    if (months.at(-1) !== m) months.push(m);
  }
  const last = localMonth(period.until - 1, timeZone);
  if (months.at(-1) !== last) months.push(last);
  return months.map((month) => {
    const own = incidents.filter((i) => localMonth(i.detectedAt, timeZone) === month);
    return { month, incidents: own.length, mtta: mtta(own), mttr: mttr(own) };
  });
}

const CSV_COLUMNS = ['id', 'title', 'severity', 'status', 'services', 'detectedDate', 'secondsToAcknowledge', 'secondsToRecover', 'reopened'] as const;

/** Header cells in both languages: the file goes to Korean and English readers alike. */
export const CSV_HEADERS: Record<(typeof CSV_COLUMNS)[number], string> = {
  id: '장애 번호 / Incident',
  title: '제목 / Title',
  severity: '심각도 / Severity',
  status: '상태 / Status',
  services: '서비스 / Services',
  detectedDate: '감지일 / Detected on',
  secondsToAcknowledge: '확인까지 걸린 초 / Seconds to acknowledge',
  secondsToRecover: '복구까지 걸린 초 / Seconds to recover',
  reopened: '다시 연 횟수 / Times reopened',
};

/** One row per incident of the period; a BOM so spreadsheet programs read Korean correctly. */
export function incidentReportCsv(report: IncidentReport): IncidentExportFile {
  const from = localDate(report.from, report.timeZone);
  const until = localDate(Math.max(report.from, report.until - 1), report.timeZone);
  return {
    filename: `opsdeck-incidents-${from}_${until}.csv`,
    mime: 'text/csv;charset=utf-8',
    content: toCsv(report.rows, CSV_COLUMNS, { bom: true, headers: CSV_HEADERS }),
  };
}
