// PURE glossary search for the renderer: no DOM, no Node. Matches Korean and English on the
// term, acronym and aliases; understands Hangul initial consonants (ㅈㅇ → 장애), a syllable
// still being composed by the IME (장ㅇ, 자 → 장애), small English typos, and a query typed
// with the wrong keyboard layout (wkddo → 장애).
import { convertHangulToQwerty, convertQwertyToHangul, disassemble, getChoseong } from 'es-hangul';
import type { GlossaryEntry, GlossaryLang } from './glossary';

/** How a hit matched, best first. The ranking never lets a lower kind beat a higher one. */
export type GlossaryMatchKind = 'exact' | 'prefix' | 'substring' | 'choseong' | 'fuzzy' | 'keyboard';
export type GlossaryMatchField = 'term' | 'acronym' | 'alias';

export interface GlossaryHit {
  entry: GlossaryEntry;
  kind: GlossaryMatchKind;
  field: GlossaryMatchField;
  /** Language of the matched text; null for an acronym, which both languages share. */
  lang: GlossaryLang | null;
  /** The term, acronym or alias that matched, as written in the entry. */
  matched: string;
  score: number;
}

export interface GlossaryIndex {
  readonly entries: readonly GlossaryEntry[];
  /** Precomputed search forms; internal to this module. */
  readonly docs: readonly IndexedDoc[];
}

interface IndexedField {
  field: GlossaryMatchField;
  lang: GlossaryLang | null;
  original: string;
  /** Lower case, letters and digits only: "I/O 대기" → "io대기". */
  compact: string;
  /** Offsets in `compact` where a word starts in the original text. */
  wordStarts: ReadonlySet<number>;
  /** Latin words for typo tolerance: "CPU usage" → ["cpu", "usage"]. */
  latinWords: readonly string[];
  /** Initial consonants of the Hangul syllables: "장애 대응" → "ㅈㅇㄷㅇ". */
  choseong: string;
  /** The Hangul text as jamo, for typo distance: "가용성" → "ㄱㅏㅇㅛㅇㅅㅓㅇ"; "" without Hangul. */
  jamo: string;
}

interface IndexedDoc {
  entry: GlossaryEntry;
  fields: readonly IndexedField[];
  sortKey: Record<GlossaryLang, string>;
}

const TIER: Record<GlossaryMatchKind, number> = { exact: 5000, prefix: 4000, substring: 3000, choseong: 2000, fuzzy: 1000, keyboard: 0 };
const FIELD_BONUS: Record<GlossaryMatchField, number> = { term: 300, acronym: 300, alias: 100 };
const LANG_BONUS = 50;
/** Queries longer than this are cut: nobody types a paragraph into a glossary box. */
const MAX_QUERY_LENGTH = 64;
const MIN_FUZZY_LENGTH = 3;
const MIN_TYPEAHEAD_FUZZY_LENGTH = 5;
const MIN_TYPEAHEAD_JAMO = 6;

const NON_ALNUM = /[^\p{L}\p{N}]+/gu;
const LATIN_WORD = /^[a-z0-9]+$/;
const HANGUL_SYLLABLE = /^[\uAC00-\uD7A3]$/;
const HANGUL_JAMO = /^[\u3131-\u318E]$/;
const ONLY_CONSONANTS = /^[\u3131-\u314E]+$/;
const HAS_HANGUL = /[\u3131-\u318E\uAC00-\uD7A3]/;
/** Whole syllables only (a query of bare jamo is 초성 search or still being typed). */
const HANGUL_WORD = /^[\uAC00-\uD7A3]+$/;
const QWERTY_LETTERS = /^[A-Za-z\s]+$/;

