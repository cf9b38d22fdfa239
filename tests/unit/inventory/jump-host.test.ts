// A host's jumpHost text to the login it stands for: an inventory name uses that server's
// settings, anything else is OpenSSH's [user@]host[:port] on the target's own settings, and
// only one hop is supported.
import { describe, expect, it } from 'vitest';
import { OpsError } from '../../../src/shared/errors';
import { explainJumpFailure, jumpSettingsFailed, loginKey, parseJumpHost, resolveJumpHost, type SshLogin } from '../../../src/main/engine/inventory/jump-host';
import type { StoredHost } from '../../../src/main/engine/store/inventory-tables';
import { JumpHostError } from '../../../src/main/engine/transport/jump-errors';

const host = (id: string, over: Partial<StoredHost> = {}): StoredHost => ({
  id,
  name: id,
  address: `${id}.example.com`,
  port: 22,
  user: 'ops',
  authMethod: 'key',
  keyPath: '/keys/ops',
  jumpHost: null,
  tags: [],
  enabled: true,
  hostKeyPolicy: 'ask',
  intervalMs: 5_000,
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

const bastion = host('h-bastion', { name: 'Bastion', address: '10.0.0.5', port: 2222, user: 'jump', authMethod: 'password', keyPath: null, hostKeyPolicy: 'accept-new' });
const db = (jumpHost: string | null, over: Partial<StoredHost> = {}) => host('h-db', { name: 'db', address: '10.0.1.9', user: 'deploy', jumpHost, ...over });
const inventory = [bastion, host('h-web', { name: 'web' })];

describe('reading OpenSSH\'s [user@]host[:port]', () => {
  it.each([
    ['bastion', { user: null, host: 'bastion', port: null }],
    ['admin@10.0.0.5', { user: 'admin', host: '10.0.0.5', port: null }],
    ['admin@10.0.0.5:2200', { user: 'admin', host: '10.0.0.5', port: 2200 }],
    ['  jump.example.com:22  ', { user: null, host: 'jump.example.com', port: 22 }],
    ['ssh://admin@jump.example.com:2022', { user: 'admin', host: 'jump.example.com', port: 2022 }],
    ['ops@[fe80::1%eth0]:2222', { user: 'ops', host: 'fe80::1%eth0', port: 2222 }],
    ['fd00::5', { user: null, host: 'fd00::5', port: null }],
  ])('reads %s', (text, spec) => {
    expect(parseJumpHost(text)).toEqual(spec);
  });

  it.each(['', 'host:0', 'host:65536', 'host:ssh', 'bad host', '$(reboot)', 'user name@host', '@host', 'host:'])('refuses %j', (text) => {
    expect(parseJumpHost(text)).toBeNull();
  });
});

describe('resolving a host\'s jump host', () => {
  it('connects directly when there is none, or when it is OpenSSH\'s "none"', () => {
    expect(resolveJumpHost(db(null), inventory)).toBeNull();
    expect(resolveJumpHost(db(' '), inventory)).toBeNull();
    expect(resolveJumpHost(db('none'), inventory)).toBeNull();
  });

  it('uses the inventory server of that name, case-insensitive, with all of its settings', () => {
    const jump = resolveJumpHost(db('bastion'), inventory)!;
    expect(jump).toMatchObject({ label: 'Bastion', address: '10.0.0.5', port: 2222, user: 'jump', inInventory: true });
    expect(jump.settingsOf).toBe(bastion);
  });

  it('takes user and port written next to an inventory name, keeping that server\'s login method', () => {
    expect(resolveJumpHost(db('root@BASTION:2200'), inventory)).toMatchObject({ address: '10.0.0.5', port: 2200, user: 'root', settingsOf: bastion });
  });

  it('logs into a jump host typed as an address with the target\'s own settings, its user and port 22 by default', () => {
    const jump = resolveJumpHost(db('10.0.0.7'), inventory)!;
    expect(jump).toMatchObject({ label: '10.0.0.7', address: '10.0.0.7', port: 22, user: 'deploy', inInventory: false });
    expect(jump.settingsOf).toMatchObject({ id: 'h-db', authMethod: 'key', keyPath: '/keys/ops', jumpHost: null });
    expect(resolveJumpHost(db('gw@10.0.0.7:2022'), inventory)).toMatchObject({ address: '10.0.0.7', port: 2022, user: 'gw' });
  });

  it('prefers the exact spelling when two names differ only in case, and refuses a real tie', () => {
    const twins = [...inventory, host('h-bastion-2', { name: 'bastion', address: '10.0.0.6' })];
    expect(resolveJumpHost(db('bastion'), twins)!.address).toBe('10.0.0.6');
    expect(resolveJumpHost(db('Bastion'), twins)!.address).toBe('10.0.0.5');
    expect(() => resolveJumpHost(db('BASTION'), twins)).toThrow(/2 servers in the inventory are named "BASTION"/);
  });

  it.each([
    ['a chain of jump hosts', 'bastion,inner', /several jump hosts \(a chain\), and only one is supported/],
    ['a jump host that has a jump host itself', 'web', /"web" is itself reached through the jump host "bastion", and only one jump host is supported/],
    ['the host itself', 'db', /names this server itself/],
    ['text that is no host', 'not a host!', /neither the name of a server in the inventory nor of the form \[user@\]host\[:port\]/],
  ])('refuses %s with JUMP_HOST_UNSUPPORTED and what to do', (_what, jumpHost, why) => {
    const hosts = [bastion, host('h-web', { name: 'web', jumpHost: 'bastion' }), db(jumpHost)];
    let caught: unknown;
    try {
      resolveJumpHost(db(jumpHost), hosts);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(OpsError);
    expect(caught).toMatchObject({ code: 'JUMP_HOST_UNSUPPORTED', message: expect.stringMatching(why) });
    expect((caught as Error).message).toMatch(/one jump host, written as the name of a server in the inventory or as \[user@\]host\[:port\]/);
  });
});

describe('sharing jump logins', () => {
  const jumpOf = (target: StoredHost, hosts = inventory): SshLogin => resolveJumpHost(target, hosts)!;

  it('gives every host behind an inventory jump host the same login as the jump host\'s own', () => {
    const a = db('bastion');
    const b = host('h-api', { jumpHost: 'BASTION', authMethod: 'password', keyPath: null });
    const own = { label: 'Bastion', address: '10.0.0.5', port: 2222, user: 'jump', settingsOf: bastion, inInventory: true };
    expect(loginKey(jumpOf(a))).toBe(loginKey(jumpOf(b)));
    expect(loginKey(jumpOf(a))).toBe(loginKey(own));
    expect(loginKey(jumpOf(db('admin@bastion')))).not.toBe(loginKey(own));
    expect(loginKey(jumpOf(a, [{ ...bastion, keyPath: null, authMethod: 'agent' }]))).not.toBe(loginKey(own));
  });

  it('shares a typed jump host between hosts with the same key or agent, not between password hosts', () => {
    const viaKey = (id: string) => host(id, { jumpHost: 'gw@10.0.0.7' });
    expect(loginKey(jumpOf(viaKey('h-1')))).toBe(loginKey(jumpOf(viaKey('h-2'))));
    const viaPassword = (id: string) => host(id, { jumpHost: 'gw@10.0.0.7', authMethod: 'password', keyPath: null });
    expect(loginKey(jumpOf(viaPassword('h-1')))).not.toBe(loginKey(jumpOf(viaPassword('h-2'))));
    expect(loginKey(jumpOf(viaKey('h-1')))).not.toBe(loginKey(jumpOf(host('h-3', { jumpHost: 'gw@10.0.0.7', hostKeyPolicy: 'accept-new' }))));
  });
});

describe('explaining a jump host\'s failure', () => {
  const named = resolveJumpHost(db('bastion'), inventory)!;
  const typed = resolveJumpHost(db('10.0.0.7'), inventory)!;
  const refused = new JumpHostError('HOSTKEY_UNKNOWN', 'Jump host Bastion (10.0.0.5:2222): unknown key.', 'Bastion (10.0.0.5:2222)', true);

  it('says where to trust a refused jump-host key, keeping the code', () => {
    expect(explainJumpFailure(refused, named)).toMatchObject({ code: 'HOSTKEY_UNKNOWN', hostKeyRefused: true, message: expect.stringMatching(/Open "Bastion" in the inventory and trust its key there/) });
    expect(explainJumpFailure(refused, typed)).toMatchObject({ message: expect.stringMatching(/Add 10\.0\.0\.7:22 to the inventory as a server .* or add it to ~\/\.ssh\/known_hosts/) });
    const other = new OpsError('AUTH_FAILED', 'x');
    expect(explainJumpFailure(other, named)).toBe(other);
  });

  it('names the jump host when its own settings stop the login', () => {
    const err = jumpSettingsFailed(new OpsError('SECRET_MISSING', 'No password is stored for this host.'), named);
    expect(err).toBeInstanceOf(JumpHostError);
    expect(err).toMatchObject({ code: 'SECRET_MISSING', message: 'Jump host Bastion (10.0.0.5:2222): No password is stored for this host.' });
  });
});
