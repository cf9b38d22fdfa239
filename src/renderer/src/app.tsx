import { lazy, Suspense } from 'react';
import { useI18n } from './i18n/use-i18n';
import { OverviewScreen } from './features/overview/overview-screen';
import { AppHeader } from './features/shell/app-header';
import { ConnectionBanner } from './features/shell/connection-banner';
import { StorageBanner } from './features/storage/storage-banner';
import { OpenedFileDialog } from './features/shell/opened-file-dialog';
import { WallScreen } from './features/wall/wall-screen';
import { isIncidentRoute } from './routing/incident-routes';
import { useAppStore } from './store/react';
import { GlossaryPopover } from './ui/glossary-popover';
import { ScreenBoundary } from './ui/screen-boundary';
import { LoadingState } from './ui/state-views';

// The host page carries echarts and the glossary screen carries Hangul search; loading them on
// demand keeps the overview and the wall light.
const HostPage = lazy(() => import('./features/host/host-page').then((m) => ({ default: m.HostPage })));
const IncidentScreens = lazy(() => import('./features/incidents/incident-screens').then((m) => ({ default: m.IncidentScreens })));
const InventoryScreen = lazy(() => import('./features/inventory/inventory-screen').then((m) => ({ default: m.InventoryScreen })));
const CheckPage = lazy(() => import('./features/checks/check-page').then((m) => ({ default: m.CheckPage })));
const AlertsScreen = lazy(() => import('./features/alerts/alerts-screen').then((m) => ({ default: m.AlertsScreen })));
const SettingsScreen = lazy(() => import('./features/settings/settings-screen').then((m) => ({ default: m.SettingsScreen })));
const LogsPage = lazy(() => import('./features/logs/logs-page').then((m) => ({ default: m.LogsPage })));
const GlossaryScreen = lazy(() => import('./features/glossary/glossary-screen').then((m) => ({ default: m.GlossaryScreen })));

export function App() {
  const { t, language } = useI18n();
  const screen = useAppStore((s) => s.route.name);
  // The wall has no keyboard: no popovers there.
  if (screen === 'wall') return <WallScreen />;
  const incidentScreen = isIncidentRoute({ name: screen }) && (
    <Suspense fallback={<LoadingState text={t('room.loading')} testId="incidents-screen-loading" />}>
      <IncidentScreens />
    </Suspense>
  );
  // The print view is a document, not a screen of the app: no header, no banners.
  if (screen === 'postmortem-print' || screen === 'reports-print') return incidentScreen;
  let content;
  if (screen === 'host') {
    content = (
      <Suspense fallback={<LoadingState text={t('host.loading')} testId="host-loading" />}>
        <HostPage />
      </Suspense>
    );
  } else if (screen === 'check') {
    content = (
      <Suspense fallback={<LoadingState text={t('check.loading')} testId="check-loading" />}>
        <CheckPage />
      </Suspense>
    );
  } else if (screen === 'logs') {
    content = (
      <Suspense fallback={<LoadingState text={t('logs.loading')} testId="logs-loading" />}>
        <LogsPage />
      </Suspense>
    );
  } else if (screen === 'glossary') {
    content = (
      <Suspense fallback={<LoadingState text={t('glossary.loading')} testId="glossary-loading" />}>
        <GlossaryScreen />
      </Suspense>
    );
  } else if (screen === 'inventory') {
    content = (
      <Suspense fallback={<LoadingState text={t('inventory.loading')} testId="inventory-loading" />}>
        <InventoryScreen />
      </Suspense>
    );
  } else if (screen === 'alerts') {
    content = (
      <Suspense fallback={<LoadingState text={t('alerts.loading')} testId="alerts-loading" />}>
        <AlertsScreen />
      </Suspense>
    );
  } else if (screen === 'settings') {
    content = (
      <Suspense fallback={<LoadingState text={t('settings.loading')} testId="settings-loading" />}>
        <SettingsScreen />
      </Suspense>
    );
  } else if (incidentScreen) {
    content = incidentScreen;
  } else {
    content = <OverviewScreen />;
  }
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skipToContent')}
      </a>
      <AppHeader />
      <ConnectionBanner />
      <StorageBanner />
      <main id="main" className="app-main" tabIndex={-1}>
        <ScreenBoundary key={screen} language={language}>
          {content}
        </ScreenBoundary>
      </main>
      <GlossaryPopover />
      <OpenedFileDialog />
    </div>
  );
}
