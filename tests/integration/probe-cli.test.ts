// `npx opsdeck probe local --json` against what the OS's own tools report at the same moment.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliPath } from '../support/serve-process';

const run = promisify(execFile);

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

  it('agrees with vmstat, free and df within a few points', async () => {
    // CPU: a 3 s window for both, started together. Other tests run in parallel and CPU moves
    // fast, so the windows (offset by Node's start-up) may disagree now and then: the best of
    // five attempts must agree.
    const cpuDiffs: number[] = [];
    for (let attempt = 0; attempt < 5 && !(cpuDiffs.length && Math.min(...cpuDiffs) <= 5); attempt++) {
      const [probe, vmstat] = await Promise.all([probeJson(3000), run('vmstat', ['3', '2'])]);
      const rows = vmstat.stdout.trim().split('\n');
      const header = rows[1]!.trim().split(/\s+/);
      const last = rows.at(-1)!.trim().split(/\s+/).map(Number);
      const osCpu = 100 - last[header.indexOf('id')]! - last[header.indexOf('wa')]!;
      cpuDiffs.push(Math.abs(probe.metrics['cpu.usage'].value - osCpu));
    }
    expect(Math.min(...cpuDiffs)).toBeLessThanOrEqual(5);

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
