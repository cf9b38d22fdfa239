import { describe, expect, it } from 'vitest';
import { shippedRules } from '../../../src/main/engine/alerts/default-rules';
import { KIND_REGISTRY } from '../../../src/main/engine/collectors/registry';

describe('shipped alert rules', () => {
  it('have unique ids and only thresholds a reading can reach', () => {
    const rules = shippedRules();
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) {
      if (rule.condition.kind !== 'threshold') continue;
      expect(Number.isFinite(rule.condition.threshold), rule.id).toBe(true);
      expect(Math.abs(rule.condition.threshold), rule.id).toBeLessThan(Number.MAX_SAFE_INTEGER);
    }
  });

  it('give a kind band without a critical level only its warning rule', () => {
    const ids = new Set(shippedRules().map((r) => r.id));
    const mysql = KIND_REGISTRY.mysql?.defaultRules.find((b) => b.key === 'my.replication.notApplying');
    expect(mysql).toBeDefined();
    expect(ids.has('mysql-my.replication.notApplying-warning')).toBe(true);
    expect(ids.has('mysql-my.replication.notApplying-critical')).toBe(false);
  });
});
