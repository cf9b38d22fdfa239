// A scriptable OpsApi for store tests: each method answers from a handler the test sets, and
// events are fired by hand. Calls are recorded so tests can assert what the store asked for.
import type { OpsApi, SampleEvent, TargetsChangedEvent } from '../../../../src/shared/api';
import type { AppInfo, HostSnapshot, OverviewTile, SeriesQuery, SeriesResult } from '../../../../src/shared/model';

type Handler<A, R> = (arg: A) => Promise<R> | R;

export interface FakeApi extends OpsApi {
  calls: Array<{ method: string; arg: unknown }>;
  handlers: {
    getAppInfo: Handler<void, AppInfo>;
    listTargets: Handler<void, never[]>;
    getOverview: Handler<void, OverviewTile[]>;
    getSnapshot: Handler<{ targetId: string }, HostSnapshot | null>;
    getSeries: Handler<SeriesQuery, SeriesResult>;
  };
  emitSample(snapshot: HostSnapshot): void;
  emitTargetsChanged(event: TargetsChangedEvent): void;
  listenerCount(): number;
}

export const APP_INFO: AppInfo = { version: '0.1.0', host: 'serve', platform: 'linux', osLocale: 'ko-KR', dataDir: '/tmp/opsdeck' };

export function createFakeApi(): FakeApi {
  const sampleListeners = new Set<(e: SampleEvent) => void>();
  const targetListeners = new Set<(e: TargetsChangedEvent) => void>();
  const calls: FakeApi['calls'] = [];
  const handlers: FakeApi['handlers'] = {
    getAppInfo: () => APP_INFO,
    listTargets: () => [],
    getOverview: () => [],
    getSnapshot: () => null,
    getSeries: (q) => ({ targetId: q.targetId, range: q.range, from: 0, until: 1, resolution: 'raw', series: [] }),
  };
  const call = async <A, R>(method: keyof FakeApi['handlers'], arg: A): Promise<R> => {
    calls.push({ method, arg });
    return (await (handlers[method] as unknown as Handler<A, R>)(arg)) as R;
  };
  return {
    calls,
    handlers,
    getAppInfo: () => call('getAppInfo', undefined),
    listTargets: () => call('listTargets', undefined),
    getOverview: () => call('getOverview', undefined),
    getSnapshot: (arg) => call('getSnapshot', arg),
    getSeries: (arg) => call('getSeries', arg),
    onDidSample(listener) {
      sampleListeners.add(listener);
      return () => sampleListeners.delete(listener);
    },
    onDidChangeTargets(listener) {
      targetListeners.add(listener);
      return () => targetListeners.delete(listener);
    },
    emitSample: (snapshot) => sampleListeners.forEach((l) => l({ snapshot })),
    emitTargetsChanged: (event) => targetListeners.forEach((l) => l(event)),
    listenerCount: () => sampleListeners.size + targetListeners.size,
  };
}

/** A promise the test settles by hand, to hold an api call in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
