// The glossary entry shown in place next to the "?" that opened it: a non-modal dialog that
// takes focus, gives it back on Esc or Close, and closes on a click anywhere else.
import { useEffect, useId, useRef } from 'react';
import { entryText } from '../domain/glossary-text';
import { describeError } from '../i18n/describe';
import { useI18n } from '../i18n/use-i18n';
import { glossaryHash } from '../routing/routes';
import { useAppStore } from '../store/react';
import { EntryExplanation, EntryTerms, OriginBadge } from './glossary-entry-parts';
import { usePopoverPosition } from './use-popover-position';

export function GlossaryPopover() {
  const popover = useAppStore((s) => s.glossaryPopover);
  if (!popover) return null;
  // Keyed by opening, so each one starts fresh (focus moves in again).
  return <PopoverBody key={popover.seq} id={popover.id} />;
}

function PopoverBody({ id }: { id: string }) {
  const { t, language } = useI18n();
  const anchor = useAppStore((s) => s.glossaryPopover?.anchor ?? null);
  const status = useAppStore((s) => s.glossary.status);
  const error = useAppStore((s) => s.glossary.error);
  const record = useAppStore((s) => s.glossary.records.find((r) => r.entry.id === id));
  const hostKind = useAppStore((s) => s.hostKind);
  const close = useAppStore((s) => s.closeGlossary);
  const retry = useAppStore((s) => s.loadGlossary);
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const position = usePopoverPosition(anchor, ref, `${status}:${record ? 1 : 0}:${language}`);

  const closeAndReturn = () => {
    close();
    if (anchor?.isConnected !== false) anchor?.focus();
  };

  // Focus moves in once the popover is placed (a hidden element cannot take focus).
  const placed = position !== null;
  useEffect(() => {
    if (placed) ref.current?.focus();
  }, [placed]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      closeAndReturn();
    };
    // Clicking the same "?" again is handled by the button itself (it toggles).
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node | null;
      if (!target || ref.current?.contains(target)) return;
      if (anchor && (anchor as unknown as Node).contains?.(target)) return;
      close();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer, true);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer, true);
    };
  });

  let body;
  if (record) {
    const text = entryText(record.entry, language);
    body = (
      <>
        <header className="popover-head">
          <h2 id={titleId} className="popover-title">
            {text.term}
          </h2>
          <OriginBadge origin={record.origin} />
        </header>
        <EntryTerms entry={record.entry} />
        <div className="popover-scroll">
          <EntryExplanation entry={record.entry} withTable={false} />
        </div>
        <a className="popover-more" href={glossaryHash(id)} data-testid="glossary-popover-more">
          {t('glossary.popover.more')} <span aria-hidden="true">→</span>
        </a>
      </>
    );
  } else if (status === 'error' && error) {
    body = (
      <>
        <h2 id={titleId} className="popover-title">{t('glossary.title')}</h2>
        <p role="alert">{describeError(t, error, hostKind)}</p>
        <button type="button" className="btn btn-small" onClick={() => void retry()}>
          {t('action.retry')}
        </button>
      </>
    );
  } else if (status === 'ready') {
    body = (
      <>
        <h2 id={titleId} className="popover-title">{t('glossary.popover.missing')}</h2>
        <p className="muted">{t('glossary.popover.missingHint')}</p>
        <a className="popover-more" href="#/glossary">
          {t('glossary.popover.openGlossary')} <span aria-hidden="true">→</span>
        </a>
      </>
    );
  } else {
    body = (
      <p id={titleId} className="popover-loading" role="status">
        <span className="spinner" aria-hidden="true" /> {t('glossary.popover.loading')}
      </p>
    );
  }

  return (
    <div
      ref={ref}
      className="glossary-popover"
      role="dialog"
      aria-labelledby={titleId}
      tabIndex={-1}
      data-testid="glossary-popover"
      data-entry={id}
      data-state={record ? 'ready' : status}
      data-placement={position?.placement}
      style={position ? { top: position.top, left: position.left } : { visibility: 'hidden', top: 0, left: 0 }}
    >
      <button type="button" className="popover-close" aria-label={t('glossary.popover.close')} title={t('glossary.popover.close')} onClick={closeAndReturn}>
        ×
      </button>
      {body}
    </div>
  );
}
