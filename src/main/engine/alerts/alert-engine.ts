// The alert engine: feeds every poll's readings through the pure alert machine (rules/), keeps
// one alert per rule x target x series, writes each lifecycle change durably with its timeline,
// decides with the pure planner what people are told, and hands notifications to the notifier.
// Runs in the engine's thread after each poll; never throws into a poll.
import type { AlertRule, AlertSettings, AlertsChangedEvent, MaintenanceWindow, Silence, SuppressionReason } from '../../../shared/alerts';
import type { HealthReason, Snapshot, Target } from '../../../shared/model';
import type { NotifiedService } from '../../../shared/notifications';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Notifier } from '../notify/notifier';
import { stepAlert, type Transition } from '../rules/alert-machine';
import { secondsUntilFull } from '../rules/disk-forecast';
import { planNotifications, type PlannerAlert } from '../rules/notification-plan';
import { applyRule, metricMatches, ruleAppliesTo, type TargetScope } from '../rules/rule-scope';
import type { AlertsStore, StoredTimelineEntry } from '../store/alerts-tables';
import type { StoredService } from '../store/inventory-tables';
import type { ChannelImporter } from './channel-import';
import { isWindowActive } from './maintenance-schedule';
import { buildNotification, type BuildContext } from './notification-builder';
import { alertIdOf, fromStored, newAlert, plannerStateOf, stateOf, toStored, type LiveAlert } from './live-alert';
import type { DiskForecast } from '../../../shared/alerts';

export interface WatchedTarget {
  target: Target;
  latest: Snapshot | null;
}

/** What one target's evaluation changed, written and announced by settle(). */
interface EvaluationStep {
  target: Target;
  changed: LiveAlert[];
  entries: StoredTimelineEntry[];
  fired: LiveAlert[];
}

/** One target's poll as the alert engine hears it; a data source's hosts arrive as one batch. */
export interface PolledTarget {
  target: Target;
  snapshot: Snapshot;
  fresh: boolean;
}

/** What the incident side offers the alert engine (engine/incidents, wired in alerts-module). */
export interface IncidentBridge {
  /** Opens an incident for a critical alert, stage 1 filled in; returns its id. */
  open(input: IncidentFromAlert): string;
  /** The incident is still active (not resolved or closed). */
  isActive(incidentId: string): boolean;
  roleHolder(incidentId: string, role: string): string | null;
}

export interface IncidentFromAlert {
  alertId: string;
  serviceId: string;
  targetId: string;
  targetName: string;
  ruleId: string;
  ruleLabel: string | null;
  metric: string | null;
  value: number | null;
  threshold: number | null;
  firingSince: number;
  description: string | null;
  snapshot: Snapshot | null;
}

export interface AlertEngineDeps {
  store: AlertsStore;
  clock: Clock;
  logger: Logger;
  notifier: Notifier;
  channels: ChannelImporter;
  targets(): WatchedTarget[];
  services(): StoredService[];
  /** The target this one is reached through or runs on (a jump host, a database's server). */
  parentOf(target: Target): string | null;
  glossaryLine(id: string): { ko: string; en: string } | null;
  link(alertId: string): string | null;
  forecasts(targetId: string): ReadonlyMap<string, DiskForecast>;
  incidents(): IncidentBridge | null;
  emit(event: AlertsChangedEvent): void;
}

export interface AlertConfig {
  rules: AlertRule[];
  settings: AlertSettings;
  silences: Silence[];
  maintenance: MaintenanceWindow[];
}

/** Alerts with this many timeline entries lose their oldest ones. */
export const TIMELINE_KEEP = 200;
/** Resolved alerts stay on the Alerts screen this long. */
export const RESOLVED_VISIBLE_MS = 24 * 3_600_000;

const TRANSITION_DATA = (t: Transition): StoredTimelineEntry['data'] => {
  const { kind: _k, ts: _t, ...data } = t;
  return data;
};

export class AlertEngine {
  readonly alerts = new Map<string, LiveAlert>();
  /** The same alerts by target: a poll looks at its own target's alerts, not at the whole fleet's. */
  private byTarget = new Map<string, LiveAlert[]>();
  private config: AlertConfig;
  private batches = new Map<string, number>();
  private serviceIndex = new Map<string, string[]>();
  private servicesById = new Map<string, StoredService>();

