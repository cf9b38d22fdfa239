// An entry's texts in the UI language, for the popover, the list and the entry page. Kept apart
// from glossary-view so the popover (in the main bundle) does not pull in Hangul search.
import type { GlossaryEntry, GlossaryLang } from '../../../shared/glossary';

/** The entry in one language, with the other language's term for readers who know it. */
export function entryText(entry: GlossaryEntry, lang: GlossaryLang) {
  const other: GlossaryLang = lang === 'ko' ? 'en' : 'ko';
  return {
    term: entry.term[lang],
    otherTerm: entry.term[other],
    otherLang: other,
    aliases: entry.aliases?.[lang] ?? [],
    definition: entry.definition[lang],
    whyItMatters: entry.whyItMatters[lang],
    goodLooksLike: entry.goodLooksLike ? entry.goodLooksLike[lang] : null,
  };
}