function normalize(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

function compactOf(text: string): string {
  return normalize(text).replace(NON_ALNUM, '');
}

function indexField(original: string, field: GlossaryMatchField, lang: GlossaryLang | null): IndexedField {
  const normalized = normalize(original);
  const wordStarts = new Set<number>();
  let compact = '';
  let previousWasAlnum = false;
  for (const ch of normalized) {
    const alnum = /[\p{L}\p{N}]/u.test(ch);
    if (alnum) {
      if (!previousWasAlnum) wordStarts.add(compact.length);
      compact += ch;
    }
    previousWasAlnum = alnum;
  }
  const latinWords = normalized.split(NON_ALNUM).filter((w) => LATIN_WORD.test(w));
  const jamo = HAS_HANGUL.test(compact) ? safeDisassemble(compact) : '';
  return { field, lang, original, compact, wordStarts, latinWords, choseong: safeChoseong(compact), jamo };
}

export function createGlossaryIndex(entries: readonly GlossaryEntry[]): GlossaryIndex {
  const docs = entries.map((entry): IndexedDoc => {
    const fields: IndexedField[] = [indexField(entry.term.ko, 'term', 'ko'), indexField(entry.term.en, 'term', 'en')];
    if (entry.acronym) fields.push(indexField(entry.acronym, 'acronym', null));
    for (const alias of entry.aliases?.ko ?? []) fields.push(indexField(alias, 'alias', 'ko'));
    for (const alias of entry.aliases?.en ?? []) fields.push(indexField(alias, 'alias', 'en'));
    return { entry, fields: fields.filter((f) => f.compact.length > 0), sortKey: { ko: entry.term.ko, en: entry.term.en } };
  });
  return { entries, docs };
}

/**
 * Ranked entries for a query, best first: exact > prefix > substring > 초성 > fuzzy. Both
 * languages are always searched; `lang` (the UI language) wins ties and orders equal hits.
 * An empty or blank query gives no results.
 */
export function search(index: GlossaryIndex, query: string, lang: GlossaryLang): GlossaryEntry[] {
  return searchGlossary(index, query, lang).map((h) => h.entry);
}

/** Like `search`, with how each entry matched (for highlighting and for tests). */
export function searchGlossary(index: GlossaryIndex, query: string, lang: GlossaryLang): GlossaryHit[] {
  const raw = query.slice(0, MAX_QUERY_LENGTH).trim();
  const hits = rank(index, raw, lang);
  if (hits.length > 0) return hits;
  // Nothing matched: maybe the Korean/English key was in the wrong state while typing.
  const switched = otherKeyboardLayout(raw);
  if (switched === null) return [];
  return rank(index, switched, lang).map((h) => ({ ...h, kind: 'keyboard' as const, score: h.score - TIER[h.kind] + TIER.keyboard }));
}

function rank(index: GlossaryIndex, rawQuery: string, lang: GlossaryLang): GlossaryHit[] {
  const q = prepareQuery(rawQuery);
  if (q === null) return [];
  const collator = new Intl.Collator(lang);
  const scored: Array<{ hit: GlossaryHit; sortKey: string }> = [];
  for (const doc of index.docs) {
    let best: GlossaryHit | null = null;
    for (const f of doc.fields) {
      const m = matchField(f, q);
      if (m === null) continue;
      const score = TIER[m.kind] + m.bonus + FIELD_BONUS[f.field] + (f.lang === null || f.lang === lang ? LANG_BONUS : 0);
      if (best === null || score > best.score) {
        best = { entry: doc.entry, kind: m.kind, field: f.field, lang: f.lang, matched: f.original, score };
      }
    }
    if (best) scored.push({ hit: best, sortKey: doc.sortKey[lang] });
  }
  return scored
    .sort(
      (a, b) =>
        b.hit.score - a.hit.score ||
        collator.compare(a.sortKey, b.sortKey) ||
        (a.hit.entry.id < b.hit.entry.id ? -1 : a.hit.entry.id > b.hit.entry.id ? 1 : 0),
    )
    .map((s) => s.hit);
}

interface PreparedQuery {
  compact: string;
  /** Set when the last character may still be mid-composition in a Korean IME. */
  loose: { head: string; tailJamo: string } | null;
  choseong: boolean;
  latinTokens: string[] | null;
  /** A Hangul query as jamo, for Korean typos ("가용셩" → 가용성); null for other queries. */
  jamo: string | null;
}

function prepareQuery(raw: string): PreparedQuery | null {
  const compact = compactOf(raw);
  if (compact.length === 0) return null;
  const last = compact.at(-1) ?? '';
  const head = compact.slice(0, -1);
  const headEndsInSyllable = HANGUL_SYLLABLE.test(head.at(-1) ?? '');
  const composing = HANGUL_SYLLABLE.test(last) || (HANGUL_JAMO.test(last) && headEndsInSyllable);
  const tokens = normalize(raw).split(NON_ALNUM).filter((t) => t.length > 0);
  const latin = tokens.length > 0 && tokens.every((t) => LATIN_WORD.test(t)) && compact.length >= MIN_FUZZY_LENGTH;
  return {
    compact,
    loose: composing ? { head, tailJamo: safeDisassemble(last) } : null,
    choseong: ONLY_CONSONANTS.test(compact),
    latinTokens: latin ? tokens : null,
    jamo: HANGUL_WORD.test(compact) ? safeDisassemble(compact) : null,
  };
}

interface FieldMatch {
  kind: GlossaryMatchKind;
  bonus: number;
}

function matchField(f: IndexedField, q: PreparedQuery): FieldMatch | null {
  const coverage = Math.round((49 * Math.min(q.compact.length, f.compact.length)) / f.compact.length);
  if (f.compact === q.compact) return { kind: 'exact', bonus: 300 + coverage };

  const textual = bestTextualMatch(f, q);
  if (textual !== null) return { kind: textual.kind, bonus: textual.bonus + coverage };

  if (q.choseong && f.choseong.length > 0) {
    if (f.choseong === q.compact) return { kind: 'choseong', bonus: 200 + coverage };
    if (f.choseong.startsWith(q.compact)) return { kind: 'choseong', bonus: 100 + coverage };
    if (f.choseong.includes(q.compact)) return { kind: 'choseong', bonus: coverage };
  }

  if (q.latinTokens !== null && f.latinWords.length > 0) {
    const distance = fuzzyDistance(q.latinTokens, f.latinWords);
    if (distance !== null) return { kind: 'fuzzy', bonus: (3 - distance) * 150 + coverage };
  }

  if (q.jamo !== null && f.jamo !== '') {
    const distance = jamoDistance(q.jamo, f.jamo);
    if (distance !== null) return { kind: 'fuzzy', bonus: (3 - distance) * 150 + coverage };
  }
  return null;
}

/** Jamo edits allowed: none for a syllable or two (too many words are one jamo apart), then 1, then 2. */
export function maxJamoDistance(jamo: string): number {
  return jamo.length <= 4 ? 0 : jamo.length <= 9 ? 1 : 2;
}

/**
 * Korean typo distance over jamo (es-hangul's disassemble): one wrong vowel or consonant is one
 * edit, where per syllable it would be a whole character ("가용셩" → 가용성 is ㅕ for ㅓ). A
 * query may be the start of the name ("디스그 사용" → 디스크 사용률): that costs one more.
 */
function jamoDistance(query: string, field: string): number | null {
  const limit = maxJamoDistance(query);
  if (limit === 0) return null;
  if (Math.abs(query.length - field.length) <= limit) {
    const d = damerauLevenshtein(query, field);
    if (d <= limit) return d;
  }
  // Typing ahead with a slip needs a few syllables: "가용" is one jamo from the start of too many names.
  if (query.length >= MIN_TYPEAHEAD_JAMO && field.length > query.length + limit) {
    let best: number | null = null;
    for (const len of [query.length - 1, query.length, query.length + 1]) {
      if (len < 1 || len > field.length) continue;
      const d = damerauLevenshtein(query, field.slice(0, len));
      if (d <= limit && (best === null || d + 1 < best)) best = d + 1;
    }
    if (best !== null && best <= limit + 1) return best;
  }
  return null;
}

/** Prefix (of the field, then of a word in it) or substring; strict matches beat IME-loose ones. */
function bestTextualMatch(f: IndexedField, q: PreparedQuery): FieldMatch | null {
  let best: FieldMatch | null = null;
  const consider = (at: number, strict: boolean): void => {
    const kind: GlossaryMatchKind = at === 0 || f.wordStarts.has(at) ? 'prefix' : 'substring';
    const bonus = (at === 0 ? 200 : 0) + (strict ? 100 : 0);
    if (best === null || TIER[kind] + bonus > TIER[best.kind] + best.bonus) best = { kind, bonus };
  };
  for (const at of occurrences(f.compact, q.compact)) consider(at, true);
  if (q.loose !== null) {
    const { head, tailJamo } = q.loose;
    for (const at of occurrences(f.compact, head)) {
      // The composing syllable may also have borrowed the next syllable's first consonant (간 → 가나).
      const next = f.compact.slice(at + head.length, at + head.length + 2);
      if (HANGUL_SYLLABLE.test(next.charAt(0)) && safeDisassemble(next).startsWith(tailJamo)) consider(at, false);
    }
  }
  return best;
}

/** Every offset where `needle` occurs in `text`; an empty needle occurs at every character. */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  if (needle.length === 0) {
    for (let at = 0; at < text.length; at++) found.push(at);
    return found;
  }
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** Maximum typo distance for a word: 1 up to 5 letters, 2 for longer words. */
export function maxTypoDistance(word: string): number {
  return word.length <= 5 ? 1 : 2;
}

/**
 * Every query token must resemble some word of the field. Returns the summed distance (a typed
 * prefix of a word costs one more than the same distance to the whole word), or null.
 */
function fuzzyDistance(tokens: readonly string[], words: readonly string[]): number | null {
  let total = 0;
  for (const token of tokens) {
    let best: number | null = null;
    for (const word of words) {
      const d = tokenDistance(token, word);
      if (d !== null && (best === null || d < best)) best = d;
      if (best === 0) break;
    }
    if (best === null) return null;
    total += best;
  }
  return Math.min(total, 3);
}

function tokenDistance(token: string, word: string): number | null {
  if (token === word) return 0;
  if (token.length < MIN_FUZZY_LENGTH) return word.startsWith(token) ? 1 : null;
  const limit = maxTypoDistance(token);
  if (Math.abs(token.length - word.length) <= limit) {
    const d = damerauLevenshtein(token, word);
    if (d <= limit) return d;
  }
  // Typing ahead with a slip: "respn" for "response", "thrpu" for "throughput". Shorter
  // stems with a slip match too much ("disk" would find "distributed").
  if (token.length >= MIN_TYPEAHEAD_FUZZY_LENGTH && word.length > token.length) {
    if (word.startsWith(token)) return 1;
    for (const len of [token.length - 1, token.length, token.length + 1]) {
      if (len > word.length) continue;
      if (damerauLevenshtein(token, word.slice(0, len)) <= 1) return 2;
    }
  }
  return null;
}

/**
 * Unrestricted Damerau–Levenshtein distance (insertions, deletions, substitutions and
 * transpositions of adjacent characters, edits may overlap), after Lowrance and Wagner.
 */
export function damerauLevenshtein(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  const width = m + 2;
  const d = new Int32Array((n + 2) * width);
  const at = (i: number, j: number): number => d[i * width + j] ?? 0;
  const set = (i: number, j: number, v: number): void => {
    d[i * width + j] = v;
  };
  const inf = n + m;
  set(0, 0, inf);
  for (let i = 0; i <= n; i++) {
    set(i + 1, 0, inf);
    set(i + 1, 1, i);
  }
  for (let j = 0; j <= m; j++) {
    set(0, j + 1, inf);
    set(1, j + 1, j);
  }
  const lastRowOf = new Map<string, number>();
  for (let i = 1; i <= n; i++) {
    let lastMatchCol = 0;
    for (let j = 1; j <= m; j++) {
      const i1 = lastRowOf.get(b.charAt(j - 1)) ?? 0;
      const j1 = lastMatchCol;
      let cost = 1;
      if (a.charAt(i - 1) === b.charAt(j - 1)) {
        cost = 0;
        lastMatchCol = j;
      }
      set(
        i + 1,
        j + 1,
        Math.min(
          at(i, j) + cost,
          at(i + 1, j) + 1,
          at(i, j + 1) + 1,
          at(i1, j1) + (i - i1 - 1) + 1 + (j - j1 - 1),
        ),
      );
    }
    lastRowOf.set(a.charAt(i - 1), i);
  }
  return at(n + 1, m + 1);
}

/** The query as it would read on the other keyboard layout, or null when that makes no sense. */
function otherKeyboardLayout(raw: string): string | null {
  try {
    if (QWERTY_LETTERS.test(raw)) {
      const hangul = convertQwertyToHangul(raw);
      return HAS_HANGUL.test(hangul) && hangul !== raw ? hangul : null;
    }
    if (HAS_HANGUL.test(raw)) {
      const latin = convertHangulToQwerty(raw);
      return latin !== raw && /[a-z]/i.test(latin) ? latin : null;
    }
  } catch {
    // A conversion that cannot be made is simply not offered.
  }
  return null;
}

function safeChoseong(text: string): string {
  try {
    return getChoseong(text).replace(/\s+/g, '');
  } catch {
    return '';
  }
}

function safeDisassemble(text: string): string {
  try {
    return disassemble(text);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// 가나다 / A–Z index letters

const DOUBLE_TO_SINGLE: Record<string, string> = { ㄲ: 'ㄱ', ㄸ: 'ㄷ', ㅃ: 'ㅂ', ㅆ: 'ㅅ', ㅉ: 'ㅈ' };
const KO_LETTERS = ['ㄱ', 'ㄴ', 'ㄷ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅅ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'] as const;
const LATIN_LETTERS = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i));

/** The index bar, in order: 14 consonants then A–Z in Korean, A–Z in English; '#' for the rest. */
export const GLOSSARY_INDEX_KEYS: Record<GlossaryLang, readonly string[]> = {
  ko: [...KO_LETTERS, ...LATIN_LETTERS, '#'],
  en: [...LATIN_LETTERS, '#'],
};

/**
 * The index letter an entry files under: in Korean the initial consonant of term.ko (double
 * consonants fold into their single form, ㄲ → ㄱ; a term that starts with a Latin letter,
 * like "CPU 사용률", files under that letter); in English the first letter of term.en.
 */
export function glossaryIndexKey(entry: GlossaryEntry, lang: GlossaryLang): string {
  const text = (lang === 'ko' ? entry.term.ko : entry.term.en).normalize('NFC').trim();
  const first = text.charAt(0);
  if (lang === 'ko') {
    let consonant = '';
    if (HANGUL_SYLLABLE.test(first)) consonant = safeChoseong(first);
    else if (/^[\u3131-\u314E]$/.test(first)) consonant = first;
    if (consonant) return DOUBLE_TO_SINGLE[consonant] ?? consonant;
  }
  const latin = first.normalize('NFD').charAt(0).toUpperCase();
  return /^[A-Z]$/.test(latin) ? latin : '#';
}

/** Orders entries as the glossary page lists them: by term in the UI language (가나다 or A–Z). */
export function compareGlossaryEntries(lang: GlossaryLang): (a: GlossaryEntry, b: GlossaryEntry) => number {
  const collator = new Intl.Collator(lang);
  return (a, b) => collator.compare(a.term[lang], b.term[lang]) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