  constructor(
    private readonly deps: AlertEngineDeps,
    config: AlertConfig,
  ) {
    this.config = config;
    this.refreshServices();
    const seqs = deps.store.lastTimelineSeqs();
    for (const row of deps.store.loadAlerts()) {
      const alert = fromStored(row, seqs.get(row.id) ?? 0);
      if (alert) this.track(alert);
      else deps.logger.log('warn', 'alert-row-skipped', { id: row.id });
    }
  }

  get settings(): AlertSettings {
    return this.config.settings;
  }

  get rules(): readonly AlertRule[] {
    return this.config.rules;
  }

  get silences(): readonly Silence[] {
    return this.config.silences;
  }

  get maintenance(): readonly MaintenanceWindow[] {
    return this.config.maintenance;
  }

  /** New rules, settings, silences or windows. Alerts of a removed or disabled rule resolve. */
  configure(config: AlertConfig): void {
    this.config = config;
    const now = this.deps.clock.now();
    const live = new Set(config.rules.filter((r) => r.enabled).map((r) => r.id));
    const changes: LiveAlert[] = [];
    const entries: StoredTimelineEntry[] = [];
    for (const a of this.alerts.values()) {
      if (live.has(a.ruleId) || a.machine.phase === 'inactive') continue;
      const wasFiring = a.machine.phase === 'firing' || a.machine.phase === 'unknown';
      a.machine = { ...a.machine, phase: 'inactive', activeSince: null, recoveringSince: null };
      if (wasFiring) a.resolvedAt = now;
      entries.push(this.entry(a, now, 'resolved', { reason: 'rule-removed' }));
      changes.push(a);
    }
    this.persist(changes, entries, true);
    this.plan(now);
  }

  refreshServices(): void {
    this.serviceIndex.clear();
    this.servicesById.clear();
    for (const s of this.deps.services()) {
      this.servicesById.set(s.id, s);
      for (const h of s.hostIds) this.serviceIndex.set(h, [...(this.serviceIndex.get(h) ?? []), s.id]);
    }
  }

  /** The services a target belongs to, itself or through the host it runs on. */
  servicesOf(target: Target): string[] {
    const own = this.serviceIndex.get(target.id) ?? [];
    const parent = target.parentId ? (this.serviceIndex.get(target.parentId) ?? []) : [];
    return [...new Set([...own, ...parent])];
  }

  service(id: string): NotifiedService | null {
    const s = this.servicesById.get(id);
    return s ? { id: s.id, name: s.name, owner: s.owner, contact: s.contact } : null;
  }

  private track(alert: LiveAlert): void {
    this.alerts.set(alert.id, alert);
    const list = this.byTarget.get(alert.targetId);
    if (list) list.push(alert);
    else this.byTarget.set(alert.targetId, [alert]);
  }

  /** One poll of one target: every applicable rule steps once. */
  observe(target: Target, snapshot: Snapshot, fresh: boolean): void {
    this.observeAll([{ target, snapshot, fresh }]);
  }

  /**
   * Polls that landed together (a data source's 5,000 hosts): each target's rules step, then the
   * planner runs once. The planner looks at every alert, so running it per host was quadratic.
   */
  observeAll(polls: readonly PolledTarget[]): void {
    const steps: EvaluationStep[] = [];
    for (const { target, snapshot, fresh } of polls) {
      try {
        // A failed poll's snapshot keeps the last good reading's time; the failure happened now.
        steps.push(this.evaluate(target, fresh ? snapshot.ts : this.deps.clock.now(), this.readings(target, snapshot, fresh)));
      } catch (err) {
        this.deps.logger.log('error', 'alert-evaluation-failed', { targetId: target.id, error: String(err) });
      }
    }
    try {
      this.settle(steps);
      this.plan(this.deps.clock.now());
    } catch (err) {
      this.deps.logger.log('error', 'alert-evaluation-failed', { error: String(err) });
    }
  }

