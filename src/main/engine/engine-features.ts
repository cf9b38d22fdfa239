// The engine's features beyond watching hosts: the glossary, incidents, the SSH inventory and
// the secret store. engine.ts loads this file on demand (a dynamic import, so its own chunk):
// starting the engine and answering the first overview then need neither the zod schemas,
// ssh2, the built-in glossary nor the keychain probe.

import type { AppApi, MethodName, MonitoringApi, OpsApi, SystemApi } from '../../shared/api';
import type { MethodKeys } from '../../shared/contract/define';
import type { ChannelsChangedEvent, DesktopNotificationEvent } from '../../shared/channels';
import type { ChecksChangedEvent } from '../../shared/checks';
import type { GlossaryChangedEvent } from '../../shared/glossary-contract';
import type { IncidentChangedEvent } from '../../shared/incidents-contract';
import type { InventoryChangedEvent } from '../../shared/inventory-contract';
import type { AlertsChangedEvent } from '../../shared/alerts';
import { createAlertsModule } from './alerts/alerts-module';
import type { PolledTarget, WatchedTarget } from './alerts/alert-engine';
import type { ForecasterOptions } from './alerts/forecaster';
import { builtinGlossary } from './glossary/builtin';
import { localUserName } from './incidents/local-user';
import type { LogBatch } from '../../shared/logs';
import type { HostSnapshot, Target, TargetId } from '../../shared/model';
import type { Collector } from './collectors/types';
import type { Clock } from './core/clock';
import type { Logger } from './core/logger';
import type { Scheduler } from './core/scheduler';
import { createChecksModule } from './checks/checks-module';
import { createGlossaryService } from './glossary';
import { createIncidentsModule } from './incidents/incidents-api';
import type { WatchedHost } from './incidents/service';
import { createInventoryModule } from './inventory/inventory-module';
import { bindChannelImport } from './notify/channel-import';
import { createChannelsModule } from './notify/channels-module';
import { rulesChannelImporter } from './notify/rules-channels';
import type { Notifier } from './notify/notifier';
import { createLogsModule } from './logs/logs-module';
import { createSecretStore, PendingSecretStore, type SealerBackend, type SecretStore } from './secrets';
import type { IncidentStore, Store } from './store';

/** Methods the engine answers itself, without loading this file. */
export type CoreMethodName = MethodKeys<AppApi> | MethodKeys<MonitoringApi> | MethodKeys<SystemApi>;
export type FeatureMethodName = Exclude<MethodName, CoreMethodName>;
export type FeatureMethods = Pick<OpsApi, FeatureMethodName>;

export interface FeatureDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  scheduler: Scheduler;
  dataDir: string;
  secrets?: SecretStore;
  sealer?: SealerBackend;
  allowUnprotectedSecrets?: boolean;
  knownHostsFile?: string | null;
  emitGlossary(event: GlossaryChangedEvent): void;
  emitIncident(event: IncidentChangedEvent): void;
  emitInventory(event: InventoryChangedEvent): void;
  emitChecks(event: ChecksChangedEvent): void;
  emitAlerts(event: AlertsChangedEvent): void;
  /** Every watched target with its latest snapshot. */
  watched(): WatchedTarget[];
  /** Hears every poll (fresh or failed) right after it; returns the unsubscribe. */
  onPoll(listener: (polls: readonly PolledTarget[]) => void): () => void;
  notifier?: Notifier;
  consoleUrl(): string | null;
  alertForecast?: Partial<ForecasterOptions>;
  /** Writes buffered samples (history reads then see them). */
  flush(): void;
  emitChannels(event: ChannelsChangedEvent): void;
  /** Returns how many consoles or apps received it. */
  emitDesktop(event: DesktopNotificationEvent): number;
  emitLogs(batch: LogBatch): void;
  watch(target: Target, collector: Collector, latest: HostSnapshot | null, initialDelayMs?: number): void;
  unwatch(targetId: TargetId): Promise<HostSnapshot | null>;
  /** A watched host's name and last snapshot, for incident drafts. */
  hostOf(targetId: TargetId): WatchedHost | null;
}

export interface EngineFeatures {
  methods: FeatureMethods;
  /** Where the alert engine sends notifications: queued at once, delivered by the channels. */
  notifier: Notifier;
  /** Stops the features' jobs (log views end their remote processes) and lets go of the store. */
  close(): Promise<void>;
}

