import { describe, expect, it } from 'vitest';
import { parseCpuTimes, parseProcStat } from '../../../src/main/engine/parsers/proc-stat';
import { fixture } from './fixture';

describe('parseProcStat', () => {
  it('reads all ten cpu columns, the cpu count and the fork counter of a 6.x kernel', () => {
    const stat = parseProcStat(fixture('debian12-kernel6.18-vm/stat'));
    expect(stat).toEqual({
      cpu: { user: 7572, nice: 0, system: 5391, idle: 51747, iowait: 571, irq: 0, softirq: 241, steal: 0, guest: 0, guestNice: 0 },
      cpuCount: 2,
      processes: 6145,
      procsRunning: 1,
      procsBlocked: 0,
      bootTime: 1795614246,
    });
  });

  it('leaves guest columns null on a 2.6.18 kernel that prints 8 columns', () => {
    const stat = parseProcStat(fixture('rhel5-kernel2.6.18/stat'));
    expect(stat?.cpu).toEqual({
      user: 2255, nice: 34, system: 2290, idle: 22625563, iowait: 6290, irq: 127, softirq: 456, steal: 0, guest: null, guestNice: null,
    });
    expect(stat?.cpuCount).toBe(2);
    expect(stat?.processes).toBe(2915);
  });

  it('counts every cpuN line of an 8-core laptop', () => {
    const stat = parseProcStat(fixture('ubuntu22.04-laptop-kernel5.15/stat'));
    expect(stat?.cpuCount).toBe(8);
    expect(stat?.procsBlocked).toBe(1);
  });

  it('marks iowait and later columns as missing on a 2.4 kernel with 4 columns', () => {
    const stat = parseProcStat('cpu  100 2 30 400\ncpu0 100 2 30 400\n');
    expect(stat?.cpu).toMatchObject({ idle: 400, iowait: null, steal: null, guest: null });
    expect(stat?.processes).toBeNull();
  });

  it('reads guest but not guest_nice on a 2.6.24 kernel with 9 columns', () => {
    expect(parseCpuTimes('1 2 3 4 5 6 7 8 9'.split(' '))).toMatchObject({ steal: 8, guest: 9, guestNice: null });
  });

  it('returns null without an aggregate cpu line or with a garbled one', () => {
    expect(parseProcStat('cpu0 1 2 3 4\nprocesses 12\n')).toBeNull();
    expect(parseProcStat('cpu  1 2 x 4 5 6 7\n')).toBeNull();
    expect(parseProcStat('cpu  1 2 3\n')).toBeNull();
    expect(parseProcStat('cpu  -1 2 3 4\n')).toBeNull();
    expect(parseProcStat('')).toBeNull();
  });

  it('reports a null cpu count when no per-cpu line is present', () => {
    expect(parseProcStat('cpu  1 2 3 4 5 6 7 8 9 10\n')?.cpuCount).toBeNull();
  });
});
