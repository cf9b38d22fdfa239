// ~/.ssh/config into inventory candidates, with Include followed the way OpenSSH follows it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSshConfig } from '../../../src/main/engine/inventory/ssh-config-import';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-sshconfig-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));
fs.mkdirSync(path.join(home, '.ssh', 'conf.d'), { recursive: true });
fs.writeFileSync(
  path.join(home, '.ssh', 'config'),
  [
    'Include conf.d/*.conf',
    '',
    'Host web-01 web-02',
    '  HostName %h.example.com',
    '  User deploy',
    '  IdentityFile ~/.ssh/deploy_ed25519',
    '  IdentityFile ~/.ssh/id_rsa',
    '',
    'Host db',
    '  HostName 10.0.0.9',
    '  Port 2222',
    '  ProxyJump bastion',
    '',
    'Match exec "touch /tmp/opsdeck-match-exec-ran"',
    '  User hacked',
    '',
    'Host *.example.com !skip',
    '  User nobody',
    '',
    'Host *',
    '  User ops',
    '',
  ].join('\n'),
);
fs.writeFileSync(path.join(home, '.ssh', 'conf.d', 'a.conf'), 'Host cache\n  HostName 10.0.0.20\n  User redis\n');
fs.writeFileSync(path.join(home, '.ssh', 'conf.d', 'ignored.txt'), 'Host not-included\n');

describe('reading ~/.ssh/config', () => {
  const read = readSshConfig({ home });

  it('lists each concrete alias with what OpenSSH would compute for it, Includes first', () => {
    expect(read.source).toBe(path.join(home, '.ssh', 'config'));
    expect(read.entries.map(({ notes: _n, ...e }) => e)).toEqual([
      { alias: 'cache', address: '10.0.0.20', port: 22, user: 'redis', keyPath: null, jumpHost: null },
      { alias: 'web-01', address: 'web-01.example.com', port: 22, user: 'deploy', keyPath: path.join(home, '.ssh', 'deploy_ed25519'), jumpHost: null },
      { alias: 'web-02', address: 'web-02.example.com', port: 22, user: 'deploy', keyPath: path.join(home, '.ssh', 'deploy_ed25519'), jumpHost: null },
      { alias: 'db', address: '10.0.0.9', port: 2222, user: 'ops', keyPath: null, jumpHost: 'bastion' },
    ]);
  });

  it('notes what it cannot use, and never runs Match exec', () => {
    expect(read.entries.find((e) => e.alias === 'web-01')!.notes).toEqual([{ code: 'MANY_IDENTITIES', message: expect.stringMatching(/Only the first IdentityFile/), data: { count: 2 } }]);
    expect(read.entries.find((e) => e.alias === 'db')!.notes).toEqual([]);
    expect(fs.existsSync('/tmp/opsdeck-match-exec-ran')).toBe(false);
  });

  it('keeps ProxyJump as written, noting a jump host to import too and a chain that will not be polled', () => {
    const text = 'Host bastion\n  HostName 192.0.2.5\n  User jump\n\nHost app\n  HostName 192.0.2.6\n  ProxyJump admin@bastion:2222\n\nHost deep\n  HostName 192.0.2.7\n  ProxyJump bastion,inner\n';
    const entries = readSshConfig({ home, text, localUser: 'ops' }).entries;
    expect(entries.find((e) => e.alias === 'app')).toMatchObject({ jumpHost: 'admin@bastion:2222', notes: [{ code: 'IMPORT_JUMP_TOO', message: expect.stringMatching(/^Reached through the jump host bastion: import bastion too/), data: { alias: 'bastion' } }] });
    expect(entries.find((e) => e.alias === 'deep')).toMatchObject({ jumpHost: 'bastion,inner', notes: [expect.objectContaining({ code: 'JUMP_CHAIN', message: expect.stringMatching(/connects through one only, so this host will not be polled/) })] });
  });

  it('reads pasted text instead of the file, and warns about an unreadable Include', () => {
    const pasted = readSshConfig({ home, text: 'Include missing.conf\nHost one\n  HostName 192.0.2.1\n  User a\n' });
    expect(pasted.source).toBe('text');
    expect(pasted.entries.map((e) => e.alias)).toEqual(['one']);
    expect(() => readSshConfig({ home: path.join(home, 'nowhere') })).toThrow(expect.objectContaining({ code: 'SSH_CONFIG_UNREADABLE', data: { file: path.join(home, 'nowhere', '.ssh', 'config'), reason: 'ENOENT' } }));
  });

  it('leaves out a host whose address could not be a host name', () => {
    const bad = readSshConfig({ home, text: 'Host evil\n  HostName $(reboot)\n  User a\n' });
    expect(bad.entries).toEqual([]);
    expect(bad.warnings).toEqual([{ code: 'HOST_UNUSABLE', message: expect.stringMatching(/Host evil was left out/), data: { alias: 'evil' } }]);
  });
});
