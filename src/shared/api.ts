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
import type { GlossaryEntry } from './glossary';
import type {
  GlossaryChangedEvent,
  GlossaryExportArgs,
  GlossaryExportFile,
  GlossaryImportArgs,
  GlossaryImportResult,
  GlossaryRecord,
} from './glossary-contract';
import type {
  ApplyIncidentCommandArgs,
  ComposedMessageView,
  ComposeMessageArgs,
  CreateIncidentArgs,
  IncidentChangedEvent,
  IncidentDetail,
  IncidentDraft,
  IncidentExportFile,
  IncidentListItem,
  IncidentReport,
  PlaybookInfo,
  PostmortemView,
  ReportArgs,
  SavePostmortemArgs,
} from './incidents-contract';
import type {
  HostInput,
  InventoryChangedEvent,
  InventoryHost,
  InventoryService,
  InventoryView,
  ServiceInput,
  SshConfigImportEntry,
  SshConfigImportResult,
  SshConfigPreview,
  TestConnectionResult,
} from './inventory-contract';

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

  /** Built-in entries merged with the organisation's own terms and overrides, each with its origin. */
  listGlossary(): Promise<GlossaryRecord[]>;
  /** Adds or replaces an organisation term; an entry with a built-in id overrides that built-in. */
  saveGlossaryEntry(entry: GlossaryEntry): Promise<GlossaryRecord>;
  /** Deletes an organisation term (null) or an override (returns the restored built-in). */
  deleteGlossaryEntry(args: { id: string }): Promise<GlossaryRecord | null>;
  exportGlossary(args: GlossaryExportArgs): Promise<GlossaryExportFile>;
  /** Applies every valid row in one transaction and reports the rows it left out. */
  importGlossary(args: GlossaryImportArgs): Promise<GlossaryImportResult>;

  /** Active incidents first, each with its running timers. */
  listIncidents(): Promise<IncidentListItem[]>;
  getIncident(args: { id: string }): Promise<IncidentDetail>;
  /** What a new incident from this host would say: the worst breach, its time and readings. */
  draftIncident(args: { targetId: string }): Promise<IncidentDraft>;
  createIncident(args: CreateIncidentArgs): Promise<IncidentDetail>;
  /** Refused with REVISION_CONFLICT when the incident changed since `revision`. */
  applyIncidentCommand(args: ApplyIncidentCommandArgs): Promise<IncidentDetail>;
  composeIncidentMessage(args: ComposeMessageArgs): Promise<ComposedMessageView>;
  getPlaybook(): Promise<PlaybookInfo>;
  /** Validates a playbook file and makes it the organisation's playbook for new incidents. */
  importPlaybook(args: { content: string }): Promise<PlaybookInfo>;
  exportPlaybook(): Promise<IncidentExportFile>;
  /** The saved post-mortem, or a draft (revision 0) prefilled from the incident. */
  getPostmortem(args: { incidentId: string; timeZone?: string }): Promise<PostmortemView>;
  savePostmortem(args: SavePostmortemArgs): Promise<PostmortemView>;
  exportPostmortem(args: { incidentId: string; lang: 'ko' | 'en'; timeZone?: string }): Promise<IncidentExportFile>;
  getIncidentReport(args: ReportArgs): Promise<IncidentReport>;
  /** The report's incidents as CSV with a byte-order mark (Korean in spreadsheet programs). */
  exportIncidentReport(args: ReportArgs): Promise<IncidentExportFile>;

  /** SSH hosts and services; secrets appear only as `hasSecret`. */
  listInventory(): Promise<InventoryView>;
  /** Adds (no id) or replaces a host; its password or passphrase goes to the secret store. */
  saveHost(args: HostInput): Promise<InventoryHost>;
  deleteHost(args: { hostId: string }): Promise<void>;
  setHostEnabled(args: { hostId: string; enabled: boolean }): Promise<InventoryHost>;
  /** Logs in once with these settings (saved or not); a refused host key comes back with its fingerprint. */
  testConnection(args: { host: HostInput }): Promise<TestConnectionResult>;
  /** Trusts the fingerprint the person confirmed for the host's address and port. */
  trustHostKey(args: { hostId: string; fingerprint: string }): Promise<InventoryHost>;
  saveService(args: ServiceInput): Promise<InventoryService>;
  deleteService(args: { serviceId: string }): Promise<void>;
  /** Reads ~/.ssh/config (or the given text) with its Includes; nothing is saved. */
  previewSshConfigImport(args?: { text?: string }): Promise<SshConfigPreview>;
  applySshConfigImport(args: { entries: SshConfigImportEntry[] }): Promise<SshConfigImportResult>;

  onDidSample(listener: (event: SampleEvent) => void): Unsubscribe;
  onDidChangeTargets(listener: (event: TargetsChangedEvent) => void): Unsubscribe;
  onDidChangeGlossary(listener: (event: GlossaryChangedEvent) => void): Unsubscribe;
  onDidChangeIncident(listener: (event: IncidentChangedEvent) => void): Unsubscribe;
  onDidChangeInventory(listener: (event: InventoryChangedEvent) => void): Unsubscribe;
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
  listGlossary: 'opsdeck:list-glossary',
  saveGlossaryEntry: 'opsdeck:save-glossary-entry',
  deleteGlossaryEntry: 'opsdeck:delete-glossary-entry',
  exportGlossary: 'opsdeck:export-glossary',
  importGlossary: 'opsdeck:import-glossary',
  listIncidents: 'opsdeck:list-incidents',
  createIncident: 'opsdeck:create-incident',
  getIncident: 'opsdeck:get-incident',
  draftIncident: 'opsdeck:draft-incident',
  applyIncidentCommand: 'opsdeck:apply-incident-command',
  composeIncidentMessage: 'opsdeck:compose-incident-message',
  getPlaybook: 'opsdeck:get-playbook',
  importPlaybook: 'opsdeck:import-playbook',
  exportPlaybook: 'opsdeck:export-playbook',
  getPostmortem: 'opsdeck:get-postmortem',
  savePostmortem: 'opsdeck:save-postmortem',
  exportPostmortem: 'opsdeck:export-postmortem',
  getIncidentReport: 'opsdeck:get-incident-report',
  exportIncidentReport: 'opsdeck:export-incident-report',
  listInventory: 'opsdeck:list-inventory',
  saveHost: 'opsdeck:save-host',
  setHostEnabled: 'opsdeck:set-host-enabled',
  testConnection: 'opsdeck:test-connection',
  trustHostKey: 'opsdeck:trust-host-key',
  deleteHost: 'opsdeck:delete-host',
  saveService: 'opsdeck:save-service',
  deleteService: 'opsdeck:delete-service',
  previewSshConfigImport: 'opsdeck:preview-ssh-config-import',
  applySshConfigImport: 'opsdeck:apply-ssh-config-import',
} as const satisfies Record<MethodName, string>;