  /** Targets whose data went stale without a failed poll (a hung scheduler, a removed host). */
  observeStale(target: Target, now: number): void {
    try {
      this.settle([this.evaluate(target, now, { missing: true, values: new Map() })]);
    } catch (err) {
      this.deps.logger.log('error', 'alert-evaluation-failed', { targetId: target.id, error: String(err) });
    }
  }

  private readings(target: Target, snapshot: Snapshot, fresh: boolean): { missing: boolean; values: Map<string, number | null> } {
    const values = new Map<string, number | null>();
    const down = snapshot.reasons.some((r: HealthReason) => r.code === 'DOWN');
    values.set('target.down', down ? 1 : 0);
    if (!fresh) return { missing: !down, values };
    for (const [k, v] of Object.entries(snapshot.metrics)) values.set(k, v ?? null);
    for (const fs of snapshot.filesystems ?? []) values.set(`fs.used:${fs.mount}`, fs.usedPercent);
    for (const [mount, f] of this.deps.forecasts(target.id)) values.set(`fs.fullIn:${mount}`, secondsUntilFull(f, snapshot.ts));
    return { missing: false, values };
  }

  /** One durable write for a whole batch (one per host was a disk sync per host), then fired alerts, then one event. */
  private settle(steps: readonly EvaluationStep[]): void {
    this.persist(steps.flatMap((s) => s.changed), steps.flatMap((s) => s.entries), true);
    for (const s of steps) for (const a of s.fired) this.onFired(a, s.target);
    const alertIds = steps.flatMap((s) => s.changed.map((a) => a.id));
    if (alertIds.length) this.deps.emit({ alertIds, config: false });
  }

  private evaluate(target: Target, ts: number, r: { missing: boolean; values: Map<string, number | null> }): EvaluationStep {
    const scope: TargetScope = { id: target.id, kind: target.kind, serviceIds: this.servicesOf(target) };
    const changed: LiveAlert[] = [];
    const entries: StoredTimelineEntry[] = [];
    const fired: LiveAlert[] = [];
    for (const rule of this.config.rules) {
      if (!rule.enabled || !ruleAppliesTo(rule, scope)) continue;
      const applied = applyRule(rule, scope, this.config.settings);
      const keys: Array<string | null> = [];
      if (rule.condition.kind === 'nodata') keys.push(null);
      else {
        // A target without data freezes its series alerts; the nodata rule speaks for it.
        if (r.missing) continue;
        for (const key of r.values.keys()) if (key !== 'target.down' || rule.metric === 'target.down') if (metricMatches(rule.metric, key)) keys.push(key);
        // Series that existed and vanished (an unmounted filesystem) get a missing reading.
        for (const a of this.byTarget.get(target.id) ?? []) if (a.ruleId === rule.id && a.seriesKey && !r.values.has(a.seriesKey) && a.machine.phase !== 'inactive') keys.push(a.seriesKey);
      }
      for (const key of keys) {
        const id = alertIdOf(rule.id, target.id, key);
        let alert = this.alerts.get(id);
        const value = key === null ? (r.missing ? 1 : 0) : (r.values.get(key) ?? null);
        if (!applied.enabled) {
          if (!alert || alert.machine.phase === 'inactive') continue;
        }
        if (!alert) {
          // Only readings that could start something create an alert (a quiet series needs no row).
          alert = newAlert(rule.id, target.id, key, applied.severity);
          this.track(alert);
        }
        alert.severity = applied.severity;
        const c = applied.effective.condition;
        alert.threshold = c.kind === 'threshold' ? c.threshold : c.kind === 'unusual' ? c.deviations : null;
        alert.direction = c.kind === 'threshold' ? c.direction : null;
        const effective = applied.enabled ? applied.effective : { ...applied.effective, condition: { kind: 'nodata' as const } };
        const step = stepAlert(alert.machine, { ts, value: applied.enabled ? value : 0 }, effective);
        alert.machine = step.state;
        if (key?.startsWith('fs.fullIn:')) this.forecastDetail(alert, target.id, key.slice('fs.fullIn:'.length));
        if (!step.transitions.length) {
          if (alert.stored || alert.machine.phase !== 'inactive' || alert.machine.baseline) alert.dirty = true;
          continue;
        }
        for (const t of step.transitions) {
          if (t.kind === 'firing' && !t.resumed) {
            alert.resolvedAt = null;
            alert.acknowledgedAt = null;
            alert.acknowledgedBy = null;
            alert.ackNote = null;
            alert.incidentId = null;
            alert.incidentProposed = false;
            fired.push(alert);
          }
          if (t.kind === 'resolved') alert.resolvedAt = t.ts;
          entries.push(this.entry(alert, t.ts, t.kind, TRANSITION_DATA(t)));
        }
        changed.push(alert);
      }
    }
    return { target, changed, entries, fired };
  }

