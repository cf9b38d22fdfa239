import './wall.css';
import { useRef } from 'react';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { CodeText, EmptyState, LoadingState } from '../../ui/state-views';
import { useElementSize } from '../../ui/use-element-size';
import { HostTile } from '../overview/host-tile';
import { StatusSummary } from '../overview/status-summary';
import { ConnectionBanner } from '../shell/connection-banner';
import { StaleBanner } from './stale-banner';
import { WallClock } from './wall-clock';
import { wallLayout } from './wall-layout';

/** NOC screen: large high-contrast tiles, no interactive chrome, fills whatever screen it is on. */
export function WallScreen() {
  const { t } = useI18n();
  const order = useAppStore((s) => s.tileOrder);
  const status = useAppStore((s) => s.overviewStatus);
  const error = useAppStore((s) => s.overviewError);
  const hostKind = useAppStore((s) => s.hostKind);
  const mainRef = useRef<HTMLElement>(null);
  const size = useElementSize(mainRef);
  const layout = wallLayout(order.length, size.width, size.height);

  let body;
  if (order.length > 0) {
    body = (
      <div
        className="wall-grid"
        data-count={order.length}
        style={{ gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`, fontSize: `${layout.fontPx}px` }}
      >
        {order.map((id) => (
          <HostTile key={id} targetId={id} variant="wall" />
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

  return (
    <div className="wall" data-testid="wall">
      <header className="wall-header">
        <h1 className="wall-title">{t('wall.title')}</h1>
        <StatusSummary interactive={false} />
        <WallClock />
      </header>
      <ConnectionBanner interactive={false} />
      <StaleBanner />
      <main className="wall-main" ref={mainRef}>
        {body}
      </main>
    </div>
  );
}
