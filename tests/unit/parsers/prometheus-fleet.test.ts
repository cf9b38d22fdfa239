// Prometheus answers turned into host readings: shapes as Prometheus 2.42's HTTP API writes them.
import { describe, expect, it } from 'vitest';
import { chooseStepSeconds, fleetFromResponses, parsePromDuration, rateWindowSeconds, type PromSample } from '../../../src/main/engine/parsers/prometheus-fleet';

const s = (key: string, value: number | string, labels: Record<string, string> = {}): PromSample => ({ metric: { instance: 'web-01:9100', job: 'node', opsdeck_key: key, ...labels }, value: [1_700_000_000, String(value)] });

describe('the Prometheus fleet parser', () => {
  it('reads Prometheus durations and derives the rate window from four scrapes', () => {
    expect(parsePromDuration('15s')).toBe(15_000);
    expect(parsePromDuration('1m30s')).toBe(90_000);
    expect(parsePromDuration('500ms')).toBe(500);
    expect(parsePromDuration('soon')).toBeNull();
    expect(rateWindowSeconds(15_000)).toBe(60);
    expect(rateWindowSeconds(1_000)).toBe(4);
  });

  it('turns one node_exporter target into the metrics an SSH host has, with the same rules', () => {
    const targets = [{ labels: { instance: 'web-01:9100', job: 'node' }, health: 'up', scrapeInterval: '15s' }];
    const samples = [
      s('cpu.busy', 1), s('cpu.all', 4), s('cpu.iowait', 0.2), s('cpu.cores', 4),
      s('mem.total', 1000), s('mem.avail', 250), s('swap.total', 0), s('swap.free', 0),
      s('load.1', 2), s('boot', 1_699_999_000),
      s('disk.readBps', 100, { device: 'sda' }), s('disk.readBps', 100, { device: 'sda1' }), s('disk.readBps', 50, { device: 'loop0' }),
      s('net.rxBps', 10, { device: 'eth0' }), s('net.rxBps', 99, { device: 'lo' }), s('net.rxBps', 5, { device: 'veth12' }),
      s('fs.size', 100, { mountpoint: '/', device: '/dev/sda1', fstype: 'ext4' }), s('fs.free', 40, { mountpoint: '/', device: '/dev/sda1', fstype: 'ext4' }), s('fs.avail', 30, { mountpoint: '/', device: '/dev/sda1', fstype: 'ext4' }),
      s('fs.size', 100, { mountpoint: '/run', device: 'tmpfs', fstype: 'tmpfs' }),
      s('uname', 1, { nodename: 'web-01', release: '6.1.0', machine: 'x86_64', sysname: 'Linux' }),
    ];
    const [m] = fleetFromResponses(targets, samples, 1_700_000_000_000);
    expect(m!.up).toBe(true);
    expect(m!.metrics['cpu.usage']).toBe(25);
    expect(m!.metrics['cpu.iowait']).toBe(5);
    expect(m!.metrics['mem.used']).toBe(75);
    expect(m!.metrics['swap.used']).toBeNull(); // no swap: null, never 0
    expect(m!.metrics['load.perCore']).toBe(0.5);
    expect(m!.metrics.uptime).toBe(1000);
    expect(m!.metrics['disk.readBps']).toBe(100); // the partition and the loop device are not counted again
    expect(m!.metrics['net.rxBps']).toBe(10);
    expect(m!.filesystems.map((f) => f.mount)).toEqual(['/']);
    expect(m!.metrics['disk.used']).toBeCloseTo((100 * 60) / 90);
    expect(m!.metrics['disk.writeBps']).toBeNull();
    expect(m!.facts.hostname).toBe('web-01');
  });

  it('keeps a down node target with its scrape error and skips targets that are not node_exporters', () => {
    const targets = [
      { labels: { instance: 'web-02:9100', job: 'node' }, health: 'down', lastError: 'connection refused' },
      { labels: { instance: 'app:8080', job: 'app' }, health: 'up' },
    ];
    const members = fleetFromResponses(targets, [], 0);
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ instance: 'web-02:9100', up: false, lastError: 'connection refused' });
    expect(members[0]!.metrics['cpu.usage']).toBeNull();
  });

  it('picks the chart step from range and width, never finer than a scrape, under 11,000 points', () => {
    expect(chooseStepSeconds(15 * 60_000, 300, 1_000)).toBe(3);
    expect(chooseStepSeconds(15 * 60_000, 3000, 15_000)).toBe(15);
    const week = 7 * 86_400_000;
    expect(week / 1000 / chooseStepSeconds(week, 100_000, 1_000)).toBeLessThanOrEqual(11_000);
  });
});
