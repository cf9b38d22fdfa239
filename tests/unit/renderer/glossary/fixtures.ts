// Glossary records for renderer tests: the shipped entries as built-ins, plus helpers.
import raw from '../../../../resources/glossary/terms.json';
import { parseGlossary, type GlossaryEntry } from '../../../../src/shared/glossary';
import type { GlossaryRecord } from '../../../../src/shared/glossary-contract';

export const BUILTIN: GlossaryEntry[] = parseGlossary(raw);
export const builtinRecords = (): GlossaryRecord[] => BUILTIN.map((entry) => ({ entry, origin: 'builtin', updatedAt: null }));
export const entryById = (id: string): GlossaryEntry => structuredClone(BUILTIN.find((e) => e.id === id)!);
