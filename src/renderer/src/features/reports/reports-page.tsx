// Reports: MTTA and MTTR, incidents per month by severity, availability per service from
// incident downtime, overdue action items and the incidents of the period, with CSV export.
import { REPORT_GLOSSARY_IDS } from '../../domain/glossary-surfaces';
import './reports.css';
import { useMemo, useState } from 'react';
import type { DurationStatsView, IncidentReport } from '../../../../shared/incidents-contract';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { REPORT_PERIODS } from '../../store/reports-slice';
import { THEMES } from '../../theme/tokens';
import { downloadTextFile } from '../../ui/download';
import { ErrorState, LoadingState } from '../../ui/state-views';
import { GlossaryButton } from '../../ui/glossary-button';
import { severityLabel } from '../incidents/labels';
import { availabilityOption, severityOption, timesOption } from './chart-options';
import { ReportChart } from './report-chart';
import { ReportTables } from './report-tables';
import { requestPrint } from '../incidents/postmortem/print-request';
import { errorPayloadOf } from '../../store/errors';

export function ReportsPage() {
  const { t } = useI18n();
  const report = useAppStore((s) => s.report);
  const status = useAppStore((s) => s.reportStatus);
  const error = useAppStore((s) => s.reportError);
  const period = useAppStore((s) => s.reportPeriod);
  const hostKind = useAppStore((s) => s.hostKind);
  const load = useAppStore((s) => s.loadReport);
  const exportCsv = useAppStore((s) => s.exportReportCsv);
  const navigate = useAppStore((s) => s.navigate);
  const [notice, setNotice] = useState<string | null>(null);

  const onExport = async () => {
    try {
      const file = await exportCsv();
      downloadTextFile(file);
      setNotice(t('file.saved', { name: file.filename }));
    } catch (err) {
      setNotice(t('file.failed', { message: describeError(t, errorPayloadOf(err)) }));
    }
  };

  let body;
  if (!report && status === 'error' && error) body = <ErrorState message={describeError(t, error, hostKind)} onRetry={() => void load()} testId="report-error" />;
  else if (!report) body = <LoadingState text={t('report.loading')} testId="report-loading" />;
  else body = <ReportBody report={report} />;

  return (
    <section className="reports-page" data-testid="reports-page" aria-labelledby="reports-title">
      <div className="section-head">
        <h1 id="reports-title">{t('report.title')}</h1>
        <div className="head-actions">
          <div className="tabs tabs-small" role="tablist" aria-label={t('report.period')}>
            {REPORT_PERIODS.map((p) => (
              <button key={p} type="button" role="tab" className="tab" aria-selected={p === period} onClick={() => void load(p)} data-testid={`report-period-${p}`}>
                {t(`report.period.${p}`)}
              </button>
            ))}
          </div>
          <button type="button" className="btn" disabled={!report} onClick={() => void onExport()} data-testid="report-export">
            {t('report.exportCsv')}
          </button>
          <button
            type="button"
            className="btn"
            disabled={!report}
            onClick={() => {
              requestPrint();
              navigate({ name: 'reports-print' });
            }}
            data-testid="report-export-pdf"
          >
            {t('report.exportPdf')}
          </button>
        </div>
      </div>
      {notice && (
        <p className="notice" role="status" data-testid="report-notice">
          {notice}
        </p>
      )}
      {body}
    </section>
  );
}

