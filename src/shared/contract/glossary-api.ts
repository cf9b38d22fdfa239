// The glossary: built-in entries merged with the organisation's own terms.
import type { GlossaryEntry } from '../glossary';
import type {
  GlossaryChangedEvent,
  GlossaryExportArgs,
  GlossaryExportFile,
  GlossaryImportArgs,
  GlossaryImportResult,
  GlossaryRecord,
} from '../glossary-contract';
import { defineService, type Unsubscribe } from './define';

export interface GlossaryApi {
  /** Built-in entries merged with the organisation's own terms and overrides, each with its origin. */
  listGlossary(): Promise<GlossaryRecord[]>;
  /** Adds or replaces an organisation term; an entry with a built-in id overrides that built-in. */
  saveGlossaryEntry(entry: GlossaryEntry): Promise<GlossaryRecord>;
  /** Deletes an organisation term (null) or an override (returns the restored built-in). */
  deleteGlossaryEntry(args: { id: string }): Promise<GlossaryRecord | null>;
  exportGlossary(args: GlossaryExportArgs): Promise<GlossaryExportFile>;
  /** Applies every valid row in one transaction and reports the rows it left out. */
  importGlossary(args: GlossaryImportArgs): Promise<GlossaryImportResult>;

  onDidChangeGlossary(listener: (event: GlossaryChangedEvent) => void): Unsubscribe;
}

export const GLOSSARY_API = defineService<GlossaryApi>(
  'glossary',
  {
    listGlossary: { channel: 'opsdeck:list-glossary', access: 'read', noArgument: true },
    saveGlossaryEntry: { channel: 'opsdeck:save-glossary-entry', access: 'write' },
    deleteGlossaryEntry: { channel: 'opsdeck:delete-glossary-entry', access: 'write' },
    exportGlossary: { channel: 'opsdeck:export-glossary', access: 'read' },
    importGlossary: { channel: 'opsdeck:import-glossary', access: 'write' },
  },
  { onDidChangeGlossary: 'opsdeck:did-change-glossary' },
);
