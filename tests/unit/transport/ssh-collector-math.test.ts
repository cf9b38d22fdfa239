// What the SSH collector makes of the raw sections: the same metrics as the local collector,
// null where a section is missing, and no negative or wrap-sized rate across a counter reset.
import { describe, expect, it } from 'vitest';
import { createProcMetricsReader, type ProcTexts } from '../../../src/main/engine/collectors/ssh-proc-metrics';
import { filesystemsFromDf, hostFacts, parseProcessList, topProcesses } from '../../../src/main/engine/collectors/ssh-slow-sections';
import { fixture } from '../parsers/fixture';

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

describe('fast-cadence metrics from remote sections', () => {
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

  it('nulls only the metrics of a missing section', () => {
    const read = createProcMetricsReader();
    const r = read({ ...texts(), meminfo: null, loadavg: 'garbage' }, 0);
    expect(r.sectionsRead).toBe(4);
    expect(r.metrics['mem.used']).toBeNull();
    expect(r.metrics['load.1']).toBeNull();
    expect(r.metrics['cpu.cores']).toBe(2);
    expect(read({ stat: null, meminfo: null, loadavg: null, diskstats: null, netDev: null, uptime: null }, 1).sectionsRead).toBe(0);
  });
});

describe('slow-cadence sections', () => {
  it('keeps local data filesystems from GNU df -kPTl, including mount points with spaces', () => {
    // The capture's spaced mount is a tmpfs; a USB disk line in the same shape is added to it.
    const text = `${fixture('mount-with-spaces/df-kPT.txt')}/dev/sdb1            exfat        1000       500       500  50% /media/USB DISK\n`;
    const mounts = filesystemsFromDf(text).map((f) => f.mount);
    expect(mounts).toEqual(['/', '/media/USB DISK']);
    expect(filesystemsFromDf(fixture(`${DEBIAN}/df-kPl.txt`)).map((f) => f.mount)).toEqual(['/']);
  });

  it('filters busybox df -kPT (no -l) by type, and gives [] for its usage text', () => {
    expect(filesystemsFromDf(fixture('busybox-1.35-debian12/df-kPT.txt')).map((f) => [f.mount, f.fsType])).toEqual([['/', 'ext4']]);
    expect(filesystemsFromDf(fixture('busybox-1.35-debian12/df-kPl.txt'))).toEqual([]);
    expect(filesystemsFromDf(null)).toEqual([]);
  });

  it('reads ps lines whose command holds spaces, and ranks by CPU and by memory', () => {
    // Shape of `ps -eo pid=,pcpu=,pmem=,comm= --sort=-pcpu` (procps-ng 4.0.2, Debian 12).
    const ps = ['  812 12.5  1.0 Web Content', '    1  0.1  0.2 systemd', '  944  3.0 41.7 java', 'junk line', ' 77 x 1.0 bad'].join('\n');
    expect(parseProcessList(ps)).toHaveLength(3);
    const top = topProcesses(ps, 2)!;
    expect(top.byCpu.map((p) => p.command)).toEqual(['Web Content', 'java']);
    expect(top.byMemory.map((p) => p.pid)).toEqual([944, 812]);
    expect(topProcesses('')).toBeNull();
  });

  it('builds facts from uname -snrm and os-release, with Node-style architecture names', () => {
    expect(hostFacts('Linux web-01 6.1.0-18-amd64 x86_64\n', fixture(`${DEBIAN}/os-release`))).toEqual({
      hostname: 'web-01',
      os: 'Debian GNU/Linux 12 (bookworm)',
      kernel: '6.1.0-18-amd64',
      arch: 'x64',
    });
    expect(hostFacts('Linux pi 6.6.31+rpt-rpi-v8 aarch64', null)).toMatchObject({ os: 'Linux 6.6.31+rpt-rpi-v8', arch: 'arm64' });
    expect(hostFacts(null, null)).toEqual({ hostname: null, os: null, kernel: null, arch: null });
  });
});
