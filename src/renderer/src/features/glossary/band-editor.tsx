// "What good looks like" as bands: a level, a range with units and a meaning in both languages.
import { GLOSSARY_BAND_LEVELS } from '../../../../shared/glossary';
import type { DraftBand, DraftErrors } from '../../domain/glossary-draft';
import { useI18n } from '../../i18n/use-i18n';

interface Props {
  bands: DraftBand[];
  onChange(bands: DraftBand[]): void;
  errors: DraftErrors;
}

export function BandEditor({ bands, onChange, errors }: Props) {
  const { t } = useI18n();
  const update = (i: number, patch: Partial<DraftBand>) => onChange(bands.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  const error = errors.bands;
  return (
    <fieldset className={`band-editor${error ? ' field-invalid' : ''}`} data-field="bands">
      <legend>{t('glossary.form.bands')}</legend>
      {bands.map((band, i) => (
        <div className="band-row" key={i}>
          <label>
            <span className="visually-hidden">{t('glossary.form.bandLevel')}</span>
            <select className="input" value={band.level} onChange={(e) => update(i, { level: e.target.value as DraftBand['level'] })}>
              {GLOSSARY_BAND_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t(`glossary.band.${level}`)}
                </option>
              ))}
            </select>
          </label>
          <input className="input" aria-label={t('glossary.form.bandRange')} placeholder={t('glossary.form.bandRange')} value={band.range} onChange={(e) => update(i, { range: e.target.value })} />
          <input className="input" lang="ko" aria-label={t('glossary.form.bandKo')} placeholder={t('glossary.form.bandKo')} value={band.ko} onChange={(e) => update(i, { ko: e.target.value })} />
          <input className="input" lang="en" aria-label={t('glossary.form.bandEn')} placeholder={t('glossary.form.bandEn')} value={band.en} onChange={(e) => update(i, { en: e.target.value })} />
          <button type="button" className="btn btn-ghost btn-small" aria-label={t('glossary.form.removeBand', { n: i + 1 })} title={t('glossary.form.removeBand', { n: i + 1 })} onClick={() => onChange(bands.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => onChange([...bands, { level: 'normal', range: '', ko: '', en: '' }])}>
        + {t('glossary.form.addBand')}
      </button>
      {error && (
        <p className="field-error" data-testid="error-bands">
          <span aria-hidden="true">▲ </span>
          {t(error.key, error.params)}
        </p>
      )}
    </fieldset>
  );
}