/** Event name -> wire channel. Exhaustive like METHOD_CHANNELS. */
export const EVENT_CHANNELS = {
  onDidSample: 'opsdeck:did-sample',
  onDidChangeTargets: 'opsdeck:did-change-targets',
  onDidChangeGlossary: 'opsdeck:did-change-glossary',
  onDidChangeIncident: 'opsdeck:did-change-incident',
  onDidChangeInventory: 'opsdeck:did-change-inventory',
} as const satisfies Record<EventName, string>;

export const METHOD_NAMES = Object.keys(METHOD_CHANNELS) as MethodName[];
export const EVENT_NAMES = Object.keys(EVENT_CHANNELS) as EventName[];

type NoArgumentMethodName = { [M in MethodName]: Parameters<OpsApi[M]> extends [] ? M : never }[MethodName];

/**
 * Methods that take no argument: the serving side accepts them called with nothing without
 * loading any schema (the first screen's calls are all of this kind). Checked by the compiler.
 */
export const NO_ARGUMENT_METHODS: ReadonlySet<MethodName> = new Set<NoArgumentMethodName>([
  'getAppInfo',
  'listTargets',
  'getOverview',
  'listGlossary',
  'listIncidents',
  'getPlaybook',
  'exportPlaybook',
  'listInventory',
]);

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
