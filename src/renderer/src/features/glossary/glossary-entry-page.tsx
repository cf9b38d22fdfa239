// One entry in full: terms in both languages, the explanation, bands and tables, related
// terms as links, where OpsDeck shows it, and its source.
import type { GlossaryRecord } from '../../../../shared/glossary-contract';
import { entryText } from '../../domain/glossary-text';
import { surfacesOf } from '../../domain/glossary-surfaces';
import { useI18n } from '../../i18n/use-i18n';
import { glossaryHash } from '../../routing/routes';
import { useAppStore } from '../../store/react';
import { EntryExplanation, EntryTerms, OriginBadge } from '../../ui/glossary-entry-parts';
import { EntryActions } from './entry-actions';

interface Props {
  record: GlossaryRecord;
  onEdit(): void;
  onPrint(): void;
  onNotice(text: string): void;
}

export function GlossaryEntryPage({ record, onEdit, onPrint, onNotice }: Props) {
  const { t, language } = useI18n();
  return (
    <article className="glossary-entry" data-testid="glossary-entry" data-entry={record.entry.id} data-origin={record.origin} aria-labelledby="entry-title">
      <EntryBody record={record} titleId="entry-title" />
      <EntryActions record={record} onEdit={onEdit} onPrint={onPrint} onNotice={onNotice} />
      {record.updatedAt !== null && (
        <p className="muted entry-updated">{t('glossary.entry.updated', { date: new Date(record.updatedAt).toLocaleDateString(language === 'ko' ? 'ko-KR' : 'en-US') })}</p>
      )}
    </article>
  );
}

/** The readable part of an entry; also what the printed sheet shows. */
export function EntryBody({ record, titleId, headingLevel = 1 }: { record: GlossaryRecord; titleId?: string; headingLevel?: 1 | 2 }) {
  // The playbook the incident screens run decides which of its terms they link (loaded with the glossary).
  const playbook = useAppStore((s) => s.playbookInfo?.playbook ?? null);
  const { t, language } = useI18n();
  const records = useAppStore((s) => s.glossary.records);
  const { entry, origin } = record;
  const text = entryText(entry, language);
  const Title = headingLevel === 1 ? 'h1' : 'h2';
  const related = entry.related.map((id) => records.find((r) => r.entry.id === id)).filter((r): r is GlossaryRecord => r !== undefined);
  return (
    <>
      <header className="entry-head">
        <p className="entry-category">{t(`glossary.category.${entry.category}`)}</p>
        <Title id={titleId} className="entry-title">
          {text.term}
          {entry.acronym && entry.acronym !== text.term && <span className="acronym acronym-large">{entry.acronym}</span>}
        </Title>
        <div className="entry-meta">
          <EntryTerms entry={entry} withAcronym={false} />
          <OriginBadge origin={origin} />
        </div>
        {text.aliases.length > 0 && (
          <p className="entry-aliases">
            <span className="muted">{t('glossary.entry.aliases')}: </span>
            {text.aliases.join(', ')}
          </p>
        )}
      </header>
      <EntryExplanation entry={entry} headingLevel={2} />
      {related.length > 0 && (
        <section className="entry-section">
          <h2>{t('glossary.entry.related')}</h2>
          <ul className="related-list">
            {related.map((r) => (
              <li key={r.entry.id}>
                <a href={glossaryHash(r.entry.id)} data-testid="related-link">
                  {r.entry.term[language]}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="entry-section">
        <h2>{t('glossary.entry.appearsIn')}</h2>
        {/* Derived from the screens' own "?" links, never from what a file claims. */}
        <ul className="surface-list" data-testid="entry-surfaces">
          {surfacesOf(entry.id, playbook).map((surface) => (
            <li key={surface} data-surface={surface}>
              {t(`glossary.surface.${surface}`)}
            </li>
          ))}
        </ul>
      </section>
      <section className="entry-section entry-source">
        <h2>{t('glossary.entry.source')}</h2>
        <p>
          <a href={entry.source.url} target="_blank" rel="noopener noreferrer" data-testid="source-link" translate="no">
            {entry.source.title}
          </a>{' '}
          <span className="muted print-hidden">{t('glossary.entry.newWindow')}</span>
          <span className="print-only source-url">{entry.source.url}</span>
        </p>
      </section>
    </>
  );
}
