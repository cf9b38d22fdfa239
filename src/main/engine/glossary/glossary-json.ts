// The glossary as a JSON document: a small header that says what the file is, then the
// entries exactly as the schema defines them. A bare array of entries is accepted as well.
import { OpsError } from '../../../shared/errors';
import type { GlossaryEntry } from '../../../shared/glossary';
import type { GlossaryExportScope } from '../../../shared/glossary-contract';
import type { ImportCandidate } from './candidates';

export const GLOSSARY_FILE_FORMAT = 'opsdeck-glossary';
export const GLOSSARY_FILE_VERSION = 1;

export interface GlossaryFile {
  format: typeof GLOSSARY_FILE_FORMAT;
  version: number;
  scope: GlossaryExportScope;
  exportedAt: string;
  entries: GlossaryEntry[];
}

export function entriesToJson(entries: readonly GlossaryEntry[], scope: GlossaryExportScope, now: number): string {
  const file: GlossaryFile = { format: GLOSSARY_FILE_FORMAT, version: GLOSSARY_FILE_VERSION, scope, exportedAt: new Date(now).toISOString(), entries: [...entries] };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Reads a JSON export back; a file OpsDeck cannot read at all throws IMPORT_UNREADABLE. */
export function jsonToCandidates(text: string): ImportCandidate[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new OpsError('IMPORT_UNREADABLE', `This file is not valid JSON (${detail}). Choose a glossary file exported from OpsDeck, or pick the CSV format for a spreadsheet.`);
  }
  let entries: unknown;
  if (Array.isArray(doc)) entries = doc;
  else if (typeof doc === 'object' && doc !== null && 'entries' in doc) {
    const file = doc as Partial<GlossaryFile>;
    if (file.format !== undefined && file.format !== GLOSSARY_FILE_FORMAT) {
      throw new OpsError('IMPORT_UNREADABLE', `This JSON file is a "${String(file.format).slice(0, 40)}" file, not an OpsDeck glossary.`);
    }
    if (typeof file.version === 'number' && file.version > GLOSSARY_FILE_VERSION) {
      throw new OpsError('IMPORT_UNREADABLE', `This glossary file was written by a newer OpsDeck (format version ${file.version}). Update OpsDeck to import it.`);
    }
    entries = file.entries;
  }
  if (!Array.isArray(entries)) {
    throw new OpsError('IMPORT_UNREADABLE', 'This JSON file holds no glossary entries: OpsDeck expects {"entries": [...]} as it exports, or a list of entries.');
  }
  return entries.map((value, i): ImportCandidate => ({ row: i + 1, value: value as unknown }));
}
