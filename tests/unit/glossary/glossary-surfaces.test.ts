// "Where it appears" tells the truth: an entry names a screen only when that screen links it.
// The links come from the constants the screens render their "?" buttons from (the e2e walk
// checks the rendered buttons against the same map).
import { describe, expect, it } from 'vitest';
import raw from '../../../resources/glossary/terms.json';
import defaultPlaybook from '../../../resources/playbook/default-playbook.json';
import { surfaceLinks, surfacesOf } from '../../../src/renderer/src/domain/glossary-surfaces';
import { parseGlossary } from '../../../src/shared/glossary';
import { KIND_REGISTRY } from '../../../src/main/engine/collectors/registry';
import { learnKinds } from '../../../src/renderer/src/domain/kinds';
import { parsePlaybook } from '../../../src/shared/incidents';

const entries = parseGlossary(raw);
// The screens learn the kinds from the engine at run time; here, from the engine's registry.
learnKinds(Object.values(KIND_REGISTRY).map((k) => k.descriptor));
const playbook = parsePlaybook(defaultPlaybook);

describe("the glossary's 'where it appears'", () => {
  it('no built-in entry claims a screen that does not link it, and none claims one that does not exist', () => {
    const wrong = entries.flatMap((e) => {
      const linked = new Set(surfacesOf(e.id, playbook));
      return e.appearsIn.filter((s) => !linked.has(s)).map((s) => `${e.id} claims ${s}`);
    });
    expect(wrong).toEqual([]);
    expect(entries.filter((e) => e.appearsIn.includes('settings')).map((e) => e.id)).toEqual([]);
  });

  it('every screen that links a term is named by that term', () => {
    const missing = entries.flatMap((e) => surfacesOf(e.id, playbook).filter((s) => !e.appearsIn.includes(s)).map((s) => `${e.id} omits ${s}`));
    expect(missing).toEqual([]);
  });

  it('every term the screens link exists, and every term is in the glossary itself', () => {
    const ids = new Set(entries.map((e) => e.id));
    for (const [surface, linked] of Object.entries(surfaceLinks(playbook))) for (const id of linked) expect(ids.has(id), `${surface} links ${id}`).toBe(true);
    expect(entries.every((e) => surfacesOf(e.id, playbook).at(-1) === 'glossary')).toBe(true);
  });

  it('names the screens of a few well-known terms', () => {
    expect(surfacesOf('availability', playbook)).toEqual(['overview', 'database-page', 'reports', 'glossary']);
    expect(surfacesOf('cpu-usage', playbook)).toEqual(['overview', 'host-page', 'glossary']);
    expect(surfacesOf('status-unknown', playbook)).toEqual(['overview', 'host-page', 'database-page', 'targets', 'glossary']);
    expect(surfacesOf('stage-detection', playbook)).toEqual(['incident-room', 'glossary']);
  });
});
