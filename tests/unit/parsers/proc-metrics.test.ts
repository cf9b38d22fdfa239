// The metric and rate math both collectors (this computer and SSH hosts) run on their procfs
// texts: levels on the first poll, rates from the second, null where a section is missing,
// and never a negative or wrap-sized rate across a counter reset or a reboot.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProcMetricsReader } from '../../../src/main/engine/collectors/proc-metrics-reader';
import { NO_PROC_BASELINES, procMetrics, type ProcTexts } from '../../../src/main/engine/parsers/proc-metrics';
import { fixture } from './fixture';

const DEBIAN = 'debian12-kernel6.18-vm';
const texts = (dir = DEBIAN): ProcTexts => ({
  stat: fixture(`${dir}/stat`),
  meminfo: fixture(`${dir}/meminfo`),
  loadavg: fixture(`${dir}/loadavg`),
  diskstats: fixture(`${dir}/diskstats`),
  netDev: fixture(`${dir}/net/dev`),
  uptime: fixture(`${dir}/uptime`),
});

/** Adds `by` to every number in the lines of `text` whose first field matches `label`. */
function bump(text: string, label: RegExp, by: number): string {
  return text
    .split('\n')
    .map((line) => (label.test(line) ? line.replace(/(?<=\s|:)(\d+)(?=\s|$)/g, (n) => String(Math.max(0, Number(n) + by))) : line))
    .join('\n');
}

describe('fast-cadence metrics from procfs texts', () => {
  it('reads levels on the first poll and rates only from the second', () => {
    const read = createProcMetricsReader();
    const first = read(texts(), 0);
    expect(first.sectionsRead).toBe(6);
    expect(first.metrics['cpu.usage']).toBeNull();
    expect(first.metrics['net.rxBps']).toBeNull();
    expect(first.metrics['cpu.cores']).toBe(2);
    expect(first.metrics['mem.used']).toBeGreaterThan(0);
    expect(first.forks).toBeGreaterThan(0);

    const later = { ...texts(), stat: bump(texts().stat!, /^cpu/, 50), netDev: bump(texts().netDev!, /eth|ens|enp|vda|:/, 1_000), diskstats: bump(texts().diskstats!, /vda/, 10) };
    const second = read(later, 1_000);
    expect(second.metrics['cpu.usage']).toBeGreaterThanOrEqual(0);
    expect(second.metrics['cpu.usage']).toBeLessThanOrEqual(100);
    expect(second.metrics['net.rxBps']).toBeGreaterThan(0);
    expect(second.metrics['disk.readIops']).toBeGreaterThan(0);
  });

  it('gives null, never a negative or huge rate, when counters go backwards (wrap or reset)', () => {
    const read = createProcMetricsReader();
    read(texts(), 0);
    const back = read({ ...texts(), stat: bump(texts().stat!, /^cpu/, -40), netDev: bump(texts().netDev!, /:/, -500), diskstats: bump(texts().diskstats!, /vda/, -5) }, 1_000);
    for (const key of ['cpu.usage', 'net.rxBps', 'net.txBps', 'disk.readBps', 'disk.writeIops'] as const) expect(back.metrics[key], key).toBeNull();
  });

  it('drops every baseline when the host rebooted (boot time moved), even if counters grew', () => {
    const read = createProcMetricsReader();
    read(texts(), 0);
    const rebooted = bump(bump(texts().stat!, /^cpu/, 100), /^btime/, 3_600);
    const after = read({ ...texts(), stat: rebooted, netDev: bump(texts().netDev!, /:/, 10) }, 1_000);
    expect(after.metrics['cpu.usage']).toBeNull();
    expect(after.metrics['net.rxBps']).toBeNull();
    const next = read({ ...texts(), stat: bump(rebooted, /^cpu/, 10) }, 2_000);
    expect(next.metrics['cpu.usage']).not.toBeNull();
  });

  it('drops every baseline when uptime went backwards, even without a btime line', () => {
    const read = createProcMetricsReader();
    const noBtime = (t: string): string => t.replace(/^btime .*$/m, '');
    read({ ...texts(), stat: noBtime(texts().stat!), uptime: '5000.00 9000.00\n' }, 0);
    const after = read({ ...texts(), stat: noBtime(bump(texts().stat!, /^cpu/, 100)), uptime: '12.00 20.00\n', diskstats: bump(texts().diskstats!, /vda/, 10) }, 1_000);
    expect(after.metrics['cpu.usage']).toBeNull();
    expect(after.metrics['disk.readIops']).toBeNull();
    expect(after.metrics.uptime).toBe(12);
  });

  it('tolerates the one-second wobble of btime without dropping the baselines', () => {
    const read = createProcMetricsReader();
    read(texts(), 0);
    const wobbled = bump(bump(texts().stat!, /^cpu/, 10), /^btime/, 1);
    expect(read({ ...texts(), stat: wobbled }, 1_000).metrics['cpu.usage']).not.toBeNull();
  });

  it('nulls only the metrics of a missing section', () => {
    const read = createProcMetricsReader();
    const r = read({ ...texts(), meminfo: null, loadavg: 'garbage' }, 0);
    expect(r.sectionsRead).toBe(4);
    expect(r.metrics['mem.used']).toBeNull();
    expect(r.metrics['load.1']).toBeNull();
    expect(r.metrics['cpu.cores']).toBe(2);
    expect(read({ stat: null, meminfo: null, loadavg: null, diskstats: null, netDev: null, uptime: null }, 1).sectionsRead).toBe(0);
  });

  it('keeps the last readable baseline of a section across a poll where it was missing', () => {
    const read = createProcMetricsReader();
    read(texts(), 0);
    expect(read({ ...texts(), diskstats: null }, 1_000).metrics['disk.readIops']).toBeNull();
    // 10 more reads on vda over the 2 s since the last readable diskstats.
    const r = read({ ...texts(), diskstats: bump(texts().diskstats!, / vda /, 10) }, 2_000);
    expect(r.metrics['disk.readIops']).toBeGreaterThan(0);
  });

  it('does not change the baselines it was given', () => {
    const first = procMetrics(texts(), 0, NO_PROC_BASELINES);
    const snapshot = structuredClone(first.baselines);
    procMetrics({ ...texts(), stat: bump(texts().stat!, /^btime/, 3_600) }, 1_000, first.baselines);
    expect(first.baselines).toEqual(snapshot);
    expect(NO_PROC_BASELINES).toEqual({ bootTime: null, uptimeSeconds: null, cpu: null, disk: null, net: null });
  });
});

