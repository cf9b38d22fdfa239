// `npx opsdeck probe local --json` against what the OS's own tools report at the same moment.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliPath } from '../support/serve-process';

const run = promisify(execFile);

/** Busy and total jiffies from /proc/stat's cpu line: busy is all but idle and iowait. */
function cpuTotals(): { busy: number; total: number } {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = f.reduce((x, y) => x + y, 0);
  return { busy: total - f[3]! - f[4]!, total };
}

async function probeJson(sampleMs = 1000) {
  const { stdout } = await run(process.execPath, [cliPath, 'probe', 'local', '--json', '--sample-ms', String(sampleMs)]);
  return JSON.parse(stdout);
}

describe.skipIf(process.platform !== 'linux')('opsdeck probe local --json', () => {
  it('prints a complete snapshot: every metric with its unit and status, a timestamp, filesystems and facts', async () => {
    const r = await probeJson();
    expect(r.target).toMatchObject({ id: 'local', kind: 'local' });
    expect(Math.abs(r.ts - Date.now())).toBeLessThan(60_000);
    expect(new Date(r.time).getTime()).toBe(r.ts);
    expect(['ok', 'warn', 'crit', 'unknown']).toContain(r.status);
    for (const key of ['cpu.usage', 'cpu.iowait', 'mem.used', 'swap.used', 'load.perCore', 'disk.used', 'disk.readBps', 'net.rxBps', 'uptime']) {
      expect(r.metrics[key], key).toHaveProperty('unit');
      expect(r.metrics[key], key).toHaveProperty('value');
    }
    expect(r.metrics['cpu.usage'].unit).toBe('percent');
    expect(r.metrics['cpu.usage'].status).toMatch(/ok|warn|crit/);
    expect(r.filesystems.find((f: { mount: string }) => f.mount === '/')).toBeTruthy();
    expect(r.facts.kernel).toBeTruthy();
  }, 60_000);

  it('agrees with the OS counters, free and df within a few points', async () => {
    // CPU moves fast and other tests run in parallel, so the reference must cover the probe's
    // own window: the test reads /proc/stat every 25 ms while the probe runs and takes the
    // readings nearest to the probe's two samples (sampledFrom, ts), computing usage the way
    // vmstat does (everything but idle and iowait).
    const cpuDiffs: number[] = [];
    for (let attempt = 0; attempt < 3 && !(cpuDiffs.length && Math.min(...cpuDiffs) <= 3); attempt++) {
      const readings: Array<{ at: number; busy: number; total: number }> = [];
      const timer = setInterval(() => readings.push({ at: Date.now(), ...cpuTotals() }), 25);
      const probe = await probeJson(2000).finally(() => clearInterval(timer));
      const nearest = (ts: number) => readings.reduce((a, b) => (Math.abs(b.at - ts) < Math.abs(a.at - ts) ? b : a));
      const a = nearest(probe.sampledFrom);
      const b = nearest(probe.ts);
      const osCpu = ((b.busy - a.busy) / (b.total - a.total)) * 100;
      cpuDiffs.push(Math.abs(probe.metrics['cpu.usage'].value - osCpu));
    }
    expect(Math.min(...cpuDiffs)).toBeLessThanOrEqual(3);

    const [probe, free, df] = await Promise.all([probeJson(), run('free', ['-b']), run('df', ['-kP', '/'])]);
    const mem = free.stdout.split('\n').find((l) => l.startsWith('Mem:'))!.trim().split(/\s+/).map(Number);
    const osMem = ((mem[1]! - mem[6]!) / mem[1]!) * 100; // total - available
    expect(Math.abs(probe.metrics['mem.used'].value - osMem)).toBeLessThanOrEqual(3);

    const dfRow = df.stdout.trim().split('\n')[1]!.trim().split(/\s+/);
    const osDisk = Number(dfRow[4]!.replace('%', ''));
    const root = probe.filesystems.find((f: { mount: string }) => f.mount === '/');
    expect(Math.abs(root.usedPercent - osDisk)).toBeLessThanOrEqual(2);
  }, 120_000);

  it('wrong input exits non-zero with one line and a stable code', async () => {
    const bad = await run(process.execPath, [cliPath, 'probe', 'nowhere']).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^opsdeck: UNKNOWN_TARGET: [^\n]+$/);
    const flag = await run(process.execPath, [cliPath, 'probe', 'local', '--bogus']).catch((e) => e);
    expect(flag.code).toBe(2);
    expect(flag.stderr.trim()).toMatch(/^opsdeck: BAD_FLAG: [^\n]+$/);
  });
});
