// The engine's own sentences (timeline, exports) call metrics what the screens call them.
import { describe, expect, it } from 'vitest';
import { METRIC_NAMES, metricName, metricValue } from '../../../src/main/engine/incidents/metric-names';
import { describeTimelineEntry } from '../../../src/main/engine/incidents/timeline-text';
import { DEFAULT_PLAYBOOK } from '../../../src/main/engine/incidents/default-playbook';
import { CATALOGUES } from '../../../src/renderer/src/i18n/catalogue';
import { METRIC_KEYS } from '../../../src/shared/model';

describe('metric names in engine sentences', () => {
  it('are the renderer catalogue’s labels, in both languages', () => {
    for (const key of METRIC_KEYS) {
      expect(METRIC_NAMES[key].ko, key).toBe(CATALOGUES.ko[`metric.${key}`]);
      expect(METRIC_NAMES[key].en, key).toBe(CATALOGUES.en[`metric.${key}`]);
    }
    expect(metricName('fs.used:/var', 'ko')).toBe('/var 사용률');
  });

  it('a threshold breach reads as words and units, not as a metric key or a target id', () => {
    const entry = { seq: 1, ts: 0, user: '김지은', kind: 'created' as const, title: 'vm: CPU 사용률', severity: 'SEV2' as const, source: { kind: 'threshold' as const, targetId: 'local', metric: 'cpu.usage', value: 98.94, threshold: 95, status: 'crit' as const }, snapshot: null };
    const ko = describeTimelineEntry(entry, DEFAULT_PLAYBOOK, 'ko');
    expect(ko).toBe('장애 등록: "vm: CPU 사용률" · SEV2 · CPU 사용률 98.9 %, 임계치 95 % 넘음');
    expect(ko).not.toMatch(/cpu\.usage|local/);
    expect(metricValue('load.perCore', 3.216)).toBe('3.2');
  });
});
