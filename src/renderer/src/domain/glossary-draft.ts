// The organisation-term form as plain data: an entry's editable text, turned back into an entry
// and checked with the shared schema, with each problem pinned to the field that shows it. Pure.
import {
  GlossaryEntrySchema,
  type GlossaryBandLevel,
  type GlossaryCategory,
  type GlossaryEntry,
  type GlossarySurface,
} from '../../../shared/glossary';
import type { MessageKey } from '../i18n/catalogue';

export interface DraftBand {
  level: GlossaryBandLevel;
  range: string;
  ko: string;
  en: string;
}

export interface GlossaryDraft {
  id: string;
  category: GlossaryCategory;
  termKo: string;
  termEn: string;
  acronym: string;
  aliasesKo: string;
  aliasesEn: string;
  definitionKo: string;
  definitionEn: string;
  whyKo: string;
  whyEn: string;
  goodKo: string;
  goodEn: string;
  bands: DraftBand[];
  related: string;
  appearsIn: GlossarySurface[];
  sourceTitle: string;
  sourceUrl: string;
  /** Kept as it is: the form does not edit reference tables. */
  table: GlossaryEntry['table'];
}

export type DraftField = Exclude<keyof GlossaryDraft, 'table'>;
export type DraftErrors = Partial<Record<DraftField, { key: MessageKey; params?: Record<string, string> }>>;

export function emptyDraft(): GlossaryDraft {
  return {
    id: '', category: 'opsdeck', termKo: '', termEn: '', acronym: '', aliasesKo: '', aliasesEn: '',
    definitionKo: '', definitionEn: '', whyKo: '', whyEn: '', goodKo: '', goodEn: '', bands: [],
    related: '', appearsIn: ['glossary'], sourceTitle: '', sourceUrl: '', table: undefined,
  };
}

export function draftFromEntry(e: GlossaryEntry): GlossaryDraft {
  return {
    id: e.id, category: e.category, termKo: e.term.ko, termEn: e.term.en, acronym: e.acronym ?? '',
    aliasesKo: (e.aliases?.ko ?? []).join('\n'), aliasesEn: (e.aliases?.en ?? []).join('\n'),
    definitionKo: e.definition.ko, definitionEn: e.definition.en, whyKo: e.whyItMatters.ko, whyEn: e.whyItMatters.en,
    goodKo: e.goodLooksLike?.ko ?? '', goodEn: e.goodLooksLike?.en ?? '',
    bands: (e.goodLooksLike?.bands ?? []).map((b) => ({ ...b })),
    related: e.related.join(' '), appearsIn: [...e.appearsIn], sourceTitle: e.source.title, sourceUrl: e.source.url, table: e.table,
  };
}

