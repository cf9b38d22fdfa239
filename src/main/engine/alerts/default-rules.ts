// The shipped alert rules: data in resources/rules/default-alert-rules.json (the rules-file
// format), plus two rules (warning, critical) for each band of every check kind's defaultRules.
// Host thresholds come from the JSON, not from the kinds (hosts ship no defaultRules).
import defaults from '../../../../resources/rules/default-alert-rules.json';
import type { AlertRule } from '../../../shared/alerts';
import { KIND_REGISTRY } from '../collectors/registry';
import { parseRulesFile } from './rules-file';

let cached: readonly AlertRule[] | null = null;

function kindRules(): AlertRule[] {
  const out: AlertRule[] = [];
  for (const [kind, module] of Object.entries(KIND_REGISTRY)) {
    for (const band of module.defaultRules) {
      const below = band.direction === 'below';
      for (const [level, threshold, severity] of [['warning', band.warn, 'warning'], ['critical', band.crit, 'critical']] as const) {
        // A band whose level can never be reached (a kind's way of saying "no critical level") gets no rule.
        if (!isReachable(threshold)) continue;
        out.push({
          id: `${kind}-${band.key}-${level}`,
          label: null,
          metric: band.key,
          condition: { kind: 'threshold', direction: below ? 'below' : 'above', threshold, recovery: null },
          forMs: 5 * 60_000,
          recoverForMs: 2 * 60_000,
          keepFiringForMs: 0,
          severity,
          targets: [],
          services: [],
          kinds: [kind],
          channels: null,
          enabled: true,
          description: null,
          overrides: [],
        });
      }
    }
  }
  return out;
}

function isReachable(threshold: number): boolean {
  return Number.isFinite(threshold) && Math.abs(threshold) < Number.MAX_SAFE_INTEGER;
}

export function shippedRules(): readonly AlertRule[] {
  const { $comment: _comment, ...file } = defaults;
  cached ??= [...parseRulesFile(JSON.stringify(file)).rules, ...kindRules()];
  return cached;
}
