// The post-mortem form's data: loaded for one incident (a draft until its first save), saved
// with the revision it was loaded at, exported to Markdown by the engine.
import type { ErrorPayload } from '../../../shared/errors';
import type { Postmortem } from '../../../shared/incidents';
import type { IncidentExportFile, PostmortemView } from '../../../shared/incidents-contract';
import type { Language } from '../i18n/catalogue';
import { errorPayloadOf } from './errors';
import { localTimeZone } from './incidents-slice';
import type { LoadStatus, SliceCreator } from './types';

export interface PostmortemState {
  incidentId: string | null;
  view: PostmortemView | null;
  status: LoadStatus;
  error: ErrorPayload | null;
  saving: boolean;
  saveError: ErrorPayload | null;
}

export interface PostmortemSlice {
  postmortem: PostmortemState;
  openPostmortem(incidentId: string): Promise<void>;
  closePostmortem(): void;
  /** Saves at the loaded revision; true when saved. A conflict keeps the form and says so. */
  savePostmortem(record: Postmortem): Promise<boolean>;
  /** Rejects with the engine's { code, message }. */
  exportPostmortem(lang: Language): Promise<IncidentExportFile>;
}

const empty = (): PostmortemState => ({ incidentId: null, view: null, status: 'idle', error: null, saving: false, saveError: null });

export const createPostmortemSlice: SliceCreator<PostmortemSlice> = (set, get, deps) => {
  let request = 0;
  const patch = (p: Partial<PostmortemState>) => set((s) => ({ postmortem: { ...s.postmortem, ...p } }));

  return {
    postmortem: empty(),

    async openPostmortem(incidentId) {
      const mine = ++request;
      set({ postmortem: { ...empty(), incidentId, status: 'loading' } });
      try {
        const view = await deps.api.getPostmortem({ incidentId, timeZone: localTimeZone() });
        if (mine === request) patch({ view, status: 'ready' });
      } catch (err) {
        if (mine === request) patch({ status: 'error', error: errorPayloadOf(err) });
      }
    },

    closePostmortem() {
      request++;
      set({ postmortem: empty() });
    },

    async savePostmortem(record) {
      const { incidentId, view } = get().postmortem;
      if (incidentId === null || view === null) return false;
      patch({ saving: true, saveError: null });
      try {
        const saved = await deps.api.savePostmortem({ incidentId, revision: view.revision, postmortem: record });
        patch({ view: saved, saving: false });
        return true;
      } catch (err) {
        patch({ saving: false, saveError: errorPayloadOf(err) });
        return false;
      }
    },

    async exportPostmortem(lang) {
      const { incidentId } = get().postmortem;
      if (incidentId === null) throw { code: 'NOT_FOUND', message: 'No post-mortem is open.' };
      try {
        return await deps.api.exportPostmortem({ incidentId, lang, timeZone: localTimeZone() });
      } catch (err) {
        throw errorPayloadOf(err);
      }
    },
  };
};
