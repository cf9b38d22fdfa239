import { describe, expect, it } from 'vitest';
import { parseLoadavg } from '../../../src/main/engine/parsers/loadavg';
import { parseUptime } from '../../../src/main/engine/parsers/uptime';
import { fixture } from './fixture';

describe('parseLoadavg', () => {
  it('reads the three load averages and the task counts', () => {
    expect(parseLoadavg(fixture('debian12-kernel6.18-vm/loadavg'))).toEqual({
      load1: 0.22, load5: 0.32, load15: 0.16, running: 1, total: 93, lastPid: 6146,
    });
    expect(parseLoadavg(fixture('ubuntu22.04-laptop-kernel5.15/loadavg'))?.load1).toBe(1.27);
  });

  it('keeps the averages when the task columns are missing', () => {
    expect(parseLoadavg('3.5 2.0 1.25\n')).toEqual({ load1: 3.5, load5: 2, load15: 1.25, running: null, total: null, lastPid: null });
  });

  it('returns null for anything that is not three non-negative numbers', () => {
    expect(parseLoadavg('0.1 0.2\n')).toBeNull();
    expect(parseLoadavg('-1 0.2 0.3\n')).toBeNull();
    expect(parseLoadavg('a b c\n')).toBeNull();
    expect(parseLoadavg('')).toBeNull();
  });
});

describe('parseUptime', () => {
  it('reads seconds since boot and summed idle seconds', () => {
    expect(parseUptime(fixture('debian12-kernel6.18-vm/uptime'))).toEqual({ uptimeSeconds: 328.68, idleSeconds: 517.5 });
    expect(parseUptime(fixture('rhel5-kernel2.6.18/uptime'))?.uptimeSeconds).toBe(226263.41);
  });

  it('returns null when the first field is not a number', () => {
    expect(parseUptime('up 3 days\n')).toBeNull();
    expect(parseUptime('')).toBeNull();
  });
});
