// A recording OpsApi for contract tests: every method answers with its own name and every
// event subscription is counted, so a side that forgets one is visible.
import { EVENT_NAMES, METHOD_NAMES, type OpsApi } from '../../src/shared/api';

export interface FakeApi {
  api: OpsApi;
  calls: Array<{ method: string; arg: unknown }>;
  listeners: Map<string, Set<(payload: unknown) => void>>;
  emit(event: string, payload: unknown): void;
}

export function createFakeApi(overrides: Partial<Record<string, (arg: unknown) => Promise<unknown>>> = {}): FakeApi {
  const calls: FakeApi['calls'] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api: Record<string, unknown> = {};
  for (const m of METHOD_NAMES) {
    api[m] = async (arg: unknown) => {
      calls.push({ method: m, arg });
      const o = overrides[m];
      return o ? o(arg) : { answeredBy: m };
    };
  }
  for (const e of EVENT_NAMES) {
    listeners.set(e, new Set());
    api[e] = (listener: (payload: unknown) => void) => {
      listeners.get(e)!.add(listener);
      return () => listeners.get(e)!.delete(listener);
    };
  }
  return {
    api: api as unknown as OpsApi,
    calls,
    listeners,
    emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)),
  };
}