/** A kebab-case id from the English term: "Payment Gateway (PG)" → "payment-gateway-pg". */
export function suggestId(termEn: string): string {
  return termEn
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** Prose fields are one line: line breaks typed into a text box become spaces. */
const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
const lines = (s: string) => s.split(/\r?\n/).map((x) => x.trim()).filter((x) => x !== '');
export const relatedIds = (s: string) => s.split(/[\s,;]+/).filter((x) => x !== '');

export function draftToEntry(d: GlossaryDraft): Record<string, unknown> {
  const aliasesKo = lines(d.aliasesKo);
  const aliasesEn = lines(d.aliasesEn);
  const bands = d.bands.map((b) => ({ level: b.level, range: oneLine(b.range), ko: oneLine(b.ko), en: oneLine(b.en) }));
  const good = oneLine(d.goodKo) !== '' || oneLine(d.goodEn) !== '' || bands.length > 0;
  return {
    id: d.id.trim(),
    category: d.category,
    term: { ko: oneLine(d.termKo), en: oneLine(d.termEn) },
    ...(oneLine(d.acronym) !== '' ? { acronym: oneLine(d.acronym) } : {}),
    ...(aliasesKo.length + aliasesEn.length > 0 ? { aliases: { ...(aliasesKo.length ? { ko: aliasesKo } : {}), ...(aliasesEn.length ? { en: aliasesEn } : {}) } } : {}),
    definition: { ko: oneLine(d.definitionKo), en: oneLine(d.definitionEn) },
    whyItMatters: { ko: oneLine(d.whyKo), en: oneLine(d.whyEn) },
    ...(good ? { goodLooksLike: { ko: oneLine(d.goodKo), en: oneLine(d.goodEn), ...(bands.length ? { bands } : {}) } } : {}),
    ...(d.table ? { table: d.table } : {}),
    related: relatedIds(d.related),
    appearsIn: d.appearsIn,
    source: { title: oneLine(d.sourceTitle), url: d.sourceUrl.trim() },
  };
}

const FIELD_OF_PATH: Record<string, DraftField> = {
  id: 'id', category: 'category', 'term.ko': 'termKo', 'term.en': 'termEn', acronym: 'acronym',
  'aliases.ko': 'aliasesKo', 'aliases.en': 'aliasesEn', 'definition.ko': 'definitionKo', 'definition.en': 'definitionEn',
  'whyItMatters.ko': 'whyKo', 'whyItMatters.en': 'whyEn', 'goodLooksLike.ko': 'goodKo', 'goodLooksLike.en': 'goodEn',
  'goodLooksLike.bands': 'bands', related: 'related', appearsIn: 'appearsIn', 'source.title': 'sourceTitle', 'source.url': 'sourceUrl',
};

function fieldOf(path: readonly PropertyKey[]): DraftField {
  for (let n = path.length; n > 0; n--) {
    const field = FIELD_OF_PATH[path.slice(0, n).map(String).join('.')];
    if (field) return field;
  }
  return 'id';
}

export interface DraftCheck {
  entry: GlossaryEntry | null;
  errors: DraftErrors;
}

/**
 * Checks a draft like the engine will: the shared schema, related ids that resolve, and (when
 * adding) an id that is not taken yet. `knownIds` is every id in the glossary now.
 */
export function checkDraft(d: GlossaryDraft, knownIds: ReadonlySet<string>, mode: 'add' | 'edit'): DraftCheck {
  const errors: DraftErrors = {};
  const put = (field: DraftField, key: MessageKey, params?: Record<string, string>) => {
    if (!errors[field]) errors[field] = params ? { key, params } : { key };
  };
  const value = draftToEntry(d);
  if ((oneLine(d.goodKo) === '') !== (oneLine(d.goodEn) === '')) put(oneLine(d.goodKo) === '' ? 'goodKo' : 'goodEn', 'glossary.form.error.pair');
  if (d.bands.length > 0 && oneLine(d.goodKo) === '' && oneLine(d.goodEn) === '') put('goodKo', 'glossary.form.error.goodForBands');
  if (d.bands.some((b) => oneLine(b.range) === '' || oneLine(b.ko) === '' || oneLine(b.en) === '')) put('bands', 'glossary.form.error.band');

  const parsed = GlossaryEntrySchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path);
      if (field === 'id' && d.id.trim() === '') put('id', 'glossary.form.error.required');
      else if (field === 'id' && issue.code === 'invalid_format') put('id', 'glossary.form.error.id');
      else if (field === 'sourceUrl') put('sourceUrl', d.sourceUrl.trim() === '' ? 'glossary.form.error.required' : 'glossary.form.error.url');
      else if (field === 'appearsIn') put('appearsIn', 'glossary.form.error.appearsIn');
      else if (field === 'related') put('related', 'glossary.form.error.id');
      else if (issue.code === 'too_small' || issue.code === 'invalid_type') put(field, 'glossary.form.error.required');
      else put(field, 'glossary.form.error.invalid');
    }
  }
  const id = d.id.trim();
  if (mode === 'add' && id !== '' && knownIds.has(id)) put('id', 'glossary.form.error.idTaken');
  const related = relatedIds(d.related);
  if (related.includes(id)) put('related', 'glossary.form.error.relatedSelf');
  const unknown = related.filter((r) => r !== id && !knownIds.has(r));
  if (unknown.length > 0) put('related', 'glossary.form.error.related', { ids: unknown.join(', ') });

  const ok = Object.keys(errors).length === 0 && parsed.success;
  return { entry: ok ? parsed.data : null, errors };
}
