// The responder list (named people for the four incident roles) and who "me" is at this desk.
// "Me" is a choice per browser or window, kept in local storage: several people may share one
// engine, and the OS account the engine runs as is only the default.
import type { ErrorPayload } from '../../../shared/errors';
import type { IncidentExportFile } from '../../../shared/incidents-contract';
import type { PeopleView, PersonInput } from '../../../shared/incidents-people';
import { errorPayloadOf } from './errors';
import type { LoadStatus, SliceCreator } from './types';

export const ME_STORAGE_KEY = 'opsdeck.me';

export interface PeopleSlice {
  people: PeopleView | null;
  peopleStatus: LoadStatus;
  peopleError: ErrorPayload | null;
  /** The person id chosen as "me" at this desk; null: the OS account. */
  meId: string | null;
  loadPeople(): Promise<void>;
  ensurePeople(): void;
  setMe(id: string | null): void;
  /** These reject with the engine's { code, message, data } so forms can show it. */
  savePerson(person: PersonInput): Promise<PeopleView>;
  deletePerson(id: string): Promise<PeopleView>;
  exportPeople(): Promise<IncidentExportFile>;
  importPeople(content: string): Promise<PeopleView>;
}

/** The name "me" stands for: the chosen person, else the OS account the engine runs as. */
export function myName(people: PeopleView | null, meId: string | null, fallback: string): string {
  return people?.people.find((p) => p.id === meId)?.name ?? people?.osUser ?? fallback;
}

export const createPeopleSlice: SliceCreator<PeopleSlice> = (set, get, deps) => {
  let request = 0;
  const show = (view: PeopleView) => {
    request++;
    set({ people: view, peopleStatus: 'ready', peopleError: null });
    return view;
  };
  const write = async (call: () => Promise<PeopleView>): Promise<PeopleView> => {
    try {
      return show(await call());
    } catch (err) {
      throw errorPayloadOf(err);
    }
  };
  return {
    people: null,
    peopleStatus: 'idle',
    peopleError: null,
    meId: deps.storage.getItem(ME_STORAGE_KEY) || null,

    async loadPeople() {
      const mine = ++request;
      if (get().peopleStatus !== 'ready') set({ peopleStatus: 'loading' });
      try {
        const view = await deps.api.listPeople();
        if (mine === request) set({ people: view, peopleStatus: 'ready', peopleError: null });
      } catch (err) {
        if (mine === request) set((s) => ({ peopleStatus: s.people ? 'ready' : 'error', peopleError: errorPayloadOf(err) }));
      }
    },
    ensurePeople() {
      if (get().peopleStatus === 'idle') void get().loadPeople();
    },
    setMe(id) {
      deps.storage.setItem(ME_STORAGE_KEY, id ?? '');
      set({ meId: id });
    },
    savePerson: (person) => write(() => deps.api.savePerson({ person })),
    deletePerson: (id) => write(() => deps.api.deletePerson({ id })),
    async exportPeople() {
      try {
        return await deps.api.exportPeople();
      } catch (err) {
        throw errorPayloadOf(err);
      }
    },
    importPeople: (content) => write(() => deps.api.importPeople({ content })),
  };
};
