// The alerts half of the OpsApi, wired to the engine when its features open: the alert engine
// fed by every poll, the periodic jobs (group waits, repeats, escalation, stale targets, the
// configuration revision another process may bump), and the contract methods.
import { randomUUID } from 'node:crypto';
import type { AlertsApi } from '../../../shared/api';
import {
  SEVERITY_RANK,
  type AlertsChangedEvent,
  type AlertState,
  type AlertView,
  type IncidentHealth,
  type MaintenanceWindow,
  type RuleRecord,
  type Silence,
} from '../../../shared/alerts';
import { OpsError } from '../../../shared/errors';
import type { HealthStatus, Snapshot, Target } from '../../../shared/model';
import { STATUS_SEVERITY, TIME_RANGES } from '../../../shared/model';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Scheduler } from '../core/scheduler';
import type { IncidentsModule } from '../incidents/incidents-api';
import { incidentFromAlert } from '../incidents/from-alert';
import { metricSnapshotOf } from '../incidents/drafts';
import { resolveJumpHost } from '../inventory/jump-host';
import type { Notifier } from '../notify/notifier';
import { baselineBand } from '../rules/baseline-band';
import { previewFirings } from '../rules/rule-preview';
import { applyRule, metricMatches, ruleAppliesTo } from '../rules/rule-scope';
import type { SecretStore } from '../secrets';
import type { Store } from '../store';
import { AlertEngine, type IncidentBridge, type PolledTarget, type WatchedTarget } from './alert-engine';
import { bumpRevision, readConfig, readRevision, readRuleRecords, SETTINGS_KEY } from './alerts-config';
import { createChannelImporter, type ChannelImporter } from './channel-import';
import { ExternalAlertBook } from './external-alerts';
import { EXTERNAL_ALERT_PREFIX } from '../../../shared/external-alerts';
import { Forecaster, type ForecasterOptions } from './forecaster';
import { stateOf, toView, type LiveAlert } from './live-alert';
import { checkSchedule, mergeIntervals, windowIntervals } from './maintenance-schedule';
import { exportRulesText, importRulesText } from './rules-import';
import { seriesInfo } from './series-info';
import { staleAfterMs } from '../rules/health';
import { DEFAULT_RULES } from '../rules/default-rules';

export type AlertMethodName = Exclude<keyof AlertsApi, 'onDidChangeAlerts'>;

export interface AlertsModuleDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  scheduler: Scheduler;
  notifier: Notifier;
  secrets: SecretStore | null;
  watched(): WatchedTarget[];
  /** Hears polls right after their snapshots are known; a data source's hosts come as one batch. */
  onPoll(listener: (polls: readonly PolledTarget[]) => void): () => void;
  incidents: IncidentsModule | null;
  glossaryLine(id: string): { ko: string; en: string } | null;
  /** The console's address for links in messages, when known (serve). */
  consoleUrl(): string | null;
  user: string;
  emit(event: AlertsChangedEvent): void;
  /** Writes buffered samples so history reads see the newest ones. */
  flush(): void;
  channels?: ChannelImporter;
  forecast?: Partial<ForecasterOptions>;
}

export interface AlertsModule {
  methods: Pick<AlertsApi, AlertMethodName>;
  engine: AlertEngine;
  close(): void;
}

const TICK_MS = 1_000;
const REVISION_POLL_MS = 2_000;
const CHECKPOINT_MS = 30_000;
const TRIM_MS = 10 * 60_000;

const STATE_ORDER: Record<AlertState, number> = { firing: 4, unknown: 3, acknowledged: 2, pending: 1, resolved: 0 };
const SUPPRESSED_LAST = (v: AlertView) => (v.suppressed === 'maintenance' || v.suppressed === 'silenced' ? 1 : 0);

/** Worst first: firing before acknowledged before pending, critical before warning, oldest first. */
export function compareViews(a: AlertView, b: AlertView): number {
  return (
    SUPPRESSED_LAST(a) - SUPPRESSED_LAST(b) ||
    STATE_ORDER[b.state] - STATE_ORDER[a.state] ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (a.firingSince ?? a.activeSince) - (b.firingSince ?? b.activeSince) ||
    a.id.localeCompare(b.id)
  );
}