  private forecastDetail(alert: LiveAlert, targetId: string, mount: string): void {
    const f = this.deps.forecasts(targetId).get(mount);
    alert.detail = f?.fullAt ? { mount, fullAt: f.fullAt, hoursUntilFull: Math.round(((f.fullAt - (alert.machine.lastTs ?? f.fittedUntil)) / 3_600_000) * 10) / 10, slopePerHour: Math.round(f.slopePerHour * 100) / 100 } : { mount, fullAt: null };
  }

  /** A newly firing critical alert on a service opens or proposes an incident (a setting). */
  private onFired(alert: LiveAlert, target: Target): void {
    const policy = this.config.settings.incidentPolicy;
    if (policy === 'off' || alert.severity !== 'critical') return;
    const serviceId = this.servicesOf(target)[0];
    if (!serviceId) return;
    const now = this.deps.clock.now();
    const bridge = this.deps.incidents();
    // Another alert of the same service already has an active incident: join it.
    const open = [...this.alerts.values()].find((a) => a !== alert && a.incidentId && this.groupOf(a) === serviceId && bridge?.isActive(a.incidentId));
    if (open?.incidentId) {
      alert.incidentId = open.incidentId;
      this.persist([alert], [this.entry(alert, now, 'incident-opened', { incidentId: open.incidentId, joined: true })], true);
      return;
    }
    if (policy === 'propose' || !bridge) {
      alert.incidentProposed = true;
      this.persist([alert], [this.entry(alert, now, 'incident-proposed', { serviceId })], true);
      return;
    }
    this.openIncident(alert);
  }

  /** Opens the incident for an alert (policy open, or a person accepting the proposal). */
  openIncident(alert: LiveAlert): string {
    const bridge = this.deps.incidents();
    const target = this.deps.targets().find((t) => t.target.id === alert.targetId);
    const serviceId = target ? this.servicesOf(target.target)[0] : undefined;
    if (!bridge || !serviceId) throw Object.assign(new Error('no incident bridge or service'), { code: 'UNAVAILABLE' });
    const existing = [...this.alerts.values()].find((a) => a.incidentId && this.groupOf(a) === serviceId && bridge.isActive(a.incidentId));
    const rule = this.config.rules.find((r) => r.id === alert.ruleId);
    const incidentId =
      existing?.incidentId ??
      bridge.open({
        alertId: alert.id,
        serviceId,
        targetId: alert.targetId,
        targetName: target?.target.name ?? alert.targetId,
        ruleId: alert.ruleId,
        ruleLabel: rule?.label ?? null,
        metric: alert.seriesKey,
        value: alert.machine.lastValue,
        threshold: alert.threshold,
        firingSince: alert.machine.firingSince ?? this.deps.clock.now(),
        description: rule?.description ?? null,
        snapshot: target?.latest ?? null,
      });
    alert.incidentId = incidentId;
    alert.incidentProposed = false;
    this.persist([alert], [this.entry(alert, this.deps.clock.now(), 'incident-opened', { incidentId, joined: existing !== undefined })], true);
    this.deps.emit({ alertIds: [alert.id], config: false });
    return incidentId;
  }

  acknowledge(alertId: string, by: string, note: string | null): LiveAlert | null {
    const a = this.alerts.get(alertId);
    if (!a || (a.machine.phase !== 'firing' && a.machine.phase !== 'unknown')) return null;
    const now = this.deps.clock.now();
    a.acknowledgedAt = now;
    a.acknowledgedBy = by;
    a.ackNote = note;
    this.persist([a], [this.entry(a, now, 'acknowledged', { by, note })], true);
    this.plan(now);
    this.deps.emit({ alertIds: [a.id], config: false });
    return a;
  }

