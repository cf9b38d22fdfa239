// Search behaviour over the real glossary: Korean and English, 초성, IME composition, typos,
// the wrong keyboard layout, ranking, and the 가나다 / A–Z index letters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import raw from '../../../resources/glossary/terms.json';
import { parseGlossary, type GlossaryEntry, type GlossaryLang } from '../../../src/shared/glossary';
import {
  GLOSSARY_INDEX_KEYS,
  compareGlossaryEntries,
  createGlossaryIndex,
  damerauLevenshtein,
  glossaryIndexKey,
  maxTypoDistance,
  search,
  searchGlossary,
  type GlossaryMatchKind,
} from '../../../src/shared/glossary-search';

const entries = parseGlossary(raw);
const index = createGlossaryIndex(entries);
const ids = (query: string, lang: GlossaryLang = 'ko'): string[] => search(index, query, lang).map((e) => e.id);
const first = (query: string, lang: GlossaryLang = 'ko'): string | undefined => ids(query, lang)[0];
const KIND_RANK: Record<GlossaryMatchKind, number> = { exact: 5, prefix: 4, substring: 3, choseong: 2, fuzzy: 1, keyboard: 0 };

describe('glossary search: the cases the UI promises', () => {
  it('finds 장애 (incident) from the initial consonants ㅈㅇ', () => {
    expect(first('ㅈㅇ')).toBe('incident');
    expect(searchGlossary(index, 'ㅈㅇ', 'ko')[0]?.kind).toBe('choseong');
  });

  it('finds 가용성 from the Korean typo "가용셩" (one jamo off), and 디스크 from "디스그"', () => {
    expect(first('가용셩')).toBe('availability');
    expect(searchGlossary(index, '가용셩', 'ko')[0]).toMatchObject({ kind: 'fuzzy', matched: '가용성' });
    expect(ids('디스그').slice(0, 2).sort()).toEqual(['disk-io', 'disk-usage']);
    expect(first('디스그 사용')).toBe('disk-usage');
    expect(first('메모리 사용율')).toBe('memory-usage');
  });

  it('does not guess from one or two syllables with a slip: too many words are one jamo apart', () => {
    expect(ids('가용')[0]).toBe('availability');
    expect(searchGlossary(index, '가용', 'ko').every((h) => h.kind !== 'fuzzy')).toBe(true);
    expect(ids('셩')).toEqual([]);
  });

  it('finds latency despite the typo "latncy"', () => {
    expect(first('latncy', 'en')).toBe('latency');
    expect(first('latncy', 'ko')).toBe('latency');
    expect(searchGlossary(index, 'latncy', 'en')[0]?.kind).toBe('fuzzy');
  });

  it('puts CPU usage first for "CPU"', () => {
    expect(first('CPU')).toBe('cpu-usage');
    expect(first('cpu', 'en')).toBe('cpu-usage');
  });

  it('finds availability from the Korean prefix 가용', () => {
    expect(first('가용')).toBe('availability');
  });

  it('finds throughput from the English prefix "thro"', () => {
    expect(first('thro', 'en')).toBe('throughput');
    expect(first('thro', 'ko')).toBe('throughput');
  });

  it('finds entries from a partial Korean word in the middle of a term', () => {
    expect(first('대응 총')).toBe('incident-commander');
    expect(first('사후')).toBe('post-mortem');
    expect(ids('지연')).toEqual(expect.arrayContaining(['latency', 'replication-lag']));
  });

  it('returns nothing for an empty or blank query', () => {
    expect(search(index, '', 'ko')).toEqual([]);
    expect(search(index, '   ', 'en')).toEqual([]);
    expect(search(index, ' - / ', 'ko')).toEqual([]);
  });
});

