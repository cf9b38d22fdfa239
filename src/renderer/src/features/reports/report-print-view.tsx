// The incident report as a printable document (A4, black on white, no app frame): what the
// report's "Save as PDF" prints, as the post-mortem's does. Tables only, so it prints the same
// on any printer; the numbers follow the screen's rules (truncated durations and availability).
import '../incidents/postmortem/print.css';
import { useEffect } from 'react';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { routeToHash } from '../../routing/routes';
import { useAppStore } from '../../store/react';
import { ErrorState, LoadingState } from '../../ui/state-views';
import { incidentStatusLabel, severityLabel } from '../incidents/labels';
import { takePrintRequest } from '../incidents/postmortem/print-request';

export function ReportPrintView() {
  const { t, fmt, language } = useI18n();
  const report = useAppStore((s) => s.report);
  const status = useAppStore((s) => s.reportStatus);
  const error = useAppStore((s) => s.reportError);
  const period = useAppStore((s) => s.reportPeriod);
  const hostKind = useAppStore((s) => s.hostKind);

  useEffect(() => {
    if (!report || !takePrintRequest()) return;
    const timer = setTimeout(() => window.print(), 300);
    return () => clearTimeout(timer);
  }, [report]);

  if (!report && status === 'error' && error) return <ErrorState message={describeError(t, error, hostKind)} testId="report-print-error" />;
  if (!report) return <LoadingState text={t('report.loading')} testId="report-print-loading" />;
  const took = (seconds: number | null) => (seconds === null ? '—' : fmt.duration(seconds));
  const mean = (ms: number | null) => (ms === null ? t('report.noData') : fmt.duration(ms / 1000));

  return (
    <div className="print-page" data-testid="report-print">
      <div className="print-toolbar" role="toolbar" aria-label={t('print.toolbar')}>
        <a className="btn" href={routeToHash({ name: 'reports' })}>
          ← {t('report.printBack')}
        </a>
        <button type="button" className="btn btn-primary" onClick={() => window.print()} data-testid="report-print-now">
          {t('print.print')}
        </button>
      </div>
      <article className="print-doc" lang={language}>
        <h1>{t('report.title')}</h1>
        <table className="print-meta">
          <tbody>
            <tr>
              <th>{t('report.period')}</th>
              <td data-testid="report-print-period">
                {t(`report.period.${period}`)} · {fmt.date(report.from)} – {fmt.date(report.until - 1)}
              </td>
            </tr>
            <tr>
              <th>{t('report.incidents')}</th>
              <td>{fmt.count(report.incidentCount)}</td>
            </tr>
            <tr>
              <th>{t('report.mtta')}</th>
              <td>
                {mean(report.mtta.meanMs)} · {t('report.basedOn', { count: report.mtta.count })}
              </td>
            </tr>
            <tr>
              <th>{t('report.mttr')}</th>
              <td>
                {mean(report.mttr.meanMs)} · {t('report.basedOn', { count: report.mttr.count })}
              </td>
            </tr>
          </tbody>
        </table>

        <h2>{t('report.chart.availability')}</h2>
        {report.availability.length === 0 ? (
          <p className="empty">{t('report.availabilityEmpty')}</p>
        ) : (
          <table className="print-table">
            <thead>
              <tr>
                <th>{t('report.service')}</th>
                <th>{t('report.availability')}</th>
                <th>{t('report.downtime')}</th>
              </tr>
            </thead>
            <tbody>
              {report.availability.map((a) => (
                <tr key={a.service}>
                  <td>{a.service}</td>
                  <td>{fmt.availability(a.availability)}</td>
                  <td>{fmt.duration(a.downtimeMs / 1000)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="empty">{t('report.availabilityNote', { severities: report.downtimeSeverities.join(', ') })}</p>

        <h2>{t('report.overdueTitle')}</h2>
        {report.overdueActions.length === 0 ? (
          <p className="empty">{t('report.overdueNone')}</p>
        ) : (
          <table className="print-table">
            <thead>
              <tr>
                <th>{t('report.col.id')}</th>
                <th>{t('pm.action.title')}</th>
                <th>{t('pm.action.owner')}</th>
                <th>{t('pm.action.due')}</th>
              </tr>
            </thead>
            <tbody>
              {report.overdueActions.map((a) => (
                <tr key={`${a.incidentId}-${a.itemId}`}>
                  <td>{a.incidentId}</td>
                  <td>{a.title}</td>
                  <td>{a.owner}</td>
                  <td>
                    {a.dueDate} · {t('report.daysOverdue', { days: a.daysOverdue })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <h2>{t('report.rowsTitle')}</h2>
        {report.rows.length === 0 ? (
          <p className="empty">{t('report.rowsEmpty')}</p>
        ) : (
          <table className="print-table" data-testid="report-print-rows">
            <thead>
              <tr>
                <th>{t('report.col.id')}</th>
                <th>{t('report.col.title')}</th>
                <th>{t('report.col.severity')}</th>
                <th>{t('report.col.status')}</th>
                <th>{t('report.col.detected')}</th>
                <th>{t('report.col.tta')}</th>
                <th>{t('report.col.ttr')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.id}</td>
                  <td>{r.title}</td>
                  <td>{severityLabel(t, r.severity)}</td>
                  <td>{incidentStatusLabel(t, r.status)}</td>
                  <td>{r.detectedDate}</td>
                  <td>{took(r.secondsToAcknowledge)}</td>
                  <td>{took(r.secondsToRecover)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="print-footer">{t('print.generated', { time: fmt.fullDateTime(Date.now()) })}</p>
      </article>
    </div>
  );
}
