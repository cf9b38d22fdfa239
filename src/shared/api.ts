// The one contract between the engine and every user interface, composed of one part per
// feature (contract/*-api.ts: an interface and its channel table). The Electron IPC host, the
// preload and the WebSocket bridge are all built from the tables derived here, so a method or
// event missing on any side fails to compile and fails the contract test. Adding a method
// touches its feature's file, its argument schema and its fake; nothing here.
import { ALERTS_API, type AlertsApi } from './contract/alerts-api';
import { APP_API, type AppApi } from './contract/app-api';
import { CHANNELS_API, type ChannelsApi } from './contract/channels-api';
import { CHECKS_API, type ChecksApi } from './contract/checks-api';
import type { MethodAccess, MethodSpec, ServiceDescriptor, Unsubscribe } from './contract/define';
import { GLOSSARY_API, type GlossaryApi } from './contract/glossary-api';
import { INCIDENTS_API, type IncidentsApi } from './contract/incidents-api';
import { INVENTORY_API, type InventoryApi } from './contract/inventory-api';
import { LOGS_API, LOGS_OPERATOR_EVENTS, type LogsApi } from './contract/logs-api';
import { MONITORING_API, type MonitoringApi } from './contract/monitoring-api';
import { SYSTEM_API, type SystemApi } from './contract/system-api';

export type { MethodAccess, Unsubscribe } from './contract/define';
export type { SampleEvent, TargetsChangedEvent } from './contract/monitoring-api';
export type { StorageHealth, StorageStatus } from './contract/system-api';
export type { AlertsApi, AppApi, ChannelsApi, ChecksApi, GlossaryApi, IncidentsApi, InventoryApi, LogsApi, MonitoringApi, SystemApi };
export type { LogFileInfo } from './contract/logs-api';

/** Everything the engine answers. A name used by two parts would be a compile error here. */
export interface OpsApi extends AppApi, MonitoringApi, ChecksApi, GlossaryApi, IncidentsApi, InventoryApi, SystemApi, AlertsApi, ChannelsApi, LogsApi {}

/** The parts, in the order a reader meets them. Each one's tables are exhaustive over its interface. */
export const CONTRACT_PARTS = [APP_API, MONITORING_API, CHECKS_API, GLOSSARY_API, INCIDENTS_API, INVENTORY_API, SYSTEM_API, ALERTS_API, CHANNELS_API, LOGS_API] as const;

/** Compile-time: every method and event of OpsApi comes from a part listed in CONTRACT_PARTS. */
type ListedKeys<P> = P extends ServiceDescriptor<infer S> ? keyof S : never;
const everyPartListed: [Exclude<keyof OpsApi, ListedKeys<(typeof CONTRACT_PARTS)[number]>>] extends [never] ? true : false = true;
void everyPartListed;

type EventKeys<T> = { [K in keyof T]: K extends `onDid${string}` ? K : never }[keyof T];
export type EventName = EventKeys<OpsApi>;
export type MethodName = Exclude<keyof OpsApi, EventName>;

export type MethodArg<M extends MethodName> = Parameters<OpsApi[M]> extends [infer A] ? A : undefined;
export type MethodResult<M extends MethodName> = Awaited<ReturnType<OpsApi[M]>>;
export type EventPayload<E extends EventName> = Parameters<Parameters<OpsApi[E]>[0]>[0];

type AnyPart = ServiceDescriptor<unknown> & { methods: Record<string, MethodSpec>; events: Record<string, string> };
const parts = CONTRACT_PARTS as unknown as readonly AnyPart[];

function merge<V>(pick: (part: AnyPart) => Record<string, V>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const part of parts) Object.assign(out, pick(part));
  return out;
}

/** Method name -> its spec (channel, read or write, whether it takes an argument). */
export const METHOD_SPECS = merge((p) => p.methods) as unknown as Record<MethodName, MethodSpec>;

/** Method name -> wire channel. */
export const METHOD_CHANNELS = Object.fromEntries(Object.entries(METHOD_SPECS).map(([name, spec]) => [name, spec.channel])) as Record<MethodName, string>;

/** Method name -> read or write: a viewer (the wall's link) may call only the read ones. */
export const METHOD_ACCESS = Object.fromEntries(Object.entries(METHOD_SPECS).map(([name, spec]) => [name, spec.access])) as Record<MethodName, MethodAccess>;

/** Event name -> wire channel. */
export const EVENT_CHANNELS = merge((p) => p.events) as unknown as Record<EventName, string>;

export const METHOD_NAMES = Object.keys(METHOD_SPECS) as MethodName[];

/** Event channels a viewer's connection (the wall's link) never receives. */
export const OPERATOR_EVENT_CHANNELS: ReadonlySet<string> = new Set(LOGS_OPERATOR_EVENTS.map((e) => EVENT_CHANNELS[e]));
export const EVENT_NAMES = Object.keys(EVENT_CHANNELS) as EventName[];

/**
 * Methods that take no argument: the serving side accepts them called with nothing without
 * loading any schema (the first screen's calls are all of this kind). Checked by the compiler
 * in each part's table.
 */
export const NO_ARGUMENT_METHODS: ReadonlySet<MethodName> = new Set(METHOD_NAMES.filter((m) => METHOD_SPECS[m].noArgument));

/** Result envelope on every wire: plain data, never an Error object. */
export type RpcResult = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; data?: Record<string, string | number> } };

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
      throw Object.assign(new Error(result.error.message), { code: result.error.code, ...(result.error.data ? { data: result.error.data } : {}) });
    };
  }
  for (const name of EVENT_NAMES) {
    const channel = EVENT_CHANNELS[name];
    api[name] = (listener: (payload: unknown) => void) => transport.subscribe(channel, listener);
  }
  return api as unknown as OpsApi;
}
