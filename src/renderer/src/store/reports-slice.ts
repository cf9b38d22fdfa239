// The reports page: one period at a time (calendar months in the reader's zone), the report
// the engine computes for it, and its CSV export.
import type { ErrorPayload } from '../../../shared/errors';
import type { IncidentExportFile, IncidentReport } from '../../../shared/incidents-contract';
import { errorPayloadOf } from './errors';
import { localTimeZone } from './incidents-slice';
import type { LoadStatus, SliceCreator } from './types';

export const REPORT_PERIODS = ['month', 'quarter', 'year'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];
const MONTHS: Record<ReportPeriod, number> = { month: 1, quarter: 3, year: 12 };

/** This month, the last 3 or the last 12 calendar months up to the end of this one (local time). */
export function reportRange(period: ReportPeriod, now: number): { from: number; until: number } {
  const d = new Date(now);
  const from = new Date(d.getFullYear(), d.getMonth() - (MONTHS[period] - 1), 1).getTime();
  const until = new Date(d.getFullYear(), d.getMonth() + 1, 1).getTime();
  return { from, until };
}

export interface ReportsSlice {
  reportPeriod: ReportPeriod;
  report: IncidentReport | null;
  reportStatus: LoadStatus;
  reportError: ErrorPayload | null;
  loadReport(period?: ReportPeriod): Promise<void>;
  /** Rejects with the engine's { code, message }. */
  exportReportCsv(): Promise<IncidentExportFile>;
}

export const createReportsSlice: SliceCreator<ReportsSlice> = (set, get, deps) => {
  let request = 0;
  const args = () => ({ ...reportRange(get().reportPeriod, deps.now()), timeZone: localTimeZone() });
  return {
    reportPeriod: 'quarter',
    report: null,
    reportStatus: 'idle',
    reportError: null,

    async loadReport(period) {
      const mine = ++request;
      if (period && period !== get().reportPeriod) set({ reportPeriod: period, report: null });
      set((s) => ({ reportStatus: s.report ? 'ready' : 'loading' }));
      try {
        const report = await deps.api.getIncidentReport(args());
        if (mine === request) set({ report, reportStatus: 'ready', reportError: null });
      } catch (err) {
        if (mine === request) set((s) => ({ reportStatus: s.report ? 'ready' : 'error', reportError: errorPayloadOf(err) }));
      }
    },

    async exportReportCsv() {
      try {
        return await deps.api.exportIncidentReport(args());
      } catch (err) {
        throw errorPayloadOf(err);
      }
    },
  };
};
