// The delivery log: every attempt, newest first, one channel or all, a page at a time. Long
// logs are virtualized (only the rows in view are in the page).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ChannelRecord, DeliveryRecord } from '../../../../shared/channels';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { CodeText, ErrorState, LoadingState } from '../../ui/state-views';
import { deliveryCodeText, eventText, outcomeText } from './delivery-text';

const ROW_HEIGHT = 56;
/** One empty list: a selector must return the same value while nothing changed. */
const NO_CHANNELS: ChannelRecord[] = [];
/** Below this many rows a plain list is simpler and as fast. */
const VIRTUAL_FROM = 40;

function Row({ record, channels }: { record: DeliveryRecord; channels: ChannelRecord[] }) {
  const { t, fmt } = useI18n();
  const channel = channels.find((c) => c.id === record.channelId);
  return (
    <div className={`delivery-row delivery-${record.outcome}`} role="row" data-testid="delivery-row" data-outcome={record.outcome} data-code={record.code ?? ''}>
      <span role="cell" className="delivery-time">
        {fmt.dateTime(record.at)}
      </span>
      <span role="cell">{channel?.name ?? t('deliveries.deletedChannel')}</span>
      <span role="cell">{eventText(t, record.event)}</span>
      <span role="cell" className="delivery-outcome">
        {outcomeText(t, record.outcome)}
        <small className="muted"> · {t('deliveries.attempt', { n: record.attempt })}</small>
      </span>
      <span role="cell" className="delivery-detail">
        {record.code && <span>{deliveryCodeText(t, record.code, record.status)}</span>}
        {record.nextAttemptAt !== null && <span> {t('deliveries.nextAt', { time: fmt.time(record.nextAttemptAt) })}</span>}
        {record.detail && (
          <small className="muted">
            {' '}
            <CodeText text={`\`${record.detail}\``} />
          </small>
        )}
      </span>
    </div>
  );
}

export function DeliveryLog() {
  const { t } = useI18n();
  const hostKind = useAppStore((s) => s.hostKind);
  const channels = useAppStore((s) => s.channels ?? NO_CHANNELS);
  const log = useAppStore((s) => s.deliveries);
  const load = useAppStore((s) => s.loadDeliveries);
  const more = useAppStore((s) => s.loadMoreDeliveries);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = log.records.length >= VIRTUAL_FROM;
  const virtualizer = useVirtualizer({ count: log.records.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });

  useEffect(() => {
    if (log.status === 'idle') void load(null);
  }, [log.status, load]);

  let body;
  if (log.status === 'loading' && log.records.length === 0) body = <LoadingState text={t('deliveries.loading')} testId="deliveries-loading" />;
  else if (log.status === 'error' && log.error) body = <ErrorState message={describeError(t, log.error, hostKind)} onRetry={() => void load(log.channelId)} testId="deliveries-error" />;
  else if (log.records.length === 0)
    body = (
      <p className="inv-muted" data-testid="deliveries-empty">
        {t('deliveries.empty')}
      </p>
    );
  else
    body = (
      <div className="delivery-table" role="table" aria-label={t('deliveries.title')} aria-rowcount={log.total}>
        <div className="delivery-row delivery-head" role="row">
          <span role="columnheader">{t('deliveries.col.time')}</span>
          <span role="columnheader">{t('deliveries.col.channel')}</span>
          <span role="columnheader">{t('deliveries.col.event')}</span>
          <span role="columnheader">{t('deliveries.col.outcome')}</span>
          <span role="columnheader">{t('deliveries.col.detail')}</span>
        </div>
        <div ref={scroller} className={virtual ? 'delivery-scroll' : undefined} data-testid="deliveries-list" data-virtual={virtual || undefined}>
          {virtual ? (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => (
                <div key={log.records[item.index]!.id} ref={virtualizer.measureElement} data-index={item.index} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}>
                  <Row record={log.records[item.index]!} channels={channels} />
                </div>
              ))}
            </div>
          ) : (
            log.records.map((r) => <Row key={r.id} record={r} channels={channels} />)
          )}
        </div>
      </div>
    );

  return (
    <section className="channels-log" aria-labelledby="deliveries-title" data-testid="deliveries">
      <div className="section-head">
        <h3 id="deliveries-title">{t('deliveries.title')}</h3>
        <label className="field-inline">
          <span>{t('deliveries.filter')}</span>
          <select value={log.channelId ?? ''} onChange={(e) => void load(e.target.value || null)} data-testid="deliveries-filter">
            <option value="">{t('deliveries.all')}</option>
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {body}
      {log.records.length > 0 && (
        <p className="inv-muted">
          {t('deliveries.count', { shown: log.records.length, total: log.total })}
          {log.nextBefore !== null && (
            <>
              {' '}
              <button type="button" className="btn btn-small" onClick={() => void more()} data-testid="deliveries-more">
                {t('deliveries.more')}
              </button>
            </>
          )}
        </p>
      )}
    </section>
  );
}
