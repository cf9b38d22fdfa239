// Alerts as plain data: rules over any series, the alert lifecycle with its timeline, silences,
// maintenance windows and the notification settings. Everything here crosses the contract as
// JSON; the argument schemas live in contract/alerts-schemas.ts, the file format in the engine.
import type { HealthStatus, SeriesKey, TargetId, TargetKind } from './model';
import type { ExternalAlertInfo } from './external-alerts';
import type { AlertSeverity } from './notifications';

export type { AlertSeverity };
export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['critical', 'warning', 'info'];
/** Worst first, as the Alerts screen sorts. */
export const SEVERITY_RANK: Record<AlertSeverity, number> = { critical: 2, warning: 1, info: 0 };

/**
 * What a rule looks for in its series.
 * - threshold: above or below a value, with an optional separate recovery value (hysteresis).
 * - unusual: further from the series' own baseline (EWMA mean) than `deviations` spreads.
 * - nodata: the target's collection fails or its data is stale (the UNKNOWN state).
 */
export type RuleCondition =
  | { kind: 'threshold'; direction: 'above' | 'below'; threshold: number; recovery: number | null }
  | { kind: 'unusual'; deviations: number; halfLifeMs: number; warmupSamples: number }
  | { kind: 'nodata' };

/** A narrower version of a rule for one service or one target (the most specific one wins). */
export interface RuleOverride {
  /** Exactly one of target and service. */
  target?: TargetId;
  service?: string;
  enabled?: boolean;
  threshold?: number;
  recovery?: number | null;
  forMs?: number;
  severity?: AlertSeverity;
}

export interface AlertRule {
  /** Unique, as written in a rules file: letters, digits, . _ - */
  id: string;
  /** A person's label for the rule; null for the shipped rules, which the UI names itself. */
  label: string | null;
  /**
   * The series: a key such as `mem.used` or `fs.used:/`, a prefix pattern such as `fs.used:*`
   * (every filesystem), or `*` for nodata rules. Derived series: `fs.fullIn:<mount>` (seconds
   * until the filesystem is full, from the forecast).
   */
  metric: string;
  condition: RuleCondition;
  /** How long the condition must hold before the alert fires (pending until then). */
  forMs: number;
  /** How long the value must stay recovered before the alert resolves. */
  recoverForMs: number;
  /** Keeps firing this long after the condition was last met. */
  keepFiringForMs: number;
  severity: AlertSeverity;
  /** Empty lists: every target that has the metric. */
  targets: TargetId[];
  services: string[];
  kinds: TargetKind[];
  /** Channel names to notify; null: every channel. */
  channels: string[] | null;
  enabled: boolean;
  /** The suspected cause and what to look at, in the person's words (stage 1 of an incident). */
  description: string | null;
  overrides: RuleOverride[];
}

export type RuleOrigin = 'default' | 'user' | 'override';

export interface RuleRecord {
  rule: AlertRule;
  /** default: shipped; user: the organisation's own; override: the organisation's version of a shipped rule. */
  origin: RuleOrigin;
  updatedAt: number | null;
}

/** The lifecycle a person sees. `unknown`: no data or collection failures, never OK. */
export type AlertState = 'pending' | 'firing' | 'acknowledged' | 'resolved' | 'unknown';

/** Why a firing alert is not being sent. */
export type SuppressionReason = 'maintenance' | 'silenced' | 'flapping' | 'unreachable' | 'inhibited';

export type AlertTimelineKind =
  | 'pending'
  | 'firing'
  | 'acknowledged'
  | 'unknown'
  | 'resolved'
  | 'back-to-ok'
  | 'notified'
  | 'suppressed'
  | 'escalated'
  | 'flapping-started'
  | 'flapping-stopped'
  | 'unreachable'
  | 'incident-opened'
  | 'incident-proposed';

export interface AlertTimelineEntry {
  seq: number;
  ts: number;
  kind: AlertTimelineKind;
  /** Codes and values, never sentences: the renderer words them. */
  data: Record<string, string | number | boolean | null>;
}

export interface AlertView {
  id: string;
  ruleId: string;
  ruleLabel: string | null;
  severity: AlertSeverity;
  state: AlertState;
  target: { id: TargetId; name: string; kind: TargetKind };
  /** The series the alert watches; null for nodata alerts. */
  seriesKey: SeriesKey | null;
  /** 'external': raised by a data source (see `external`), not by an OpsDeck rule. */
  conditionKind: RuleCondition['kind'] | 'external';
  value: number | null;
  threshold: number | null;
  direction: 'above' | 'below' | null;
  /** Pending since, or the first reading of this episode. */
  activeSince: number;
  firingSince: number | null;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  note: string | null;
  resolvedAt: number | null;
  lastEvaluatedAt: number;
  serviceIds: string[];
  /** Why it is not being sent right now, if it is not. */
  suppressed: SuppressionReason | null;
  flapping: boolean;
  /** Weighted share of state changes over the last 21 evaluations, 0-100. */
  flapPercent: number;
  escalationLevel: number;
  incidentId: string | null;
  /** The engine suggests opening an incident (the setting says propose, not open). */
  incidentProposed: boolean;
  /** Forecast alerts: when the filesystem is expected to be full. */
  detail: Record<string, string | number | null>;
  /** Alerts from a data source (a Zabbix problem...): where it came from, as the source says it. */
  external?: ExternalAlertInfo;
}