describe('glossary search: matching', () => {
  it('matches acronyms and aliases in both languages', () => {
    expect(first('SLA')).toBe('sla');
    expect(first('mttr', 'en')).toBe('mttr');
    expect(first('인시던트')).toBe('incident');
    expect(first('포스트모템')).toBe('post-mortem');
    expect(first('postmortem', 'en')).toBe('post-mortem');
    expect(first('에러 버짓')).toBe('error-budget');
  });

  it('ignores case, spacing and punctuation', () => {
    expect(first('i/o 대기')).toBe('iowait');
    expect(first('io대기')).toBe('iowait');
    expect(first('LOAD AVERAGE', 'en')).toBe('load-average');
    expect(first('load-average', 'en')).toBe('load-average');
  });

  it('matches a Hangul syllable still being composed by the IME', () => {
    expect(first('장ㅇ')).toBe('incident');
    expect(first('가요')).toBe('availability');
    expect(ids('자')).toContain('incident');
  });

  it('finds a term typed with the wrong keyboard layout', () => {
    expect(first('wkddo')).toBe('incident'); // 장애 typed with the Korean key off
    expect(first('ㅣㅁㅅ두쵸', 'en')).toBe('latency'); // latency typed with the Korean key on
    expect(searchGlossary(index, 'wkddo', 'ko')[0]?.kind).toBe('keyboard');
  });

  it('tolerates one typo in short words and two in longer ones', () => {
    expect(first('dsn', 'en')).toBe('dns'); // transposition, 3 letters
    expect(first('laetncy', 'en')).toBe('latency'); // transposition
    expect(first('dedlock', 'en')).toBe('deadlock');
    expect(first('availabilty', 'en')).toBe('availability');
    expect(first('rollbak', 'en')).toBe('rollback');
    expect(first('thruoghput', 'en')).toBe('throughput'); // two edits, long word
  });

  it('does not stretch typo tolerance past its limits', () => {
    expect(ids('cdnxx', 'en')).not.toContain('cdn'); // 5 letters, 2 edits away
    expect(ids('lxtxncy', 'en')).toContain('latency'); // 7 letters, 2 edits away
    expect(ids('lxtxnxy', 'en')).not.toContain('latency'); // 3 edits away
  });

  it('finds every entry by its own Korean and English term, first and as an exact match', () => {
    for (const e of entries) {
      for (const lang of ['ko', 'en'] as const) {
        const hits = searchGlossary(index, e.term[lang], lang);
        expect(hits[0]?.entry.id, `${lang}: ${e.term[lang]}`).toBe(e.id);
        expect(hits[0]?.kind).toBe('exact');
      }
    }
  });
});

describe('glossary search: ranking', () => {
  it('orders hits exact > prefix > substring > 초성 > fuzzy', () => {
    for (const q of ['sla', 'cpu', '장애', '지연', 'ㅈㅇ', 'lat', 'rate', '복구', 'sev', 'ㅂㄱ']) {
      const ranks = searchGlossary(index, q, 'ko').map((h) => KIND_RANK[h.kind]);
      expect(ranks, q).toEqual([...ranks].sort((a, b) => b - a));
    }
  });

  it('puts the exact acronym above similar ones found by typo tolerance', () => {
    const hits = searchGlossary(index, 'sla', 'en');
    expect(hits[0]?.entry.id).toBe('sla');
    const slo = hits.find((h) => h.entry.id === 'slo');
    expect(slo?.kind).toBe('fuzzy');
  });

  it('prefers a match at the start of a term over one inside it', () => {
    const found = ids('throughput', 'en');
    expect(found.indexOf('throughput')).toBeLessThan(found.indexOf('network-throughput'));
  });

  it('reports which field matched', () => {
    const [hit] = searchGlossary(index, 'SLO', 'ko');
    expect(hit).toMatchObject({ field: 'acronym', lang: null, matched: 'SLO', kind: 'exact' });
  });

  it('never returns an entry twice', () => {
    for (const q of ['a', 'ㄱ', '장', 'time', 'rate', 's']) {
      const found = ids(q);
      expect(new Set(found).size).toBe(found.length);
    }
  });
});

