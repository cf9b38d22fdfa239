// Pieces of a glossary entry shared by the popover, the entry page and the printed sheet.
import type { GlossaryBand, GlossaryEntry } from '../../../shared/glossary';
import type { GlossaryOrigin } from '../../../shared/glossary-contract';
import { localizeBandRange } from '../domain/band-range';
import { entryText } from '../domain/glossary-text';
import { useI18n } from '../i18n/use-i18n';

const BAND_SHAPES: Record<GlossaryBand['level'], string> = { normal: '●', concerning: '▲', critical: '■' };

export function OriginBadge({ origin }: { origin: GlossaryOrigin }) {
  const { t } = useI18n();
  if (origin === 'builtin') return null;
  return (
    <span className={`origin-badge origin-${origin}`} data-testid="origin-badge" data-origin={origin}>
      {t(`glossary.origin.${origin}`)}
    </span>
  );
}

export function BandsTable({ bands, caption }: { bands: readonly GlossaryBand[]; caption?: string }) {
  const { t, language } = useI18n();
  return (
    <table className="bands-table" data-testid="bands-table">
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">{t('glossary.entry.bandLevel')}</th>
          <th scope="col">{t('glossary.entry.bandRange')}</th>
          <th scope="col">{t('glossary.entry.bandMeaning')}</th>
        </tr>
      </thead>
      <tbody>
        {bands.map((band, i) => (
          <tr key={i} className={`band band-${band.level}`}>
            <th scope="row">
              <span className="band-shape" aria-hidden="true">
                {BAND_SHAPES[band.level]}{' '}
              </span>
              {t(`glossary.band.${band.level}`)}
            </th>
            <td className="band-range">{localizeBandRange(band.range, language)}</td>
            <td>{band[language]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReferenceTable({ table }: { table: NonNullable<GlossaryEntry['table']> }) {
  const { language } = useI18n();
  return (
    <div className="table-scroll">
      <table className="reference-table" data-testid="reference-table">
        <caption>{table.caption[language]}</caption>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th scope="col" key={i}>
                {c[language]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {row[language].map((cell, j) => (j === 0 ? <th scope="row" key={j}>{cell}</th> : <td key={j}>{cell}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The other language's term and (unless the title shows it) the acronym. */
export function EntryTerms({ entry, withAcronym = true }: { entry: GlossaryEntry; withAcronym?: boolean }) {
  const { language } = useI18n();
  const text = entryText(entry, language);
  return (
    <p className="entry-terms">
      <span lang={text.otherLang}>{text.otherTerm}</span>
      {withAcronym && entry.acronym && entry.acronym !== text.term && entry.acronym !== text.otherTerm && <span className="acronym">{entry.acronym}</span>}
    </p>
  );
}

/** Definition, why it matters and what good looks like, with bands and the reference table. */
export function EntryExplanation({ entry, headingLevel = 3, withTable = true }: { entry: GlossaryEntry; headingLevel?: 2 | 3; withTable?: boolean }) {
  const { t, language } = useI18n();
  const text = entryText(entry, language);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      <p className="entry-definition" data-testid="entry-definition">
        {text.definition}
      </p>
      <section className="entry-section">
        <H>{t('glossary.entry.why')}</H>
        <p>{text.whyItMatters}</p>
      </section>
      {text.goodLooksLike !== null && (
        <section className="entry-section">
          <H>{t('glossary.entry.good')}</H>
          <p>{text.goodLooksLike}</p>
          {entry.goodLooksLike?.bands && <BandsTable bands={entry.goodLooksLike.bands} />}
        </section>
      )}
      {withTable && entry.table && (
        <section className="entry-section">
          <ReferenceTable table={entry.table} />
        </section>
      )}
    </>
  );
}
