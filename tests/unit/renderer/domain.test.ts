import { describe, expect, it } from 'vitest';
import { HISTORY_METRIC_KEYS, METRICS } from '../../../src/shared/model';
import { SPARKLINE_KEYS } from '../../../src/renderer/src/store/tiles';
import { HOST_CHARTS, hostSeriesKeys, MAX_FILESYSTEM_SERIES } from '../../../src/renderer/src/domain/host-charts';
import { definitionOf, glossaryIdOf, unitOf } from '../../../src/renderer/src/domain/metrics';
import { makeSnapshot } from './support/snapshots';

describe('metric lookups', () => {
  it('treats a filesystem series as disk usage for unit and glossary', () => {
    expect(unitOf('fs.used:/var/lib/postgresql')).toBe('percent');
    expect(glossaryIdOf('fs.used:/')).toBe('disk-usage');
  });

  it('knows every metric in METRICS', () => {
    for (const metric of METRICS) expect(definitionOf(metric.key)).toBe(metric);
  });
});

describe('host charts', () => {
  it('asks for no more keys than one query accepts (64), however many mounts', () => {
    const filesystems = Array.from({ length: 200 }, (_, i) => ({ ...makeSnapshot('a').filesystems![0]!, mount: `/mnt/${i}` }));
    const keys = hostSeriesKeys(makeSnapshot('a', { filesystems }));
    expect(keys.length).toBeLessThanOrEqual(64);
    expect(keys.filter((k) => k.startsWith('fs.used:'))).toHaveLength(MAX_FILESYSTEM_SERIES);
  });

  it('have stable names for the e2e test ids', () => {
    expect(HOST_CHARTS.map((c) => c.name)).toEqual(['cpu', 'memory', 'load', 'disk', 'disk-io', 'network']);
  });

  it('draw only metrics whose history the engine stores, as do the sparklines', () => {
    const stored = new Set<string>(HISTORY_METRIC_KEYS);
    const drawn = [...hostSeriesKeys(makeSnapshot('a')).filter((k) => !k.startsWith('fs.used:')), ...SPARKLINE_KEYS];
    expect(drawn.length).toBeGreaterThan(10);
    for (const key of drawn) expect(stored.has(key), key).toBe(true);
  });

  it('point their "?" buttons at glossary ids that METRICS uses', () => {
    const known = new Set(METRICS.map((m) => m.glossaryId));
    for (const chart of HOST_CHARTS) expect(known.has(chart.glossaryId), chart.name).toBe(true);
  });
});
