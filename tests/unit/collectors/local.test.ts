import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpsError } from '../../../src/shared/errors';
import { METRIC_KEYS, type HostMetrics } from '../../../src/shared/model';
import { createLocalCollector } from '../../../src/main/engine/collectors/local';
import { usageFromStatfs } from '../../../src/main/engine/collectors/local-statfs';
import { FakeClock, systemClock } from '../../../src/main/engine/core/clock';
import { FIXTURE_ROOT } from '../parsers/fixture';

const KiB = 1024;
const RATE_KEYS = ['cpu.usage', 'cpu.iowait', 'cpu.steal', 'disk.readBps', 'disk.writeBps', 'disk.readIops', 'disk.writeIops', 'net.rxBps', 'net.txBps'] as const;

let tmp: string;
let procRoot: string;

/** Copies a captured /proc folder into a temp dir and mounts a fake local disk on that dir. */
async function fakeProc(system: string): Promise<void> {
  await cp(join(FIXTURE_ROOT, system), procRoot, { recursive: true });
  // The temp dir has a space in its name, escaped the way the kernel writes it.
  const escaped = (path: string): string => path.replaceAll(' ', '\\040');
  await writeFile(
    join(procRoot, 'mounts'),
    [
      `/dev/fakedisk ${escaped(tmp)} ext4 rw,relatime 0 0`,
      `/dev/fakedisk ${escaped(join(tmp, 'bind'))} ext4 rw,relatime 0 0`,
      `/dev/gone ${escaped(join(tmp, 'does-not-exist'))} xfs rw 0 0`,
      'tmpfs /run tmpfs rw 0 0',
      'nfs01:/export /mnt/nfs nfs4 rw 0 0',
    ].join('\n'),
  );
}

/** Adds ticks, sectors or bytes to the named columns of the line that starts with `label`. */
async function bump(file: string, label: RegExp, deltas: Record<number, number>): Promise<void> {
  const path = join(procRoot, file);
  const lines = (await readFile(path, 'utf8')).split('\n').map((line) => {
    if (!label.test(line)) return line;
    const [head, numbers] = line.includes(':') && file === 'net/dev' ? line.split(':') : ['', line];
    const tokens = numbers!.trim().split(/\s+/);
    for (const [col, d] of Object.entries(deltas)) tokens[Number(col)] = String(Number(tokens[Number(col)]) + d);
    return file === 'net/dev' ? `${head}: ${tokens.join(' ')}` : tokens.join(' ');
  });
  await writeFile(path, lines.join('\n'));
}

// Column indexes: stat "cpu user nice system idle iowait irq softirq steal"; diskstats
// "major minor name reads merged sectors ms writes merged sectors"; net/dev rx bytes 0, tx bytes 8.
const CPU = { user: 1, system: 3, idle: 4, iowait: 5, steal: 8 };
const DISK = { reads: 3, readSectors: 5, writes: 7, writeSectors: 9 };

beforeEach(async () => {
  tmp = await mkdtemp(join(os.tmpdir(), 'opsdeck local '));
  procRoot = join(tmp, 'proc');
});

afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('local collector on Linux (fake procfs)', () => {
  it('reports levels on the first poll and leaves cpu % and rates null rather than 0', async () => {
    await fakeProc('debian12-kernel6.18-vm');
    const clock = new FakeClock();
    const result = await createLocalCollector({ clock, platform: 'linux', procRoot }).collect();

    expect(result.ts).toBe(clock.now());
    for (const key of RATE_KEYS) expect(result.metrics[key]).toBeNull();
    expect(result.metrics).toMatchObject({
      'cpu.cores': 2,
      'mem.totalBytes': 24683620 * KiB,
      'mem.usedBytes': (24683620 - 24317168) * KiB,
      'swap.used': null,
      'swap.totalBytes': 0,
      'load.1': 0.22,
      'load.5': 0.32,
      'load.15': 0.16,
      'load.perCore': 0.11,
      uptime: 328.68,
    });
    expect(result.metrics['mem.used']).toBeCloseTo(((24683620 - 24317168) / 24683620) * 100, 10);
    expect(Object.keys(result.metrics).sort()).toEqual([...METRIC_KEYS].sort());
  });

  it('computes cpu %, disk and network rates from the deltas over the time the clock advanced', async () => {
    await fakeProc('debian12-kernel6.18-vm');
    const clock = new FakeClock();
    const collector = createLocalCollector({ clock, platform: 'linux', procRoot });
    await collector.collect();

    await bump('stat', /^cpu /, { [CPU.user]: 300, [CPU.system]: 100, [CPU.idle]: 1500, [CPU.iowait]: 80, [CPU.steal]: 20 });
    await bump('diskstats', / vda /, { [DISK.reads]: 100, [DISK.readSectors]: 2048, [DISK.writes]: 50, [DISK.writeSectors]: 4096 });
    await bump('diskstats', / loop0 /, { [DISK.readSectors]: 999_999 });
    await bump('net/dev', /eth0:/, { 0: 5_000_000, 8: 1_000_000 });
    await bump('net/dev', /lo:/, { 0: 777_777, 8: 777_777 });
    await bump('net/dev', /ifb0:/, { 0: 888_888 });
    clock.advance(5_000);
    const { metrics } = await collector.collect();

    expect(metrics['cpu.usage']).toBeCloseTo(21, 10); // (300 + 100 + 20) / 2000 ticks
    expect(metrics['cpu.iowait']).toBeCloseTo(4, 10);
    expect(metrics['cpu.steal']).toBeCloseTo(1, 10);
    expect(metrics['disk.readBps']).toBeCloseTo((2048 * 512) / 5, 6); // loop0 is not a disk
    expect(metrics['disk.writeBps']).toBeCloseTo((4096 * 512) / 5, 6);
    expect(metrics['disk.readIops']).toBeCloseTo(20, 10);
    expect(metrics['disk.writeIops']).toBeCloseTo(10, 10);
    expect(metrics['net.rxBps']).toBeCloseTo(1_000_000, 6); // lo and ifb0 are not counted
    expect(metrics['net.txBps']).toBeCloseTo(200_000, 6);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('reports null rates, never negative ones, when the counters went backwards after a reboot', async () => {
    await fakeProc('debian12-kernel6.18-vm');
    const clock = new FakeClock();
    const collector = createLocalCollector({ clock, platform: 'linux', procRoot });
    await collector.collect();

    await writeFile(join(procRoot, 'stat'), 'cpu  10 0 5 80 1 0 0 0 0 0\ncpu0 5 0 2 40 1 0 0 0 0 0\ncpu1 5 0 3 40 0 0 0 0 0 0\n');
    await bump('diskstats', / vda /, { [DISK.reads]: -30_000, [DISK.readSectors]: -1_900_000, [DISK.writes]: -14_000, [DISK.writeSectors]: -3_000_000 });
    await bump('net/dev', /eth0:/, { 0: -450_000_000, 8: -700_000 });
    clock.advance(2_000);
    const { metrics } = await collector.collect();

    for (const key of RATE_KEYS) expect(metrics[key]).toBeNull();
    expect(metrics['cpu.cores']).toBe(2);
  });

  it('drops its baselines when the boot time moved, even though the counters grew', async () => {
    await fakeProc('debian12-kernel6.18-vm');
    const clock = new FakeClock();
    const collector = createLocalCollector({ clock, platform: 'linux', procRoot });
    await collector.collect();

    await bump('stat', /^cpu /, { [CPU.user]: 300, [CPU.idle]: 1500 });
    await bump('stat', /^btime /, { 1: 3_600 });
    await bump('diskstats', / vda /, { [DISK.reads]: 100 });
    clock.advance(5_000);
    const rebooted = await collector.collect();
    for (const key of RATE_KEYS) expect(rebooted.metrics[key], key).toBeNull();

    await bump('stat', /^cpu /, { [CPU.user]: 50, [CPU.idle]: 150 });
    clock.advance(1_000);
    expect((await collector.collect()).metrics['cpu.usage']).toBeCloseTo(25, 10);
  });

  it('measures each local filesystem once, skips the unreachable ones, and reports the fullest as disk.used', async () => {
    await fakeProc('debian12-kernel6.18-vm');
    const { filesystems, metrics } = await createLocalCollector({ clock: new FakeClock(), platform: 'linux', procRoot }).collect();

    expect(filesystems).toHaveLength(1);
    const [fs] = filesystems;
    expect(fs).toMatchObject({ mount: tmp, device: '/dev/fakedisk', fsType: 'ext4' });
    expect(fs!.usedPercent).toBeGreaterThanOrEqual(0);
    expect(fs!.usedPercent).toBeLessThanOrEqual(100);
    expect(fs!.usedBytes).toBeLessThanOrEqual(fs!.sizeBytes);
    expect(metrics['disk.used']).toBe(fs!.usedPercent);
  });

  it('nulls only the metrics of a file that is missing or garbled', async () => {
    await fakeProc('debian12-kernel6.18-vm');
    const clock = new FakeClock();
    const collector = createLocalCollector({ clock, platform: 'linux', procRoot });
    await collector.collect();
    await unlink(join(procRoot, 'loadavg'));
    await writeFile(join(procRoot, 'meminfo'), 'MemTotal: banana\n');
    await bump('stat', /^cpu /, { [CPU.user]: 50, [CPU.idle]: 150 });
    clock.advance(1_000);
    const { metrics } = await collector.collect();

    const nulls = Object.entries(metrics).filter(([, v]) => v === null).map(([k]) => k);
    expect(nulls.sort()).toEqual(
      ['load.1', 'load.5', 'load.15', 'load.perCore', 'mem.used', 'mem.usedBytes', 'mem.totalBytes', 'swap.used', 'swap.usedBytes', 'swap.totalBytes'].sort(),
    );
    expect(metrics['cpu.usage']).toBeCloseTo(25, 10);
  });

  it('rejects with COLLECT_FAILED and says what to check when nothing can be read', async () => {
    const collector = createLocalCollector({ clock: new FakeClock(), platform: 'linux', procRoot: join(tmp, 'no-proc-here') });
    const error = await collector.collect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpsError);
    expect(error).toMatchObject({ code: 'COLLECT_FAILED' });
    expect((error as OpsError).message).toContain(join(tmp, 'no-proc-here'));
    expect((error as OpsError).message).toMatch(/Check that \/proc is mounted/);
  });

  it('reads an old 2.6.18 kernel: no MemAvailable, 8 cpu columns, 4-counter partition lines', async () => {
    await fakeProc('rhel5-kernel2.6.18');
    const clock = new FakeClock();
    const collector = createLocalCollector({ clock, platform: 'linux', procRoot });
    const first = await collector.collect();
    expect(first.metrics['mem.used']).toBeCloseTo(((4040704 - 210304 - 175276 - 2793836) / 4040704) * 100, 10);
    expect(first.metrics['swap.used']).toBeCloseTo(((2096472 - 2096328) / 2096472) * 100, 10);

    await bump('stat', /^cpu /, { [CPU.user]: 90, [CPU.idle]: 900, [CPU.iowait]: 10 });
    await bump('diskstats', / sda /, { [DISK.writeSectors]: 1000 });
    clock.advance(10_000);
    const { metrics } = await collector.collect();
    expect(metrics).toMatchObject({ 'cpu.usage': 9, 'cpu.iowait': 1, 'cpu.steal': 0, 'disk.writeBps': 51_200, 'disk.readBps': 0 });
  });

  it('reports swap as null in a container without swap', async () => {
    await fakeProc('debian12-kernel6.18-vm');
    await cp(join(FIXTURE_ROOT, 'docker-container/meminfo'), join(procRoot, 'meminfo'));
    const { metrics } = await createLocalCollector({ clock: new FakeClock(), platform: 'linux', procRoot }).collect();
    expect(metrics).toMatchObject({ 'swap.used': null, 'swap.totalBytes': 0, 'mem.totalBytes': 8129360 * KiB });
  });

  it('shares one reading between overlapping calls so the baselines advance once', async () => {
    await fakeProc('debian12-kernel6.18-vm');
    const collector = createLocalCollector({ clock: new FakeClock(), platform: 'linux', procRoot });
    const [a, b] = await Promise.all([collector.collect(), collector.collect()]);
    expect(a).toBe(b);
  });

  it('reports hostname, distribution, kernel and architecture as facts', async () => {
    await fakeProc('debian12-kernel6.18-vm');
    const { facts } = await createLocalCollector({ clock: new FakeClock(), platform: 'linux', procRoot }).collect();
    expect(facts).toMatchObject({ hostname: os.hostname(), kernel: os.release(), arch: os.arch() });
    expect(facts.os).toEqual(expect.any(String));
  });
});

describe('local collector on macOS and Windows (os module)', () => {
  function burnCpu(ms: number): void {
    const end = Date.now() + ms;
    while (Date.now() < end) Math.sqrt(Math.random());
  }

  it('uses os.cpus() deltas for cpu %, has no iowait, and reports memory, load and disk of /', async () => {
    const clock = new FakeClock();
    const collector = createLocalCollector({ clock, platform: 'darwin' });
    const first = await collector.collect();
    expect(first.metrics['cpu.usage']).toBeNull();
    burnCpu(120);
    clock.advance(120);
    const { metrics, filesystems, facts } = await collector.collect();

    expect(metrics['cpu.usage']).toBeGreaterThan(0);
    expect(metrics['cpu.usage']).toBeLessThanOrEqual(100);
    expect(metrics['cpu.iowait']).toBeNull();
    expect(metrics['cpu.steal']).toBeNull();
    expect(metrics['cpu.cores']).toBe(os.cpus().length);
    expect(metrics['mem.used']).toBeGreaterThan(0);
    expect(metrics['mem.totalBytes']).toBe(os.totalmem());
    expect(metrics['load.1']).toBeGreaterThanOrEqual(0);
    expect(metrics['swap.used']).toBeNull();
    for (const key of ['disk.readBps', 'disk.writeBps', 'disk.readIops', 'disk.writeIops', 'net.rxBps', 'net.txBps'] as const) {
      expect(metrics[key]).toBeNull();
    }
    expect(filesystems.map((f) => f.mount)).toEqual(['/']);
    expect(metrics['disk.used']).toBe(filesystems[0]!.usedPercent);
    expect(facts.os).toBe(`${os.type()} ${os.release()}`);
  });

  it('reports load as null on Windows, where os.loadavg() returns zeros', async () => {
    const { metrics } = await createLocalCollector({ clock: new FakeClock(), platform: 'win32' }).collect();
    const load: Array<keyof HostMetrics> = ['load.1', 'load.5', 'load.15', 'load.perCore'];
    for (const key of load) expect(metrics[key]).toBeNull();
    expect(metrics['mem.totalBytes']).toBe(os.totalmem());
  });
});

describe('usageFromStatfs', () => {
  it('computes usage like df: reserved blocks count as used space nobody can reach', () => {
    const fs = { mount: '/', device: '/dev/sda1', fsType: 'ext4' };
    // 1000 blocks, 400 free of which 350 available to users: used 600 of 950 reachable.
    expect(usageFromStatfs(fs, { bsize: 4096, blocks: 1000, bfree: 400, bavail: 350 })).toEqual({
      ...fs, sizeBytes: 4096_000, usedBytes: 600 * 4096, availableBytes: 350 * 4096, usedPercent: (600 / 950) * 100,
    });
  });

  it('returns null for an empty or inconsistent filesystem', () => {
    const fs = { mount: '/x', device: 'x', fsType: 'ext4' };
    expect(usageFromStatfs(fs, { bsize: 4096, blocks: 0, bfree: 0, bavail: 0 })).toBeNull();
    expect(usageFromStatfs(fs, { bsize: 4096, blocks: 10, bfree: 20, bavail: 0 })).toBeNull();
  });
});

describe.runIf(process.platform === 'linux')('local collector on this Linux machine (real /proc)', () => {
  it('reports plausible values that agree with /proc/meminfo and df read independently', async () => {
    const collector = createLocalCollector({ clock: systemClock });
    await collector.collect();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { metrics, filesystems, facts } = await collector.collect();

    for (const key of ['cpu.usage', 'cpu.iowait', 'cpu.steal', 'mem.used', 'disk.used'] as const) {
      expect(metrics[key], key).toBeGreaterThanOrEqual(0);
      expect(metrics[key], key).toBeLessThanOrEqual(100);
    }
    for (const key of ['disk.readBps', 'disk.writeBps', 'disk.readIops', 'disk.writeIops', 'net.rxBps', 'net.txBps'] as const) {
      if (metrics[key] !== null) expect(metrics[key], key).toBeGreaterThanOrEqual(0);
    }
    expect(metrics['uptime']).toBeCloseTo(os.uptime(), -1);
    expect(metrics['cpu.cores']).toBeGreaterThanOrEqual(1);

    const meminfo = await readFile('/proc/meminfo', 'utf8');
    const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(meminfo)![1]);
    const memUsed = ((kb('MemTotal') - kb('MemAvailable')) / kb('MemTotal')) * 100;
    expect(Math.abs(metrics['mem.used']! - memUsed)).toBeLessThanOrEqual(2);

    const df = execFileSync('df', ['-kP', '/'], { encoding: 'utf8' });
    const dfPercent = Number(/\s(\d+)%\s/.exec(df.split('\n')[1]!)![1]);
    const root = filesystems.find((f) => f.mount === '/');
    expect(root, 'the / filesystem').toBeDefined();
    expect(Math.abs(root!.usedPercent - dfPercent)).toBeLessThanOrEqual(2);
    expect(facts.hostname).toBe(os.hostname());
  });
});
