// Where preferences persist: localStorage in the app, memory in tests and private windows.
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage {
  const map = new Map(Object.entries(initial));
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
  };
}

/** Wraps a storage that may throw (quota, disabled cookies) so a preference never breaks the UI. */
export function forgivingStorage(inner: KeyValueStorage | undefined): KeyValueStorage {
  const fallback = memoryStorage();
  return {
    getItem(key) {
      try {
        return inner ? inner.getItem(key) : fallback.getItem(key);
      } catch {
        return fallback.getItem(key);
      }
    },
    setItem(key, value) {
      fallback.setItem(key, value);
      try {
        inner?.setItem(key, value);
      } catch {
        // keep the in-memory copy for this session
      }
    },
  };
}

export const STORAGE_KEYS = { language: 'opsdeck.language', theme: 'opsdeck.theme' } as const;
