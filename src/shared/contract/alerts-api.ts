// Alerts: the alerts that are firing, pending, acknowledged or silenced, and everything that
// shapes them (rules, silences, maintenance windows, notification settings, rules files), plus
// the forecasts and baselines the host charts draw and the live health an incident room shows.
import type {
  AlertDetail,
  AlertRule,
  AlertSettings,
  AlertsChangedEvent,
  AlertView,
  BaselineBand,
  DiskForecast,
  IncidentHealth,
  MaintenanceWindow,
  MaintenanceSchedule,
  MaintenanceScope,
  RulePreview,
  RuleRecord,
  RulesFileResult,
  Silence,
  SilenceMatcher,
} from '../alerts';
import type { TargetId, TimeRange } from '../model';
import { defineService, type Unsubscribe } from './define';

export interface SilenceInput {
  /** Absent to add one. */
  id?: string;
  matcher: SilenceMatcher;
  /** Defaults to now. */
  startsAt?: number;
  endsAt: number;
  reason: string;
}

export interface MaintenanceInput {
  id?: string;
  name: string;
  schedule: MaintenanceSchedule;
  timeZone?: string;
  scope: MaintenanceScope;
}

export interface RulesExportFile {
  filename: string;
  mime: string;
  content: string;
}

export interface AlertsApi {
  /** Every alert that is not OK, and those resolved in the last 24 h; worst first. */
  listAlerts(): Promise<AlertView[]>;
  getAlert(args: { alertId: string }): Promise<AlertDetail>;
  /** Marks a firing alert as taken: it is not sent again and not escalated. */
  acknowledgeAlert(args: { alertId: string; note?: string; by?: string }): Promise<AlertView>;
  /** Opens the incident the engine proposed for this alert (or links the service's open one). */
  openIncidentFromAlert(args: { alertId: string }): Promise<{ incidentId: string }>;

  listAlertRules(): Promise<RuleRecord[]>;
  saveAlertRule(args: { rule: AlertRule }): Promise<RuleRecord>;
  /** Deletes the organisation's rule, or its version of a shipped one (the shipped one returns). */
  deleteAlertRule(args: { ruleId: string }): Promise<RuleRecord | null>;
  /** Runs a rule over the stored history of the last 24 h: how often would it have fired? */
  previewAlertRule(args: { rule: AlertRule; targetId?: TargetId }): Promise<RulePreview>;

  getAlertSettings(): Promise<AlertSettings>;
  saveAlertSettings(args: { settings: AlertSettings }): Promise<AlertSettings>;

  listSilences(): Promise<Silence[]>;
  saveSilence(args: SilenceInput): Promise<Silence>;
  /** Ends a silence now (kept in the list as ended). */
  expireSilence(args: { silenceId: string }): Promise<Silence>;

  listMaintenance(): Promise<MaintenanceWindow[]>;
  saveMaintenance(args: MaintenanceInput): Promise<MaintenanceWindow>;
  deleteMaintenance(args: { maintenanceId: string }): Promise<void>;

  /** The rules (and channels) as a YAML file. Channel settings may name addresses: operators only. */
  exportAlertRules(): Promise<RulesExportFile>;
  importAlertRules(args: { content: string }): Promise<RulesFileResult>;

  getDiskForecasts(args: { targetId: TargetId }): Promise<DiskForecast[]>;
  getBaselineBand(args: { targetId: TargetId; key: string; range: TimeRange }): Promise<BaselineBand | null>;
  getIncidentHealth(args: { incidentId: string }): Promise<IncidentHealth>;

  onDidChangeAlerts(listener: (event: AlertsChangedEvent) => void): Unsubscribe;
}

export const ALERTS_API = defineService<AlertsApi>(
  'alerts',
  {
    listAlerts: { channel: 'opsdeck:list-alerts', access: 'read', noArgument: true },
    getAlert: { channel: 'opsdeck:get-alert', access: 'read' },
    acknowledgeAlert: { channel: 'opsdeck:acknowledge-alert', access: 'write' },
    openIncidentFromAlert: { channel: 'opsdeck:open-incident-from-alert', access: 'write' },
    listAlertRules: { channel: 'opsdeck:list-alert-rules', access: 'read', noArgument: true },
    saveAlertRule: { channel: 'opsdeck:save-alert-rule', access: 'write' },
    deleteAlertRule: { channel: 'opsdeck:delete-alert-rule', access: 'write' },
    previewAlertRule: { channel: 'opsdeck:preview-alert-rule', access: 'read' },
    getAlertSettings: { channel: 'opsdeck:get-alert-settings', access: 'read', noArgument: true },
    saveAlertSettings: { channel: 'opsdeck:save-alert-settings', access: 'write' },
    listSilences: { channel: 'opsdeck:list-silences', access: 'read', noArgument: true },
    saveSilence: { channel: 'opsdeck:save-silence', access: 'write' },
    expireSilence: { channel: 'opsdeck:expire-silence', access: 'write' },
    listMaintenance: { channel: 'opsdeck:list-maintenance', access: 'read', noArgument: true },
    saveMaintenance: { channel: 'opsdeck:save-maintenance', access: 'write' },
    deleteMaintenance: { channel: 'opsdeck:delete-maintenance', access: 'write' },
    // Channel settings (addresses of webhooks) are for operators, not for the wall.
    exportAlertRules: { channel: 'opsdeck:export-alert-rules', access: 'write', noArgument: true },
    importAlertRules: { channel: 'opsdeck:import-alert-rules', access: 'write' },
    getDiskForecasts: { channel: 'opsdeck:get-disk-forecasts', access: 'read' },
    getBaselineBand: { channel: 'opsdeck:get-baseline-band', access: 'read' },
    getIncidentHealth: { channel: 'opsdeck:get-incident-health', access: 'read' },
  },
  { onDidChangeAlerts: 'opsdeck:did-change-alerts' },
);
