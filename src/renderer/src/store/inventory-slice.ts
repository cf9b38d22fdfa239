// The inventory screen's state, and the overview's service grouping and filters. Writes go
// straight to the engine and reject with its { code, message } so forms can show it; the list
// reloads on the engine's onDidChangeInventory (wired in the session slice).
import type { ErrorPayload } from '../../../shared/errors';
import type {
  HostInput,
  InventoryHost,
  InventoryService,
  InventoryView,
  ServiceInput,
  SshConfigImportEntry,
  SshConfigImportResult,
  SshConfigPreview,
  TestConnectionResult,
} from '../../../shared/inventory-contract';
import type { HealthStatus } from '../../../shared/model';
import { errorPayloadOf } from './errors';
import type { LoadStatus, SliceCreator } from './types';

export interface OverviewFilter {
  query: string;
  /** null: every status. */
  status: HealthStatus | null;
}

export interface InventorySlice {
  inventory: InventoryView | null;
  inventoryStatus: LoadStatus;
  inventoryError: ErrorPayload | null;
  overviewFilter: OverviewFilter;
  setOverviewFilter(filter: Partial<OverviewFilter>): void;
  loadInventory(): Promise<void>;
  /** Loads the inventory unless it is loaded or loading. */
  ensureInventory(): void;
  saveHost(input: HostInput): Promise<InventoryHost>;
  deleteHost(hostId: string): Promise<void>;
  setHostEnabled(hostId: string, enabled: boolean): Promise<InventoryHost>;
  testConnection(input: HostInput): Promise<TestConnectionResult>;
  trustHostKey(hostId: string, fingerprint: string): Promise<InventoryHost>;
  saveService(input: ServiceInput): Promise<InventoryService>;
  deleteService(serviceId: string): Promise<void>;
  previewSshConfigImport(text?: string): Promise<SshConfigPreview>;
  applySshConfigImport(entries: SshConfigImportEntry[]): Promise<SshConfigImportResult>;
}

export const createInventorySlice: SliceCreator<InventorySlice> = (set, get, deps) => {
  let latestRequest = 0;
  const api = deps.api;
  /** Calls the engine, then refreshes the list; errors reach the caller as { code, message }. */
  const write = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      const result = await call();
      void get().loadInventory();
      return result;
    } catch (err) {
      throw errorPayloadOf(err);
    }
  };

  return {
    inventory: null,
    inventoryStatus: 'idle',
    inventoryError: null,
    overviewFilter: { query: '', status: null },

    setOverviewFilter(filter) {
      set((s) => ({ overviewFilter: { ...s.overviewFilter, ...filter } }));
    },

    async loadInventory() {
      const request = ++latestRequest;
      if (get().inventory === null) set({ inventoryStatus: 'loading' });
      try {
        const inventory = await api.listInventory();
        if (request === latestRequest) set({ inventory, inventoryStatus: 'ready', inventoryError: null });
      } catch (err) {
        if (request === latestRequest) set((s) => ({ inventoryStatus: s.inventory ? 'ready' : 'error', inventoryError: errorPayloadOf(err) }));
      }
    },

    ensureInventory() {
      const status = get().inventoryStatus;
      if (status === 'idle' || status === 'error') void get().loadInventory();
    },

    saveHost: (input) => write(() => api.saveHost(input)),
    deleteHost: (hostId) => write(() => api.deleteHost({ hostId })),
    setHostEnabled: (hostId, enabled) => write(() => api.setHostEnabled({ hostId, enabled })),
    testConnection: async (input) => {
      try {
        return await api.testConnection({ host: input });
      } catch (err) {
        throw errorPayloadOf(err);
      }
    },
    trustHostKey: (hostId, fingerprint) => write(() => api.trustHostKey({ hostId, fingerprint })),
    saveService: (input) => write(() => api.saveService(input)),
    deleteService: (serviceId) => write(() => api.deleteService({ serviceId })),
    previewSshConfigImport: async (text) => {
      try {
        return await api.previewSshConfigImport(text === undefined ? {} : { text });
      } catch (err) {
        throw errorPayloadOf(err);
      }
    },
    applySshConfigImport: (entries) => write(() => api.applySshConfigImport({ entries })),
  };
};
