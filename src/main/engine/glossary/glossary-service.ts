// The glossary behind the contract: built-in entries merged with the organisation's terms and
// overrides from the store, edits validated with the shared schema, and exchange files.
import { OpsError } from '../../../shared/errors';
import { GLOSSARY_FILE_EXTENSION } from '../../../shared/file-types';
import type { GlossaryEntry } from '../../../shared/glossary';
import {
  GLOSSARY_IMPORT_MAX_BYTES,
  GLOSSARY_IMPORT_MAX_ROWS,
  type GlossaryExportArgs,
  type GlossaryExportFile,
  type GlossaryImportArgs,
  type GlossaryImportResult,
  type GlossaryRecord,
} from '../../../shared/glossary-contract';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { GlossaryWriter, Store } from '../store';
import { builtinGlossary } from './builtin';
import { csvToCandidates, entriesToCsv } from './glossary-csv';
import { entriesToJson, jsonToCandidates } from './glossary-json';
import { planImport } from './import-plan';
import { checkEntry, mergeGlossary, sameEntry, unresolvedRelated, type Builtins, type MergedGlossary } from './merge';

export interface GlossaryService {
  list(): GlossaryRecord[];
  save(value: unknown): GlossaryRecord;
  remove(id: string): GlossaryRecord | null;
  exportFile(args: GlossaryExportArgs): GlossaryExportFile;
  importFile(args: GlossaryImportArgs): GlossaryImportResult;
}

export interface GlossaryServiceDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Called after a committed change with the ids whose entry changed. */
  onChange(ids: string[]): void;
  /** For tests; the bundled terms.json otherwise. */
  builtins?: Builtins;
}

const MB = 1024 * 1024;

export function createGlossaryService(deps: GlossaryServiceDeps): GlossaryService {
  const builtins = deps.builtins ?? builtinGlossary();
  const merged = (rows = deps.store.listGlossaryRows()): MergedGlossary => mergeGlossary(builtins, rows, deps.logger);
  const write = <T>(fn: (w: GlossaryWriter, current: MergedGlossary) => T): T => deps.store.writeGlossary((w) => fn(w, merged(w.list())));
  const notify = (ids: string[]) => {
    if (ids.length > 0) deps.onChange([...new Set(ids)]);
  };
  const recordOf = (id: string): GlossaryRecord | null => merged().byId.get(id) ?? null;

  return {
    list: () => merged().records,

    save(value) {
      const check = checkEntry(value);
      if (!check.ok) throw new OpsError('GLOSSARY_INVALID', `This glossary entry cannot be saved: ${check.message}.`);
      const entry = check.entry;
      const changed = write((w, current) => {
        const missing = unresolvedRelated(entry, new Set([...current.byId.keys(), entry.id]));
        if (missing.length > 0) {
          throw new OpsError('GLOSSARY_INVALID', `This glossary entry cannot be saved: related terms must be other entries of the glossary (not found: ${missing.join(', ')}).`);
        }
        const builtin = builtins.byId.get(entry.id);
        // Saving a built-in's own text again is a restore, not an override that would hide
        // later improvements to the built-in.
        if (builtin && sameEntry(entry, builtin)) return w.remove(entry.id);
        const existing = current.byId.get(entry.id);
        if (existing && existing.origin !== 'builtin' && sameEntry(existing.entry, entry)) return false;
        w.put({ id: entry.id, entry, origin: builtin ? 'override' : 'org', updatedAt: deps.clock.now() });
        return true;
      });
      if (changed) notify([entry.id]);
      const saved = recordOf(entry.id);
      if (!saved) throw new OpsError('STORE_FAILED', 'The entry was saved but cannot be read back. Check the engine log.');
      return saved;
    },

    remove(id) {
      const { restored, touched } = write((w, current) => {
        const record = current.byId.get(id);
        if (!record) throw new OpsError('NOT_FOUND', `The glossary has no entry "${id}". It may have been deleted already; reload the glossary.`);
        if (record.origin === 'builtin') {
          throw new OpsError('BUILTIN_ENTRY', `"${id}" is a built-in entry and cannot be deleted. Save a changed version to override it for your organisation.`);
        }
        w.remove(id);
        if (record.origin === 'override') return { restored: true, touched: [id] };
        // Other stored entries that link to the deleted term drop the link in the same transaction.
        const ids = [id];
        for (const other of current.records) {
          if (other.origin === 'builtin' || !other.entry.related.includes(id)) continue;
          const entry: GlossaryEntry = { ...other.entry, related: other.entry.related.filter((r) => r !== id) };
          w.put({ id: entry.id, entry, origin: other.origin, updatedAt: deps.clock.now() });
          ids.push(entry.id);
        }
        return { restored: false, touched: ids };
      });
      notify(touched);
      return restored ? recordOf(id) : null;
    },

    exportFile({ format, scope }) {
      const records = merged().records.filter((r) => scope === 'all' || r.origin !== 'builtin');
      const entries = (scope === 'org' ? [...records].sort((a, b) => (a.entry.id < b.entry.id ? -1 : 1)) : records).map((r) => r.entry);
      const now = deps.clock.now();
      // JSON gets OpsDeck's own extension, so a double-click opens it in OpsDeck; CSV stays for spreadsheets.
      const filename = `opsdeck-glossary-${scope}-${new Date(now).toISOString().slice(0, 10)}${format === 'json' ? GLOSSARY_FILE_EXTENSION : '.csv'}`;
      if (format === 'json') return { filename, mime: 'application/json', content: entriesToJson(entries, scope, now) };
      return { filename, mime: 'text/csv;charset=utf-8', content: entriesToCsv(entries) };
    },

    importFile({ format, content }) {
      const bytes = Buffer.byteLength(content, 'utf8');
      if (bytes > GLOSSARY_IMPORT_MAX_BYTES) {
        throw new OpsError('TOO_LARGE', `The file is ${(bytes / MB).toFixed(1)} MB; OpsDeck imports glossary files up to ${GLOSSARY_IMPORT_MAX_BYTES / MB} MB. Export only your organisation's terms, or split the file.`);
      }
      if (content.trim() === '') throw new OpsError('IMPORT_UNREADABLE', 'The file is empty. Choose a glossary file exported from OpsDeck.');
      const candidates = format === 'json' ? jsonToCandidates(content) : csvToCandidates(content);
      if (candidates.length > GLOSSARY_IMPORT_MAX_ROWS) {
        throw new OpsError('TOO_LARGE', `The file has ${candidates.length} entries; OpsDeck imports up to ${GLOSSARY_IMPORT_MAX_ROWS} at a time. Split the file.`);
      }
      const plan = write((w, current) => {
        const p = planImport(candidates, current, builtins, deps.clock.now());
        for (const id of p.removals) w.remove(id);
        for (const row of p.puts) w.put(row);
        return p;
      });
      notify([...plan.removals, ...plan.puts.map((r) => r.id)]);
      deps.logger.log('info', 'glossary-imported', { format, added: plan.result.added, updated: plan.result.updated, unchanged: plan.result.unchanged, rejected: plan.result.rejected.length });
      return plan.result;
    },
  };
}
