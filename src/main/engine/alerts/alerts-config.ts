// The alert configuration as stored: the shipped rules merged with the organisation's rows,
// the settings, silences and maintenance windows, each read back through its schema (a row a
// newer or older OpsDeck wrote that no longer fits is logged and left out, never trusted).
// Every change bumps a revision in the settings table, which a running engine polls: the CLI
// (`opsdeck rules import`) writes the same database, and serve picks the change up by itself.
import type { AlertRule, AlertSettings, MaintenanceWindow, RuleRecord, Silence } from '../../../shared/alerts';
import { DEFAULT_ALERT_SETTINGS } from '../../../shared/alerts';
import { alertRuleSchema, alertSettingsSchema, maintenanceScheduleSchema } from '../../../shared/contract/alerts-schemas';
import type { Logger } from '../core/logger';
import type { Store } from '../store';
import { shippedRules } from './default-rules';
import type { AlertConfig } from './alert-engine';

export const SETTINGS_KEY = 'alerts.settings';
export const REVISION_KEY = 'alerts.revision';

type ConfigStore = Pick<Store, 'alerts' | 'getSetting' | 'setSetting'>;

export function readRevision(store: ConfigStore): number {
  const v = store.getSetting(REVISION_KEY);
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function bumpRevision(store: ConfigStore): number {
  const next = readRevision(store) + 1;
  store.setSetting(REVISION_KEY, next);
  return next;
}

export function readRuleRecords(store: ConfigStore, logger: Logger): RuleRecord[] {
  const byId = new Map<string, RuleRecord>(shippedRules().map((rule) => [rule.id, { rule, origin: 'default' as const, updatedAt: null }]));
  for (const row of store.alerts.listRules()) {
    const parsed = alertRuleSchema.safeParse(row.rule);
    if (!parsed.success) {
      logger.log('warn', 'alert-rule-unreadable', { id: row.id, issue: parsed.error.issues[0]?.message });
      continue;
    }
    // A stored row for a shipped id is the organisation's version of it, whatever it says.
    byId.set(row.id, { rule: parsed.data, origin: byId.has(row.id) ? 'override' : 'user', updatedAt: row.updatedAt });
  }
  return [...byId.values()];
}

export function readSettings(store: ConfigStore, logger: Logger): AlertSettings {
  const raw = store.getSetting(SETTINGS_KEY);
  if (raw === undefined) return DEFAULT_ALERT_SETTINGS;
  const parsed = alertSettingsSchema.safeParse({ ...DEFAULT_ALERT_SETTINGS, ...(raw as object) });
  if (parsed.success) return parsed.data;
  logger.log('warn', 'alert-settings-unreadable', { issue: parsed.error.issues[0]?.message });
  return DEFAULT_ALERT_SETTINGS;
}

export function readSilences(store: ConfigStore): Silence[] {
  return store.alerts.listSilences().map((s) => ({ ...s, matcher: (s.matcher ?? {}) as Silence['matcher'] }));
}

export function readMaintenance(store: ConfigStore, logger: Logger): MaintenanceWindow[] {
  const out: MaintenanceWindow[] = [];
  for (const m of store.alerts.listMaintenance()) {
    const schedule = maintenanceScheduleSchema.safeParse(m.schedule);
    const scope = m.scope as MaintenanceWindow['scope'] | null;
    if (!schedule.success || !scope || !Array.isArray(scope.targets)) {
      logger.log('warn', 'maintenance-window-unreadable', { id: m.id });
      continue;
    }
    out.push({ ...m, schedule: schedule.data, scope });
  }
  return out;
}

export function readConfig(store: ConfigStore, logger: Logger): AlertConfig {
  return {
    rules: readRuleRecords(store, logger).map((r) => r.rule),
    settings: readSettings(store, logger),
    silences: readSilences(store),
    maintenance: readMaintenance(store, logger),
  };
}

/**
 * Saves imported rules: a rule whose name is shipped becomes an override of it; one equal to
 * what is in force already is left alone (an export imported back changes nothing).
 */
export function saveImportedRules(store: ConfigStore, logger: Logger, rules: readonly AlertRule[], now: number): { added: string[]; updated: string[]; unchanged: string[] } {
  const current = new Map(readRuleRecords(store, logger).map((r) => [r.rule.id, r]));
  const shipped = new Set(shippedRules().map((r) => r.id));
  const added: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  const rows = [];
  for (const rule of rules) {
    const existing = current.get(rule.id);
    if (existing && JSON.stringify(existing.rule) === JSON.stringify(rule)) {
      unchanged.push(rule.id);
      continue;
    }
    (existing ? updated : added).push(rule.id);
    rows.push({ id: rule.id, origin: shipped.has(rule.id) ? ('override' as const) : ('user' as const), rule, updatedAt: now });
  }
  if (rows.length) store.alerts.putRules(rows);
  return { added, updated, unchanged };
}
