// Words for alerts: a rule's name, the series it watches, its condition and its value, in the
// screen's language. Pure (no React), so tests and other screens use it.
import type { AlertRule, AlertView, RuleCondition } from '../../../../shared/alerts';
import type { MetricUnit, SeriesKey } from '../../../../shared/model';
import type { MessageKey, Translate } from '../../i18n/catalogue';
import type { Formatter } from '../../i18n/format';
import { metricLabel } from '../../i18n/describe';
import { unitOf } from '../../domain/metrics';

const SHIPPED = new Set([
  'cpu-high', 'cpu-critical', 'iowait-high', 'iowait-critical', 'memory-high', 'memory-critical', 'swap-high', 'swap-critical',
  'load-high', 'load-critical', 'disk-high', 'disk-critical', 'disk-full-soon', 'disk-full-imminent', 'target-unknown', 'target-down',
  'unusual-cpu', 'unusual-memory',
]);

/** The person's label, the shipped rule's name in this language, or the rule's id. */
export function ruleName(t: Translate, rule: { id: string; label: string | null }): string {
  if (rule.label) return rule.label;
  if (SHIPPED.has(rule.id)) return t(`alertRule.${rule.id}` as MessageKey);
  // A check kind's shipped rules: "<kind>-<series>-warning|critical" (engine/alerts/default-rules.ts).
  const kindRule = /^[a-z][a-z0-9-]*?-([a-z][A-Za-z0-9._]*)-(warning|critical)$/.exec(rule.id);
  if (kindRule) {
    const series = seriesName(t, kindRule[1]!);
    if (series !== kindRule[1]) return t(kindRule[2] === 'critical' ? 'alertRule.kindCritical' : 'alertRule.kindWarning', { series });
  }
  return rule.id;
}

/** The unit a series is measured in; derived series have their own. */
export function seriesUnit(key: SeriesKey | null): MetricUnit | null {
  if (key === null || key === 'target.down') return null;
  if (key.startsWith('fs.fullIn:')) return 'seconds';
  try {
    return unitOf(key);
  } catch {
    return null;
  }
}

export function seriesName(t: Translate, key: SeriesKey | null): string {
  if (key === null) return t('alerts.condition.nodata');
  if (key === 'target.down') return t('alerts.target.down');
  if (key.startsWith('fs.fullIn:')) return t('alerts.forecast.eta', { duration: '…' }).replace(/…/, key.slice('fs.fullIn:'.length));
  try {
    const label = metricLabel(t, key);
    // A series whose kind is not described yet comes back as its message key.
    return label === `metric.${key}` ? key : label;
  } catch {
    return key;
  }
}

export function formatValue(fmt: Formatter, key: SeriesKey | null, value: number | null): string {
  const unit = seriesUnit(key);
  if (value === null) return fmt.metric('count', null);
  if (unit === 'seconds') return fmt.duration(value);
  if (unit === null) return fmt.number(value, 2);
  return fmt.metric(unit, value);
}

export function conditionText(t: Translate, fmt: Formatter, condition: RuleCondition | { kind: AlertView['conditionKind'] }, key: SeriesKey | null, threshold: number | null, direction: 'above' | 'below' | null): string {
  if (condition.kind === 'nodata') return t('alerts.condition.nodata');
  if (condition.kind === 'unusual') return t('alerts.condition.unusual', { threshold: fmt.number(threshold ?? 0, 1) });
  const value = formatValue(fmt, key, threshold);
  return direction === 'below' ? t('alerts.condition.below', { threshold: value }) : t('alerts.condition.above', { threshold: value });
}

export function ruleConditionText(t: Translate, fmt: Formatter, rule: AlertRule): string {
  const c = rule.condition;
  const key = rule.metric.includes('*') ? rule.metric.replace('*', '/') : rule.metric;
  if (c.kind === 'threshold') return conditionText(t, fmt, c, key, c.threshold, c.direction);
  if (c.kind === 'unusual') return conditionText(t, fmt, c, key, c.deviations, null);
  return conditionText(t, fmt, c, null, null, null);
}

/** A forecast alert's plain sentence ("디스크가 약 6시간 뒤 가득 찹니다"), or null. */
export function forecastSentence(t: Translate, fmt: Formatter, alert: Pick<AlertView, 'detail'>, now: number): string | null {
  const fullAt = alert.detail.fullAt;
  if (typeof fullAt !== 'number') return null;
  return t('alerts.forecast.eta', { duration: fmt.duration(Math.max(0, (fullAt - now) / 1000)) });
}
