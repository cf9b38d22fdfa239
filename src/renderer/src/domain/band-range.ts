// A band's range ("< 1.5 × cores", "> 30 days") is written once, with English unit words; in
// Korean those words are said in Korean. Acronyms (SLO, LCP) and symbols stay as they are. Pure.
import type { Language } from '../i18n/catalogue';

const KO_RULES: ReadonlyArray<[RegExp, string]> = [
  [/(\d[\d.,–-]*) % of max\b/g, '최대치의 $1 %'],
  [/(\d[\d.,–-]*) % of link\b/g, '회선 속도의 $1 %'],
  [/× cores\b/g, '× 코어 수'],
  [/× interval\b/g, '× 수집 주기'],
  [/\(min (\d)/g, '(최소 $1'],
  [/(\d[\d.,–-]*) days?\b/g, '$1일'],
  [/(\d[\d.,–-]*) min\b/g, '$1분'],
  [/(\d[\d.,–-]*) h\b/g, '$1시간'],
  [/(\d[\d.,–-]*) s\b/g, '$1초'],
];

export function localizeBandRange(range: string, language: Language): string {
  if (language !== 'ko') return range;
  return KO_RULES.reduce((text, [re, to]) => text.replace(re, to), range);
}
