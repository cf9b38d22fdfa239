// The disk-full forecast on a real filesystem: a small ext4 image mounted on a loop device (the
// local collector skips tmpfs, which is memory, not a disk), filled at a steady rate while the
// engine watches this computer every second. The forecast taken halfway must name a full time
// within 10 % of when the writes really hit ENOSPC. Needs root (mount), as CI runs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../src/main/engine/core/logger';
import { createEngine, type Engine } from '../../src/main/engine/engine';
import { RecordingNotifier } from '../../src/main/engine/notify/notifier';
import { tempDataDir } from '../support/serve-process';
import { waitFor } from '../support/wait-for';

const root = process.getuid?.() === 0;
let dir: string;
let mount: string;
let engine: Engine | null = null;

beforeAll(() => {
  if (!root) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-fill-'));
  mount = path.join(dir, 'disk');
  fs.mkdirSync(mount);
  execFileSync('truncate', ['-s', '24M', path.join(dir, 'disk.img')]);
  // -m 0: no blocks reserved for root, so 100 % used is exactly when writes fail.
  execFileSync('mkfs.ext4', ['-q', '-F', '-m', '0', path.join(dir, 'disk.img')]);
  execFileSync('mount', ['-o', 'loop', path.join(dir, 'disk.img'), mount]);
});

afterAll(async () => {
  await engine?.stop();
  if (!root) return;
  try {
    execFileSync('umount', [mount]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe.skipIf(!root)('the disk-full forecast on a filling filesystem', () => {
  it('shows an ETA within 10 % of the true time, and its rule fires with the time in the alert', async () => {
    const notifier = new RecordingNotifier();
    const dataDir = tempDataDir();
    engine = createEngine({ dataDir, host: 'serve', intervalMs: 1_000, logger: new MemoryLogger(), notifier, alertForecast: { minPoints: 8, minSpanMs: 8_000, everyMs: 1_000, windowMs: 120_000 } });
    await engine.start();
    const api = engine.api;
    await waitFor('the loop filesystem in a snapshot', async () => (await api.getSnapshot({ targetId: 'local' }))?.filesystems?.some((f) => f.mount === mount));
    await api.importAlertRules({ content: `rules:\n  - name: fills-within-an-hour\n    metric: "fs.fullIn:${mount}"\n    below: 3600\n    severity: warning\nsettings:\n  groupWait: 0s\n` });

    // Steady writes: 64 KiB every 100 ms (about 640 KiB/s) until the filesystem is full.
    const fd = fs.openSync(path.join(mount, 'fill.bin'), 'w');
    const chunk = Buffer.alloc(64 * 1024, 7);
    let fullAt = 0;
    let forecast: { fullAt: number | null; takenAt: number } | null = null;
    const t0 = Date.now();
    const writer = setInterval(() => {
      if (fullAt) return;
      try {
        fs.writeSync(fd, chunk);
        fs.fsyncSync(fd);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOSPC') fullAt = Date.now();
        else throw err;
      }
    }, 100);
    try {
      // Halfway there (after 15 s of steady writes), take the forecast the host page would show.
      await new Promise((r) => setTimeout(r, 15_000));
      const list = await api.getDiskForecasts({ targetId: 'local' });
      const f = list.find((x) => x.mount === mount);
      expect(f, JSON.stringify(list)).toBeDefined();
      forecast = { fullAt: f!.fullAt, takenAt: Date.now() };
      expect(f!.slopePerHour).toBeGreaterThan(0);
      await waitFor('ENOSPC', async () => fullAt > 0, 60_000);
    } finally {
      clearInterval(writer);
      fs.closeSync(fd);
    }
    const remainingTrue = fullAt - forecast!.takenAt;
    const error = Math.abs(forecast!.fullAt! - fullAt);
    console.log(`disk forecast: filled in ${((fullAt - t0) / 1000).toFixed(1)} s; predicted ${((forecast!.fullAt! - forecast!.takenAt) / 1000).toFixed(1)} s ahead, true ${(remainingTrue / 1000).toFixed(1)} s, error ${((100 * error) / remainingTrue).toFixed(1)} %`);
    expect(error).toBeLessThanOrEqual(0.1 * remainingTrue);

    const firing = notifier.sent.map((s) => s.notification).find((n) => n.event === 'firing' && n.alerts.some((a) => a.ruleName === 'fills-within-an-hour'));
    expect(firing).toBeDefined();
    const alert = firing!.alerts.find((a) => a.ruleName === 'fills-within-an-hour')!;
    expect(alert.series).toMatchObject({ key: `fs.fullIn:${mount}`, unit: 'seconds' });
    expect(alert.detail).toMatchObject({ mount, fullAt: expect.any(Number), hoursUntilFull: expect.any(Number) });
  }, 120_000);
});
