// A value that can be read now and watched for changes (connection state for the banner).
import type { Unsubscribe } from '../../../shared/api';

export interface ReadableValue<T> {
  get(): T;
  subscribe(listener: (value: T) => void): Unsubscribe;
}

export interface WritableValue<T> extends ReadableValue<T> {
  set(value: T): void;
}

export function createValue<T>(initial: T): WritableValue<T> {
  let current = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => current,
    set(value) {
      if (Object.is(value, current)) return;
      current = value;
      for (const listener of [...listeners]) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function constantValue<T>(value: T): ReadableValue<T> {
  return { get: () => value, subscribe: () => () => undefined };
}
