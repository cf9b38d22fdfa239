import { useAppStore } from '../store/react';
import { createTranslate, LOCALE_TAGS, type Language, type Translate } from './catalogue';
import { createFormatter, type Formatter } from './format';

export interface I18n {
  language: Language;
  locale: string;
  t: Translate;
  fmt: Formatter;
}

const cache = new Map<Language, I18n>();

export function i18nFor(language: Language): I18n {
  let i18n = cache.get(language);
  if (!i18n) {
    i18n = { language, locale: LOCALE_TAGS[language], t: createTranslate(language), fmt: createFormatter(language) };
    cache.set(language, i18n);
  }
  return i18n;
}

/** t() and formatters for the current UI language; re-renders only when the language changes. */
export function useI18n(): I18n {
  return i18nFor(useAppStore((s) => s.language));
}

/** Just t(), for components that only need words. */
export function useT(): Translate {
  return useI18n().t;
}
