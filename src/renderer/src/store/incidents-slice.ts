// Incidents in the renderer: the list (with running timers, for the overdue banner), the open
// incident room, and commands sent with the revision the person was looking at. A refused
// command keeps the room as it was and says why; a revision conflict reloads the incident.
import type { ErrorPayload } from '../../../shared/errors';
import type { IncidentCommand } from '../../../shared/incidents';
import type {
  ComposedMessageView,
  ComposeMessageArgs,
  CreateIncidentArgs,
  IncidentChangedEvent,
  IncidentDetail,
  IncidentDraft,
  IncidentListItem,
} from '../../../shared/incidents-contract';
import { errorPayloadOf } from './errors';
import type { LoadStatus, SliceCreator } from './types';

export type RoomCommand = Exclude<IncidentCommand, { type: 'create' }>;

export interface IncidentRoomState {
  id: string | null;
  detail: IncidentDetail | null;
  status: LoadStatus;
  error: ErrorPayload | null;
  /** A command is on its way to the engine. */
  pending: boolean;
  /** Why the last command was refused (cleared by the next one). */
  commandError: ErrorPayload | null;
}

export interface IncidentsSlice {
  incidentList: IncidentListItem[];
  incidentListStatus: LoadStatus;
  incidentListError: ErrorPayload | null;
  room: IncidentRoomState;
  loadIncidents(): Promise<void>;
  openIncident(id: string): Promise<void>;
  closeIncident(): void;
  /** Fetches the open incident again (after a reconnect). */
  refreshIncident(): Promise<void>;
  /** Sends a command for the open incident; true when the engine applied it. */
  runIncidentCommand(command: RoomCommand): Promise<boolean>;
  dismissCommandError(): void;
  /** These reject with the engine's { code, message } so dialogs can show it. */
  createIncident(args: CreateIncidentArgs): Promise<IncidentDetail>;
  draftIncident(targetId: string): Promise<IncidentDraft>;
  composeIncidentMessage(args: Omit<ComposeMessageArgs, 'timeZone'>): Promise<ComposedMessageView>;
  applyIncidentChange(event: IncidentChangedEvent): void;
}

/** The zone the person reads times in; the engine writes message times in it. */
export function localTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

const emptyRoom = (): IncidentRoomState => ({ id: null, detail: null, status: 'idle', error: null, pending: false, commandError: null });

export const createIncidentsSlice: SliceCreator<IncidentsSlice> = (set, get, deps) => {
  let listRequest = 0;
  let roomRequest = 0;
  const patchRoom = (patch: Partial<IncidentRoomState>) => set((s) => ({ room: { ...s.room, ...patch } }));
  /** The responder chosen as "me" at this desk, sent as the author of changes (the engine checks the list). */
  const actor = (): { actor: string } | Record<string, never> => {
    const { people, meId } = get();
    const name = people?.people.find((p) => p.id === meId)?.name;
    return name ? { actor: name } : {};
  };

  /** Folds a fresher detail into the room and the list, ignoring anything older than what is shown. */
  const showDetail = (detail: IncidentDetail) => {
    const shown = get().room.detail;
    if (get().room.id !== detail.incident.id) return;
    if (shown && shown.incident.revision > detail.incident.revision) return;
    patchRoom({ detail, status: 'ready', error: null });
  };

  const reloadRoom = async () => {
    const id = get().room.id;
    if (id === null) return;
    const request = ++roomRequest;
    try {
      const detail = await deps.api.getIncident({ id });
      if (request === roomRequest) showDetail(detail);
    } catch (err) {
      if (request === roomRequest && get().room.detail === null) patchRoom({ status: 'error', error: errorPayloadOf(err) });
    }
  };

  return {
    incidentList: [],
    incidentListStatus: 'idle',
    incidentListError: null,
    room: emptyRoom(),

    async loadIncidents() {
      const request = ++listRequest;
      if (get().incidentListStatus !== 'ready') set({ incidentListStatus: 'loading' });
      try {
        const list = await deps.api.listIncidents();
        if (request !== listRequest) return;
        set({ incidentList: list, incidentListStatus: 'ready', incidentListError: null });
      } catch (err) {
        if (request !== listRequest) return;
        set((s) => ({ incidentListStatus: s.incidentList.length > 0 ? 'ready' : 'error', incidentListError: errorPayloadOf(err) }));
      }
    },

    async openIncident(id) {
      if (get().room.id === id && get().room.status !== 'error') return;
      set({ room: { ...emptyRoom(), id, status: 'loading' } });
      await reloadRoom();
    },

    closeIncident() {
      roomRequest++;
      set({ room: emptyRoom() });
    },

    refreshIncident: reloadRoom,

    async runIncidentCommand(command) {
      const { detail } = get().room;
      if (!detail) return false;
      patchRoom({ pending: true, commandError: null });
      try {
        const next = await deps.api.applyIncidentCommand({ id: detail.incident.id, revision: detail.incident.revision, command, ...actor() });
        showDetail(next);
        patchRoom({ pending: false });
        void get().loadIncidents();
        return true;
      } catch (err) {
        const error = errorPayloadOf(err);
        patchRoom({ pending: false, commandError: error });
        // Someone else changed it: show their version, so the person can decide again.
        if (error.code === 'REVISION_CONFLICT') await reloadRoom();
        return false;
      }
    },

    dismissCommandError: () => patchRoom({ commandError: null }),

    async createIncident(args) {
      try {
        const detail = await deps.api.createIncident({ ...args, ...actor() });
        void get().loadIncidents();
        return detail;
      } catch (err) {
        throw errorPayloadOf(err);
      }
    },

    async draftIncident(targetId) {
      try {
        return await deps.api.draftIncident({ targetId });
      } catch (err) {
        throw errorPayloadOf(err);
      }
    },

    async composeIncidentMessage(args) {
      try {
        return await deps.api.composeIncidentMessage({ ...args, timeZone: localTimeZone() });
      } catch (err) {
        throw errorPayloadOf(err);
      }
    },

    applyIncidentChange(event) {
      if (event.kind === 'people') {
        if (get().peopleStatus !== 'idle') void get().loadPeople();
        return;
      }
      void get().loadIncidents();
      if (event.kind === 'playbook' && get().playbookStatus !== 'idle') void get().loadPlaybook();
      if (get().route.name === 'reports') void get().loadReport();
      const { room } = get();
      if (room.id === null || event.incidentId !== room.id) return;
      if (event.kind === 'timer-overdue' || event.kind === 'postmortem' || (event.revision ?? 0) > (room.detail?.incident.revision ?? 0)) void reloadRoom();
    },
  };
};
