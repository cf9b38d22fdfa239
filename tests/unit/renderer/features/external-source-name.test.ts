import { describe, expect, it } from 'vitest';
import { sourceBrand, sourceName } from '../../../../src/renderer/src/features/alerts/source-name';

describe('the name of an alert\'s data source', () => {
  it('says the product once: not again when the person\'s label names it', () => {
    expect(sourceName(sourceBrand('zabbix'), '본사 Zabbix')).toBe('본사 Zabbix');
    expect(sourceName(sourceBrand('zabbix'), 'hq-zabbix')).toBe('hq-zabbix');
    expect(sourceName(sourceBrand('zabbix'), '본사 모니터링')).toBe('본사 모니터링 (Zabbix)');
    expect(sourceName(sourceBrand('prometheus'), 'HQ')).toBe('HQ (Prometheus)');
  });
});