describe('glossary search: properties', () => {
  const hangulish = fc
    .array(fc.constantFrom('ㄱ', 'ㅈ', 'ㅇ', 'ㅏ', '장', '애', '가', '용', '각', ' ', '-', 'a', 'Z', '9', '%', '\u0301', '\uD800'), { maxLength: 12 })
    .map((parts) => parts.join(''));

  it('never throws and only returns indexed entries, on any input', () => {
    const known = new Set(entries);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }), hangulish), fc.constantFrom<GlossaryLang>('ko', 'en'), (q, lang) => {
        const found = search(index, q, lang);
        for (const e of found) expect(known.has(e)).toBe(true);
        expect(new Set(found).size).toBe(found.length);
      }),
      { numRuns: 400 },
    );
  });

  it('returns nothing for any blank query', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(' ', '\t', '\n', '\u3000'), { maxLength: 10 }), (spaces) => {
        expect(search(index, spaces.join(''), 'ko')).toEqual([]);
      }),
    );
  });

  it('works on an empty glossary', () => {
    expect(search(createGlossaryIndex([]), '장애', 'ko')).toEqual([]);
  });
});

describe('Damerau–Levenshtein distance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['latency', 'latency', 0],
    ['latncy', 'latency', 1],
    ['laetncy', 'latency', 1],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 2], // unrestricted: the optimal-string-alignment variant says 3
  ])('distance(%j, %j) = %i', (a, b, d) => {
    expect(damerauLevenshtein(a, b)).toBe(d);
    expect(damerauLevenshtein(b, a)).toBe(d);
  });

  it('allows one edit up to 5 letters and two beyond', () => {
    expect(maxTypoDistance('dns')).toBe(1);
    expect(maxTypoDistance('cache')).toBe(1);
    expect(maxTypoDistance('latncy')).toBe(2);
  });
});

describe('glossary index letters', () => {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const entry = (id: string): GlossaryEntry => byId.get(id)!;

  it('files Korean terms under their initial consonant', () => {
    expect(glossaryIndexKey(entry('incident'), 'ko')).toBe('ㅈ');
    expect(glossaryIndexKey(entry('availability'), 'ko')).toBe('ㄱ');
    expect(glossaryIndexKey(entry('rollback'), 'ko')).toBe('ㄹ');
  });

  it('folds double consonants into their single form', () => {
    const fake: GlossaryEntry = { ...entry('incident'), term: { ko: '까다로운 장애', en: 'Tricky incident' } };
    expect(glossaryIndexKey(fake, 'ko')).toBe('ㄱ');
  });

  it('files Korean terms that start with a Latin letter under that letter', () => {
    expect(glossaryIndexKey(entry('cpu-usage'), 'ko')).toBe('C');
    expect(glossaryIndexKey(entry('ssh'), 'ko')).toBe('S');
  });

  it('files English terms under their uppercase first letter', () => {
    expect(glossaryIndexKey(entry('latency'), 'en')).toBe('L');
    expect(glossaryIndexKey(entry('incident'), 'en')).toBe('I');
  });

  it('gives every entry a letter from the index bar', () => {
    for (const lang of ['ko', 'en'] as const) {
      for (const e of entries) expect(GLOSSARY_INDEX_KEYS[lang], `${e.id} (${lang})`).toContain(glossaryIndexKey(e, lang));
    }
  });

  it('sorts entries in 가나다 and A–Z order', () => {
    const ko = [...entries].sort(compareGlossaryEntries('ko')).map((e) => e.term.ko);
    expect(ko.indexOf('가용성')).toBeLessThan(ko.indexOf('장애'));
    const en = [...entries].sort(compareGlossaryEntries('en')).map((e) => e.term.en);
    expect(en.indexOf('Availability')).toBeLessThan(en.indexOf('Latency'));
  });
});
