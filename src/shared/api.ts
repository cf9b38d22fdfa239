// The one contract between the engine and every user interface. The Electron IPC host, the
// preload and the WebSocket bridge are all built from the tables below, so a method or event
// missing on any side fails to compile (the tables are exhaustive Records) and fails the
// contract test.
import type {
  AppInfo,
  HostSnapshot,
  OverviewTile,
  SeriesQuery,
  SeriesResult,
  Target,
  TargetId,
} from './model';

export type Unsubscribe = () => void;

export interface SampleEvent {
  snapshot: HostSnapshot;
}

export interface TargetsChangedEvent {
  targets: Target[];
}

export interface OpsApi {
  getAppInfo(): Promise<AppInfo>;
  listTargets(): Promise<Target[]>;
  getOverview(): Promise<OverviewTile[]>;
  getSnapshot(args: { targetId: TargetId }): Promise<HostSnapshot | null>;
  getSeries(args: SeriesQuery): Promise<SeriesResult>;

  onDidSample(listener: (event: SampleEvent) => void): Unsubscribe;
  onDidChangeTargets(listener: (event: TargetsChangedEvent) => void): Unsubscribe;
}

type EventKeys<T> = { [K in keyof T]: K extends `onDid${string}` ? K : never }[keyof T];
export type EventName = EventKeys<OpsApi>;
export type MethodName = Exclude<keyof OpsApi, EventName>;

export type MethodArg<M extends MethodName> = Parameters<OpsApi[M]> extends [infer A] ? A : undefined;
export type MethodResult<M extends MethodName> = Awaited<ReturnType<OpsApi[M]>>;
export type EventPayload<E extends EventName> = Parameters<Parameters<OpsApi[E]>[0]>[0];

/** Method name -> wire channel. Exhaustive: adding a method to OpsApi without a channel fails to compile. */
export const METHOD_CHANNELS = {
  getAppInfo: 'opsdeck:get-app-info',
  listTargets: 'opsdeck:list-targets',
  getOverview: 'opsdeck:get-overview',
  getSnapshot: 'opsdeck:get-snapshot',
  getSeries: 'opsdeck:get-series',
} as const satisfies Record<MethodName, string>;

/** Event name -> wire channel. Exhaustive like METHOD_CHANNELS. */
export const EVENT_CHANNELS = {
  onDidSample: 'opsdeck:did-sample',
  onDidChangeTargets: 'opsdeck:did-change-targets',
} as const satisfies Record<EventName, string>;

export const METHOD_NAMES = Object.keys(METHOD_CHANNELS) as MethodName[];
export const EVENT_NAMES = Object.keys(EVENT_CHANNELS) as EventName[];

/** Result envelope on every wire: plain data, never an Error object. */
export type RpcResult = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** What a client needs from a wire (Electron IPC or WebSocket). */
export interface ClientTransport {
  invoke(channel: string, arg: unknown): Promise<RpcResult>;
  subscribe(channel: string, listener: (payload: unknown) => void): Unsubscribe;
}

/** Builds a full OpsApi over any transport, from the channel tables alone. */
export function createApiClient(transport: ClientTransport): OpsApi {
  const api: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) {
    const channel = METHOD_CHANNELS[name];
    api[name] = async (arg?: unknown) => {
      const result = await transport.invoke(channel, arg);
      if (result.ok) return result.value;
      throw Object.assign(new Error(result.error.message), { code: result.error.code });
    };
  }
  for (const name of EVENT_NAMES) {
    const channel = EVENT_CHANNELS[name];
    api[name] = (listener: (payload: unknown) => void) => transport.subscribe(channel, listener);
  }
  return api as unknown as OpsApi;
}
