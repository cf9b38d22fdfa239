// The glossary's exchange files are downloaded like every other file the engine produces.
export { downloadTextFile as downloadFile } from '../../ui/download';

/** Picks the exchange format from a file name, or null for anything else. */
export function formatOfFile(name: string): 'json' | 'csv' | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv')) return 'csv';
  return null;
}
