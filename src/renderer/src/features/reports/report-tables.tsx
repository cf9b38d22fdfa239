// The report's tables: availability per service, overdue action items, the period's incidents.
import type { IncidentReport } from '../../../../shared/incidents-contract';
import { useI18n } from '../../i18n/use-i18n';
import { routeToHash } from '../../routing/routes';
import { incidentStatusLabel, severityLabel } from '../incidents/labels';

export function ReportTables({ report }: { report: IncidentReport }) {
  const { t, fmt } = useI18n();
  // The same rule as the cards: whole seconds, the two largest units.
  const took = (seconds: number | null) => (seconds === null ? '—' : fmt.duration(seconds));
  return (
    <>
      {report.availability.length > 0 && (
        <section className="panel">
          <h2>{t('report.chart.availability')}</h2>
          <table className="report-table" data-testid="availability-table">
            <thead>
              <tr>
                <th>{t('report.service')}</th>
                <th className="num">{t('report.availability')}</th>
                <th className="num">{t('report.downtime')}</th>
                <th className="num">{t('report.incidents')}</th>
              </tr>
            </thead>
            <tbody>
              {report.availability.map((a) => (
                <tr key={a.service}>
                  <td>{a.service}</td>
                  <td className="num" data-testid={`availability-${a.service}`}>{fmt.availability(a.availability)}</td>
                  <td className="num">{fmt.duration(a.downtimeMs / 1000)}</td>
                  <td className="num">{a.incidents}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section className="panel">
        <h2>{t('report.overdueTitle')}</h2>
        {report.overdueActions.length === 0 ? (
          <p className="muted">{t('report.overdueNone')}</p>
        ) : (
          <table className="report-table" data-testid="overdue-actions">
            <thead>
              <tr>
                <th>{t('report.col.id')}</th>
                <th>{t('pm.action.title')}</th>
                <th>{t('pm.action.owner')}</th>
                <th>{t('pm.action.due')}</th>
                <th>{t('pm.action.status')}</th>
              </tr>
            </thead>
            <tbody>
              {report.overdueActions.map((a) => (
                <tr key={`${a.incidentId}-${a.itemId}`} className="row-late">
                  <td>
                    <a href={routeToHash({ name: 'postmortem', id: a.incidentId })}>{a.incidentId}</a>
                  </td>
                  <td>{a.title}</td>
                  <td>{a.owner}</td>
                  <td>
                    ■ {a.dueDate} · {t('report.daysOverdue', { days: a.daysOverdue })}
                  </td>
                  <td>{t(`pm.action.status.${a.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel">
        <h2>{t('report.rowsTitle')}</h2>
        {report.rows.length === 0 ? (
          <p className="muted">{t('report.rowsEmpty')}</p>
        ) : (
          <table className="report-table" data-testid="report-rows">
            <thead>
              <tr>
                <th>{t('report.col.id')}</th>
                <th>{t('report.col.title')}</th>
                <th>{t('report.col.severity')}</th>
                <th>{t('report.col.status')}</th>
                <th>{t('report.col.services')}</th>
                <th>{t('report.col.detected')}</th>
                <th className="num">{t('report.col.tta')}</th>
                <th className="num">{t('report.col.ttr')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.id} data-testid={`report-row-${r.id}`}>
                  <td>
                    <a href={routeToHash({ name: 'incident', id: r.id })}>{r.id}</a>
                  </td>
                  <td>{r.title}</td>
                  <td>{severityLabel(t, r.severity)}</td>
                  <td>{incidentStatusLabel(t, r.status)}</td>
                  <td>{r.services}</td>
                  <td>{r.detectedDate}</td>
                  <td className="num">{took(r.secondsToAcknowledge)}</td>
                  <td className="num">{took(r.secondsToRecover)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
