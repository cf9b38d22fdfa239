import { describe, expect, it } from 'vitest';
import { memoryUsage, parseMeminfo } from '../../../src/main/engine/parsers/meminfo';
import { fixture } from './fixture';

const KiB = 1024;

describe('parseMeminfo and memoryUsage', () => {
  it('computes used memory as total minus available on a 6.x kernel', () => {
    const info = parseMeminfo(fixture('debian12-kernel6.18-vm/meminfo'));
    expect(info).toMatchObject({ totalBytes: 24683620 * KiB, availableBytes: 24317168 * KiB, availableFromKernel: true });
    const usage = memoryUsage(info!);
    expect(usage.usedBytes).toBe((24683620 - 24317168) * KiB);
    expect(usage.usedPercent).toBeCloseTo(((24683620 - 24317168) / 24683620) * 100, 10);
  });

  it('reports swap % as null on a host without swap, while its size is a real 0', () => {
    for (const path of ['debian12-kernel6.18-vm/meminfo', 'docker-container/meminfo']) {
      const usage = memoryUsage(parseMeminfo(fixture(path))!);
      expect(usage).toMatchObject({ swapUsedPercent: null, swapUsedBytes: 0, swapTotalBytes: 0 });
    }
  });

  it('computes swap usage when swap is in use', () => {
    const usage = memoryUsage(parseMeminfo(fixture('ubuntu22.04-laptop-kernel5.15/meminfo'))!);
    expect(usage.swapUsedBytes).toBe((2097148 - 1235300) * KiB);
    expect(usage.swapUsedPercent).toBeCloseTo(((2097148 - 1235300) / 2097148) * 100, 10);
  });

  it('estimates available memory as free + buffers + cached on kernels before MemAvailable (3.14)', () => {
    const info = parseMeminfo(fixture('rhel5-kernel2.6.18/meminfo'));
    expect(info).toMatchObject({ availableBytes: (210304 + 175276 + 2793836) * KiB, availableFromKernel: false });
  });

  it('ignores unit-less page counts such as HugePages_Total', () => {
    expect(parseMeminfo('MemTotal: 100 kB\nMemAvailable: 40 kB\nHugePages_Total: 999999\n')?.totalBytes).toBe(100 * KiB);
  });

  it('returns null without a total or with an impossible available figure', () => {
    expect(parseMeminfo('MemFree: 10 kB\n')).toBeNull();
    expect(parseMeminfo('MemTotal: 0 kB\nMemAvailable: 0 kB\n')).toBeNull();
    expect(parseMeminfo('MemTotal: 10 kB\nMemAvailable: 20 kB\n')).toBeNull();
    expect(parseMeminfo('MemTotal: 10 kB\n')).toBeNull();
    expect(parseMeminfo('')).toBeNull();
  });

  it('treats a swap free figure above the swap total as unknown swap', () => {
    const usage = memoryUsage(parseMeminfo('MemTotal: 10 kB\nMemAvailable: 5 kB\nSwapTotal: 1 kB\nSwapFree: 2 kB\n')!);
    expect(usage).toMatchObject({ usedPercent: 50, swapUsedPercent: null, swapUsedBytes: null, swapTotalBytes: null });
  });
});