/** Opens every feature on a running store; `incidentStore` is the store's, opened beforehand. */
export function openFeatures(deps: FeatureDeps, incidentStore: IncidentStore): EngineFeatures {
  const { store, clock, logger } = deps;
  const glossary = createGlossaryService({ store, clock, logger, onChange: (ids) => deps.emitGlossary({ ids }) });

  const incidents = createIncidentsModule({ clock, logger, dataDir: deps.dataDir });
  const stopIncidentEvents = incidents.methods.onDidChangeIncident(deps.emitIncident);
  incidents.attach(incidentStore, deps.hostOf);
  const overdueJob = incidents.overdueJob();
  deps.scheduler.add(overdueJob);

  let alerts: ReturnType<typeof createAlertsModule> | null = null;
  const inventory = createInventoryModule({
    clock,
    logger,
    env: process.env,
    knownHostsFile: deps.knownHostsFile,
    watch: deps.watch,
    unwatch: deps.unwatch,
    // A service's owner and contact, or its hosts, changed: the next notification names them.
    emit: (event) => {
      deps.emitInventory(event);
      alerts?.engine.refreshServices();
    },
  });
  // The keychain probe may take seconds: hosts start now, and only a login that needs a secret waits.
  const secrets =
    deps.secrets ??
    new PendingSecretStore(createSecretStore({ logger, dataDir: deps.dataDir, sealer: deps.sealer, allowUnprotected: deps.allowUnprotectedSecrets }), logger);
  const latestById = new Map(store.loadLatestSnapshots().map((s) => [s.targetId, s]));
  inventory.attach(store.inventory, secrets, (id) => latestById.get(id) ?? null);

  const logs = createLogsModule({
    clock,
    logger,
    emit: deps.emitLogs,
    getCheck: (checkId) => store.checks.getCheck(checkId),
    openProcess: inventory.openProcess,
    events: () => store.logEvents,
  });

  const checks = createChecksModule({
    clock,
    logger,
    watch: deps.watch,
    unwatch: deps.unwatch,
    emit: deps.emitChecks,
    openTunnel: inventory.openTunnel,
    openProcess: inventory.openProcess,
    recordEvents: (checkId, events) => store.logEvents.append(checkId, events),
    onCheckRemoved: (checkId) => logs.sourceRemoved(checkId),
    hostExists: (hostId) => store.inventory.getHost(hostId) !== null,
  });
  checks.attach(store.checks, secrets, (id) => latestById.get(id) ?? null);

  const channels = createChannelsModule({ clock, logger, emit: deps.emitChannels, emitDesktop: deps.emitDesktop });
  channels.attach(store.channels, secrets);
  bindChannelImport(channels);

  // What the alert engine says reaches people through the channels' outbox (a test may record instead).
  alerts = createAlertsModule({
    store,
    clock,
    logger,
    scheduler: deps.scheduler,
    notifier: deps.notifier ?? channels.notifier,
    channels: rulesChannelImporter(channels, logger),
    secrets,
    watched: deps.watched,
    onPoll: deps.onPoll,
    incidents,
    glossaryLine: (id) => {
      const e = builtinGlossary().byId.get(id);
      return e ? { ko: firstSentence(e.definition.ko), en: firstSentence(e.definition.en) } : null;
    },
    consoleUrl: deps.consoleUrl,
    user: localUserName(),
    emit: deps.emitAlerts,
    flush: deps.flush,
    forecast: deps.alertForecast,
  });

  const { onDidChangeIncident: _events, ...incidentMethods } = incidents.methods;
  const methods: FeatureMethods = {
    listGlossary: async () => glossary.list(),
    saveGlossaryEntry: async (entry) => glossary.save(entry),
    deleteGlossaryEntry: async ({ id }) => glossary.remove(id),
    exportGlossary: async (args) => glossary.exportFile(args),
    importGlossary: async (args) => glossary.importFile(args),
    ...incidentMethods,
    ...inventory.methods,
    ...checks.methods,
    ...alerts.methods,
    ...channels.methods,
    ...logs.methods,
  };

  return {
    methods,
    notifier: channels.notifier,
    async close() {
      await logs.close();
      deps.scheduler.remove(overdueJob.id);
      stopIncidentEvents();
      incidents.detach();
      inventory.detach();
      checks.detach();
      alerts.close();
      channels.detach();
      bindChannelImport(null);
    },
  };
}

/** The glossary's first sentence, for the one-line explanation in a notification. */
function firstSentence(text: string): string {
  const end = text.search(/[.。!?](\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}