  groupOf(a: LiveAlert, watched?: ReadonlyMap<string, WatchedTarget>): string {
    const t = watched ? watched.get(a.targetId)?.target : this.deps.targets().find((w) => w.target.id === a.targetId)?.target;
    return (t && this.servicesOf(t)[0]) ?? 'none';
  }

  /** Why an alert may not be sent right now (maintenance, a silence, a down parent), or null. */
  suppressionOf(a: LiveAlert, now: number, watched: Map<string, WatchedTarget>): PlannerAlert['suppressedBy'] {
    const target = watched.get(a.targetId)?.target;
    const services = target ? this.servicesOf(target) : [];
    const parent = target ? this.deps.parentOf(target) : null;
    for (const w of this.config.maintenance) {
      if (w.deletedAt !== null) continue;
      const { targets, services: ss, rules } = w.scope;
      const everything = !targets.length && !ss.length && !rules.length;
      const hit = everything || targets.includes(a.targetId) || (parent !== null && targets.includes(parent)) || ss.some((s) => services.includes(s)) || rules.includes(a.ruleId);
      if (hit && isWindowActive(w, now)) return 'maintenance';
    }
    for (const s of this.config.silences) {
      if (s.startsAt > now || s.endsAt <= now) continue;
      const m = s.matcher;
      if (m.ruleId !== undefined && m.ruleId !== a.ruleId) continue;
      if (m.targetId !== undefined && m.targetId !== a.targetId) continue;
      if (m.serviceId !== undefined && !services.includes(m.serviceId)) continue;
      if (m.severity !== undefined && m.severity !== a.severity) continue;
      return 'silenced';
    }
    if (parent !== null && this.isDown(parent, watched, now, 0)) return 'unreachable';
    return null;
  }

  /** A target counts as down when its nodata or down alert is pending or firing, or its poll failed. */
  private isDown(targetId: string, watched: Map<string, WatchedTarget>, now: number, depth: number): boolean {
    if (depth > 4) return false;
    const w = watched.get(targetId);
    if (!w) return false;
    const failed = w.latest?.reasons.some((r) => r.code === 'COLLECT_FAILED' || r.code === 'DOWN') ?? false;
    const stale = w.latest ? now - w.latest.ts > Math.max(10_000, 3 * w.target.intervalMs) : true;
    if (failed || stale) return true;
    const parent = this.deps.parentOf(w.target);
    return parent !== null && this.isDown(parent, watched, now, depth + 1);
  }

  /** Runs the planner and sends what it decided. */
  plan(now: number): void {
    const watched = new Map(this.deps.targets().map((w) => [w.target.id, w]));
    const candidates: PlannerAlert[] = [];
    const byId = new Map<string, LiveAlert>();
    for (const a of this.alerts.values()) {
      if (a.machine.phase === 'inactive' && a.mark.announced === 'none' && a.mark.lastSuppression === null) {
        a.suppressed = null;
        continue;
      }
      const suppressedBy = this.suppressionOf(a, now, watched);
      byId.set(a.id, a);
      candidates.push({
        id: a.id,
        group: this.groupOf(a, watched),
        severity: a.severity,
        state: plannerStateOf(a),
        firingSince: a.machine.firingSince,
        evaluations: a.machine.evaluations,
        flapping: a.machine.flap.flapping,
        inhibitKey: `${a.targetId}|${a.seriesKey ?? '*'}`,
        suppressedBy,
        mark: a.mark,
      });
    }
    if (!candidates.length && !this.batches.size) return;
    const s = this.config.settings;
    const result = planNotifications(now, candidates, this.batches, {
      groupWaitMs: s.groupWaitMs,
      repeatIntervalMs: s.repeatIntervalMs,
      escalateAfterMs: s.escalateAfterMs,
      escalationLevels: Math.max(0, s.escalation.length - 1),
    });
    this.batches = result.batches;
    const changed = new Set<LiveAlert>();
    const entries: StoredTimelineEntry[] = [];
    for (const [id, mark] of result.marks) {
      const a = byId.get(id)!;
      a.mark = mark;
      changed.add(a);
    }
    for (const c of candidates) byId.get(c.id)!.suppressed = byId.get(c.id)!.mark.lastSuppression;
    for (const { alertId, reason } of result.suppressed) entries.push(this.entry(byId.get(alertId)!, now, 'suppressed', { reason }));
    const ctx = this.buildContext(now, watched);
    for (const planned of result.notifications) {
      // Belt and braces: an alert in maintenance is never in a notification, whatever planned it.
      const members = planned.alertIds.map((id) => byId.get(id)!).filter((a) => this.suppressionOf(a, now, watched) !== 'maintenance');
      for (const [channels, list] of this.byChannels(members)) {
        const notification = buildNotification({ ...planned, alertIds: list.map((a) => a.id) }, list, ctx);
        for (const a of list) {
          entries.push(this.entry(a, now, planned.event === 'escalated' ? 'escalated' : 'notified', { event: planned.event, notificationId: notification.id, level: planned.escalationLevel }));
          changed.add(a);
        }
        try {
          this.deps.notifier.notify(notification, channels === null ? null : this.deps.channels.resolveChannelIds(channels));
        } catch (err) {
          this.deps.logger.log('error', 'notify-failed', { id: notification.id, error: String(err) });
        }
        this.deps.logger.log('info', 'alert-notification', { id: notification.id, event: planned.event, group: planned.group, alerts: list.length });
      }
    }
    this.persist([...changed], entries, true);
  }

