// One alert's timeline (#/alerts/<id>, where notifications link to): when it became pending,
// fired, was sent, held back and why, acknowledged by whom, escalated, resolved.
import { useEffect, useState } from 'react';
import type { AlertDetail as Detail, AlertTimelineEntry, SuppressionReason } from '../../../../shared/alerts';
import type { MessageKey } from '../../i18n/catalogue';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { ruleName } from './alert-text';

export function AlertDetailPanel({ alertId }: { alertId: string }) {
  const { t, fmt } = useI18n();
  const getAlert = useAppStore((s) => s.getAlert);
  const alerts = useAppStore((s) => s.alerts);
  const navigate = useAppStore((s) => s.navigate);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    let live = true;
    getAlert(alertId).then(
      (d) => live && (setDetail(d), setMissing(false)),
      () => live && setMissing(true),
    );
    return () => void (live = false);
  }, [alertId, alerts, getAlert]);

  const line = (e: AlertTimelineEntry) => {
    const d = e.data;
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(d)) if (v !== null && typeof v !== 'boolean') params[k] = v;
    if (typeof d.event === 'string') params.event = t(`alerts.event.${d.event}` as MessageKey);
    if (typeof d.reason === 'string' && d.reason !== 'rule-removed') params.reason = t(`alerts.suppressed.${d.reason as SuppressionReason}`);
    if (typeof d.percent === 'number') params.percent = fmt.number(d.percent, 0);
    const text = t(`alerts.timeline.${e.kind}` as MessageKey, params);
    return e.kind === 'acknowledged' && typeof d.note === 'string' && d.note ? `${text}: ${d.note}` : text;
  };

  return (
    <section className="panel alert-detail" data-testid="alert-detail" data-alert-id={alertId}>
      <div className="toolbar">
        <h2>{detail ? `${ruleName(t, { id: detail.alert.ruleId, label: detail.alert.ruleLabel })} · ${detail.alert.target.name}` : t('alerts.timeline')}</h2>
        <button type="button" className="btn btn-small" onClick={() => navigate({ name: 'alerts', alertId: null })} data-testid="alert-detail-close">
          {t('alerts.close')}
        </button>
      </div>
      {missing && <p className="muted">{t('alerts.detail.notFound')}</p>}
      {detail && (
        <ol className="alert-timeline" data-testid="alert-timeline">
          {detail.timeline.map((e) => (
            <li key={e.seq} data-kind={e.kind}>
              <time className="muted small">{fmt.dateTime(e.ts)}</time> {line(e)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
