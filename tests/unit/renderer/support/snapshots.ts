// Hand-built snapshots shaped like the engine's HostSnapshot (src/shared/model.ts). Values are
// typical of a small Debian VM; each test overrides only what it is about.
import { emptyHostMetrics, type HealthStatus, type HostSnapshot, type OverviewTile, type Target } from '../../../../src/shared/model';

export function makeTarget(id: string, name = id): Target {
  return { id, name, kind: id === 'local' ? 'local' : 'ssh', intervalMs: 5000, enabled: true };
}

export function makeSnapshot(targetId: string, overrides: Partial<HostSnapshot> = {}): HostSnapshot {
  return {
    targetId,
    ts: 1_700_000_000_000,
    metrics: {
      ...emptyHostMetrics(),
      'cpu.usage': 12.5,
      'cpu.iowait': 0.4,
      'cpu.steal': 0,
      'cpu.cores': 4,
      'mem.used': 41.2,
      'disk.used': 63,
      'load.1': 0.52,
      'load.perCore': 0.13,
    },
    filesystems: [
      { mount: '/', device: '/dev/vda1', fsType: 'ext4', sizeBytes: 31_526_391_808, usedBytes: 19_861_626_880, usedPercent: 63 },
      { mount: '/boot/efi', device: '/dev/vda15', fsType: 'vfat', sizeBytes: 129_718_272, usedBytes: 6_160_384, usedPercent: 5 },
    ],
    health: {},
    status: 'ok',
    reasons: [],
    facts: { hostname: targetId, os: 'Debian GNU/Linux 13 (trixie)', kernel: '6.12.38+deb13-amd64', arch: 'x86_64' },
    ...overrides,
  };
}

export function makeTile(id: string, status: HealthStatus, name = id, snapshot: HostSnapshot | null = makeSnapshot(id, { status })): OverviewTile {
  return { target: makeTarget(id, name), snapshot, status, sparklines: { 'cpu.usage': [10, 11, null, 12.5] } };
}
