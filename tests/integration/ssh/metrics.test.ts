// The SSH collector against sshd on this same machine must read what the local collector
// reads from /proc: same cores, memory, kernel, filesystems; rates within a few points.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/main/engine/core/clock';
import { createLocalCollector } from '../../../src/main/engine/collectors/local';
import { createSshCollector } from '../../../src/main/engine/collectors/ssh-host';
import { MemoryHostKeyStore } from '../../../src/main/engine/transport/host-key-policy';
import { SshConnection } from '../../../src/main/engine/transport/ssh-connection';
import { startSshd, type SshdHandle } from '../../support/sshd';

let sshd: SshdHandle;

beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.stop();
});

describe('the SSH collector on this machine', () => {
  it('reports the same metrics, filesystems and facts as the local collector', async () => {
    const hostKeys = new MemoryHostKeyStore();
    hostKeys.trust(sshd.host, sshd.port, sshd.hostKeyBlob());
    const connection = new SshConnection({
      host: sshd.host,
      port: sshd.port,
      credentials: { username: sshd.user, privateKey: sshd.clientKey.privateKey },
      hostKeys,
    });
    const remote = createSshCollector({ connection, clock: systemClock, pollTimeoutMs: 10_000 });
    const local = createLocalCollector({ clock: systemClock });
    try {
      const first = await remote.collect();
      expect(first.metrics['cpu.usage']).toBeNull(); // no delta yet: null, never 0
      await local.collect();
      await new Promise((r) => setTimeout(r, 1_000));
      const [r, l] = await Promise.all([remote.collect(), local.collect()]);
      const near = (key: keyof typeof r.metrics, tolerance: number) => {
        expect(r.metrics[key], key).not.toBeNull();
        expect(Math.abs(r.metrics[key]! - l.metrics[key]!), key).toBeLessThanOrEqual(tolerance);
      };

      expect(r.metrics['cpu.cores']).toBe(l.metrics['cpu.cores']);
      expect(r.metrics['mem.totalBytes']).toBe(l.metrics['mem.totalBytes']);
      expect(r.metrics['swap.totalBytes']).toBe(l.metrics['swap.totalBytes']);
      near('cpu.usage', 15);
      near('mem.used', 3);
      near('load.1', 1);
      near('uptime', 5);
      near('disk.used', 1);
      for (const key of ['net.rxBps', 'net.txBps', 'disk.readBps', 'disk.writeBps', 'disk.readIops', 'disk.writeIops'] as const) {
        expect(r.metrics[key], key).toBeGreaterThanOrEqual(0);
      }

      expect(r.filesystems.map((fs) => fs.mount).sort()).toEqual(l.filesystems.map((fs) => fs.mount).sort());
      for (const fs of r.filesystems) {
        const same = l.filesystems.find((x) => x.mount === fs.mount)!;
        expect(fs.sizeBytes).toBe(same.sizeBytes);
        expect(Math.abs(fs.usedPercent - same.usedPercent)).toBeLessThanOrEqual(1);
      }
      expect(r.facts).toEqual(l.facts);

      expect(r.topProcesses?.byCpu.length).toBeGreaterThan(0);
      expect(r.topProcesses?.byMemory[0]?.memPercent).toBeGreaterThanOrEqual(r.topProcesses?.byMemory.at(-1)?.memPercent ?? 0);
      expect(r.via).toBe('shell');
    } finally {
      await remote.close();
    }
  });
});
