// Add an organisation term, edit one, or adapt a built-in term (which saves an override).
// Checked here with the shared schema for messages next to each field; the engine checks again.
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { GLOSSARY_CATEGORIES } from '../../../../shared/glossary';
import type { GlossaryRecord } from '../../../../shared/glossary-contract';
import { checkDraft, draftFromEntry, emptyDraft, suggestId, type GlossaryDraft } from '../../domain/glossary-draft';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { BandEditor } from './band-editor';
import { Field, TextField } from './form-fields';
import { describeError } from '../../i18n/describe';
import { errorPayloadOf } from '../../store/errors';

interface Props {
  /** The entry being edited; null to add a new organisation term. */
  base: GlossaryRecord | null;
  onSaved(record: GlossaryRecord): void;
  onCancel(): void;
}

export function OrgTermForm({ base, onSaved, onCancel }: Props) {
  const { t, language } = useI18n();
  const records = useAppStore((s) => s.glossary.records);
  const save = useAppStore((s) => s.saveGlossaryEntry);
  const mode = base ? 'edit' : 'add';
  const [draft, setDraft] = useState<GlossaryDraft>(() => (base ? draftFromEntry(base.entry) : emptyDraft()));
  const [idTouched, setIdTouched] = useState(mode === 'edit');
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const knownIds = useMemo(() => new Set(records.map((r) => r.entry.id)), [records]);
  const check = useMemo(() => checkDraft(draft, knownIds, mode), [draft, knownIds, mode]);
  const errors = submitted ? check.errors : {};
  const errorCount = Object.keys(check.errors).length;

  const set = <K extends keyof GlossaryDraft>(key: K) => (value: GlossaryDraft[K]) =>
    setDraft((d) => {
      const next = { ...d, [key]: value };
      if (key === 'termEn' && !idTouched) next.id = suggestId(String(value));
      return next;
    });
  const text = (key: Exclude<keyof GlossaryDraft, 'bands' | 'appearsIn' | 'table' | 'category'>, labelKey: Parameters<typeof t>[0], opts: { required?: boolean; multiline?: boolean; hint?: string; lang?: 'ko' | 'en' } = {}) => (
    <TextField field={key} label={t(labelKey)} value={draft[key]} onChange={set(key)} errors={errors} {...opts} />
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (!check.entry) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setSaving(true);
    try {
      onSaved(await save(check.entry));
    } catch (err) {
      setServerError(t('glossary.form.serverError', { message: describeError(t, errorPayloadOf(err)) }));
      requestAnimationFrame(() => summaryRef.current?.focus());
    } finally {
      setSaving(false);
    }
  };

  const title = base ? t('glossary.form.editTitle', { term: base.entry.term[language] }) : t('glossary.form.addTitle');
  return (
    <form className="org-term-form" onSubmit={(e) => void submit(e)} noValidate data-testid="glossary-form" data-mode={mode} aria-labelledby="form-title">
      <h1 id="form-title">{title}</h1>
      {base?.origin === 'builtin' || base?.origin === 'override' ? <p className="notice">{t('glossary.form.overrideNote')}</p> : null}
      <p className="muted">{t('glossary.form.requiredNote')}</p>
      {(submitted && errorCount > 0) || serverError ? (
        <div className="inline-error" role="alert" tabIndex={-1} ref={summaryRef} data-testid="form-error-summary">
          {serverError ?? t('glossary.form.errorSummary', { count: errorCount })}
        </div>
      ) : null}

      <div className="form-grid">
        {text('termKo', 'glossary.form.termKo', { required: true, lang: 'ko' })}
        {text('termEn', 'glossary.form.termEn', { required: true, lang: 'en' })}
        <TextField field="id" label={t('glossary.form.id')} value={draft.id} required readOnly={mode === 'edit'} hint={t('glossary.form.idHint')} errors={errors} onChange={(v) => (setIdTouched(true), set('id')(v))} />
        {text('acronym', 'glossary.form.acronym')}
        <Field field="category" label={t('glossary.form.category')} errors={errors} required>
          {(props) => (
            <select className="input" value={draft.category} onChange={(e) => set('category')(e.target.value as GlossaryDraft['category'])} {...props}>
              {GLOSSARY_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`glossary.category.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div />
        {text('aliasesKo', 'glossary.form.aliasesKo', { multiline: true, lang: 'ko' })}
        {text('aliasesEn', 'glossary.form.aliasesEn', { multiline: true, lang: 'en' })}
        {text('definitionKo', 'glossary.form.definitionKo', { required: true, multiline: true, hint: t('glossary.form.definitionHint'), lang: 'ko' })}
        {text('definitionEn', 'glossary.form.definitionEn', { required: true, multiline: true, lang: 'en' })}
        {text('whyKo', 'glossary.form.whyKo', { required: true, multiline: true, lang: 'ko' })}
        {text('whyEn', 'glossary.form.whyEn', { required: true, multiline: true, lang: 'en' })}
        {text('goodKo', 'glossary.form.goodKo', { multiline: true, lang: 'ko' })}
        {text('goodEn', 'glossary.form.goodEn', { multiline: true, lang: 'en' })}
      </div>
      <BandEditor bands={draft.bands} onChange={set('bands')} errors={errors} />
      {draft.table && <p className="muted">{t('glossary.form.tableKept')}</p>}
      <div className="form-grid">
        {text('related', 'glossary.form.related', { hint: t('glossary.form.relatedHint') })}
        {/* "Where it appears" is not asked: the entry shows the screens that link it (all terms are in the glossary). */}
        {text('sourceTitle', 'glossary.form.sourceTitle', { required: true })}
        {text('sourceUrl', 'glossary.form.sourceUrl', { required: true, hint: t('glossary.form.sourceHint') })}
      </div>
      <div className="button-row form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving} data-testid="form-save">
          {saving ? t('glossary.form.saving') : t('glossary.form.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel} data-testid="form-cancel">
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}
