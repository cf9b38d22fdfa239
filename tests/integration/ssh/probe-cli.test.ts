// The built `opsdeck probe ssh://...` against a real sshd on loopback, as a person runs it: its
// own HOME with its own ~/.ssh/known_hosts, keys named with --identity or found in ~/.ssh, an
// agent through SSH_AUTH_SOCK. Every failure is one line with its code, within the deadline.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintSha256 } from '../../../src/main/engine/transport/host-key-policy';
import { cliPath } from '../../support/serve-process';
import { freePort, startAgent, startSshd, type SshdHandle } from '../../support/sshd';

let sshd: SshdHandle;
let home: string;

beforeAll(async () => {
  sshd = await startSshd({ passwordUser: true });
});
afterAll(async () => {
  await sshd?.stop();
});
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-probe-home-'));
});

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const { SSH_AUTH_SOCK: _agent, OPSDECK_SSH_PASSWORD: _pw, ...base } = process.env;
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [cliPath, ...args], { env: { ...base, HOME: home, ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const target = () => `ssh://${sshd.user}@127.0.0.1:${sshd.port}`;
const knownHostsFile = () => path.join(home, '.ssh', 'known_hosts');
const hostLine = () => `[127.0.0.1]:${sshd.port} ssh-ed25519 ${sshd.hostKeyBlob().toString('base64')}`;

function writeKnownHosts(...lines: string[]): void {
  fs.mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
  fs.writeFileSync(knownHostsFile(), `${lines.join('\n')}\n`);
}

function expectFailure(r: CliRun, code: string, withinMs: number): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(new RegExp(`^opsdeck: ${code}: [^\\n]+\\n$`));
  expect(r.ms).toBeLessThan(withinMs);
}

describe('opsdeck probe ssh:// against a real sshd', () => {
  it('refuses an unknown host key with its fingerprint, then --accept-new adds it to known_hosts and the next run trusts it', async () => {
    const refused = await cli(['probe', target(), '--identity', sshd.clientKey.privatePath, '--sample-ms', '200']);
    expectFailure(refused, 'HOSTKEY_UNKNOWN', 15_000);
    expect(refused.stderr).toContain(fingerprintSha256(sshd.hostKeyBlob()));
    expect(refused.stderr).toMatch(/--accept-new/);
    expect(fs.existsSync(knownHostsFile())).toBe(false);
    expect(sshd.log()).not.toMatch(/Accepted publickey/);

    const accepted = await cli(['probe', target(), '--identity', sshd.clientKey.privatePath, '--accept-new', '--json', '--sample-ms', '300']);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(JSON.parse(accepted.stdout).target).toMatchObject({ kind: 'ssh', name: '127.0.0.1' });
    expect(fs.readFileSync(knownHostsFile(), 'utf8')).toBe(`${hostLine()}\n`);

    // The same file hashed by OpenSSH is still honoured.
    execFileSync('ssh-keygen', ['-H', '-f', knownHostsFile()], { stdio: 'ignore' });
    expect(fs.readFileSync(knownHostsFile(), 'utf8')).toMatch(/^\|1\|/);
    const again = await cli(['probe', target(), '--identity', sshd.clientKey.privatePath, '--sample-ms', '200']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^127\.0\.0\.1 \(ssh:.*\) {2}(OK|WARN|CRIT|UNKNOWN) /);
    expect(again.stdout).toMatch(/CPU usage/);
    expect(again.stdout).not.toMatch(/mem\.usedBytes/);
  });

  // CPU moves fast and other test files run in parallel, so the two windows (offset by the SSH
  // login) may disagree now and then: long 5 s windows shrink the offset's share, and the best of
  // three attempts must agree.
  it('reports the same metrics as probe local on the same machine, within a few points', { timeout: 90_000 }, async () => {
    writeKnownHosts(hostLine());
    const attempts: Array<{ cpu: number; mem: number; root: number; uptime: number }> = [];
    let ssh: Record<string, any> = {};
    let local: Record<string, any> = {};
    for (let i = 0; i < 3 && !(attempts.length && Math.min(...attempts.map((a) => a.cpu)) <= 10); i++) {
      const [a, b] = await Promise.all([
        cli(['probe', target(), '--identity', sshd.clientKey.privatePath, '--json', '--sample-ms', '5000']),
        cli(['probe', 'local', '--json', '--sample-ms', '5000']),
      ]);
      expect(a.code, a.stderr).toBe(0);
      ssh = JSON.parse(a.stdout);
      local = JSON.parse(b.stdout);
      const rootOf = (r: Record<string, any>) => r.filesystems.find((f: { mount: string }) => f.mount === '/')?.usedPercent;
      attempts.push({
        cpu: Math.abs(ssh.metrics['cpu.usage'].value - local.metrics['cpu.usage'].value),
        mem: Math.abs(ssh.metrics['mem.used'].value - local.metrics['mem.used'].value),
        root: Math.abs(rootOf(ssh) - rootOf(local)),
        uptime: Math.abs(ssh.metrics.uptime.value - local.metrics.uptime.value),
      });
    }
    const best = (k: keyof (typeof attempts)[number]) => Math.min(...attempts.map((a) => a[k]));
    expect(best('cpu')).toBeLessThanOrEqual(10);
    expect(best('mem')).toBeLessThanOrEqual(3);
    expect(best('root')).toBeLessThanOrEqual(2);
    expect(best('uptime')).toBeLessThanOrEqual(10);
    expect(ssh.metrics['cpu.cores'].value).toBe(local.metrics['cpu.cores'].value);
    expect(ssh.metrics['mem.totalBytes'].value).toBe(local.metrics['mem.totalBytes'].value);
    expect(Object.keys(ssh.metrics)).toEqual(Object.keys(local.metrics));
    expect(ssh.facts.kernel).toBe(local.facts.kernel);
  });

  it('logs in with a default identity in ~/.ssh and with ssh-agent, with no --identity', async () => {
    writeKnownHosts(hostLine());
    fs.copyFileSync(sshd.clientKey.privatePath, path.join(home, '.ssh', 'id_ed25519'));
    const viaDefault = await cli(['probe', target(), '--sample-ms', '200']);
    expect(viaDefault.code, viaDefault.stderr).toBe(0);
    fs.rmSync(path.join(home, '.ssh', 'id_ed25519'));

    const agent = await startAgent([sshd.agentKey.privatePath]);
    try {
      const viaAgent = await cli(['probe', target(), '--sample-ms', '200'], { SSH_AUTH_SOCK: agent.socket });
      expect(viaAgent.code, viaAgent.stderr).toBe(0);
    } finally {
      await agent.stop();
    }
  });

  it('never prompts for a passphrase: an encrypted key without an agent is PASSPHRASE_REQUIRED, naming ssh-add', async () => {
    writeKnownHosts(hostLine());
    const before = sshd.log().length;
    const r = await cli(['probe', target(), '--identity', sshd.encryptedKey.privatePath]);
    expectFailure(r, 'PASSPHRASE_REQUIRED', 10_000);
    expect(r.stderr).toMatch(/ssh-add/);
    // The port is checked first (a TCP connection opened and closed), but no login is attempted.
    expect(sshd.log().slice(before)).not.toMatch(/publickey|password|Accepted|Failed|userauth/i);
  });

  it('a key the server does not know is AUTH_FAILED', async () => {
    writeKnownHosts(hostLine());
    expectFailure(await cli(['probe', target(), '--identity', sshd.strangerKey.privatePath, '--timeout', '5']), 'AUTH_FAILED', 15_000);
  });

  it('a wrong password is AUTH_FAILED, and the right one (from OPSDECK_SSH_PASSWORD) logs in', async (ctx) => {
    if (!sshd.passwordUser) ctx.skip(); // needs root for useradd; see tests/support/sshd.ts
    writeKnownHosts(hostLine());
    const { username, password } = sshd.passwordUser!;
    const spec = `ssh://${username}@127.0.0.1:${sshd.port}`;
    const wrong = await cli(['probe', spec, '--timeout', '8'], { OPSDECK_SSH_PASSWORD: 'not-the-password' });
    expectFailure(wrong, 'AUTH_FAILED', 20_000);
    expect(wrong.stderr).not.toContain('not-the-password');
    const right = await cli(['probe', spec, '--sample-ms', '200'], { OPSDECK_SSH_PASSWORD: password });
    expect(right.code, right.stderr).toBe(0);
  });

  it('a changed host key is HOSTKEY_CHANGED, naming the known_hosts line and ssh-keygen -R, and sends no credential', async () => {
    const other = path.join(home, 'other');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const otherKey = fs.readFileSync(`${other}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    writeKnownHosts('# first line', `[127.0.0.1]:${sshd.port} ${otherKey}`);
    const before = sshd.log().length;
    const r = await cli(['probe', target(), '--identity', sshd.clientKey.privatePath, '--accept-new']);
    expectFailure(r, 'HOSTKEY_CHANGED', 15_000);
    expect(r.stderr).toContain(`line 2 of ${knownHostsFile()}`);
    expect(r.stderr).toContain(`ssh-keygen -R '[127.0.0.1]:${sshd.port}'`);
    expect(sshd.log().slice(before)).not.toMatch(/publickey|Accepted/);
  });

  it('a host key marked @revoked is refused with HOSTKEY_REVOKED', async () => {
    writeKnownHosts(hostLine(), `@revoked * ssh-ed25519 ${sshd.hostKeyBlob().toString('base64')}`);
    expectFailure(await cli(['probe', target(), '--identity', sshd.clientKey.privatePath]), 'HOSTKEY_REVOKED', 15_000);
  });

  it('a shell that never answers is TIMEOUT within the deadline', async () => {
    writeKnownHosts(hostLine());
    const r = await cli(['probe', target(), '--identity', sshd.hungKey.privatePath, '--timeout', '2']);
    expectFailure(r, 'TIMEOUT', 12_000);
  });

  it('a closed port is UNREACHABLE at once', async () => {
    const port = await freePort();
    const r = await cli(['probe', `ssh://${sshd.user}@127.0.0.1:${port}`, '--identity', sshd.clientKey.privatePath, '--timeout', '5']);
    expectFailure(r, 'UNREACHABLE', 8_000);
    expect(r.stderr).toMatch(/refused/);
  });

  it('a port that answers with something other than SSH-2 is PROTOCOL', async () => {
    const server = net.createServer((socket) => {
      // The client may still be writing its banner when this side closes; a reset here is expected.
      socket.on('error', () => undefined);
      socket.end('SSH-1.5-AncientServer\r\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      const r = await cli(['probe', `ssh://${sshd.user}@127.0.0.1:${port}`, '--identity', sshd.clientKey.privatePath, '--timeout', '5']);
      expectFailure(r, 'PROTOCOL', 10_000);
    } finally {
      server.close();
    }
  });
});
