// Checks of every kind the engine manages itself (databases first) and the kinds' descriptors,
// which every generic screen draws from. Writes go straight to the engine and reject with its
// { code, message }; the list reloads on onDidChangeChecks (wired in the session slice).
import type { CheckInput, CheckRecord, CheckTestResult, KindDescriptor } from '../../../shared/checks';
import type { ErrorPayload } from '../../../shared/errors';
import { learnKinds } from '../domain/kinds';
import { errorPayloadOf } from './errors';
import type { LoadStatus, SliceCreator } from './types';

export interface ChecksSlice {
  /** Descriptors by kind; empty until loaded. */
  kinds: Record<string, KindDescriptor>;
  checks: CheckRecord[] | null;
  checksStatus: LoadStatus;
  checksError: ErrorPayload | null;
  loadChecks(): Promise<void>;
  /** Loads kinds and checks unless loaded or loading. */
  ensureChecks(): void;
  saveCheck(input: CheckInput): Promise<CheckRecord>;
  testCheck(input: CheckInput): Promise<CheckTestResult>;
  deleteCheck(checkId: string): Promise<void>;
  setCheckEnabled(checkId: string, enabled: boolean): Promise<CheckRecord>;
}

export const createChecksSlice: SliceCreator<ChecksSlice> = (set, get, deps) => {
  let latestRequest = 0;
  const write = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      const result = await call();
      void get().loadChecks();
      return result;
    } catch (err) {
      throw errorPayloadOf(err);
    }
  };
  return {
    kinds: {},
    checks: null,
    checksStatus: 'idle',
    checksError: null,

    async loadChecks() {
      const request = ++latestRequest;
      if (get().checks === null) set({ checksStatus: 'loading' });
      try {
        const [kinds, checks] = await Promise.all([deps.api.listKinds(), deps.api.listChecks()]);
        if (request !== latestRequest) return;
        learnKinds(kinds);
        set({ kinds: Object.fromEntries(kinds.map((k) => [k.kind, k])), checks, checksStatus: 'ready', checksError: null });
      } catch (err) {
        if (request === latestRequest) set((s) => ({ checksStatus: s.checks ? 'ready' : 'error', checksError: errorPayloadOf(err) }));
      }
    },

    ensureChecks() {
      const status = get().checksStatus;
      if (status === 'idle' || status === 'error') void get().loadChecks();
    },

    saveCheck: (input) => write(() => deps.api.saveCheck(input)),
    async testCheck(input) {
      try {
        return await deps.api.testCheck(input);
      } catch (err) {
        throw errorPayloadOf(err);
      }
    },
    deleteCheck: (checkId) => write(() => deps.api.deleteCheck({ checkId })),
    setCheckEnabled: (checkId, enabled) => write(() => deps.api.setCheckEnabled({ checkId, enabled })),
  };
};
