// The left column of the glossary: search (Korean, English, 초성, small typos), category
// chips, the 가나다 / A–Z index and the term list.
import { useId, useMemo, useState } from 'react';
import { GLOSSARY_CATEGORIES } from '../../../../shared/glossary';
import type { GlossaryRecord } from '../../../../shared/glossary-contract';
import type { GlossaryIndex } from '../../../../shared/glossary-search';
import { filterCounts, glossaryListView, type GlossaryFilter } from '../../domain/glossary-view';
import { useI18n } from '../../i18n/use-i18n';
import { EmptyState } from '../../ui/state-views';
import { GlossaryList } from './glossary-list';

const FILTERS: readonly GlossaryFilter[] = ['all', 'org', ...GLOSSARY_CATEGORIES];
// The index shows 가나다 on one line and A–Z (with # for the rest) on the next.
const HANGUL_LETTER = /^[\u3131-\u314E]$/;
const LATIN_LETTER = /^[^\u3131-\u314E]$/;

interface Props {
  records: readonly GlossaryRecord[];
  index: GlossaryIndex;
  query: string;
  onQuery(query: string): void;
  filter: GlossaryFilter;
  onFilter(filter: GlossaryFilter): void;
  selectedId: string | null;
  /** Next step when nothing matches: add the term as one of the organisation's. */
  onAdd(): void;
}

export function GlossaryBrowser({ records, index, query, onQuery, filter, onFilter, selectedId, onAdd }: Props) {
  const { t, language } = useI18n();
  const [jump, setJump] = useState<{ at: number; seq: number } | null>(null);
  const listTitleId = useId();
  const searchId = useId();
  const view = useMemo(() => glossaryListView(records, index, query, filter, language), [records, index, query, filter, language]);
  // The index always reflects the whole (filtered) list; picking a letter ends a search.
  const alphabetical = useMemo(() => (view.searching ? glossaryListView(records, index, '', filter, language) : view), [view, records, index, filter, language]);
  const counts = useMemo(() => filterCounts(records), [records]);
  const jumpTo = (at: number) => {
    if (view.searching) onQuery('');
    setJump({ at, seq: (jump?.seq ?? 0) + 1 });
  };

  let emptyState = null;
  if (view.count === 0) {
    if (view.searching) {
      emptyState = (
        <div className="list-empty">
          <EmptyState title={t('glossary.search.none', { query })} hint={t('glossary.search.noneHint')} testId="glossary-no-results" />
          <button type="button" className="btn" onClick={onAdd}>
            + {t('glossary.action.add')}
          </button>
        </div>
      );
    }
    else if (filter === 'org') emptyState = <EmptyState title={t('glossary.empty.org')} hint={t('glossary.empty.orgHint')} testId="glossary-empty-org" />;
    else emptyState = <EmptyState title={t('glossary.empty.category')} hint={t('glossary.empty.categoryHint')} testId="glossary-empty" />;
  }

  return (
    <aside className="glossary-browser" aria-label={t('glossary.list.label')}>
      <div className="glossary-search">
        <label htmlFor={searchId} className="visually-hidden">
          {t('glossary.search.label')}
        </label>
        <input
          id={searchId}
          type="search"
          className="input"
          value={query}
          placeholder={t('glossary.search.placeholder')}
          autoComplete="off"
          spellCheck={false}
          data-testid="glossary-search"
          onChange={(e) => onQuery(e.target.value)}
        />
      </div>
      <div className="chip-row" role="group" aria-label={t('glossary.category.label')}>
        {FILTERS.map((f) => (
          <button key={f} type="button" className="chip" aria-pressed={filter === f} data-testid={`glossary-filter-${f}`} onClick={() => onFilter(f)}>
            {t(`glossary.category.${f}`)} <span className="chip-count">{counts[f] ?? 0}</span>
          </button>
        ))}
      </div>
      <nav className="index-bar" aria-label={t('glossary.index.label')}>
        {[HANGUL_LETTER, LATIN_LETTER].map((group) => {
          const letters = alphabetical.letters.filter(({ letter }) => group.test(letter));
          if (letters.length === 0) return null;
          return (
            <div className="index-group" key={group.source}>
              {letters.map(({ letter, at }) => (
                <button
                  key={letter}
                  type="button"
                  className="index-letter"
                  disabled={at === null}
                  aria-label={t('glossary.index.jump', { letter })}
                  data-testid={`glossary-index-${letter}`}
                  onClick={() => at !== null && jumpTo(at)}
                >
                  {letter}
                </button>
              ))}
            </div>
          );
        })}
      </nav>
      <p className="list-status" id={listTitleId} role="status" aria-live="polite" data-testid="glossary-result-count">
        {view.searching ? t('glossary.search.results', { count: view.count }) : t('glossary.count', { count: view.count })}
      </p>
      {emptyState ?? <GlossaryList items={view.items} selectedId={selectedId} jump={jump} labelledBy={listTitleId} />}
    </aside>
  );
}
