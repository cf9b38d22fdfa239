// Settings > Channels. A stand-in until the notification channels' own panel lands: the
// channels engineer replaces this module's body with `export { ChannelsPanel as ChannelsTab }`
// from features/channels/channels-panel.tsx (a panel with no props).
import { useI18n } from '../../i18n/use-i18n';

export function ChannelsTab() {
  const { t } = useI18n();
  return (
    <section className="panel" data-testid="settings-channels">
      <h2>{t('channels.placeholder.title')}</h2>
      <p className="muted">{t('channels.placeholder.body')}</p>
      <p className="muted">{t('channels.placeholder.none')}</p>
    </section>
  );
}
