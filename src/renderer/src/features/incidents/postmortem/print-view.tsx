// The post-mortem as a printable document (A4, black on white, no app frame): what "Save as
// PDF" prints. The toolbar is not printed.
import './print.css';
import { useEffect, type ReactNode } from 'react';
import { describeError } from '../../../i18n/describe';
import { useI18n } from '../../../i18n/use-i18n';
import { routeToHash } from '../../../routing/routes';
import { useAppStore } from '../../../store/react';
import { ErrorState, LoadingState } from '../../../ui/state-views';
import { severityLabel } from '../labels';
import { overdueItemIds } from './form-model';
import { takePrintRequest } from './print-request';

export function PostmortemPrintView() {
  const { t, fmt, language } = useI18n();
  const state = useAppStore((s) => s.postmortem);
  const detail = useAppStore((s) => s.room.detail);
  const hostKind = useAppStore((s) => s.hostKind);
  const ready = state.view !== null && detail !== null;

  useEffect(() => {
    if (!ready || !takePrintRequest()) return;
    // After the browser has drawn the document.
    const timer = setTimeout(() => window.print(), 300);
    return () => clearTimeout(timer);
  }, [ready]);

  if (state.status === 'error' && state.error) return <ErrorState message={describeError(t, state.error, hostKind)} testId="print-error" />;
  if (!state.view || !detail) return <LoadingState text={t('pm.loading')} testId="print-loading" />;
  const pm = state.view.postmortem;
  const { incident } = detail;
  const overdue = overdueItemIds(pm.actionItems, Date.now());
  const time = (ts: number | null) => (ts === null ? '—' : fmt.fullDateTime(ts));
  const list = (xs: readonly string[]) => (xs.length === 0 ? <p className="empty">—</p> : <ul>{xs.map((x) => <li key={x}>{x}</li>)}</ul>);
  const prose = (s: string) => (s.trim() === '' ? <p className="empty">—</p> : s.split(/\n+/).map((p, i) => <p key={i}>{p}</p>));

  return (
    <div className="print-page" data-testid="postmortem-print" data-revision={state.view.revision}>
      <div className="print-toolbar" role="toolbar" aria-label={t('print.toolbar')}>
        <a className="btn" href={routeToHash({ name: 'postmortem', id: incident.id })}>
          ← {t('print.back')}
        </a>
        <button type="button" className="btn btn-primary" onClick={() => window.print()} data-testid="print-now">
          {t('print.print')}
        </button>
        {state.view.revision === 0 && <span className="print-warn">{t('print.notFound')}</span>}
      </div>
      <article className="print-doc" lang={language}>
        <h1>{t('pm.title', { title: incident.title })}</h1>
        <table className="print-meta">
          <tbody>
            <Row label={t('print.incident')} value={incident.id} />
            <Row label={t('print.severity')} value={severityLabel(t, incident.severity)} />
            <Row label={t('pm.status')} value={t(`pm.status.${pm.status}`)} />
            <Row label={t('print.authors')} value={pm.authors.join(', ')} />
            <Row label={t('room.detected')} value={time(incident.detectedAt)} />
            <Row label={t('room.resolved')} value={time(incident.resolvedAt)} />
          </tbody>
        </table>
        <Part title={t('print.summary')}>{prose(pm.summary)}</Part>
        <Part title={t('pm.impact')}>
          <p>
            {t('pm.usersAffected')}: {fmt.count(pm.impact.usersAffected)} · {t('print.services')}: {pm.impact.services.join(', ') || '—'}
          </p>
          {prose(pm.impact.description)}
        </Part>
        <Part title={t('print.timeline')}>
          <table className="print-table">
            <tbody>
              {state.view.timeline[language].map((row, i) => (
                <tr key={i}>
                  <td className="nowrap">{fmt.fullDateTime(row.ts)}</td>
                  <td>{row.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Part>
        <Part title={t('pm.rootCauses')}>{list(pm.rootCauses)}</Part>
        <Part title={t('pm.trigger')}>{prose(pm.trigger)}</Part>
        <Part title={t('pm.detection')}>{prose(pm.detection)}</Part>
        <Part title={t('pm.resolution')}>{prose(pm.resolution)}</Part>
        <Part title={t('pm.wentWell')}>{list(pm.wentWell)}</Part>
        <Part title={t('pm.wentWrong')}>{list(pm.wentWrong)}</Part>
        <Part title={t('pm.gotLucky')}>{list(pm.gotLucky)}</Part>
        <Part title={t('pm.actionItems')}>
          {pm.actionItems.length === 0 ? (
            <p className="empty">—</p>
          ) : (
            <table className="print-table" data-testid="print-actions">
              <thead>
                <tr>
                  <th>{t('pm.action.kind')}</th>
                  <th>{t('pm.action.title')}</th>
                  <th>{t('pm.action.owner')}</th>
                  <th>{t('pm.action.due')}</th>
                  <th>{t('pm.action.status')}</th>
                  <th>{t('pm.action.ticket')}</th>
                </tr>
              </thead>
              <tbody>
                {pm.actionItems.map((item) => (
                  <tr key={item.id}>
                    <td>{t(`pm.action.kind.${item.kind}`)}</td>
                    <td>{item.title}</td>
                    <td>{item.owner}</td>
                    <td className="nowrap">
                      {item.dueDate}
                      {overdue.has(item.id) && <strong> ■ {t('pm.action.overdue')}</strong>}
                    </td>
                    <td>{t(`pm.action.status.${item.status}`)}</td>
                    <td>{item.ticket ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Part>
        <p className="print-footer">{t('print.generated', { time: fmt.fullDateTime(Date.now()) })}</p>
      </article>
    </div>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <tr>
      <th>{label}</th>
      <td>{value || '—'}</td>
    </tr>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="print-part">
      <h2>{title}</h2>
      {children}
    </section>
  );
}
