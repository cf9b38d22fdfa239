import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';

export function AppHeader() {
  const { t, language } = useI18n();
  const theme = useAppStore((s) => s.theme);
  const onOverview = useAppStore((s) => s.route.name === 'overview');
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
        <a href="#/" aria-current={onOverview ? 'page' : undefined}>
          {t('nav.overview')}
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
