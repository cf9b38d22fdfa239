// The generated fleet behind the fake Prometheus API: N node_exporter targets with the label sets a
// real Prometheus 2.42 returns (captured from the real-Prometheus harness on loopback: sorted label
// names, __name__ kept on plain selectors and dropped by rate() and aggregations, numbers as
// strings in Go's shortest form) and values that depend on the target and on the query's
// evaluation time, so every poll reads new values and a test can recompute what a tile must show.
const ROLES = ['web', 'api', 'db', 'cache', 'batch'] as const;
const SITES = ['seoul', 'busan', 'daejeon', 'gwangju'] as const;
const GIB = 2 ** 30;

interface Mount { mountpoint: string; device: string; fstype: string; sizeBytes: number }
interface OsRelease { labels: Record<string, string>; release: string }

/** Three hardware and OS profiles, as a mixed fleet has (bare metal, NVMe servers, VMs). */
const PROFILES: Array<{ disks: string[]; nets: string[]; mounts: Mount[]; os: OsRelease }> = [
  {
    disks: ['sda', 'sdb', 'dm-0', 'dm-1'],
    nets: ['lo', 'eth0', 'docker0', 'veth3f1a2b7'],
    mounts: [
      { mountpoint: '/', device: '/dev/mapper/vg0-root', fstype: 'ext4', sizeBytes: 100 * GIB },
      { mountpoint: '/boot', device: '/dev/sda1', fstype: 'ext4', sizeBytes: GIB },
      { mountpoint: '/boot/efi', device: '/dev/sda15', fstype: 'vfat', sizeBytes: 0.5 * GIB },
      { mountpoint: '/var/lib/data', device: '/dev/sdb1', fstype: 'xfs', sizeBytes: 2000 * GIB },
      { mountpoint: '/run', device: 'tmpfs', fstype: 'tmpfs', sizeBytes: 3.2 * GIB },
      { mountpoint: '/run/lock', device: 'tmpfs', fstype: 'tmpfs', sizeBytes: 0.005 * GIB },
      { mountpoint: '/run/user/1000', device: 'tmpfs', fstype: 'tmpfs', sizeBytes: 3.2 * GIB },
    ],
    os: { labels: { id: 'debian', name: 'Debian GNU/Linux', pretty_name: 'Debian GNU/Linux 12 (bookworm)', version: '12 (bookworm)', version_codename: 'bookworm', version_id: '12' }, release: '6.1.0-28-amd64' },
  },
  {
    disks: ['nvme0n1', 'nvme1n1'],
    nets: ['lo', 'bond0', 'eno1', 'eno2'],
    mounts: [
      { mountpoint: '/', device: '/dev/nvme0n1p2', fstype: 'xfs', sizeBytes: 200 * GIB },
      { mountpoint: '/boot', device: '/dev/nvme0n1p1', fstype: 'xfs', sizeBytes: GIB },
      { mountpoint: '/data', device: '/dev/nvme1n1', fstype: 'xfs', sizeBytes: 3500 * GIB },
      { mountpoint: '/run', device: 'tmpfs', fstype: 'tmpfs', sizeBytes: 12.6 * GIB },
    ],
    os: { labels: { id: 'rocky', id_like: 'rhel centos fedora', name: 'Rocky Linux', pretty_name: 'Rocky Linux 9.4 (Blue Onyx)', version: '9.4 (Blue Onyx)', version_id: '9.4' }, release: '5.14.0-427.13.1.el9_4.x86_64' },
  },
  {
    disks: ['vda', 'vdb', 'sr0'],
    nets: ['lo', 'ens3'],
    mounts: [
      { mountpoint: '/', device: '/dev/vda1', fstype: 'ext4', sizeBytes: 40 * GIB },
      { mountpoint: '/srv', device: '/dev/vdb', fstype: 'ext4', sizeBytes: 200 * GIB },
      { mountpoint: '/run', device: 'tmpfs', fstype: 'tmpfs', sizeBytes: 0.8 * GIB },
      { mountpoint: '/run/user/0', device: 'tmpfs', fstype: 'tmpfs', sizeBytes: 0.8 * GIB },
    ],
    os: { labels: { id: 'ubuntu', id_like: 'debian', name: 'Ubuntu', pretty_name: 'Ubuntu 22.04.4 LTS', version: '22.04.4 LTS (Jammy Jellyfish)', version_codename: 'jammy', version_id: '22.04' }, release: '5.15.0-105-generic' },
  },
];

