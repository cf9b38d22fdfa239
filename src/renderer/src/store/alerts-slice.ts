// Alerts and their configuration: the alert list (the navigation badge counts its firing ones),
// rules, settings, silences, maintenance windows, and the host page's forecast and baseline
// overlays. Writes go to the engine and reject with its { code, message }; lists reload on
// onDidChangeAlerts (subscribed in startAlerts, called by the session slice).
import type {
  AlertDetail,
  AlertRule,
  AlertSettings,
  AlertView,
  BaselineBand,
  DiskForecast,
  IncidentHealth,
  MaintenanceWindow,
  RulePreview,
  RuleRecord,
  RulesFileResult,
  Silence,
} from '../../../shared/alerts';
import type { MaintenanceInput, RulesExportFile, SilenceInput } from '../../../shared/contract/alerts-api';
import type { ErrorPayload } from '../../../shared/errors';
import type { TargetId, TimeRange } from '../../../shared/model';
import { errorPayloadOf } from './errors';
import type { LoadStatus, SliceCreator } from './types';

export interface AlertsConfigState {
  rules: RuleRecord[];
  settings: AlertSettings | null;
  silences: Silence[];
  maintenance: MaintenanceWindow[];
  status: LoadStatus;
  error: ErrorPayload | null;
}

export interface HostOverlays {
  targetId: TargetId;
  forecasts: DiskForecast[];
  bands: Record<string, BaselineBand>;
}

export interface AlertsSlice {
  alerts: AlertView[];
  alertsStatus: LoadStatus;
  alertsError: ErrorPayload | null;
  alertsConfig: AlertsConfigState;
  hostOverlays: HostOverlays | null;
  loadAlerts(): Promise<void>;
  loadAlertsConfig(): Promise<void>;
  /** Subscribes to alert changes and loads the list (the badge needs it on every screen). */
  startAlerts(): () => void;
  /** `by`: the responder chosen as "me" at this desk; the engine checks it against the people list. */
  acknowledgeAlert(alertId: string, note: string, by?: string): Promise<AlertView>;
  openIncidentFromAlert(alertId: string): Promise<string>;
  saveAlertRule(rule: AlertRule): Promise<RuleRecord>;
  deleteAlertRule(ruleId: string): Promise<RuleRecord | null>;
  previewAlertRule(rule: AlertRule): Promise<RulePreview>;
  saveAlertSettings(settings: AlertSettings): Promise<AlertSettings>;
  saveSilence(input: SilenceInput): Promise<Silence>;
  expireSilence(silenceId: string): Promise<Silence>;
  saveMaintenance(input: MaintenanceInput): Promise<MaintenanceWindow>;
  deleteMaintenance(id: string): Promise<void>;
  exportAlertRules(): Promise<RulesExportFile>;
  importAlertRules(content: string): Promise<RulesFileResult>;
  loadHostOverlays(targetId: TargetId, range: TimeRange): Promise<void>;
  /** The incident room's live health of its services (not kept in the store). */
  getIncidentHealth(incidentId: string): Promise<IncidentHealth>;
  /** One alert with its timeline (not kept in the store). */
  getAlert(alertId: string): Promise<AlertDetail>;
}

const BAND_KEYS = ['cpu.usage', 'mem.used'];

export const createAlertsSlice: SliceCreator<AlertsSlice> = (set, get, deps) => {
  let latest = 0;
  const write = async <T>(call: () => Promise<T>, reloadConfig = false): Promise<T> => {
    try {
      const result = await call();
      void get().loadAlerts();
      if (reloadConfig) void get().loadAlertsConfig();
      return result;
    } catch (err) {
      throw errorPayloadOf(err);
    }
  };
  return {
    alerts: [],
    alertsStatus: 'idle',
    alertsError: null,
    alertsConfig: { rules: [], settings: null, silences: [], maintenance: [], status: 'idle', error: null },
    hostOverlays: null,

    async loadAlerts() {
      const request = ++latest;
      if (get().alertsStatus === 'idle') set({ alertsStatus: 'loading' });
      try {
        const alerts = await deps.api.listAlerts();
        if (request === latest) set({ alerts, alertsStatus: 'ready', alertsError: null });
      } catch (err) {
        if (request === latest) set({ alertsStatus: 'error', alertsError: errorPayloadOf(err) });
      }
    },

    async loadAlertsConfig() {
      const current = get().alertsConfig;
      if (current.status === 'idle') set({ alertsConfig: { ...current, status: 'loading' } });
      try {
        const [rules, settings, silences, maintenance] = await Promise.all([deps.api.listAlertRules(), deps.api.getAlertSettings(), deps.api.listSilences(), deps.api.listMaintenance()]);
        set({ alertsConfig: { rules, settings, silences, maintenance, status: 'ready', error: null } });
      } catch (err) {
        set({ alertsConfig: { ...get().alertsConfig, status: 'error', error: errorPayloadOf(err) } });
      }
    },

    startAlerts() {
      const off = deps.api.onDidChangeAlerts((event) => {
        void get().loadAlerts();
        if (event.config && get().alertsConfig.status !== 'idle') void get().loadAlertsConfig();
      });
      void get().loadAlerts();
      return off;
    },

    acknowledgeAlert: (alertId, note, by) => write(() => deps.api.acknowledgeAlert({ alertId, ...(note.trim() ? { note: note.trim() } : {}), ...(by ? { by } : {}) })),
    openIncidentFromAlert: (alertId) => write(async () => (await deps.api.openIncidentFromAlert({ alertId })).incidentId),
    saveAlertRule: (rule) => write(() => deps.api.saveAlertRule({ rule }), true),
    deleteAlertRule: (ruleId) => write(() => deps.api.deleteAlertRule({ ruleId }), true),
    async previewAlertRule(rule) {
      try {
        return await deps.api.previewAlertRule({ rule });
      } catch (err) {
        throw errorPayloadOf(err);
      }
    },
    saveAlertSettings: (settings) => write(() => deps.api.saveAlertSettings({ settings }), true),
    saveSilence: (input) => write(() => deps.api.saveSilence(input), true),
    expireSilence: (silenceId) => write(() => deps.api.expireSilence({ silenceId }), true),
    saveMaintenance: (input) => write(() => deps.api.saveMaintenance(input), true),
    deleteMaintenance: (id) => write(() => deps.api.deleteMaintenance({ maintenanceId: id }), true),
    exportAlertRules: () => write(() => deps.api.exportAlertRules()),
    importAlertRules: (content) => write(() => deps.api.importAlertRules({ content }), true),

    async getAlert(alertId) {
      try {
        return await deps.api.getAlert({ alertId });
      } catch (err) {
        throw errorPayloadOf(err);
      }
    },

    async getIncidentHealth(incidentId) {
      try {
        return await deps.api.getIncidentHealth({ incidentId });
      } catch (err) {
        throw errorPayloadOf(err);
      }
    },

    async loadHostOverlays(targetId, range) {
      try {
        const [forecasts, ...bands] = await Promise.all([deps.api.getDiskForecasts({ targetId }), ...BAND_KEYS.map((key) => deps.api.getBaselineBand({ targetId, key, range }))]);
        const byKey: Record<string, BaselineBand> = {};
        for (const b of bands) if (b) byKey[b.key] = b;
        set({ hostOverlays: { targetId, forecasts, bands: byKey } });
      } catch {
        // Overlays only add to the charts; the charts say for themselves when data is missing.
        set({ hostOverlays: null });
      }
    },
  };
};
