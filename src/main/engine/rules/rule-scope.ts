// PURE: which targets and series a rule applies to, and the rule as it applies to one target
// (the most specific override wins: the target's own, then its service's, then the rule).
import type { AlertRule, AlertSettings, AlertSeverity } from '../../../shared/alerts';
import type { EffectiveRule } from './alert-machine';

export interface TargetScope {
  id: string;
  kind: string;
  /** The services the target (or the host it runs on) belongs to. */
  serviceIds: readonly string[];
}

/** `fs.used:*` matches every filesystem, `*` everything, anything else itself. */
export function metricMatches(pattern: string, key: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return key.startsWith(pattern.slice(0, -1));
  return pattern === key;
}

export function ruleAppliesTo(rule: AlertRule, target: TargetScope): boolean {
  if (rule.targets.length && !rule.targets.includes(target.id)) return false;
  if (rule.kinds.length && !rule.kinds.includes(target.kind)) return false;
  if (rule.services.length && !rule.services.some((s) => target.serviceIds.includes(s))) return false;
  return true;
}

export interface AppliedRule {
  enabled: boolean;
  severity: AlertSeverity;
  effective: EffectiveRule;
}

/** The rule for one target: overrides applied, settings' defaults filled in. */
export function applyRule(rule: AlertRule, target: TargetScope, settings: AlertSettings): AppliedRule {
  const own = rule.overrides.find((o) => o.target === target.id);
  const service = rule.overrides.find((o) => o.service !== undefined && target.serviceIds.includes(o.service));
  const layers = [service, own].filter((o) => o !== undefined);
  let enabled = rule.enabled;
  let severity = rule.severity;
  let forMs = rule.forMs;
  let condition = rule.condition;
  for (const o of layers) {
    if (o.enabled !== undefined) enabled = o.enabled;
    if (o.severity !== undefined) severity = o.severity;
    if (o.forMs !== undefined) forMs = o.forMs;
    if (condition.kind === 'threshold' && (o.threshold !== undefined || o.recovery !== undefined)) {
      condition = { ...condition, threshold: o.threshold ?? condition.threshold, recovery: o.recovery !== undefined ? o.recovery : condition.recovery };
    }
  }
  return {
    enabled,
    severity,
    effective: {
      condition,
      forMs: condition.kind === 'nodata' ? Math.max(forMs, 0) : forMs,
      recoverForMs: rule.recoverForMs,
      keepFiringForMs: rule.keepFiringForMs,
      noDataAfterMs: settings.noDataAfterMs,
      flapStartPercent: settings.flapStartPercent,
      flapStopPercent: settings.flapStopPercent,
    },
  };
}
