// The term list, virtualised: only the rows on screen exist in the page, so the list stays
// fast however many terms an organisation adds.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { GlossaryListItem } from '../../domain/glossary-view';
import { entryText } from '../../domain/glossary-text';
import { useI18n } from '../../i18n/use-i18n';
import { glossaryHash } from '../../routing/routes';
import { OriginBadge } from '../../ui/glossary-entry-parts';

const LETTER_HEIGHT = 34;
const ENTRY_HEIGHT = 58;

interface Props {
  items: readonly GlossaryListItem[];
  selectedId: string | null;
  /** A list position to bring to the top; `seq` changes for every request. */
  jump: { at: number; seq: number } | null;
  labelledBy: string;
}

export function GlossaryList({ items, selectedId, jump, labelledBy }: Props) {
  const { language } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (items[i]?.kind === 'letter' ? LETTER_HEIGHT : ENTRY_HEIGHT),
    overscan: 8,
  });

  useEffect(() => {
    if (jump) virtualizer.scrollToIndex(jump.at, { align: 'start' });
  }, [jump, virtualizer]);

  // Coming in by a deep link: show the selected entry in the list too.
  const selectedAt = selectedId === null ? -1 : items.findIndex((it) => it.kind === 'entry' && it.record.entry.id === selectedId);
  useEffect(() => {
    if (selectedAt >= 0) virtualizer.scrollToIndex(selectedAt, { align: 'center' });
    // Only when the selection changes, not on every scroll.
  }, [selectedId]);

  return (
    <div ref={scrollRef} className="glossary-list" data-testid="glossary-list" data-count={items.length}>
      <ul aria-labelledby={labelledBy} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index];
          if (!item) return null;
          const style = { transform: `translateY(${row.start}px)`, height: row.size };
          if (item.kind === 'letter') {
            return (
              <li key={row.key} className="list-letter" style={style} aria-hidden="true" data-letter={item.letter}>
                {item.letter}
              </li>
            );
          }
          const { entry, origin } = item.record;
          const text = entryText(entry, language);
          const selected = entry.id === selectedId;
          return (
            <li key={row.key} className="list-row" style={style}>
              <a className="list-entry" href={glossaryHash(entry.id)} aria-current={selected ? 'page' : undefined} data-testid="glossary-list-entry" data-entry={entry.id}>
                <span className="list-term">
                  {text.term}
                  {entry.acronym && entry.acronym !== text.term && <span className="acronym">{entry.acronym}</span>}
                  <OriginBadge origin={origin} />
                </span>
                <span className="list-other" lang={text.otherLang}>
                  {text.otherTerm}
                </span>
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
