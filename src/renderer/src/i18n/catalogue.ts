// Catalogue lookup and language choice. Pure: no DOM, no React, so tests and the store use it.
import { en } from './messages/en';
import { ko, type MessageKey } from './messages/ko';

export type { MessageKey };
export type Language = 'ko' | 'en';

export const LANGUAGES: readonly Language[] = ['ko', 'en'];

export const CATALOGUES: Record<Language, Record<MessageKey, string>> = { ko, en };

/** BCP 47 tag used for Intl formatting and the document's lang attribute. */
export const LOCALE_TAGS: Record<Language, string> = { ko: 'ko-KR', en: 'en-US' };

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * Fills {name} placeholders; a placeholder without a value stays visible so the gap is noticed.
 * {name|one|other} picks the English singular or plural form by the value, with # for it:
 * "{count|# server|# servers}". Korean has no plural forms and never uses it.
 */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)(?:\|([^{}|]*)\|([^{}|]*))?\}/g, (whole, name: string, one?: string, other?: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (one === undefined || other === undefined) return String(value);
    const n = typeof value === 'number' ? value : Number(String(value).replace(/,/g, ''));
    return (n === 1 ? one : other).replace(/#/g, String(value));
  });
}

/**
 * Words that come as data rather than from the catalogues: the display names in check kinds'
 * descriptors (`metric.pg.cache.hit`). Consulted only for keys no catalogue has.
 */
type DataMessages = (key: string, language: Language) => string | undefined;
let dataMessages: DataMessages = () => undefined;

export function setDataMessages(lookup: DataMessages): void {
  dataMessages = lookup;
}

export function createTranslate(language: Language): Translate {
  const catalogue = CATALOGUES[language];
  return (key, params) => interpolate(catalogue[key] ?? ko[key] ?? dataMessages(key, language) ?? key, params);
}

/** Whether the catalogue has this key (variant keys of error sentences are looked up this way). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(ko, key);
}

export function isLanguage(value: unknown): value is Language {
  return value === 'ko' || value === 'en';
}

/** Korean if the locale is Korean (ko, ko-KR, ko_KR.UTF-8), English for everything else. */
export function languageFromLocale(locale: string | null | undefined): Language {
  return typeof locale === 'string' && locale.trim().toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
