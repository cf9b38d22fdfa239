// Property-based checks: every parser, fed arbitrary text or a damaged real capture, returns
// a value or null without throwing, and every number it returns is in range.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpuPercentages, ratePerSecond, sumRatePerSecond } from '../../../src/main/engine/parsers/counters';
import { parseDf } from '../../../src/main/engine/parsers/df';
import { filesystemsFromDf } from '../../../src/main/engine/parsers/df-filesystems';
import { parseDiskstats } from '../../../src/main/engine/parsers/diskstats';
import { parseLoadavg } from '../../../src/main/engine/parsers/loadavg';
import { memoryUsage, parseMeminfo } from '../../../src/main/engine/parsers/meminfo';
import { parseMounts, selectLocalFilesystems } from '../../../src/main/engine/parsers/mounts';
import { parseNetDev } from '../../../src/main/engine/parsers/net-dev';
import { parseOsReleaseName } from '../../../src/main/engine/parsers/os-release';
import { parseProcStat, type CpuTimes } from '../../../src/main/engine/parsers/proc-stat';
import { parseProcessList, topProcesses } from '../../../src/main/engine/parsers/ps';
import { hostFacts } from '../../../src/main/engine/parsers/uname';
import { parseUptime } from '../../../src/main/engine/parsers/uptime';
import { fixture } from './fixture';

const SYSTEMS = ['debian12-kernel6.18-vm', 'rhel5-kernel2.6.18', 'ubuntu22.04-laptop-kernel5.15'];
const fixtures = (file: string, extra: string[] = []): string[] => [...SYSTEMS.map((s) => fixture(`${s}/${file}`)), ...extra.map(fixture)];

const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isCountOrNull = (v: unknown): boolean => v === null || isCount(v);
const isPercentOrNull = (v: unknown): boolean => v === null || (typeof v === 'number' && v >= 0 && v <= 100);

// Damage a capture the way a flaky SSH stream or an unexpected kernel would.
const NASTY = ['99999999999999999999999', '9'.repeat(400), '-1', 'NaN', '1e400', '\t', '\r\n', ':', '%', '\\040', ' ', '\n', '/'];
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom(...NASTY)) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('dropLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.len);
    else if (m.kind === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.kind === 'truncate') out = out.slice(0, at);
    else {
      const lines = out.split('\n');
      const i = lines.length === 0 ? 0 : m.at % lines.length;
      if (m.kind === 'duplicateLine') lines.splice(i, 0, lines[i] ?? '');
      else lines.splice(i, 1);
      out = lines.join('\n');
    }
  }
  return out;
}

/** Arbitrary text, plus damaged versions of the given captures. */
function inputs(captures: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: 'grapheme-ascii', maxLength: 300 }),
    fc.tuple(fc.constantFrom(...captures), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([t, ms]) => mutate(t, ms)),
  );
}

const RUNS = { numRuns: 300 };

function cpuTimesInRange(t: CpuTimes): boolean {
  return Object.values(t).every(isCountOrNull) && [t.user, t.nice, t.system, t.idle].every(isCount);
}

