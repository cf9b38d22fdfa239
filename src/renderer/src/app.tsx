import { lazy, Suspense } from 'react';
import { useI18n } from './i18n/use-i18n';
import { OverviewScreen } from './features/overview/overview-screen';
import { AppHeader } from './features/shell/app-header';
import { ConnectionBanner } from './features/shell/connection-banner';
import { WallScreen } from './features/wall/wall-screen';
import { useAppStore } from './store/react';
import { LoadingState } from './ui/state-views';

// The host page carries echarts; loading it on demand keeps the overview and the wall light.
const HostPage = lazy(() => import('./features/host/host-page').then((m) => ({ default: m.HostPage })));

export function App() {
  const { t } = useI18n();
  const screen = useAppStore((s) => s.route.name);
  if (screen === 'wall') return <WallScreen />;
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skipToContent')}
      </a>
      <AppHeader />
      <ConnectionBanner />
      <main id="main" className="app-main" tabIndex={-1}>
        {screen === 'host' ? (
          <Suspense fallback={<LoadingState text={t('host.loading')} testId="host-loading" />}>
            <HostPage />
          </Suspense>
        ) : (
          <OverviewScreen />
        )}
      </main>
    </div>
  );
}
