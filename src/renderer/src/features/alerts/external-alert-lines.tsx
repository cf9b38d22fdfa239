// The lines under an alert that a data source raised: which source, its own severity word, the
// host it names, and whether it was acknowledged (or held back) there.
import type { ExternalAlertInfo } from '../../../../shared/external-alerts';
import type { MessageKey } from '../../i18n/messages/ko';
import { useI18n } from '../../i18n/use-i18n';
import { sourceBrand, sourceName } from './source-name';

export function ExternalAlertLines({ alert }: { alert: ExternalAlertInfo }) {
  const { t } = useI18n();
  const kind = sourceBrand(alert.sourceKind);
  const sevKey = `alerts.external.sev.${alert.sourceSeverity}` as MessageKey;
  const severity = t(sevKey) === sevKey ? alert.sourceSeverity : t(sevKey);
  return (
    <>
      <div className="muted small" data-testid="alert-source">
        {t('alerts.external.from', { source: sourceName(kind, alert.sourceLabel) })} · {t('alerts.external.severity', { kind, severity })}
        {alert.host && <> · {t('alerts.external.onHost', { host: alert.host })}</>}
      </div>
      {alert.acknowledged && (
        <div className="alert-ack small" data-testid="alert-external-ack">
          {t('alerts.external.acknowledged', { kind })}
        </div>
      )}
      {alert.suppressed && <div className="alert-suppressed muted small">{t('alerts.external.suppressed', { kind })}</div>}
    </>
  );
}
