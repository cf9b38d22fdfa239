// The glossary's exchange files are downloaded like every other file the engine produces.
import { GLOSSARY_FILE_EXTENSION } from '../../../../shared/file-types';

export { downloadTextFile as downloadFile } from '../../ui/download';

/** Picks the exchange format from a file name, or null for anything else. */
export function formatOfFile(name: string): 'json' | 'csv' | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json') || lower.endsWith(GLOSSARY_FILE_EXTENSION)) return 'json';
  if (lower.endsWith('.csv')) return 'csv';
  return null;
}
