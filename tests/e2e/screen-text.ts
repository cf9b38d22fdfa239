// What a screen must never show, checked on the rendered page: a template marker ({{name}}), a
// raw error code where a sentence belongs, a catalogue key instead of its text, and, in Korean,
// a sentence with no Hangul. Text that is meant to be literal is exempt where the markup says
// so: <code>, .mono, anything inside lang="en" (an English notice preview, a term's English name).
import type { Page } from 'playwright-core';
import { CATALOGUES } from '../../src/renderer/src/i18n/catalogue';
import { ERROR_CODES } from '../../src/shared/errors';

export interface TextProblem {
  kind: 'placeholder' | 'error-code' | 'catalogue-key' | 'latin-sentence';
  text: string;
  where: string;
}

const KEYS = Object.keys(CATALOGUES.ko);

/** Every problem on the page as shown now (visible text, input and textarea values, titles). */
export async function textProblems(page: Page, lang: 'ko' | 'en'): Promise<TextProblem[]> {
  return page.evaluate(
    ({ lang, keys, codes }) => {
      const problems: Array<{ kind: string; text: string; where: string }> = [];
      const keySet = new Set(keys);
      const codeRe = new RegExp(`\\b(${codes.join('|')})\\b`);
      const hangul = /[\uAC00-\uD7A3]/;
      const describe = (el: Element | null): string => {
        const parts: string[] = [];
        for (let e = el; e && parts.length < 4; e = e.parentElement) {
          const id = e.getAttribute('data-testid');
          parts.push(id ? `${e.tagName.toLowerCase()}[${id}]` : e.tagName.toLowerCase());
        }
        return parts.join(' < ');
      };
      const exempt = (el: Element | null): boolean => {
        if (!el) return true;
        if (el.closest('code, .mono, .inv-mono, [translate="no"], script, style, noscript, [hidden], [aria-hidden="true"], .visually-hidden')) return true;
        const langEl = el.closest('[lang]');
        return langEl !== null && langEl !== document.documentElement && !langEl.getAttribute('lang')!.startsWith(lang);
      };
      const visible = (el: Element): boolean => {
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden') return false;
        const rect = el.getBoundingClientRect();
        return rect.width > 0 || rect.height > 0 || el.tagName === 'OPTION';
      };
      const check = (raw: string, el: Element, source: string) => {
        const text = raw.replace(/\s+/g, ' ').trim();
        if (text === '') return;
        const where = `${describe(el)}${source}`;
        if (text.includes('{{')) problems.push({ kind: 'placeholder', text, where });
        if (exempt(el)) return;
        if (keySet.has(text)) problems.push({ kind: 'catalogue-key', text, where });
        // A code on its own, or inside a sentence, outside the .error-code marking that quotes it.
        if (codeRe.test(text) && !el.closest('.error-code')) problems.push({ kind: 'error-code', text, where });
        if (lang === 'ko' && !hangul.test(text)) {
          // Three or more space-separated Latin words with no Hangul is an English sentence
          // (a path, a fingerprint or a command is one token and is not).
          const words = text.split(/\s+/).filter((w) => /^[("'“]?[A-Za-z][A-Za-z'’-]+[)"'”.,;:!?]*$/.test(w));
          if (words.length >= 3) problems.push({ kind: 'latin-sentence', text, where });
        }
      };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (el && visible(el)) check(node.textContent ?? '', el, '');
      }
      for (const el of document.querySelectorAll('input, textarea')) {
        const field = el as HTMLInputElement;
        if (field.type === 'hidden' || !visible(el)) continue;
        check(field.value, el, ' (value)');
        check(field.placeholder ?? '', el, ' (placeholder)');
      }
      for (const el of document.querySelectorAll('[title], [aria-label]')) {
        if (!visible(el)) continue;
        check(el.getAttribute('title') ?? '', el, ' (title)');
        check(el.getAttribute('aria-label') ?? '', el, ' (aria-label)');
      }
      return problems;
    },
    { lang, keys: KEYS, codes: [...ERROR_CODES] },
  ) as Promise<TextProblem[]>;
}
