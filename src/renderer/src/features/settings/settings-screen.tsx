// Settings (#/settings): alert rules, notification channels, maintenance windows, silences.
import { useI18n } from '../../i18n/use-i18n';
import { SETTINGS_TABS, type SettingsTab } from '../../routing/routes';
import { useAppStore } from '../../store/react';
import { ErrorState, LoadingState } from '../../ui/state-views';
import { describeAlertError } from '../alerts/alert-errors';
import '../alerts/alerts.css';
import { ChannelsTab } from './channels-tab';
import { MaintenanceTab } from './maintenance-tab';
import { RulesTab } from './rules-tab';
import { SilencesTab } from './silences-tab';

const TABS: Record<SettingsTab, () => React.JSX.Element> = { rules: RulesTab, channels: ChannelsTab, maintenance: MaintenanceTab, silences: SilencesTab };

export function SettingsScreen() {
  const { t } = useI18n();
  const route = useAppStore((s) => s.route);
  const config = useAppStore((s) => s.alertsConfig);
  const hostKind = useAppStore((s) => s.hostKind);
  const reload = useAppStore((s) => s.loadAlertsConfig);
  const tab: SettingsTab = route.name === 'settings' ? route.tab : 'rules';
  const Tab = TABS[tab];
  let body;
  if (config.status === 'error' && config.error) body = <ErrorState message={describeAlertError(t, config.error, hostKind)} onRetry={() => void reload()} testId="settings-error" />;
  else if (config.status !== 'ready' && tab !== 'channels') body = <LoadingState text={t('settings.loading')} testId="settings-loading" />;
  else body = <Tab />;
  return (
    <section className="settings-screen" data-testid="settings-screen" data-tab={tab} aria-labelledby="settings-title">
      <header className="screen-header">
        <h1 id="settings-title">{t('settings.title')}</h1>
      </header>
      <nav className="settings-tabs" aria-label={t('settings.title')}>
        {SETTINGS_TABS.map((id) => (
          <a key={id} href={id === 'rules' ? '#/settings' : `#/settings/${id}`} aria-current={tab === id ? 'page' : undefined} data-testid={`settings-tab-${id}`}>
            {t(`settings.tab.${id}`)}
          </a>
        ))}
      </nav>
      {body}
    </section>
  );
}
