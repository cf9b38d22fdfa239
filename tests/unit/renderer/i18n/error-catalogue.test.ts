// Every error code OpsDeck raises has a Korean and an English sentence that says what to do
// next, and no screen shows an engine message instead of the catalogue's sentence. Codes are
// read from src/shared/errors.ts, so a code added there is checked here without editing this file.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, createTranslate } from '../../../../src/renderer/src/i18n/catalogue';
import { describeError } from '../../../../src/renderer/src/i18n/describe';
import { ERROR_CODES } from '../../../../src/shared/errors';

const root = path.resolve(__dirname, '../../../..');
const HANGUL = /[\uAC00-\uD7A3]/;
// A Korean next step is a request in 해요체/합니다체 polite imperative: "확인하세요", "다시 시도하세요".
const KO_NEXT_STEP = /(세요|십시오|주세요)[.)]?$|(세요|주세요)[.,)]/;
// An English next step: an imperative verb opening a sentence or a clause.
const EN_NEXT_STEP =
  /(^|[.;:!?]\s+|,\s+|\bthen\s+|\band\s+)(check|try|run|use|pick|enter|reload|restart|wait|press|write|fix|correct|ask|compare|do|export|install|switch|add|open|send|see|finish|save|set|paste|give|load|start|import|edit|name|look)\b/i;

function sentencesOf(language: 'ko' | 'en'): Array<[string, string]> {
  return Object.entries(CATALOGUES[language]).filter(([key]) => key.startsWith('errorCode.') || key === 'error.unknownCode');
}

describe('the error catalogue', () => {
  it('has a Korean and an English sentence for every code in src/shared/errors.ts', () => {
    expect(ERROR_CODES.length).toBeGreaterThan(50);
    for (const code of ERROR_CODES) {
      for (const language of ['ko', 'en'] as const) {
        const text = (CATALOGUES[language] as Record<string, string>)[`errorCode.${code}`];
        expect(text, `${language}: ${code}`).toBeTruthy();
      }
    }
  });

  it('every Korean sentence is Korean and ends with what to do next', () => {
    for (const [key, text] of sentencesOf('ko')) {
      expect(HANGUL.test(text), key).toBe(true);
      expect(text, key).toMatch(KO_NEXT_STEP);
      expect(text.split(/(?<=[.)])\s+/).length, `${key}: says what happened, then what to do`).toBeGreaterThanOrEqual(2);
    }
  });

  it('every English sentence has no Hangul and says what to do next', () => {
    for (const [key, text] of sentencesOf('en')) {
      expect(HANGUL.test(text), key).toBe(false);
      expect(text, key).toMatch(EN_NEXT_STEP);
    }
  });

  it('has no sentence for a code errors.ts does not list (a renamed code leaves no stale sentence)', () => {
    const known = new Set<string>(ERROR_CODES);
    for (const [key] of sentencesOf('ko')) {
      if (key === 'error.unknownCode') continue;
      const code = key.split('.')[1]!;
      expect(known.has(code), key).toBe(true);
    }
  });

  it('a code injected from a newer engine, and a known one, reach the Korean UI as Korean sentences', () => {
    const t = createTranslate('ko');
    for (const code of ['STORAGE_FULL', 'TOKEN_REQUIRED', 'STORE_FAILED', ...ERROR_CODES]) {
      const text = describeError(t, { code, message: 'An English sentence that must not be shown.' }, 'browser');
      expect(HANGUL.test(text), code).toBe(true);
      expect(text, code).not.toContain('English sentence');
    }
  });
});

describe('screens show errors through the catalogue', () => {
  function files(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return files(p);
      return /\.tsx$/.test(e.name) ? [p] : [];
    });
  }

  it('no component renders an error payload’s engine message', () => {
    // `.message` of an error, a test result or a connection state is English for logs only.
    const offenders = files(path.join(root, 'src/renderer/src')).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/\b(err|error|e|test|c|state|result|saveError|commandError)\??\.message\b/g)].map((m) => `${path.relative(root, file)}: ${m[0]}`),
    );
    expect(offenders).toEqual([]);
  });
});
