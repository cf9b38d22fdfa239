// Settings > Silences: what is silenced, until when, why and by whom; end one now.
import type { Silence } from '../../../../shared/alerts';
import type { InventoryService } from '../../../../shared/inventory-contract';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { useNow } from '../../ui/use-now';
import { ruleName } from '../alerts/alert-text';

/** One empty list, so the selector returns the same value while the inventory loads. */
const NO_SERVICES: readonly InventoryService[] = [];

export function SilencesTab() {
  const { t, fmt } = useI18n();
  const silences = useAppStore((s) => s.alertsConfig.silences);
  const expire = useAppStore((s) => s.expireSilence);
  const services = useAppStore((s) => s.inventory?.services ?? NO_SERVICES);
  const now = useNow(10_000);
  const describe = (s: Silence) =>
    [
      s.matcher.ruleId && t('silences.match.rule', { value: ruleName(t, { id: s.matcher.ruleId, label: null }) }),
      s.matcher.targetId && t('silences.match.target', { value: s.matcher.targetId }),
      s.matcher.serviceId && t('silences.match.service', { value: services.find((x) => x.id === s.matcher.serviceId)?.name ?? s.matcher.serviceId }),
      s.matcher.severity && t('silences.match.severity', { value: t(`alerts.severity.${s.matcher.severity}`) }),
    ]
      .filter(Boolean)
      .join(', ');
  return (
    <section className="panel" data-testid="settings-silences">
      <h2>{t('silences.title')}</h2>
      <p className="muted">{t('silences.intro')}</p>
      {silences.length === 0 ? (
        <p className="muted" data-testid="silences-empty">
          {t('silences.empty')}
        </p>
      ) : (
        <table className="settings-table">
          <thead>
            <tr>
              <th>{t('silences.matcher')}</th>
              <th>{t('silences.reason')}</th>
              <th>{t('silences.by')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {silences.map((s) => (
              <tr key={s.id} data-testid="silence-row">
                <td>
                  {describe(s)}
                  <div className="muted small">{s.endsAt > now ? t('silences.until', { time: fmt.dateTime(s.endsAt) }) : t('silences.ended')}</div>
                </td>
                <td>{s.reason}</td>
                <td>{s.createdBy}</td>
                <td>
                  {s.endsAt > now && (
                    <button type="button" className="btn btn-small" onClick={() => void expire(s.id)} data-testid="silence-expire">
                      {t('silences.expire')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
