// The glossary in the renderer: the merged list from the engine, the popover opened from any
// "?" button, and the organisation's edits. Reloads when the engine says the glossary changed.
import type { GlossaryRecord } from '../../../shared/glossary-contract';
import { errorPayloadOf } from './errors';
import type { GlossarySlice, SliceCreator } from './types';

function withRecord(records: readonly GlossaryRecord[], record: GlossaryRecord): GlossaryRecord[] {
  const at = records.findIndex((r) => r.entry.id === record.entry.id);
  if (at === -1) return [...records, record];
  const next = [...records];
  next[at] = record;
  return next;
}

export const createGlossarySlice: SliceCreator<GlossarySlice> = (set, get, deps) => {
  // Only the newest request may write, so a slow answer cannot overwrite a fresher one.
  let latestRequest = 0;
  let openings = 0;

  /** Engine errors reach forms as plain { code, message }. */
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw errorPayloadOf(err);
    }
  };

  return {
    glossary: { status: 'idle', error: null, records: [] },
    glossaryPopover: null,

    openGlossary(glossaryId, anchor) {
      // The wall has no keyboard and nobody at it to close a popover.
      if (get().route.name === 'wall') return;
      const open = get().glossaryPopover;
      if (open && open.id === glossaryId && anchor !== undefined && open.anchor === anchor) {
        set({ glossaryPopover: null });
        return;
      }
      set({ glossaryPopover: { id: glossaryId, anchor: anchor ?? null, seq: ++openings } });
      get().ensureGlossary();
    },

    closeGlossary() {
      if (get().glossaryPopover !== null) set({ glossaryPopover: null });
    },

    async loadGlossary() {
      const request = ++latestRequest;
      set((s) => ({ glossary: { ...s.glossary, status: s.glossary.status === 'ready' ? 'ready' : 'loading' } }));
      try {
        const records = await deps.api.listGlossary();
        if (request !== latestRequest) return;
        set({ glossary: { status: 'ready', error: null, records } });
      } catch (err) {
        if (request !== latestRequest) return;
        // Keep entries we already have; the screen shows the error next to them.
        set((s) => ({ glossary: { status: s.glossary.records.length > 0 ? 'ready' : 'error', error: errorPayloadOf(err), records: s.glossary.records } }));
      }
    },

    ensureGlossary() {
      const { status } = get().glossary;
      if (status === 'idle' || status === 'error') void get().loadGlossary();
    },

    async saveGlossaryEntry(entry) {
      const record = await call(() => deps.api.saveGlossaryEntry(entry));
      set((s) => ({ glossary: { ...s.glossary, records: withRecord(s.glossary.records, record) } }));
      return record;
    },

    async deleteGlossaryEntry(id) {
      const restored = await call(() => deps.api.deleteGlossaryEntry({ id }));
      set((s) => ({
        glossary: {
          ...s.glossary,
          records: restored ? withRecord(s.glossary.records, restored) : s.glossary.records.filter((r) => r.entry.id !== id),
        },
      }));
      return restored;
    },

    exportGlossary: (args) => call(() => deps.api.exportGlossary(args)),

    async importGlossary(args) {
      const result = await call(() => deps.api.importGlossary(args));
      if (result.added + result.updated > 0) await get().loadGlossary();
      return result;
    },
  };
};
