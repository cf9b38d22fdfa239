import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../../src/main/serve/cli';

const emptyHome = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-home-'));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  // HOME is a folder with no ~/.ssh, so nothing of the machine's own keys is used.
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: { HOME: emptyHome }, untilSignal: async () => {} };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('opsdeck command line: wrong input', () => {
  it('an unknown flag is BAD_FLAG on one line with exit code 2, naming the flags there are', async () => {
    const r = await run('probe', 'local', '--jsn');
    expect(r.code).toBe(2);
    expect(r.err).toBe('opsdeck: BAD_FLAG: "probe" has no flag "--jsn". Its flags are --json, --sample-ms, --identity, --accept-new, --timeout, --via, --tls, --ca, --password-file, --pin, --expect-status, --keyword, --token-file, --user; run "opsdeck --help".');
    expect(r.out).toBe('');
  });

  it('a known flag with a bad value is BAD_VALUE naming the value, even when it looks like a flag', async () => {
    const negative = await run('probe', 'local', '--sample-ms', '-5');
    expect(negative.code).toBe(2);
    expect(negative.err).toBe('opsdeck: BAD_VALUE: --sample-ms must be a whole number from 100 to 60000, not "-5".');
    const missing = await run('serve', '--port');
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('opsdeck: BAD_VALUE: --port needs a value, for example --port 7420.');
  });

  it('with --json, an error is one JSON object {code, message} on stdout', async () => {
    const r = await run('probe', 'db-prod-1', '--json');
    expect(r.code).toBe(2);
    expect(r.err).toBe('');
    const parsed = JSON.parse(r.out) as { code: string; message: string };
    expect(parsed.code).toBe('UNKNOWN_TARGET');
    expect(parsed.message).toMatch(/Unknown target "db-prod-1"/);
    expect(Object.keys(parsed).sort()).toEqual(['code', 'message']);
  });

  it('no command at all prints the usage and exits 2', async () => {
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^Usage:/);
    expect(r.err).toMatch(/opsdeck: NO_COMMAND: Name a command: "serve" or "probe"/);
  });

  it('an unknown target is UNKNOWN_TARGET with exit code 2', async () => {
    const r = await run('probe', 'db-prod-1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^opsdeck: UNKNOWN_TARGET: Unknown target "db-prod-1"\. Use "local"/);
  });

  it('an ssh:// target with a password, a path or no host is BAD_TARGET with exit code 2', async () => {
    for (const spec of ['ssh://me:secret@127.0.0.1', 'ssh://me@host/var', 'ssh://']) {
      const r = await run('probe', spec);
      expect(r.code, spec).toBe(2);
      expect(r.err, spec).toMatch(/^opsdeck: BAD_TARGET: [^\n]+$/);
    }
    expect((await run('probe', 'ssh://me:secret@127.0.0.1')).err).toMatch(/OPSDECK_SSH_PASSWORD/);
  });

  it('ssh-only flags on "local" are BAD_FLAG; a missing --identity file is BAD_VALUE', async () => {
    expect((await run('probe', 'local', '--accept-new')).err).toMatch(/^opsdeck: BAD_FLAG: .*ssh:\/\/ targets only/);
    const missing = await run('probe', 'ssh://me@127.0.0.1', '--identity', '/nonexistent/key');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^opsdeck: BAD_VALUE: --identity \/nonexistent\/key: there is no such file\.$/);
  });

  it('a closed port is UNREACHABLE before any question about keys or passwords', async () => {
    const r = await run('probe', 'ssh://me@127.0.0.1:1');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^opsdeck: UNREACHABLE: Could not reach 127\.0\.0\.1:1: the connection was refused/);
  });

  it('an open port with nothing to log in with says what it looked for', async () => {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const r = await run('probe', `ssh://me@127.0.0.1:${(server.address() as net.AddressInfo).port}`);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^opsdeck: AUTH_FAILED: There is nothing to log in with: .*SSH_AUTH_SOCK.*OPSDECK_SSH_PASSWORD\.$/);
    } finally {
      server.close();
    }
  });

  it('a missing target, an unknown command and a bad port each name the fix', async () => {
    expect((await run('probe')).err).toMatch(/BAD_TARGET: Name one target/);
    const cmd = await run('sevre');
    expect(cmd.code).toBe(2);
    expect(cmd.err).toMatch(/UNKNOWN_COMMAND: Unknown command "sevre"/);
    const port = await run('serve', '--port', 'eighty');
    expect(port.code).toBe(2);
    expect(port.err).toBe('opsdeck: BAD_VALUE: --port must be a whole number from 0 to 65535, not "eighty".');
    expect((await run('probe', 'local', '--sample-ms', '5')).err).toMatch(/--sample-ms must be a whole number from 100/);
  });

  it('help and version exit 0', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/opsdeck serve \[--port N\]/);
    expect(help.out).toMatch(/opsdeck probe local \[--json\]/);
    expect(help.out).toMatch(/opsdeck probe ssh:\/\/\[user@\]host\[:port\] \[--identity FILE\] \[--accept-new\]/);
    expect((await run('--version')).out).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('retention settings from the environment', () => {
  it('a bad value is refused with INVALID_CONFIG and the accepted range', async () => {
    const err: string[] = [];
    const code = await main(['serve', '--port', '0'], { out: () => {}, err: (t) => err.push(t), env: { OPSDECK_RAW_RETENTION_HOURS: 'two days', OPSDECK_DATA_DIR: '/nonexistent-never-created' }, untilSignal: async () => {} });
    expect(code).toBe(1);
    expect(err.join('\n')).toBe('opsdeck: INVALID_CONFIG: OPSDECK_RAW_RETENTION_HOURS must be a number from 1 to 720, not "two days".');
  });
});
