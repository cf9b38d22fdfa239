// The built `opsdeck tail` against a real sshd, as a person runs it: its own HOME and
// known_hosts, a key named with --identity. The last ten lines as JSON events with levels;
// --follow through a rotation until stopped, leaving no tail behind; failures as one line.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../../support/serve-process';
import { LogWriter, logDir, processesMentioning } from '../../support/log-files';
import { startSshd, type SshdHandle } from '../../support/sshd';
import { waitFor } from '../../support/wait-for';

let sshd: SshdHandle;
let home: string;
let dir: string;

beforeAll(async () => {
  sshd = await startSshd();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-tail-home-'));
  fs.mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
  fs.writeFileSync(path.join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${sshd.port} ssh-ed25519 ${sshd.hostKeyBlob().toString('base64')}\n`);
  dir = logDir();
});
afterAll(async () => {
  await sshd?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

const target = () => `ssh://${sshd.user}@127.0.0.1:${sshd.port}`;
const env = () => {
  const { SSH_AUTH_SOCK: _a, OPSDECK_SSH_PASSWORD: _p, ...base } = process.env;
  return { ...base, HOME: home };
};

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cliPath, ...args], { env: env(), timeout: 30_000, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0, stdout, stderr });
    });
  });
}

describe('opsdeck tail against a real sshd', () => {
  it('prints the last ten lines as JSON events with their levels', async () => {
    const file = path.join(dir, 'app.log');
    const w = new LogWriter(file);
    const levels = ['INFO', 'WARN', 'ERROR', 'DEBUG'];
    for (let i = 1; i <= 25; i++) w.line(`2026-12-06 10:00:${String(i).padStart(2, '0')} ${levels[i % 4]} request ${i}`);
    w.line('{"level":50,"msg":"payment failed","time":1765000000000}');
    w.line('<11>1 2026-12-06T10:00:30Z web orders - - - card declined');
    w.close();
    const r = await cli(['tail', target(), file, '--lines', '10', '--json', '--identity', sshd.clientKey.privatePath]);
    expect(r.code, r.stderr).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { level: string; text: string; lines: number; ts: string });
    expect(events).toHaveLength(10);
    expect(events.map((e) => e.text)).toEqual(w.written.slice(-10));
    expect(events.map((e) => e.level)).toEqual(['error', 'debug', 'info', 'warn', 'error', 'debug', 'info', 'warn', 'error', 'error']);
    expect(events.every((e) => e.lines === 1 && !Number.isNaN(Date.parse(e.ts)))).toBe(true);
    expect(sshd.countAccepted()).toBeGreaterThanOrEqual(1);
  });

  it('prints text lines with control characters made visible', async () => {
    const file = path.join(dir, 'ansi.log');
    fs.writeFileSync(file, 'plain\n\u001b[31mred\u001b[0m \u001b]0;pwned\u0007title\n');
    const r = await cli(['tail', target(), file, '--identity', sshd.clientKey.privatePath]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('plain\n\\x1b[31mred\\x1b[0m \\x1b]0;pwned\\x07title\n');
  });

  it('follows through a rotation until stopped, and leaves no tail on the server', async () => {
    const file = path.join(dir, 'follow.log');
    const w = new LogWriter(file);
    w.line('first');
    const child = spawn(process.execPath, [cliPath, 'tail', target(), file, '--follow', '--lines', '1', '--identity', sshd.clientKey.privatePath], { env: env() });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    await waitFor('the first line', async () => out.includes('first\n'));
    w.line('second');
    w.renameRotate();
    w.reopen();
    w.line('third');
    await waitFor('the line after the rotation', async () => out.includes('third\n'), 15_000);
    expect(out).toBe('first\nsecond\nthird\n');
    expect(processesMentioning('follow.log').some((p) => p.cmdline.startsWith('tail -F'))).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await waitFor('no tail left', async () => processesMentioning('follow.log').length === 0, 5_000);
    w.close();
  });

  it('says in one line what is wrong', async () => {
    const missing = await cli(['tail', target(), path.join(dir, 'nope.log'), '--identity', sshd.clientKey.privatePath]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^opsdeck: LOG_NOT_FOUND: There is no file .*nope\.log on the server\.\n$/);
    const relative = await cli(['tail', target(), 'var/log/syslog']);
    expect(relative.code).toBe(2);
    expect(relative.stderr).toMatch(/^opsdeck: BAD_FLAG: /);
    const unit = await cli(['tail', target(), '--unit', "nginx'; reboot"]);
    expect(unit.code).toBe(2);
    expect(unit.stderr).toMatch(/^opsdeck: BAD_FLAG: --unit/);
  });
});
