import { describe, expect, it } from 'vitest';
import { emptyHostMetrics, type FilesystemUsage, type HostMetrics } from '../../../src/shared/model';
import { DEFAULT_RULES } from '../../../src/main/engine/rules/default-rules';
import { bandStatus, evaluateSample, staleness, worstStatus } from '../../../src/main/engine/rules/health';

function metrics(values: Partial<HostMetrics>): HostMetrics {
  return { ...emptyHostMetrics(), ...values };
}

const fs = (mount: string, usedPercent: number): FilesystemUsage => ({ mount, device: '/dev/x', fsType: 'ext4', sizeBytes: 100, usedBytes: usedPercent, usedPercent });

describe('health thresholds', () => {
  it('a value at the warn line is WARN and at the crit line is CRIT', () => {
    const band = { warn: 85, crit: 95 };
    expect(bandStatus(84.9, band)).toBe('ok');
    expect(bandStatus(85, band)).toBe('warn');
    expect(bandStatus(95, band)).toBe('crit');
  });

  it('a missing reading never raises an alarm', () => {
    const e = evaluateSample(emptyHostMetrics(), [], DEFAULT_RULES);
    expect(e.status).toBe('ok');
    expect(e.reasons).toEqual([]);
  });

  it('the worst metric decides the host status and each breach names its metric, value and line', () => {
    const e = evaluateSample(metrics({ 'cpu.usage': 97, 'mem.used': 90, 'cpu.iowait': 5 }), [], DEFAULT_RULES);
    expect(e.status).toBe('crit');
    expect(e.health['cpu.usage']).toEqual({ status: 'crit', threshold: 95 });
    expect(e.health['mem.used']).toEqual({ status: 'warn', threshold: 85 });
    expect(e.health['cpu.iowait']?.status).toBe('ok');
    expect(e.reasons[0]).toMatchObject({ code: 'THRESHOLD', metric: 'cpu.usage', value: 97, threshold: 95, status: 'crit' });
    expect(e.reasons[1]).toMatchObject({ metric: 'mem.used', status: 'warn' });
  });

  it('high iowait and load per core are flagged even when CPU usage is low', () => {
    const e = evaluateSample(metrics({ 'cpu.usage': 10, 'cpu.iowait': 45, 'load.perCore': 2 }), [], DEFAULT_RULES);
    expect(e.health['cpu.iowait']?.status).toBe('crit');
    expect(e.health['load.perCore']?.status).toBe('warn');
  });

  it('a filling filesystem is reported by its mount point', () => {
    const e = evaluateSample(metrics({ 'disk.used': 96 }), [fs('/', 40), fs('/var', 96)], DEFAULT_RULES);
    expect(e.status).toBe('crit');
    expect(e.reasons).toEqual([{ code: 'THRESHOLD', metric: 'fs.used:/var', value: 96, threshold: 95, status: 'crit' }]);
  });

  it('worst first: crit > unknown > warn > ok', () => {
    expect(worstStatus(['ok', 'warn', 'unknown'])).toBe('unknown');
    expect(worstStatus(['unknown', 'crit'])).toBe('crit');
    expect(worstStatus([])).toBe('ok');
  });
});

describe('staleness', () => {
  it('data older than three intervals (at least 10 s) is stale and says how old it is', () => {
    expect(staleness(1_000, 11_000, 2_000, DEFAULT_RULES)).toBeNull();
    expect(staleness(1_000, 11_001, 2_000, DEFAULT_RULES)).toEqual({ code: 'STALE', lastSampleTs: 1_000, ageMs: 10_001 });
    expect(staleness(0, 60_000, 30_000, DEFAULT_RULES)).toBeNull();
    expect(staleness(0, 90_001, 30_000, DEFAULT_RULES)?.code).toBe('STALE');
  });

  it('a target that never reported is stale with no age', () => {
    expect(staleness(null, 5, 2_000, DEFAULT_RULES)).toEqual({ code: 'STALE', lastSampleTs: null, ageMs: null });
  });
});
