// What crosses the contract for the glossary: entries with where they come from, the
// organisation's exchange files (export / import) and their limits. Plain data only.
import { z } from 'zod';
import type { GlossaryEntry } from './glossary';

/**
 * 'builtin': shipped with OpsDeck. 'org': the organisation's own term. 'override': the
 * organisation's local version of a built-in term (deleting it restores the built-in).
 */
export type GlossaryOrigin = 'builtin' | 'org' | 'override';

export interface GlossaryRecord {
  entry: GlossaryEntry;
  origin: GlossaryOrigin;
  /** When the organisation last saved it (ms since the epoch); null for a built-in. */
  updatedAt: number | null;
}

export const GLOSSARY_EXCHANGE_FORMATS = ['json', 'csv'] as const;
export type GlossaryExchangeFormat = (typeof GLOSSARY_EXCHANGE_FORMATS)[number];

/** 'org': the organisation's own terms and overrides; 'all': the whole glossary as shown. */
export const GLOSSARY_EXPORT_SCOPES = ['org', 'all'] as const;
export type GlossaryExportScope = (typeof GLOSSARY_EXPORT_SCOPES)[number];

export interface GlossaryExportFile {
  filename: string;
  mime: string;
  content: string;
}

/** Why one row of an import was left out. */
export type GlossaryRejectionCode = 'INVALID_ENTRY' | 'DUPLICATE_ID' | 'UNKNOWN_RELATED' | 'BAD_ROW';

export interface GlossaryImportRejection {
  /** 1-based: the entry's position in a JSON file; the spreadsheet row in a CSV file (the header is row 1). */
  row: number;
  code: GlossaryRejectionCode;
  message: string;
  /** The entry's id when it could be read, so the summary can name it. */
  id?: string;
  /** The field at fault, e.g. "source.url" or "bands_json". */
  field?: string;
}

export interface GlossaryImportResult {
  added: number;
  updated: number;
  /** Rows identical to what the glossary already holds. */
  unchanged: number;
  rejected: GlossaryImportRejection[];
}

export interface GlossaryChangedEvent {
  /** Ids whose effective entry changed. */
  ids: string[];
}

/** Import files above this size are refused whole, before parsing (UTF-8 bytes). */
export const GLOSSARY_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** More rows than this in one file is refused whole: no organisation has that many own terms. */
export const GLOSSARY_IMPORT_MAX_ROWS = 5_000;

export const glossaryIdArg = z.string().min(1).max(200);

export const glossaryExportArgs = z.strictObject({
  format: z.enum(GLOSSARY_EXCHANGE_FORMATS),
  scope: z.enum(GLOSSARY_EXPORT_SCOPES),
});

export const glossaryImportArgs = z.strictObject({
  format: z.enum(GLOSSARY_EXCHANGE_FORMATS),
  // Characters never outnumber UTF-8 bytes, so this refuses only files that are surely too big;
  // the engine then checks the exact byte size with TOO_LARGE.
  content: z.string().max(GLOSSARY_IMPORT_MAX_BYTES, `the file is larger than ${GLOSSARY_IMPORT_MAX_BYTES / 1024 / 1024} MB`),
});

export type GlossaryExportArgs = z.infer<typeof glossaryExportArgs>;
export type GlossaryImportArgs = z.infer<typeof glossaryImportArgs>;
