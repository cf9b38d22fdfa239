// The built-in glossary, bundled from resources/glossary/terms.json at build time and checked
// with the shared schema the first time it is needed (a broken file fails loudly, not quietly).
import raw from '../../../../resources/glossary/terms.json';
import { parseGlossary, type GlossaryEntry } from '../../../shared/glossary';

let cached: { entries: readonly GlossaryEntry[]; byId: ReadonlyMap<string, GlossaryEntry> } | null = null;

export function builtinGlossary(): { entries: readonly GlossaryEntry[]; byId: ReadonlyMap<string, GlossaryEntry> } {
  if (!cached) {
    const entries = parseGlossary(raw);
    cached = { entries, byId: new Map(entries.map((e) => [e.id, e])) };
  }
  return cached;
}