describe('parsers on arbitrary and damaged input', () => {
  it('proc/stat: never throws; counters are non-negative and cpu % against the capture stays in 0..100', () => {
    const captures = fixtures('stat');
    const baseline = parseProcStat(captures[0]!)!.cpu;
    fc.assert(
      fc.property(inputs(captures), (text) => {
        const stat = parseProcStat(text);
        if (stat === null) return;
        expect(cpuTimesInRange(stat.cpu)).toBe(true);
        expect([stat.processes, stat.procsRunning, stat.procsBlocked, stat.bootTime].every(isCountOrNull)).toBe(true);
        expect(stat.cpuCount === null || stat.cpuCount >= 1).toBe(true);
        for (const p of [cpuPercentages(baseline, stat.cpu), cpuPercentages(stat.cpu, baseline)]) {
          expect(Object.values(p).every(isPercentOrNull)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('meminfo: never throws; percentages stay in 0..100 and byte counts are non-negative', () => {
    fc.assert(
      fc.property(inputs(fixtures('meminfo', ['docker-container/meminfo'])), (text) => {
        const info = parseMeminfo(text);
        if (info === null) return;
        const usage = memoryUsage(info);
        expect(isPercentOrNull(usage.usedPercent) && isPercentOrNull(usage.swapUsedPercent)).toBe(true);
        expect([usage.usedBytes, usage.totalBytes, usage.swapUsedBytes, usage.swapTotalBytes].every(isCountOrNull)).toBe(true);
        expect(usage.usedBytes!).toBeLessThanOrEqual(usage.totalBytes!);
      }),
      RUNS,
    );
  });

  it('loadavg and uptime: never throw; values are non-negative numbers', () => {
    fc.assert(
      fc.property(inputs([...fixtures('loadavg'), ...fixtures('uptime')]), (text) => {
        const load = parseLoadavg(text);
        if (load) expect(Object.values(load).every(isCountOrNull)).toBe(true);
        const up = parseUptime(text);
        if (up) expect(isCount(up.uptimeSeconds) && isCountOrNull(up.idleSeconds)).toBe(true);
      }),
      RUNS,
    );
  });

  it('diskstats: never throws; counters are non-negative and rates against the capture are >= 0 or null', () => {
    const captures = fixtures('diskstats');
    const baseline = new Map(parseDiskstats(captures[2]!)!.map((d) => [d.name, d.readBytes]));
    fc.assert(
      fc.property(inputs(captures), fc.integer({ min: -5_000, max: 60_000 }), (text, dtMs) => {
        const disks = parseDiskstats(text);
        if (disks === null) return;
        for (const d of disks) {
          expect([d.readsCompleted, d.readBytes, d.writesCompleted, d.writeBytes, d.ioTimeMs].every(isCountOrNull)).toBe(true);
        }
        const rate = sumRatePerSecond(baseline, new Map(disks.map((d) => [d.name, d.readBytes])), dtMs);
        expect(isCountOrNull(rate)).toBe(true);
      }),
      RUNS,
    );
  });

  it('net/dev: never throws; never returns lo; counters are non-negative', () => {
    fc.assert(
      fc.property(inputs([...fixtures('net/dev'), fixture('docker-container/net/dev')]), (text) => {
        const interfaces = parseNetDev(text);
        if (interfaces === null) return;
        for (const i of interfaces) {
          expect(i.name).not.toBe('lo');
          const { name: _, ...counters } = i;
          expect(Object.values(counters).every(isCount)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('mounts: never throws; selection returns one entry per device', () => {
    fc.assert(
      fc.property(inputs([...fixtures('mounts'), fixture('docker-container/mounts'), fixture('mount-with-spaces/mounts')]), (text) => {
        const entries = parseMounts(text);
        if (entries === null) return;
        const chosen = selectLocalFilesystems(entries);
        expect(new Set(chosen.map((e) => e.device)).size).toBe(chosen.length);
      }),
      RUNS,
    );
  });

  it('df: never throws; percentages stay in 0..100 and sizes are non-negative', () => {
    const captures = [
      'debian12-kernel6.18-vm/df-kPl.txt',
      'busybox-1.35-debian12/df-kP.txt',
      'busybox-1.35-debian12/df-k.txt',
      'busybox-1.35-debian12/df-kPT.txt',
      'mount-with-spaces/df-kPT.txt',
    ].map(fixture);
    fc.assert(
      fc.property(inputs(captures), (text) => {
        for (const e of parseDf(text) ?? []) {
          expect(isPercentOrNull(e.usedPercent)).toBe(true);
          expect([e.sizeBytes, e.usedBytes, e.availableBytes].every(isCount)).toBe(true);
          expect(e.mount.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it('df: a header with an absurd block size is not df output (fast-check found it)', () => {
    expect(parseDf(`Filesystem ${'9'.repeat(400)}1024-blocks Used Available Capacity Mounted on\n/dev/vda 264212084 23973356 82417556 23% /\n`)).toBeNull();
  });

  it('df to filesystems: never throws; one entry per device, percentages in 0..100, sizes non-negative', () => {
    const captures = [
      'debian12-kernel6.18-vm/df-kPl.txt',
      'busybox-1.35-debian12/df-kPT.txt',
      'busybox-1.35-debian12/df-kPl.txt',
      'mount-with-spaces/df-kPT.txt',
    ].map(fixture);
    fc.assert(
      fc.property(fc.option(inputs(captures), { nil: null }), (text) => {
        const filesystems = filesystemsFromDf(text);
        expect(new Set(filesystems.map((f) => f.device)).size).toBe(filesystems.length);
        for (const f of filesystems) {
          expect(isPercentOrNull(f.usedPercent) && f.usedPercent !== null).toBe(true);
          expect(isCount(f.sizeBytes) && isCount(f.usedBytes)).toBe(true);
          expect(f.mount.length > 0 && f.device.length > 0 && f.fsType.length > 0).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('ps: never throws; pids are counts, %cpu non-negative, %mem in 0..100, top lists ranked and short', () => {
    // Shape of `ps -eo pid=,pcpu=,pmem=,comm=` (procps-ng 4.0.2, Debian 12).
    const capture = ['  812 12.5  1.0 Web Content', '    1  0.1  0.2 systemd', '  944  3.0 41.7 java', ' 2231 250.0 12.0 ffmpeg'].join('\n');
    fc.assert(
      fc.property(inputs([capture]), fc.integer({ min: 1, max: 20 }), (text, count) => {
        for (const p of parseProcessList(text)) {
          expect(Number.isInteger(p.pid) && isCount(p.pid)).toBe(true);
          expect(isCount(p.cpuPercent) && isPercentOrNull(p.memPercent)).toBe(true);
          expect(p.command.length).toBeGreaterThan(0);
        }
        const top = topProcesses(text, count);
        if (top === null) {
          expect(parseProcessList(text)).toEqual([]);
          return;
        }
        expect(top.byCpu.length).toBeLessThanOrEqual(count);
        expect(top.byMemory.length).toBe(top.byCpu.length);
        top.byCpu.slice(1).forEach((p, i) => expect(p.cpuPercent).toBeLessThanOrEqual(top.byCpu[i]!.cpuPercent));
        top.byMemory.slice(1).forEach((p, i) => expect(p.memPercent).toBeLessThanOrEqual(top.byMemory[i]!.memPercent));
      }),
      RUNS,
    );
  });

  it('uname and os-release to facts: never throw; every fact is a non-empty string or null', () => {
    // Machine names that are also members of every JavaScript object must pass through as text.
    const machines = fc.constantFrom('x86_64', 'aarch64', 'riscv64', 'constructor', 'toString', '__proto__', 'hasOwnProperty');
    const uname = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.tuple(fc.constantFrom('Linux', 'FreeBSD', ''), fc.constantFrom('web-01', ''), fc.constantFrom('6.1.0-18-amd64', ''), machines)
        .map((parts) => `${parts.join(' ')}\n`),
    );
    fc.assert(
      fc.property(fc.option(uname, { nil: null }), fc.option(inputs([fixture('debian12-kernel6.18-vm/os-release')]), { nil: null }), (u, osRelease) => {
        const facts = hostFacts(u, osRelease);
        for (const value of Object.values(facts)) expect(value === null || (typeof value === 'string' && value.length > 0)).toBe(true);
      }),
      RUNS,
    );
  });

  it('os-release: never throws', () => {
    fc.assert(
      fc.property(inputs([fixture('debian12-kernel6.18-vm/os-release')]), (text) => {
        const name = parseOsReleaseName(text);
        expect(name === null || name.length > 0).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('rate math on arbitrary numbers', () => {
  const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.nat(), fc.constant(Number.MAX_VALUE));

  it('ratePerSecond is null or a finite non-negative number', () => {
    fc.assert(
      fc.property(anyNumber, anyNumber, anyNumber, (prev, cur, dt) => {
        expect(isCountOrNull(ratePerSecond(prev, cur, dt))).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it('ratePerSecond of a growing counter over positive time is the exact delta per second', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 3_600_000 }), (prev, grow, dt) => {
        expect(ratePerSecond(prev, prev + grow, dt)).toBeCloseTo((grow * 1000) / dt, 6);
      }),
    );
  });

  it('sumRatePerSecond is null or a finite non-negative number', () => {
    const counters = fc.dictionary(fc.constantFrom('sda', 'sdb', 'nvme0n1', 'eth0'), anyNumber);
    fc.assert(
      fc.property(counters, counters, anyNumber, (prev, cur, dt) => {
        const rate = sumRatePerSecond(new Map(Object.entries(prev)), new Map(Object.entries(cur)), dt);
        expect(isCountOrNull(rate)).toBe(true);
      }),
    );
  });

  it('cpuPercentages keeps every value in 0..100 or null', () => {
    const column = fc.oneof(fc.nat(), fc.double(), fc.constant(null));
    const times = fc.record({
      user: anyNumber, nice: anyNumber, system: anyNumber, idle: anyNumber,
      iowait: column, irq: column, softirq: column, steal: column, guest: column, guestNice: column,
    });
    fc.assert(
      fc.property(times, times, (prev, cur) => {
        expect(Object.values(cpuPercentages(prev, cur)).every(isPercentOrNull)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it('cpuPercentages of growing counters sums usage and idle time to 100', () => {
    const tick = fc.nat({ max: 1_000_000 });
    fc.assert(
      fc.property(fc.array(tick, { minLength: 8, maxLength: 8 }), fc.array(tick, { minLength: 8, maxLength: 8 }), (start, grow) => {
        const keys = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'] as const;
        const prev = { guest: 0, guestNice: 0 } as CpuTimes;
        const cur = { guest: 0, guestNice: 0 } as CpuTimes;
        keys.forEach((k, i) => {
          prev[k] = start[i]!;
          cur[k] = start[i]! + grow[i]!;
        });
        const p = cpuPercentages(prev, cur);
        const total = grow.reduce((a, b) => a + b, 0);
        if (total === 0) return expect(p.usage).toBeNull();
        const idleShare = ((grow[3]! + grow[4]!) / total) * 100;
        expect(p.usage! + idleShare).toBeCloseTo(100, 6);
      }),
    );
  });
});
