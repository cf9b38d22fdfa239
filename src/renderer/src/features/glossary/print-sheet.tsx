// Every listed term in full, for paper: rendered only while printing the list, hidden on screen.
import type { GlossaryRecord } from '../../../../shared/glossary-contract';
import { useI18n } from '../../i18n/use-i18n';
import { EntryBody } from './glossary-entry-page';

export function PrintSheet({ records }: { records: readonly GlossaryRecord[] }) {
  const { t, language } = useI18n();
  const date = new Date().toLocaleDateString(language === 'ko' ? 'ko-KR' : 'en-US');
  return (
    <div className="print-sheet" data-testid="print-sheet">
      <header className="print-sheet-head">
        <h1>{t('glossary.print.title')}</h1>
        <p>
          {t('glossary.print.count', { count: records.length })} · {t('glossary.print.printedAt', { date })}
        </p>
      </header>
      {records.map((record) => (
        <article className="glossary-entry print-entry" key={record.entry.id}>
          <EntryBody record={record} headingLevel={2} />
        </article>
      ))}
    </div>
  );
}
