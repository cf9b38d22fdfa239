import defaults from '../../../../resources/rules/default-thresholds.json';
import type { HealthRules } from './health';

/** The shipped thresholds (data in resources/rules, bundled at build time). */
export const DEFAULT_RULES: HealthRules = {
  metrics: defaults.metrics,
  filesystem: defaults.filesystem,
  staleAfterIntervals: defaults.staleAfterIntervals,
  staleMinMs: defaults.staleMinMs,
};