describe('fast-cadence metrics on arbitrary polls', () => {
  const RATE_KEYS = ['disk.readBps', 'disk.writeBps', 'disk.readIops', 'disk.writeIops', 'net.rxBps', 'net.txBps'] as const;
  const PERCENT_KEYS = ['cpu.usage', 'cpu.iowait', 'cpu.steal', 'mem.used', 'swap.used'] as const;
  const SYSTEMS = ['debian12-kernel6.18-vm', 'rhel5-kernel2.6.18', 'ubuntu22.04-laptop-kernel5.15'];

  // One poll: a real capture's sections, each kept, dropped, replaced by junk or with its
  // counters moved up or down (a reset, a wrap, a reboot), read after a random interval.
  const section = (capture: string): fc.Arbitrary<string | null> =>
    fc.oneof(
      fc.constant(capture),
      fc.constant(null),
      fc.string({ maxLength: 80 }),
      fc.integer({ min: -1_000_000, max: 1_000_000 }).map((by) => bump(capture, /./, by)),
    );
  const poll = fc.constantFrom(...SYSTEMS).chain((system) => {
    const t = texts(system);
    return fc.record({
      texts: fc.record({
        stat: section(t.stat!), meminfo: section(t.meminfo!), loadavg: section(t.loadavg!),
        diskstats: section(t.diskstats!), netDev: section(t.netDev!), uptime: section(t.uptime!),
      }),
      dtMs: fc.integer({ min: -2_000, max: 120_000 }),
    });
  });

  it('never throws, keeps percentages in 0..100 and rates finite and non-negative, or null', () => {
    fc.assert(
      fc.property(fc.array(poll, { minLength: 1, maxLength: 6 }), (polls) => {
        const read = createProcMetricsReader();
        let ts = 0;
        for (const p of polls) {
          ts += p.dtMs;
          const { metrics, sectionsRead } = read(p.texts, ts);
          expect(sectionsRead).toBeGreaterThanOrEqual(0);
          expect(sectionsRead).toBeLessThanOrEqual(6);
          for (const key of PERCENT_KEYS) {
            const v = metrics[key];
            expect(v === null || (v >= 0 && v <= 100), `${key}=${v}`).toBe(true);
          }
          for (const key of RATE_KEYS) {
            const v = metrics[key];
            expect(v === null || (Number.isFinite(v) && v >= 0), `${key}=${v}`).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