  /** Alerts split by the channel list of their rules (null: every channel). */
  private byChannels(list: readonly LiveAlert[]): Map<string[] | null, LiveAlert[]> {
    const keyed = new Map<string, { channels: string[] | null; alerts: LiveAlert[] }>();
    for (const a of list) {
      const channels = this.config.rules.find((r) => r.id === a.ruleId)?.channels ?? null;
      const key = channels === null ? '*' : JSON.stringify([...channels].sort());
      const slot = keyed.get(key) ?? { channels, alerts: [] };
      slot.alerts.push(a);
      keyed.set(key, slot);
    }
    return new Map([...keyed.values()].map((v) => [v.channels, v.alerts]));
  }

  private buildContext(now: number, watched: Map<string, WatchedTarget>): BuildContext {
    const bridge = this.deps.incidents();
    return {
      now,
      settings: this.config.settings,
      rule: (id) => this.config.rules.find((r) => r.id === id),
      target: (id) => watched.get(id)?.target,
      service: (id) => this.service(id),
      roleHolder: (incidentId, role) => (incidentId && bridge ? bridge.roleHolder(incidentId, role) : null),
      glossaryLine: (id) => this.deps.glossaryLine(id),
      link: (id) => this.deps.link(id),
    };
  }

  entry(a: LiveAlert, ts: number, kind: string, data: StoredTimelineEntry['data']): StoredTimelineEntry {
    a.lastSeq += 1;
    return { alertId: a.id, seq: a.lastSeq, ts, kind, data };
  }

  persist(alerts: readonly LiveAlert[], entries: readonly StoredTimelineEntry[], durable: boolean): void {
    if (!alerts.length && !entries.length) return;
    const now = this.deps.clock.now();
    this.deps.store.writeAlerts((w) => {
      for (const a of alerts) {
        w.putAlert(toStored(a, now));
        a.stored = true;
        a.dirty = false;
      }
      for (const e of entries) w.appendTimeline(e);
    }, durable);
  }

  /** Writes evaluation state that changed without a lifecycle change (recovery clocks, baselines). */
  checkpoint(): void {
    const dirty = [...this.alerts.values()].filter((a) => a.dirty);
    if (dirty.length) this.persist(dirty, [], false);
  }

  /** Alerts a person should see: not OK, or resolved within the last day. */
  visible(now: number): LiveAlert[] {
    return [...this.alerts.values()].filter((a) => {
      const state = stateOf(a);
      if (state === null) return false;
      return state !== 'resolved' || (a.resolvedAt !== null && now - a.resolvedAt < RESOLVED_VISIBLE_MS);
    });
  }

  suppressionReasonOf(a: LiveAlert): SuppressionReason | null {
    return a.suppressed;
  }
}
