// The live tail: its state, pause and resume, level filter, search, picking lines for an
// incident, and the list itself, virtualized so 10,000 items cost the rows on screen only.
// While following, the list stays at its end unless the person scrolled up to read.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LogLevel } from '../../../../shared/logs';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { DEFAULT_LEVELS } from '../../store/logs-slice';
import { AttachLines } from './attach-lines';
import { visibleItems, waitingCount } from './log-filter';
import { LogRow } from './log-row';

const ROW_HEIGHT = 22;

export function LogView() {
  const { t } = useI18n();
  const logs = useAppStore((s) => s.logs);
  const hostKind = useAppStore((s) => s.hostKind);
  const pause = useAppStore((s) => s.pauseLogs);
  const resume = useAppStore((s) => s.resumeLogs);
  const setLevels = useAppStore((s) => s.setLogLevels);
  const setSearch = useAppStore((s) => s.setLogSearch);
  const toggle = useAppStore((s) => s.toggleLogSelection);
  const restart = useAppStore((s) => s.restartLogView);
  const shown = useMemo(() => visibleItems(logs.items, logs), [logs.items, logs.levels, logs.search, logs.pausedAtSeq]);
  const waiting = waitingCount(logs.items, logs.pausedAtSeq);
  const events = logs.items.filter((i) => i.type === 'event').length;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [atEnd, setAtEnd] = useState(true);
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  useEffect(() => {
    if (atEnd && logs.pausedAtSeq === null && shown.length > 0) virtualizer.scrollToIndex(shown.length - 1, { align: 'end' });
  }, [shown.length, atEnd, logs.pausedAtSeq, virtualizer]);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (el) setAtEnd(el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 2);
  }, []);

  const toggleLevel = (level: LogLevel) => setLevels(logs.levels.includes(level) ? logs.levels.filter((l) => l !== level) : [...logs.levels, level]);
  const paused = logs.pausedAtSeq !== null;
  const state = logs.viewState === 'idle' || logs.viewState === 'opening' ? 'starting' : logs.viewState;

  return (
    <section className="panel log-view" aria-labelledby="log-view-title" data-testid="log-view" data-state={state} data-items={shown.length}>
      <div className="section-head">
        <h2 id="log-view-title">{t('logs.live')}</h2>
        <span className={`log-state log-state-${state}`} data-testid="log-state" role="status">
          {t(`logs.state.${state}`)}
        </span>
        {logs.file && (
          <code className="log-file" title={t('logs.file')}>
            {logs.file}
          </code>
        )}
        <div className="log-actions">
          {state === 'ended' ? (
            <button type="button" className="btn" onClick={() => void restart()} data-testid="log-restart">
              {t('logs.restart')}
            </button>
          ) : paused ? (
            <button type="button" className="btn btn-primary" onClick={resume} data-testid="log-resume">
              {t('logs.resume')}
            </button>
          ) : (
            <button type="button" className="btn" onClick={pause} data-testid="log-pause">
              {t('logs.pause')}
            </button>
          )}
        </div>
      </div>
      {logs.viewError && (
        <p className="inline-error" role="alert" data-testid="log-error" data-code={logs.viewError.code}>
          {logErrorText(t, logs.viewError, hostKind)}
        </p>
      )}
      <div className="log-toolbar">
        <fieldset className="log-levels">
          <legend>{t('logs.levels')}</legend>
          {DEFAULT_LEVELS.map((level) => (
            <label key={level} className={`log-level-chip log-level-${level}`}>
              <input type="checkbox" checked={logs.levels.includes(level)} onChange={() => toggleLevel(level)} data-testid={`log-level-${level}`} />
              {t(`logs.level.${level}`)}
            </label>
          ))}
        </fieldset>
        <label className="log-search">
          <span className="visually-hidden">{t('logs.search')}</span>
          <input type="search" value={logs.search} placeholder={t('logs.searchPlaceholder')} onChange={(e) => setSearch(e.target.value)} data-testid="log-search" spellCheck={false} />
        </label>
        <span className="muted" data-testid="log-count">
          {t('logs.matches', { shown: shown.filter((i) => i.type === 'event').length, total: events })}
        </span>
      </div>
      {paused && waiting > 0 && (
        <p className="notice log-waiting" data-testid="log-waiting">
          {t('logs.pausedNew', { count: waiting })}
        </p>
      )}
      <AttachLines />
      <div ref={scrollRef} className="log-scroll" onScroll={onScroll} data-testid="log-scroll" tabIndex={0} aria-label={t('logs.live')}>
        {shown.length === 0 ? (
          <p className="muted log-empty">{logs.items.length === 0 ? t('logs.empty') : t('logs.noMatch')}</p>
        ) : (
          <div className="log-rows" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => {
              const item = shown[row.index]!;
              return (
                <div key={item.seq} data-index={row.index} ref={virtualizer.measureElement} className="log-slot" style={{ transform: `translateY(${row.start}px)` }}>
                  <LogRow item={item} search={logs.search} selected={logs.selected.includes(item.seq)} onToggle={toggle} />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}

function logErrorText(t: ReturnType<typeof useI18n>['t'], error: { code: string; message: string }, hostKind: 'electron' | 'browser'): string {
  switch (error.code) {
    case 'LOG_NOT_FOUND':
      return t('logs.error.notFound');
    case 'LOG_DENIED':
      return t('logs.error.denied');
    case 'LOG_NOT_FILE':
      return t('logs.error.notFile');
    case 'JOURNAL_UNAVAILABLE':
      return t('logs.error.noJournal');
    case 'UNSUPPORTED_TARGET':
      return t('logs.error.jump');
    case 'TOO_LARGE':
      return t('logs.error.tooMany');
    case 'NOT_FOUND':
      return t('logs.error.viewClosed');
    default:
      return describeError(t, error, hostKind);
  }
}
