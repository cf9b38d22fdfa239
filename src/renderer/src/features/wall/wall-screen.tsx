import './wall.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { CodeText, EmptyState, LoadingState } from '../../ui/state-views';
import { useElementSize } from '../../ui/use-element-size';
import { useNow } from '../../ui/use-now';
import { HostTile } from '../overview/host-tile';
import { StatusSummary } from '../overview/status-summary';
import { ConnectionBanner } from '../shell/connection-banner';
import { StorageBanner } from '../storage/storage-banner';
import { playCriticalSound, unlockSound } from './critical-sound';
import { pageStaleForMs, wallOptions, wallPages } from './page-staleness';
import { StaleBanner } from './stale-banner';
import { WallClock } from './wall-clock';
import { WallIncidents } from './wall-incidents';
import { wallLayout } from './wall-layout';

/** Leaves the wall: ?mode=wall goes from the address (it would bring the wall back), then the overview. */
function leaveWall(navigate: () => void): void {
  const params = new URLSearchParams(window.location.search);
  params.delete('mode');
  const query = params.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${query ? `?${query}` : ''}#/`);
  navigate();
}

/** NOC screen: large high-contrast tiles, no interactive chrome, fills whatever screen it is on. */
export function WallScreen() {
  const { t, fmt } = useI18n();
  const order = useAppStore((s) => s.tileOrder);
  const tiles = useAppStore((s) => s.tiles);
  const status = useAppStore((s) => s.overviewStatus);
  const error = useAppStore((s) => s.overviewError);
  const hostKind = useAppStore((s) => s.hostKind);
  const services = useAppStore((s) => s.inventory?.services ?? null);
  const loadInventory = useAppStore((s) => s.loadInventory);
  const navigate = useAppStore((s) => s.navigate);
  const options = useMemo(() => wallOptions(window.location.search), []);
  const [soundOn, setSoundOn] = useState(hostKind === 'electron' && options.sound && unlockSound());
  const [pageIndex, setPageIndex] = useState(0);
  const now = useNow(500);
  const mainRef = useRef<HTMLElement>(null);
  const size = useElementSize(mainRef);

  const exit = () => leaveWall(() => navigate({ name: 'overview' }));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && exit();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // Rotation: services come from the inventory (read-only; a viewer may read it).
  useEffect(() => {
    if (options.rotateSeconds !== null) void loadInventory();
  }, [options.rotateSeconds, loadInventory]);
  const pages = options.rotateSeconds === null ? [wallPages([])[0]!] : wallPages(services ?? []);
  useEffect(() => {
    if (options.rotateSeconds === null) return;
    const timer = setInterval(() => setPageIndex((i) => i + 1), options.rotateSeconds * 1000);
    return () => clearInterval(timer);
  }, [options.rotateSeconds]);
  const page = pages[pageIndex % pages.length]!;

  // Staleness in the page, against its own clock: a frozen engine sends nothing to mark stale.
  const staleFor: Record<string, number | null> = {};
  for (const id of order) {
    const tile = tiles[id];
    staleFor[id] = tile ? pageStaleForMs(tile.receivedAt, now, tile.target.intervalMs) : null;
  }
  const oldest = Math.max(0, ...Object.values(staleFor).map((v) => v ?? 0));

  // The sound on a tile newly critical (not on the ones critical when the wall opened).
  const critical = order.filter((id) => tiles[id]?.status === 'crit' && staleFor[id] === null);
  const known = useRef<Set<string> | null>(null);
  useEffect(() => {
    const before = known.current;
    known.current = new Set(critical);
    if (before && soundOn && critical.some((id) => !before.has(id))) playCriticalSound();
  });

  const shown = page.kind === 'service' ? order.filter((id) => page.hostIds.includes(id)) : order;
  const layout = wallLayout(shown.length, size.width, size.height);

  let body;
  if (page.kind === 'incidents') {
    body = <WallIncidents />;
  } else if (shown.length > 0) {
    body = (
      <div
        className="wall-grid"
        data-count={shown.length}
        style={{ gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`, fontSize: `${layout.fontPx}px` }}
      >
        {shown.map((id) => (
          <HostTile key={id} targetId={id} variant="wall" staleForMs={staleFor[id] ?? null} />
        ))}
      </div>
    );
  } else if (status === 'error' && error) {
    body = (
      <div className="state state-error" role="alert" data-testid="overview-error">
        <p className="state-title">
          <span aria-hidden="true">■ </span>
          <CodeText text={describeError(t, error, hostKind)} />
        </p>
      </div>
    );
  } else if (status === 'ready') {
    body = <EmptyState title={t('overview.emptyTitle')} hint={t('overview.emptyHint')} testId="overview-empty" />;
  } else {
    body = <LoadingState text={t('overview.loading')} testId="overview-loading" />;
  }

  const pageTitle = page.kind === 'all' ? t('wall.page.all') : page.kind === 'incidents' ? t('wall.page.incidents') : t('wall.page.service', { name: page.name });
  return (
    <div className="wall" data-testid="wall" data-page={page.kind}>
      <header className="wall-header">
        <h1 className="wall-title">{t('wall.title')}</h1>
        {options.rotateSeconds !== null && (
          <p className="wall-page" data-testid="wall-page">
            {pageTitle} <span className="wall-page-count">{t('wall.page.counter', { index: (pageIndex % pages.length) + 1, count: pages.length })}</span>
          </p>
        )}
        <StatusSummary interactive={false} />
        <WallClock />
        <div className="wall-tools">
          {!soundOn && (
            <button type="button" className="btn btn-small wall-tool" data-testid="wall-sound" onClick={() => setSoundOn(unlockSound())}>
              ♪ {t('wall.sound')}
            </button>
          )}
          <button type="button" className="btn btn-small wall-tool" data-testid="wall-exit" onClick={exit}>
            {t('wall.exit')}
          </button>
        </div>
      </header>
      {/* One strip of fixed height for every banner: one appearing never moves the grid. */}
      <div className="wall-banners" data-testid="wall-banners">
        <StorageBanner />
        <ConnectionBanner interactive={false} />
        {oldest > 0 ? (
          <div className="banner banner-unknown" role="status" data-testid="no-data-banner">
            <span className="banner-shape" aria-hidden="true">?</span>
            <span className="banner-text">{t('wall.noDataBanner', { age: fmt.duration(Math.floor(oldest / 1000)) })}</span>
          </div>
        ) : (
          <StaleBanner />
        )}
      </div>
      <main className="wall-main" ref={mainRef}>
        {body}
      </main>
    </div>
  );
}