export interface AlertDetail {
  alert: AlertView;
  timeline: AlertTimelineEntry[];
}

export interface AlertsChangedEvent {
  alertIds: string[];
  /** Rules, silences, maintenance or settings changed (the settings screen reloads). */
  config: boolean;
}

/** Matches alerts by rule, target, service and severity; an absent field matches everything. */
export interface SilenceMatcher {
  ruleId?: string;
  targetId?: TargetId;
  serviceId?: string;
  severity?: AlertSeverity;
}

export interface Silence {
  id: string;
  matcher: SilenceMatcher;
  startsAt: number;
  endsAt: number;
  reason: string;
  createdBy: string;
  createdAt: number;
}

export type MaintenanceSchedule =
  | { kind: 'once'; startsAt: number; endsAt: number }
  /** days: 0 = Sunday ... 6 = Saturday; time 'HH:MM' in the window's time zone. */
  | { kind: 'weekly'; days: number[]; time: string; durationMs: number }
  /** dayOfMonth 1-31 (a month without that day has no window). */
  | { kind: 'monthly'; dayOfMonth: number; time: string; durationMs: number }
  | { kind: 'cron'; expression: string; durationMs: number };

export interface MaintenanceScope {
  targets: TargetId[];
  services: string[];
  rules: string[];
}

export interface MaintenanceWindow {
  id: string;
  name: string;
  schedule: MaintenanceSchedule;
  timeZone: string;
  /** Empty lists everywhere: the whole installation. */
  scope: MaintenanceScope;
  createdBy: string;
  createdAt: number;
  /** Set when removed: kept so past availability still counts it. */
  deletedAt: number | null;
}

export type IncidentPolicy = 'open' | 'propose' | 'off';

/** One step of escalation: who is told when an alert stays unacknowledged. */
export type EscalationTarget = { kind: 'service-owner' } | { kind: 'incident-role'; role: 'commander' | 'communications' | 'scribe' } | { kind: 'person'; name: string; contact: string };

export interface AlertSettings {
  /** Alerts of one service that start within this time go out in one notification. */
  groupWaitMs: number;
  /** A still-firing, unacknowledged alert is sent again this often. */
  repeatIntervalMs: number;
  /** Unacknowledged this long after firing: the next escalation level is told. */
  escalateAfterMs: number;
  escalation: EscalationTarget[];
  incidentPolicy: IncidentPolicy;
  /** Alerts of an incident OK this long: stage 4's "recovery confirmed" is proposed. */
  recoveryConfirmMs: number;
  /** Flap detection in Icinga's manner (percent of weighted state changes over 21 evaluations). */
  flapStartPercent: number;
  flapStopPercent: number;
  /** A target with no data this long is UNKNOWN (the nodata rules' default `for`). */
  noDataAfterMs: number;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  groupWaitMs: 30_000,
  repeatIntervalMs: 4 * 3_600_000,
  escalateAfterMs: 15 * 60_000,
  escalation: [{ kind: 'service-owner' }, { kind: 'incident-role', role: 'commander' }],
  incidentPolicy: 'propose',
  recoveryConfirmMs: 10 * 60_000,
  flapStartPercent: 30,
  flapStopPercent: 25,
  noDataAfterMs: 60_000,
};

/** A derived series of the disk-full forecast: seconds until the filesystem is full. */
export function fullInSeriesKey(mount: string): SeriesKey {
  return `fs.fullIn:${mount}`;
}

/** The forecast of one filesystem, for the host page's disk chart and the forecast rule. */
export interface DiskForecast {
  mount: string;
  /** Percent per hour from a Theil–Sen fit; <= 0 means not filling. */
  slopePerHour: number;
  /** The fitted line at `fittedUntil` (percent). */
  valueAtEnd: number;
  fittedFrom: number;
  fittedUntil: number;
  points: number;
  /** When the line reaches 100 %; null when not filling. */
  fullAt: number | null;
}

/** The baseline band of one series (mean ± deviations × spread), for charts. */
export interface BaselineBand {
  key: SeriesKey;
  deviations: number;
  points: Array<[number, number | null, number | null]>;
}

export interface RulePreview {
  /** How many times the rule would have fired over the window, per target. */
  firings: Array<{ targetId: TargetId; targetName: string; seriesKey: SeriesKey | null; count: number; intervals: Array<[number, number | null]> }>;
  total: number;
  from: number;
  until: number;
  /** Targets and series it was tried on. */
  evaluatedSeries: number;
}

export interface RulesFileResult {
  rules: { added: string[]; updated: string[]; unchanged: string[] };
  channels: { imported: string[]; skipped: Array<{ name: string; reason: string }> };
}

/** A problem in a rules file, with the line it is on (1-based), for the person to fix. */
export interface RulesFileIssue {
  line: number | null;
  path: string;
  message: string;
}

/** Live health of the services an incident is about, and the recovery proposal (stage 4). */
export interface IncidentHealth {
  incidentId: string;
  services: Array<{ id: string; name: string; status: HealthStatus; targets: Array<{ id: TargetId; name: string; status: HealthStatus }> }>;
  alerts: AlertView[];
  /** All alerts of the incident resolved and OK for the set time: propose "recovery confirmed". */
  recovery: { okSince: number; okForMs: number; confirmAfterMs: number; proposed: boolean } | null;
}
