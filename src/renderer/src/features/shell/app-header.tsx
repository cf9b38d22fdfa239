import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { isIncidentRoute } from '../../routing/incident-routes';
import { OverdueCount } from '../incidents/overdue-banner';
import { FiringCount } from '../alerts/firing-count';

export function AppHeader() {
  const { t, language } = useI18n();
  const theme = useAppStore((s) => s.theme);
  const screen = useAppStore((s) => s.route.name);
  const toggleLanguage = useAppStore((s) => s.toggleLanguage);
  const toggleTheme = useAppStore((s) => s.toggleTheme);
  const otherLanguage = language === 'ko' ? 'en' : 'ko';
  const otherTheme = theme === 'dark' ? 'light' : 'dark';

  return (
    <header className="app-header">
      <a className="brand" href="#/">
        <span className="brand-mark" aria-hidden="true">◆</span> {t('app.name')}
      </a>
      <nav className="app-nav" aria-label={t('app.name')}>
        <a href="#/" aria-current={screen === 'overview' ? 'page' : undefined}>
          {t('nav.overview')}
        </a>
        <a href="#/inventory" aria-current={screen === 'inventory' ? 'page' : undefined} data-testid="nav-inventory">
          {t('nav.inventory')}
        </a>
        <a href="#/alerts" aria-current={screen === 'alerts' ? 'page' : undefined} data-testid="nav-alerts">
          {t('nav.alerts')}
          <FiringCount />
        </a>
        <a href="#/incidents" aria-current={isIncidentRoute({ name: screen }) && screen !== 'reports' && screen !== 'playbook' ? 'page' : undefined} data-testid="nav-incidents">
          {t('nav.incidents')}
          <OverdueCount />
        </a>
        <a href="#/reports" aria-current={screen === 'reports' ? 'page' : undefined} data-testid="nav-reports">
          {t('nav.reports')}
        </a>
        <a href="#/playbook" aria-current={screen === 'playbook' ? 'page' : undefined} data-testid="nav-playbook">
          {t('nav.playbook')}
        </a>
        <a href="#/glossary" aria-current={screen === 'glossary' ? 'page' : undefined} data-testid="nav-glossary">
          {t('nav.glossary')}
        </a>
        <a href="#/settings" aria-current={screen === 'settings' ? 'page' : undefined} data-testid="nav-settings">
          {t('nav.settings')}
        </a>
        <a href="#/wall">{t('nav.wall')}</a>
      </nav>
      <div className="header-tools">
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="lang-switch"
          data-language={language}
          title={t('lang.switch')}
          aria-label={`${t('lang.switch')}: ${t(`lang.name.${otherLanguage}`)}`}
          onClick={toggleLanguage}
        >
          <span aria-hidden="true">文 </span>
          <span lang={otherLanguage}>{t(`lang.name.${otherLanguage}`)}</span>
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="theme-switch"
          data-theme-name={theme}
          title={t('theme.switch')}
          aria-label={`${t('theme.switch')}: ${t(`theme.${otherTheme}`)}`}
          onClick={toggleTheme}
        >
          <span aria-hidden="true">{otherTheme === 'light' ? '☀ ' : '☾ '}</span>
          {t(`theme.${otherTheme}`)}
        </button>
      </div>
    </header>
  );
}