export function createAlertsModule(deps: AlertsModuleDeps): AlertsModule {
  const { store, clock, logger } = deps;
  const channels = deps.channels ?? createChannelImporter({ store: store.alerts, secrets: deps.secrets, now: () => clock.now() });
  const forecaster = new Forecaster((targetId, key, windowMs) => history(targetId, key, windowMs), {
    windowMs: 6 * 3_600_000,
    everyMs: 60_000,
    minPoints: 10,
    minSpanMs: 15 * 60_000,
    ...deps.forecast,
  });
  let parents = new Map<string, string | null>();
  const refreshParents = () => {
    const hosts = store.inventory.listHosts();
    parents = new Map();
    for (const h of hosts) {
      try {
        const login = resolveJumpHost(h, hosts);
        parents.set(h.id, login?.inInventory ? login.settingsOf.id : null);
      } catch {
        parents.set(h.id, null);
      }
    }
  };
  refreshParents();

  const bridge = (): IncidentBridge | null => {
    const incidents = deps.incidents;
    if (!incidents) return null;
    return {
      open: (input) => {
        const target = deps.watched().find((w) => w.target.id === input.targetId)?.target;
        const info = input.metric ? seriesInfo(target?.kind ?? '', input.metric) : null;
        return incidents.forAlerts.open(
          incidentFromAlert({ ...input, seriesLabel: info?.label.ko ?? null, snapshot: input.snapshot ? metricSnapshotOf(input.snapshot) : null }),
        );
      },
      isActive: (id) => {
        const inc = incidents.forAlerts.get(id);
        return inc !== null && inc.status === 'active';
      },
      roleHolder: (id, role) => {
        const roles = incidents.forAlerts.get(id)?.roles as Record<string, unknown> | undefined;
        const holder = roles?.[role];
        return typeof holder === 'string' ? holder : null;
      },
    };
  };

  const engine = new AlertEngine(
    {
      store: store.alerts,
      clock,
      logger,
      notifier: deps.notifier,
      channels,
      targets: deps.watched,
      services: () => store.inventory.listServices(),
      parentOf: (t) => t.parentId ?? parents.get(t.id) ?? null,
      glossaryLine: deps.glossaryLine,
      link: (alertId) => {
        const base = deps.consoleUrl();
        return base ? `${base.replace(/\/$/, '')}/#/alerts/${encodeURIComponent(alertId)}` : null;
      },
      forecasts: (id) => forecaster.get(id),
      incidents: bridge,
      emit: deps.emit,
    },
    readConfig(store, logger),
  );
  let revision = readRevision(store);
  // Reports count maintenance per service: windows for the service, or for everything.
  deps.incidents?.forAlerts.setMaintenanceSource(({ from, until }) => {
    const out = new Map<string, Array<[number, number]>>();
    const services = store.inventory.listServices().map((s) => s.id);
    for (const w of engine.maintenance) {
      const everything = !w.scope.targets.length && !w.scope.services.length && !w.scope.rules.length;
      const scoped = everything ? services : w.scope.services;
      if (!scoped.length) continue;
      const intervals = windowIntervals(w, from, until);
      for (const s of scoped) out.set(s, mergeIntervals([...(out.get(s) ?? []), ...intervals]));
    }
    return out;
  });

  function history(targetId: string, key: string, windowMs: number): Array<[number, number | null]> {
    deps.flush();
    const now = clock.now();
    const raw = store.querySeries({ targetId, keys: [key], range: '1h' }).series[0]?.points ?? [];
    if (windowMs <= TIME_RANGES['1h']) return raw.filter(([ts]) => ts >= now - windowMs);
    // Older than an hour: the minute averages, then the raw readings of the last hour.
    const rolled = (store.querySeries({ targetId, keys: [key], range: '24h' }).series[0]?.points ?? []).filter(([ts]) => ts >= now - windowMs && ts < now - TIME_RANGES['1h']);
    return [...rolled, ...raw];
  }

  const changed = (config = true) => {
    revision = bumpRevision(store);
    engine.configure(readConfig(store, logger));
    deps.emit({ alertIds: [], config });
  };

  const reloadIfChanged = () => {
    const now = readRevision(store);
    if (now === revision) return;
    revision = now;
    engine.configure(readConfig(store, logger));
    logger.log('info', 'alert-config-reloaded', { revision });
    deps.emit({ alertIds: [], config: true });
  };

  const external = new ExternalAlertBook();
  const stopPolls = deps.onPoll((polls) => {
    for (const { snapshot, fresh } of polls) if (fresh && snapshot.filesystems?.length) forecaster.refresh(snapshot, clock.now());
    engine.observeAll(polls);
    for (const { target, snapshot, fresh } of polls) {
      // A failed poll keeps the source's last list: the source's own tile says it is not answering.
      if (fresh && snapshot.externalAlerts) {
        const changedIds = external.update(target, snapshot.externalAlerts, clock.now());
        if (changedIds.length) deps.emit({ alertIds: changedIds, config: false });
      }
    }
  });
  const externalViews = () => external.views(new Set(deps.watched().map((w) => w.target.id)), (t) => engine.servicesOf(t));
  const requireInternal = (alertId: string) => {
    if (alertId.startsWith(EXTERNAL_ALERT_PREFIX)) throw new OpsError('EXTERNAL_ALERT', `The alert "${alertId}" comes from a data source; acknowledge or close it there.`, { alertId });
  };

  const tick = () => {
    const now = clock.now();
    // A target whose data went stale without any failed poll still turns UNKNOWN.
    for (const w of deps.watched()) {
      const last = w.latest?.ts ?? null;
      if (last !== null && now - last > staleAfterMs(w.target.intervalMs, DEFAULT_RULES)) engine.observeStale(w.target, now);
    }
    engine.plan(now);
  };

  const jobs = [
    { id: 'alerts:tick', intervalMs: TICK_MS, initialDelayMs: TICK_MS, run: async () => tick() },
    { id: 'alerts:revision', intervalMs: REVISION_POLL_MS, initialDelayMs: REVISION_POLL_MS, run: async () => reloadIfChanged() },
    {
      id: 'alerts:checkpoint',
      intervalMs: CHECKPOINT_MS,
      initialDelayMs: CHECKPOINT_MS,
      run: async () => {
        engine.checkpoint();
        engine.refreshServices();
        refreshParents();
      },
    },
    { id: 'alerts:trim', intervalMs: TRIM_MS, initialDelayMs: TRIM_MS, run: async () => void store.alerts.trimTimelines(200) },
  ];
  for (const job of jobs) deps.scheduler.add(job);

  const targetOf = (id: string) => deps.watched().find((w) => w.target.id === id)?.target;
  const view = (a: LiveAlert) => {
    const target = targetOf(a.targetId);
    return toView(a, engine.rules.find((r) => r.id === a.ruleId), target, target ? engine.servicesOf(target) : []);
  };
  const requireAlert = (alertId: string) => {
    const a = engine.alerts.get(alertId);
    if (!a || stateOf(a) === null) throw new OpsError('NOT_FOUND', `There is no alert "${alertId}". It may have been resolved and removed; reload the Alerts screen.`);
    return a;
  };

  const methods: AlertsModule['methods'] = {
    async listAlerts() {
      return [...engine.visible(clock.now()).map(view), ...externalViews()].sort(compareViews);
    },
    async getAlert({ alertId }) {
      if (alertId.startsWith(EXTERNAL_ALERT_PREFIX)) {
        const v = externalViews().find((x) => x.id === alertId);
        if (!v) throw new OpsError('NOT_FOUND', `There is no alert "${alertId}". The source may have closed it; reload the Alerts screen.`);
        return { alert: v, timeline: [] };
      }
      const a = requireAlert(alertId);
      const timeline = store.alerts.timeline(alertId, 200).map((e) => ({ seq: e.seq, ts: e.ts, kind: e.kind as never, data: (e.data ?? {}) as Record<string, string | number | boolean | null> }));
      return { alert: view(a), timeline };
    },
    async acknowledgeAlert({ alertId, note, by }) {
      requireInternal(alertId);
      requireAlert(alertId);
      // The named responder when they are on the people list (free text is not trusted), else the OS user.
      const who = deps.incidents ? deps.incidents.forAlerts.actorName(by) : deps.user;
      const a = engine.acknowledge(alertId, who, note?.trim() ? note.trim() : null);
      if (!a) throw new OpsError('ALERT_NOT_FIRING', `The alert "${alertId}" is not firing, so there is nothing to acknowledge.`);
      return view(a);
    },
    async openIncidentFromAlert({ alertId }) {
      requireInternal(alertId);
      const a = requireAlert(alertId);
      if (a.incidentId && bridge()?.isActive(a.incidentId)) return { incidentId: a.incidentId };
      const target = targetOf(a.targetId);
      if (!target || !engine.servicesOf(target).length) throw new OpsError('INVALID_ARGUMENT', 'This alert\'s target belongs to no service. Add it to a service in the inventory, or open an incident by hand.');
      if (!deps.incidents) throw new OpsError('UNAVAILABLE', 'Incidents are not available in this engine.');
      return { incidentId: engine.openIncident(a) };
    },
    async listAlertRules() {
      return readRuleRecords(store, logger);
    },
    async saveAlertRule({ rule }) {
      const records = readRuleRecords(store, logger);
      const shipped = records.find((r) => r.rule.id === rule.id && (r.origin === 'default' || r.origin === 'override'));
      const now = clock.now();
      store.alerts.putRule({ id: rule.id, origin: shipped ? 'override' : 'user', rule, updatedAt: now });
      changed();
      return readRuleRecords(store, logger).find((r) => r.rule.id === rule.id)!;
    },
    async deleteAlertRule({ ruleId }) {
      if (!store.alerts.deleteRule(ruleId)) {
        const shipped = readRuleRecords(store, logger).find((r) => r.rule.id === ruleId);
        if (shipped) throw new OpsError('INVALID_ARGUMENT', `"${ruleId}" is a shipped rule; turn it off instead of deleting it.`);
        throw new OpsError('NOT_FOUND', `There is no rule "${ruleId}".`);
      }
      changed();
      return readRuleRecords(store, logger).find((r) => r.rule.id === ruleId) ?? null;
    },
    async previewAlertRule({ rule, targetId }) {
      const now = clock.now();
      deps.flush();
      const firings: Awaited<ReturnType<AlertsApi['previewAlertRule']>>['firings'] = [];
      let evaluated = 0;
      for (const w of deps.watched()) {
        if (targetId !== undefined && w.target.id !== targetId) continue;
        const scope = { id: w.target.id, kind: w.target.kind, serviceIds: engine.servicesOf(w.target) };
        if (!ruleAppliesTo(rule, scope) || rule.condition.kind === 'nodata' || rule.metric.startsWith('fs.fullIn:')) continue;
        const keys = [...Object.keys(w.latest?.metrics ?? {}), ...(w.latest?.filesystems ?? []).map((f) => `fs.used:${f.mount}`)].filter((k) => metricMatches(rule.metric, k));
        if (!keys.length) continue;
        const applied = applyRule({ ...rule, enabled: true }, scope, engine.settings);
        for (const key of keys) {
          evaluated += 1;
          // Minute averages for the older hours, the raw readings for the last one: a short `for`
          // is judged on what was really read.
          const intervals = previewFirings({ points: history(w.target.id, key, TIME_RANGES['24h']) }, applied.effective);
          if (intervals.length) firings.push({ targetId: w.target.id, targetName: w.target.name, seriesKey: key, count: intervals.length, intervals });
        }
      }
      return { firings, total: firings.reduce((n, f) => n + f.count, 0), from: now - TIME_RANGES['24h'], until: now, evaluatedSeries: evaluated };
    },
    async getAlertSettings() {
      return engine.settings;
    },
    async saveAlertSettings({ settings }) {
      store.setSetting(SETTINGS_KEY, settings);
      changed();
      return engine.settings;
    },
    async listSilences() {
      return [...engine.silences].sort((a, b) => b.endsAt - a.endsAt);
    },
    async saveSilence(input) {
      const now = clock.now();
      const startsAt = input.startsAt ?? now;
      if (input.endsAt <= Math.max(startsAt, now)) throw new OpsError('INVALID_ARGUMENT', 'A silence must end in the future and after it starts.');
      const existing = input.id ? engine.silences.find((s) => s.id === input.id) : undefined;
      const silence: Silence = {
        id: input.id ?? randomUUID().replace(/-/g, '').slice(0, 16),
        matcher: input.matcher,
        startsAt,
        endsAt: input.endsAt,
        reason: input.reason,
        createdBy: existing?.createdBy ?? deps.user,
        createdAt: existing?.createdAt ?? now,
      };
      store.alerts.putSilence(silence);
      changed();
      return silence;
    },
    async expireSilence({ silenceId }) {
      const s = engine.silences.find((x) => x.id === silenceId);
      if (!s) throw new OpsError('NOT_FOUND', `There is no silence "${silenceId}".`);
      const ended = { ...s, endsAt: Math.min(s.endsAt, clock.now()) };
      store.alerts.putSilence(ended);
      changed();
      return ended;
    },
    async listMaintenance() {
      return engine.maintenance.filter((m) => m.deletedAt === null);
    },
    async saveMaintenance(input) {
      const now = clock.now();
      const timeZone = input.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
      checkSchedule(input.schedule, timeZone);
      const existing = input.id ? engine.maintenance.find((m) => m.id === input.id) : undefined;
      const window: MaintenanceWindow = {
        id: input.id ?? randomUUID().replace(/-/g, '').slice(0, 16),
        name: input.name,
        schedule: input.schedule,
        timeZone,
        scope: input.scope,
        createdBy: existing?.createdBy ?? deps.user,
        createdAt: existing?.createdAt ?? now,
        deletedAt: null,
      };
      store.alerts.putMaintenance(window);
      changed();
      return window;
    },
    async deleteMaintenance({ maintenanceId }) {
      const m = engine.maintenance.find((x) => x.id === maintenanceId && x.deletedAt === null);
      if (!m) throw new OpsError('NOT_FOUND', `There is no maintenance window "${maintenanceId}".`);
      store.alerts.putMaintenance({ ...m, deletedAt: clock.now() });
      changed();
    },
    async exportAlertRules() {
      return { filename: 'opsdeck-rules.yaml', mime: 'application/yaml', content: await exportRulesText(store, channels, logger) };
    },
    async importAlertRules({ content }) {
      const result = await importRulesText(content, store, channels, logger, clock.now());
      revision = readRevision(store);
      engine.configure(readConfig(store, logger));
      deps.emit({ alertIds: [], config: true });
      return result;
    },
    async getDiskForecasts({ targetId }) {
      const w = deps.watched().find((x) => x.target.id === targetId);
      if (!w) throw new OpsError('UNKNOWN_TARGET', `No target "${targetId}" is being watched. Pick one from the overview.`);
      if (w.latest?.filesystems?.length && !forecaster.get(targetId).size) forecaster.refresh(w.latest, clock.now());
      return [...forecaster.get(targetId).values()];
    },
    async getBaselineBand({ targetId, key, range }) {
      if (!targetOf(targetId)) throw new OpsError('UNKNOWN_TARGET', `No target "${targetId}" is being watched. Pick one from the overview.`);
      const rule = engine.rules.find((r) => r.enabled && r.condition.kind === 'unusual' && metricMatches(r.metric, key));
      if (!rule || rule.condition.kind !== 'unusual') return null;
      deps.flush();
      const points = store.querySeries({ targetId, keys: [key], range }).series[0]?.points ?? [];
      return baselineBand(key, points, rule.condition);
    },
    async getIncidentHealth({ incidentId }) {
      const incident = deps.incidents?.forAlerts.get(incidentId) ?? null;
      if (!incident) throw new OpsError('NOT_FOUND', `There is no incident ${incidentId}.`);
      return incidentHealth(incidentId, incident.services, incident.hosts);
    },
  };

  function incidentHealth(incidentId: string, serviceIds: readonly string[], hostIds: readonly string[]): IncidentHealth {
    const now = clock.now();
    const watched = deps.watched();
    const statusOf = (w: WatchedTarget | undefined): HealthStatus => (w?.latest ? (now - w.latest.ts > staleAfterMs(w.target.intervalMs, DEFAULT_RULES) ? 'unknown' : w.latest.status) : 'unknown');
    const services = store.inventory
      .listServices()
      .filter((s) => serviceIds.includes(s.id))
      .map((s) => {
        const members = watched.filter((w) => s.hostIds.includes(w.target.id) || (w.target.parentId && s.hostIds.includes(w.target.parentId)));
        const targets = members.map((w) => ({ id: w.target.id, name: w.target.name, status: statusOf(w) }));
        const status = targets.reduce<HealthStatus>((worst, t) => (STATUS_SEVERITY[t.status] > STATUS_SEVERITY[worst] ? t.status : worst), 'ok');
        return { id: s.id, name: s.name, status, targets };
      });
    // Hosts named on the incident that belong to none of its services still show.
    for (const id of hostIds) {
      if (services.some((s) => s.targets.some((t) => t.id === id))) continue;
      const w = watched.find((x) => x.target.id === id);
      if (w) services.push({ id: `host:${id}`, name: w.target.name, status: statusOf(w), targets: [{ id, name: w.target.name, status: statusOf(w) }] });
    }
    const linked = [...engine.alerts.values()].filter((a) => a.incidentId === incidentId);
    const alerts = linked.map(view).sort(compareViews);
    const allResolved = linked.length > 0 && linked.every((a) => a.machine.phase === 'inactive' && a.resolvedAt !== null);
    const okSince = allResolved ? Math.max(...linked.map((a) => a.resolvedAt!)) : null;
    const confirmAfterMs = engine.settings.recoveryConfirmMs;
    return {
      incidentId,
      services,
      alerts,
      recovery: okSince === null ? null : { okSince, okForMs: now - okSince, confirmAfterMs, proposed: now - okSince >= confirmAfterMs },
    };
  }

  return {
    methods,
    engine,
    close() {
      stopPolls();
      for (const job of jobs) deps.scheduler.remove(job.id);
      try {
        engine.checkpoint();
      } catch (err) {
        logger.log('warn', 'alert-checkpoint-failed', { error: String(err) });
      }
    },
  };
}