function ReportBody({ report }: { report: IncidentReport }) {
  const { t, fmt } = useI18n();
  const theme = useAppStore((s) => s.theme);
  const options = useMemo(() => {
    const tokens = THEMES[theme];
    const style = { colours: tokens.chart, status: tokens.status, textColour: tokens.text };
    return {
      times: timesOption(report, style, { mtta: t('report.series.mtta'), mttr: t('report.series.mttr') }),
      severity: severityOption(report, style, (s) => severityLabel(t, s)),
      availability: availabilityOption(report, style, (v) => fmt.availability(v / 100)),
    };
  }, [report, theme, t, fmt]);

  return (
    <div className="report-body" data-testid="report-body" data-incidents={report.incidentCount}>
      <div className="kpis">
        <Kpi label={t('report.incidents')} value={fmt.count(report.incidentCount)} testId="kpi-incidents" />
        <DurationKpi label={t('report.mtta')} stats={report.mtta} glossaryId={REPORT_GLOSSARY_IDS.mtta} testId="kpi-mtta" />
        <DurationKpi label={t('report.mttr')} stats={report.mttr} glossaryId={REPORT_GLOSSARY_IDS.mttr} testId="kpi-mttr" />
        <Kpi label={t('report.overdueCount')} value={fmt.count(report.overdueActions.length)} testId="kpi-overdue" alert={report.overdueActions.length > 0} />
      </div>
      <div className="report-charts">
        <figure className="panel">
          <figcaption>{t('report.chart.times')}</figcaption>
          {report.mtta.count + report.mttr.count === 0 ? (
            <ChartEmpty text={t('report.chart.timesEmpty')} testId="chart-times-empty" />
          ) : (
            <ReportChart option={options.times} label={t('report.chart.times')} testId="chart-times" />
          )}
        </figure>
        <figure className="panel">
          <figcaption>{t('report.chart.severity')}</figcaption>
          {report.incidentCount === 0 ? (
            <ChartEmpty text={t('report.chart.severityEmpty')} testId="chart-severity-empty" />
          ) : (
            <ReportChart option={options.severity} label={t('report.chart.severity')} testId="chart-severity" />
          )}
        </figure>
        <figure className="panel">
          <figcaption>
            {t('report.chart.availability')}
            <GlossaryButton glossaryId={REPORT_GLOSSARY_IDS.availability} term={t('report.availability')} />
          </figcaption>
          {report.availability.length === 0 ? (
            <ChartEmpty text={t('report.availabilityEmpty')} testId="chart-availability-empty" />
          ) : (
            <ReportChart option={options.availability} label={t('report.chart.availability')} testId="chart-availability" />
          )}
          <p className="muted small">{t('report.availabilityNote', { severities: report.downtimeSeverities.join(', ') })}</p>
        </figure>
      </div>
      <ReportTables report={report} />
    </div>
  );
}

/** A chart with nothing to draw says so in its own box instead of an empty frame. */
function ChartEmpty({ text, testId }: { text: string; testId: string }) {
  return (
    <div className="report-chart chart-empty" data-testid={testId}>
      <p>{text}</p>
    </div>
  );
}

function Kpi({ label, value, testId, alert = false, sub }: { label: string; value: string; testId: string; alert?: boolean; sub?: string }) {
  return (
    <div className={`panel kpi${alert ? ' kpi-alert' : ''}`} data-testid={testId}>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value" data-testid={`${testId}-value`}>
        {value}
      </span>
      {sub && <span className="muted small">{sub}</span>}
    </div>
  );
}

function DurationKpi({ label, stats, glossaryId, testId }: { label: string; stats: DurationStatsView; glossaryId: string; testId: string }) {
  const { t, fmt } = useI18n();
  const value = stats.meanMs === null ? t('report.noData') : fmt.duration(stats.meanMs / 1000);
  const sub = stats.medianMs === null ? undefined : `${t('report.median', { value: fmt.duration(stats.medianMs / 1000) })} · ${t('report.basedOn', { count: stats.count })}`;
  return (
    <div className="panel kpi" data-testid={testId} data-count={stats.count}>
      <span className="kpi-label">
        {label}
        <GlossaryButton glossaryId={glossaryId} term={label} />
      </span>
      <span className="kpi-value" data-testid={`${testId}-value`}>
        {value}
      </span>
      {sub && <span className="muted small">{sub}</span>}
    </div>
  );
}

