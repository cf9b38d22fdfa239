// The file types OpsDeck exports and opens by double-click (electron-builder.yml registers
// them with the OS). The content is JSON; the extension names the kind, because Windows and
// macOS associate files by their last extension alone.

export const PLAYBOOK_FILE_EXTENSION = '.opsdeck-playbook';
export const GLOSSARY_FILE_EXTENSION = '.opsdeck-glossary';

export type OpsDeckFileKind = 'playbook' | 'glossary';

/** The kind of an OpsDeck file by its name, or null for any other file. */
export function opsDeckFileKind(name: string): OpsDeckFileKind | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(PLAYBOOK_FILE_EXTENSION)) return 'playbook';
  if (lower.endsWith(GLOSSARY_FILE_EXTENSION)) return 'glossary';
  return null;
}
