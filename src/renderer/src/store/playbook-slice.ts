// The organisation's playbook: shown on its own page, imported from and exported to a file.
import type { ErrorPayload } from '../../../shared/errors';
import type { IncidentExportFile, PlaybookInfo } from '../../../shared/incidents-contract';
import { errorPayloadOf } from './errors';
import type { LoadStatus, SliceCreator } from './types';

export interface PlaybookSlice {
  playbookInfo: PlaybookInfo | null;
  playbookStatus: LoadStatus;
  playbookError: ErrorPayload | null;
  loadPlaybook(): Promise<void>;
  /** Loads the playbook unless it is loaded or loading (the start dialog reads its severities). */
  ensurePlaybook(): void;
  /** These reject with the engine's { code, message } so the page can show it. */
  importPlaybook(content: string): Promise<PlaybookInfo>;
  exportPlaybook(): Promise<IncidentExportFile>;
}

export const createPlaybookSlice: SliceCreator<PlaybookSlice> = (set, get, deps) => ({
  playbookInfo: null,
  playbookStatus: 'idle',
  playbookError: null,

  async loadPlaybook() {
    set((s) => ({ playbookStatus: s.playbookInfo ? 'ready' : 'loading' }));
    try {
      set({ playbookInfo: await deps.api.getPlaybook(), playbookStatus: 'ready', playbookError: null });
    } catch (err) {
      set((s) => ({ playbookStatus: s.playbookInfo ? 'ready' : 'error', playbookError: errorPayloadOf(err) }));
    }
  },

  ensurePlaybook() {
    const status = get().playbookStatus;
    if (status === 'idle' || status === 'error') void get().loadPlaybook();
  },

  async importPlaybook(content) {
    try {
      const info = await deps.api.importPlaybook({ content });
      set({ playbookInfo: info, playbookStatus: 'ready', playbookError: null });
      return info;
    } catch (err) {
      throw errorPayloadOf(err);
    }
  },

  async exportPlaybook() {
    try {
      return await deps.api.exportPlaybook();
    } catch (err) {
      throw errorPayloadOf(err);
    }
  },
});