export interface FakeNode {
  index: number;
  instance: string;
  nodename: string;
  role: (typeof ROLES)[number];
  site: (typeof SITES)[number];
  /** Prometheus cannot scrape it: health "down", no fresh series in the instant query. */
  down: boolean;
  cores: number;
  memTotalBytes: number;
  swapTotalBytes: number;
  bootTimeS: number;
  profile: number;
  /** Pre-rendered label objects of every series, value left out (the per-poll work is the values). */
  series: Array<{ key: string; labels: string; device?: string; mount?: Mount }>;
}

export interface FleetOptions {
  targets: number;
  /** Every n-th target is down (up == 0); 0: none. Default 500. */
  downEvery?: number;
  job?: string;
}

const pad = (n: number) => String(n).padStart(4, '0');

/** Labels as Prometheus prints them: names sorted, values JSON-escaped. */
function labelJson(labels: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

export function instanceOf(index: number): string {
  return `10.${20 + (index >> 16)}.${(index >> 8) & 255}.${index & 255}:9100`;
}

export function fakeNode(index: number, opts: FleetOptions): FakeNode {
  const downEvery = opts.downEvery ?? 500;
  const job = opts.job ?? 'node';
  const role = ROLES[Math.floor(index / SITES.length) % ROLES.length]!;
  const site = SITES[index % SITES.length]!;
  const nodename = `${role}-${site}-${pad(index)}`;
  const profile = index % PROFILES.length;
  const p = PROFILES[profile]!;
  const cores = [2, 4, 8, 16, 32][index % 5]!;
  const instance = instanceOf(index);
  const base = { instance, job };
  const series: FakeNode['series'] = [];
  const add = (key: string, extra: Record<string, string>, more: Partial<FakeNode['series'][number]> = {}) => series.push({ key, labels: labelJson({ ...base, ...extra, opsdeck_key: key }), ...more });
  for (const key of ['cpu.busy', 'cpu.all', 'cpu.iowait', 'cpu.steal', 'cpu.cores']) add(key, {});
  const gauges: Array<[string, string]> = [
    ['mem.total', 'node_memory_MemTotal_bytes'], ['mem.avail', 'node_memory_MemAvailable_bytes'], ['swap.total', 'node_memory_SwapTotal_bytes'], ['swap.free', 'node_memory_SwapFree_bytes'],
    ['load.1', 'node_load1'], ['load.5', 'node_load5'], ['load.15', 'node_load15'], ['boot', 'node_boot_time_seconds'],
  ];
  for (const [key, name] of gauges) add(key, { __name__: name });
  for (const key of ['disk.readBps', 'disk.writeBps', 'disk.readIops', 'disk.writeIops']) for (const device of p.disks) add(key, { device }, { device });
  for (const key of ['net.rxBps', 'net.txBps']) for (const device of p.nets) add(key, { device }, { device });
  const fsNames: Array<[string, string]> = [['fs.size', 'node_filesystem_size_bytes'], ['fs.free', 'node_filesystem_free_bytes'], ['fs.avail', 'node_filesystem_avail_bytes']];
  for (const [key, name] of fsNames) for (const mount of p.mounts) add(key, { __name__: name, device: mount.device, fstype: mount.fstype, mountpoint: mount.mountpoint }, { mount });
  add('uname', { __name__: 'node_uname_info', domainname: '(none)', machine: 'x86_64', nodename, release: p.os.release, sysname: 'Linux', version: '#1 SMP PREEMPT_DYNAMIC' });
  add('os', { __name__: 'node_os_info', ...p.os.labels });
  return {
    index, instance, nodename, role, site, profile, cores, series,
    down: downEvery > 0 && index % downEvery === downEvery - 1,
    memTotalBytes: cores * 4 * GIB - 300 * 2 ** 20,
    swapTotalBytes: profile === 1 ? 0 : 2 * GIB,
    bootTimeS: 1_790_000_000 + index * 97,
  };
}

export function fakeFleet(opts: FleetOptions): FakeNode[] {
  return Array.from({ length: opts.targets }, (_, i) => fakeNode(i, opts));
}

/** A smooth, bounded per-target wave: each target its own level and phase, moving with time. */
const wave = (index: number, t: number, salt: number, lo: number, span: number) => lo + span * (0.5 + 0.5 * Math.sin(t / 90 + index * 1.7 + salt)) * (0.3 + ((index * 7919 + salt * 104_729) % 70) / 100);

/** The CPU busy % a tile must show for this target at evaluation time `t` (seconds). */
export const expectedCpuPct = (node: FakeNode, t: number) => wave(node.index, t, 1, 2, 95);
export const expectedMemPct = (node: FakeNode, t: number) => wave(node.index, t, 2, 10, 85);
export const expectedLoad1 = (node: FakeNode, t: number) => (node.cores * expectedCpuPct(node, t)) / 100 + 0.05;
/** Used share of one filesystem, 0..1, as df computes it. */
const fsUsedShare = (node: FakeNode, mount: Mount, t: number) => (mount.fstype === 'tmpfs' ? 0.001 : Math.min(0.97, 0.2 + ((node.index * 31 + mount.mountpoint.length * 13) % 60) / 100 + ((t % 86_400) / 86_400) * 0.01));

/** One series' value at `t`, as Prometheus would compute it from the scraped counters. */
function valueOf(node: FakeNode, s: FakeNode['series'][number], t: number): number | null {
  switch (s.key) {
    case 'cpu.all': return node.cores;
    case 'cpu.busy': return (node.cores * expectedCpuPct(node, t)) / 100;
    case 'cpu.iowait': return (node.cores * wave(node.index, t, 3, 0, 8)) / 100;
    case 'cpu.steal': return node.profile === 2 ? (node.cores * wave(node.index, t, 4, 0, 2)) / 100 : 0;
    case 'cpu.cores': return node.cores;
    case 'mem.total': return node.memTotalBytes;
    case 'mem.avail': return Math.round(node.memTotalBytes * (1 - expectedMemPct(node, t) / 100));
    case 'swap.total': return node.swapTotalBytes;
    case 'swap.free': return Math.round(node.swapTotalBytes * 0.9);
    case 'load.1': return expectedLoad1(node, t);
    case 'load.5': return expectedLoad1(node, t - 120);
    case 'load.15': return expectedLoad1(node, t - 400);
    case 'boot': return node.bootTimeS;
    case 'uname': case 'os': return 1;
  }
  const f = s.mount;
  if (f) {
    const used = Math.round(f.sizeBytes * fsUsedShare(node, f, t));
    const free = f.sizeBytes - used;
    // ext4 keeps 5 % for root: avail is smaller than free there, as df shows.
    const reserved = f.fstype === 'ext4' ? Math.round(f.sizeBytes * 0.05) : 0;
    return s.key === 'fs.size' ? f.sizeBytes : s.key === 'fs.free' ? free : Math.max(0, free - reserved);
  }
  if (s.device === 'lo' || s.device === 'sr0') return s.key.startsWith('net.') ? wave(node.index, t, 5, 0, 2_000) : 0;
  const scale = s.key.endsWith('Iops') ? 300 : s.key.startsWith('net.') ? 12_000_000 : 40_000_000;
  return wave(node.index, t, s.key.length + (s.device?.length ?? 0), 0, scale);
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64) and JS's String() agree below 1e21: shortest round-trip digits. */
const promNumber = (v: number) => String(v);

/** The fleet query's answer, as chunks of the JSON body: one per `perChunk` targets. */
export function fleetQueryChunks(nodes: readonly FakeNode[], keys: ReadonlySet<string>, t: number, perChunk = 250): string[] {
  const ts = Number(t.toFixed(3));
  const chunks: string[] = ['{"status":"success","data":{"resultType":"vector","result":['];
  let first = true;
  let part: string[] = [];
  for (const node of nodes) {
    if (!node.down) {
      for (const s of node.series) {
        if (!keys.has(s.key)) continue;
        const v = valueOf(node, s, t);
        if (v === null) continue;
        part.push(`${first ? '' : ','}{"metric":${s.labels},"value":[${ts},"${promNumber(v)}"]}`);
        first = false;
      }
    }
    if (node.index % perChunk === perChunk - 1) {
      chunks.push(part.join(''));
      part = [];
    }
  }
  chunks.push(part.join(''), ']}}');
  return chunks;
}

/** /api/v1/targets?state=active: every node target plus Prometheus scraping itself. */
export function targetsAnswer(nodes: readonly FakeNode[], scrapeInterval: string, now: number): string {
  const iso = new Date(now - 3_000).toISOString().replace('Z', '123456Z');
  const target = (instance: string, job: string, down: boolean, path = '/metrics') => ({
    discoveredLabels: { __address__: instance, __metrics_path__: path, __scheme__: 'http', __scrape_interval__: scrapeInterval, __scrape_timeout__: '10s', job },
    labels: { instance, job },
    scrapePool: job,
    scrapeUrl: `http://${instance}${path}`,
    globalUrl: `http://${instance}${path}`,
    lastError: down ? `Get "http://${instance}${path}": context deadline exceeded` : '',
    lastScrape: iso,
    lastScrapeDuration: down ? 10.000812 : 0.041230911,
    health: down ? 'down' : 'up',
    scrapeInterval,
    scrapeTimeout: '10s',
  });
  const active = [target('localhost:9090', 'prometheus', false), ...nodes.map((n) => target(n.instance, 'node', n.down))];
  return JSON.stringify({ status: 'success', data: { activeTargets: active, droppedTargets: [] } });
}

/** /api/v1/alerts: the down targets fire, every 250th busy host has a pending CPU alert. */
export function alertsAnswer(nodes: readonly FakeNode[], now: number): string {
  const activeAt = new Date(now - 600_000).toISOString();
  const alerts: unknown[] = [];
  for (const n of nodes) {
    if (n.down) alerts.push({ labels: { alertname: 'NodeExporterDown', instance: n.instance, job: 'node', severity: 'critical' }, annotations: { summary: `node_exporter on ${n.instance} is down` }, state: 'firing', activeAt, value: '0e+00' });
    else if (n.index % 250 === 3) alerts.push({ labels: { alertname: 'HostHighCpuLoad', instance: n.instance, job: 'node', severity: 'warning' }, annotations: { summary: 'CPU load is above 80 %', description: `CPU on ${n.nodename} is busy` }, state: 'pending', activeAt, value: '8.2e+01' });
  }
  return JSON.stringify({ status: 'success', data: { alerts } });
}

/** query_range for one instance: the expression's kind read from its metric names. */
export function rangeValues(node: FakeNode, expr: string, start: number, end: number, step: number): Array<[number, string]> {
  const pick = (t: number): number =>
    expr.includes('MemAvailable') ? expectedMemPct(node, t)
      : expr.includes('node_load') ? expectedLoad1(node, t)
        : expr.includes('mode="idle"') && expr.startsWith('count') ? node.cores
          : expr.includes('node_cpu_seconds_total') ? expectedCpuPct(node, t)
            : expr.includes('node_filesystem') ? 100 * fsUsedShare(node, PROFILES[node.profile]!.mounts[0]!, t)
              : wave(node.index, t, 9, 0, 1_000_000);
  const out: Array<[number, string]> = [];
  for (let t = start; t <= end && out.length < 11_000; t += step) out.push([Number(t.toFixed(3)), promNumber(pick(t))]);
  return out;
}
