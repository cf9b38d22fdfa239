// Jump hosts (OpenSSH's ProxyJump) against real sshds on loopback: one sshd is the jump host,
// another the servers behind it, a third refuses forwarding (AllowTcpForwarding no). Logins are
// counted in each sshd's own log, so "one login to the jump host" is what sshd saw.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryHost } from '../../../src/shared/inventory-contract';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createEngine, type Engine } from '../../../src/main/engine/engine';
import { memorySecretStore } from '../../../src/main/engine/secrets';
import { FAST_SECTIONS } from '../../../src/main/engine/transport/composite-script';
import { fingerprintSha256, MemoryHostKeyStore } from '../../../src/main/engine/transport/host-key-policy';
import { JumpHostError } from '../../../src/main/engine/transport/jump-errors';
import { SshConnection, type SshConnectionOptions } from '../../../src/main/engine/transport/ssh-connection';
import { tempDataDir } from '../../support/serve-process';
import { startSshd, type SshdHandle } from '../../support/sshd';
import { waitFor } from '../../support/wait-for';

let jumpSshd: SshdHandle;
let targetSshd: SshdHandle;
let noForwardingSshd: SshdHandle;
const open: SshConnection[] = [];
const engines: Engine[] = [];

beforeAll(async () => {
  [jumpSshd, targetSshd, noForwardingSshd] = await Promise.all([startSshd(), startSshd(), startSshd({ allowTcpForwarding: false })]);
  // Hosts that type the jump host as an address log into it with their own key.
  fs.appendFileSync(path.join(jumpSshd.dir, 'authorized_keys'), `${targetSshd.clientKey.publicLine}\n`);
});
afterAll(async () => {
  await Promise.all([jumpSshd?.stop(), targetSshd?.stop(), noForwardingSshd?.stop()]);
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
  // Hosts behind first, then their jump hosts.
  for (const c of open.splice(0).reverse()) await c.close();
});

function connection(sshd: SshdHandle, extra: Partial<SshConnectionOptions> & { trusted?: boolean } = {}): SshConnection {
  const { trusted = true, ...rest } = extra;
  const hostKeys = new MemoryHostKeyStore();
  if (trusted) hostKeys.trust(sshd.host, sshd.port, sshd.hostKeyBlob());
  const c = new SshConnection({
    host: sshd.host,
    port: sshd.port,
    credentials: { username: sshd.user, privateKey: sshd.clientKey.privateKey },
    hostKeys,
    logger: new MemoryLogger(),
    readyTimeoutMs: 5_000,
    backoff: { baseMs: 200, maxMs: 1_000 },
    ...rest,
  });
  open.push(c);
  return c;
}

async function settle<T>(work: Promise<T>): Promise<{ result: T | undefined; error: unknown }> {
  try {
    return { result: await work, error: undefined };
  } catch (error) {
    return { result: undefined, error };
  }
}

describe('connections through a jump host', () => {
  it('logs into the jump host once for two hosts behind it, each on its own channel', async () => {
    const jumpBefore = jumpSshd.countAccepted();
    const targetBefore = targetSshd.countAccepted();
    const jump = connection(jumpSshd, { label: 'bastion' });
    const first = connection(targetSshd, { via: jump });
    const second = connection(targetSshd, { via: jump });

    for (let i = 0; i < 3; i++) {
      const polls = await Promise.all([first.poll(FAST_SECTIONS, 8_000), second.poll(FAST_SECTIONS, 8_000)]);
      for (const p of polls) expect(p.sections.get('/proc/stat')).toMatch(/^cpu /);
    }
    expect(jumpSshd.countAccepted() - jumpBefore).toBe(1);
    expect(targetSshd.countAccepted() - targetBefore).toBe(2);
    expect(jump.stats()).toMatchObject({ logins: 1, tunnels: 2, tunnelsOpen: 2, polls: 0 });
    expect(first.stats()).toMatchObject({ logins: 1, polls: 3 });
    expect(second.stats()).toMatchObject({ logins: 1, polls: 3 });

    // Closing a host behind closes its channel only; the jump login stays for the other.
    await first.close();
    await expect.poll(() => jump.stats().tunnelsOpen, { timeout: 10_000 }).toBe(1);
    expect(jump.stats().connected).toBe(true);
    expect((await second.poll(FAST_SECTIONS, 8_000)).via).toBe('shell');
  });

  it('reports a jump host that refuses forwarding as JUMP_HOST_FAILED, naming it and AllowTcpForwarding, before the deadline', async () => {
    const jump = connection(noForwardingSshd, { label: 'bastion' });
    const behind = connection(targetSshd, { via: jump });
    const targetBefore = targetSshd.countAccepted();
    const { error } = await settle(behind.poll(FAST_SECTIONS, 8_000));
    expect(error).toBeInstanceOf(JumpHostError);
    expect(error).toMatchObject({
      code: 'JUMP_HOST_FAILED',
      message: expect.stringMatching(new RegExp(`^The jump host bastion \\(127\\.0\\.0\\.1:${noForwardingSshd.port}\\) refused .*administratively prohibited.*AllowTcpForwarding`)),
    });
    // The jump host itself logged in fine; nothing reached the server behind it.
    expect(jump.stats()).toMatchObject({ connected: true, logins: 1, tunnels: 0 });
    expect(targetSshd.countAccepted()).toBe(targetBefore);
  });

  it('reports an unknown jump-host key as HOSTKEY_UNKNOWN naming the jump host, and sends no credential anywhere', async () => {
    const jump = connection(jumpSshd, { label: 'bastion', trusted: false });
    const behind = connection(targetSshd, { via: jump });
    const jumpLog = jumpSshd.log().length;
    const targetBefore = targetSshd.countAccepted();
    const { error } = await settle(behind.connect(8_000));
    expect(error).toBeInstanceOf(JumpHostError);
    expect(error).toMatchObject({
      code: 'HOSTKEY_UNKNOWN',
      hostKeyRefused: true,
      message: expect.stringContaining(`Jump host bastion (127.0.0.1:${jumpSshd.port}): `),
    });
    expect((error as Error).message).toContain(fingerprintSha256(jumpSshd.hostKeyBlob()));
    expect(jumpSshd.log().slice(jumpLog)).not.toMatch(/publickey|Accepted/);
    expect(targetSshd.countAccepted()).toBe(targetBefore);
  });

  it('reconnects the hosts behind through a new jump login after the jump connection drops', async () => {
    const jump = connection(jumpSshd, { label: 'bastion' });
    const first = connection(targetSshd, { via: jump });
    const second = connection(targetSshd, { via: jump });
    await Promise.all([first.poll(FAST_SECTIONS, 8_000), second.poll(FAST_SECTIONS, 8_000)]);
    const jumpBefore = jumpSshd.countAccepted();

    await jumpSshd.restart(); // drops every session, the jump login with its channels among them
    await expect.poll(() => first.stats().connected, { timeout: 10_000 }).toBe(false);

    const errors: string[] = [];
    for (const host of [first, second]) {
      const until = Date.now() + 20_000;
      let recovered = false;
      while (Date.now() < until && !recovered) {
        const { result, error } = await settle(host.poll(FAST_SECTIONS, 8_000));
        if (result) recovered = true;
        else errors.push((error as { code: string }).code);
        if (!recovered) await new Promise((r) => setTimeout(r, 100));
      }
      expect(recovered).toBe(true);
    }
    expect(new Set(errors)).toEqual(new Set(errors.length ? ['UNREACHABLE'] : []));
    expect(jumpSshd.countAccepted() - jumpBefore).toBe(1);
    expect(jump.stats()).toMatchObject({ logins: 2, tunnelsOpen: 2 });
    expect(first.stats().logins).toBe(2);
  });
});

async function startEngine(): Promise<Engine> {
  const engine = createEngine({ dataDir: tempDataDir(), host: 'serve', logger: new MemoryLogger(), secrets: memorySecretStore('test'), knownHostsFile: null, intervalMs: 60_000 });
  engines.push(engine);
  await engine.start();
  return engine;
}

const hostById = async (engine: Engine, id: string): Promise<InventoryHost> => (await engine.api.listInventory()).hosts.find((h) => h.id === id)!;
const stateOf = async (engine: Engine, id: string) => (await hostById(engine, id)).connection;

describe('inventory hosts behind a jump host', () => {
  const behind = (name: string, jumpHost: string) => ({
    name,
    address: targetSshd.host,
    port: targetSshd.port,
    user: targetSshd.user,
    auth: { method: 'key' as const, keyPath: targetSshd.clientKey.privatePath },
    hostKeyPolicy: 'accept-new' as const,
    intervalMs: 1_000,
    jumpHost,
  });
  const bastion = (extra: Record<string, unknown> = {}) => ({
    name: 'bastion',
    address: jumpSshd.host,
    port: jumpSshd.port,
    user: jumpSshd.user,
    auth: { method: 'key' as const, keyPath: jumpSshd.clientKey.privatePath },
    hostKeyPolicy: 'accept-new' as const,
    intervalMs: 1_000,
    ...extra,
  });

  it('polls two hosts through a jump host named from the inventory on one jump login, and tests a draft through it', async () => {
    const engine = await startEngine();
    const jumpBefore = jumpSshd.countAccepted();
    const targetBefore = targetSshd.countAccepted();
    const jump = await engine.api.saveHost(bastion());
    const a = await engine.api.saveHost(behind('app-1', 'BASTION'));
    const b = await engine.api.saveHost(behind('app-2', 'bastion'));
    for (const id of [jump.id, a.id, b.id]) await waitFor(`${id} ok`, async () => (await stateOf(engine, id)).state === 'ok');
    await waitFor('a fresh tile behind the jump host', async () => {
      const t = (await engine.api.getOverview()).find((x) => x.target.id === a.id);
      return t?.snapshot && t.snapshot.metrics['cpu.usage'] !== null ? t : null;
    });
    // bastion's own polls and both tunnels share one login; the two entries log into the same
    // server the same way behind it, so they share that login too (as direct hosts do).
    expect(jumpSshd.countAccepted() - jumpBefore).toBe(1);
    expect(targetSshd.countAccepted() - targetBefore).toBe(1);

    // The login ends with the last host using it: here bastion itself, after both hosts behind it.
    const disconnects = () => jumpSshd.log().split('\n').filter((l) => /^Disconnected from user /.test(l)).length;
    const disconnectsBefore = disconnects();
    await engine.api.setHostEnabled({ hostId: a.id, enabled: false });
    await engine.api.setHostEnabled({ hostId: b.id, enabled: false });
    const polls = (await engine.api.getOverview()).find((t) => t.target.id === jump.id)!.snapshot!.ts;
    await waitFor('bastion polled again', async () => (await engine.api.getOverview()).find((t) => t.target.id === jump.id)!.snapshot!.ts > polls);
    expect(disconnects()).toBe(disconnectsBefore);
    await engine.api.setHostEnabled({ hostId: jump.id, enabled: false });
    await waitFor('the jump login closed', async () => disconnects() === disconnectsBefore + 1);
    expect(jumpSshd.countAccepted() - jumpBefore).toBe(1);

    // A disabled server still serves as the jump host it is named as.
    const draft = behind('draft', 'bastion');
    expect(await engine.api.testConnection({ host: draft })).toMatchObject({ ok: true, fingerprint: fingerprintSha256(targetSshd.hostKeyBlob()) });
    const chained = await engine.api.saveHost({ ...behind('chained', 'app-1'), enabled: true });
    const state = await waitFor('chained refused', async () => {
      const c = await stateOf(engine, chained.id);
      return c.state === 'error' ? c : null;
    });
    expect(state).toMatchObject({ code: 'JUMP_HOST_UNSUPPORTED', message: expect.stringMatching(/only one jump host is supported/) });
  });

  it('shares one login to a jump host typed as user@address:port, logged into with the hosts\' own key', async () => {
    const engine = await startEngine();
    const jumpBefore = jumpSshd.countAccepted();
    const typed = `${targetSshd.user}@127.0.0.1:${jumpSshd.port}`;
    const a = await engine.api.saveHost(behind('typed-1', typed));
    const b = await engine.api.saveHost(behind('typed-2', typed));
    for (const id of [a.id, b.id]) await waitFor(`${id} ok`, async () => (await stateOf(engine, id)).state === 'ok');
    expect(jumpSshd.countAccepted() - jumpBefore).toBe(1);
  });

  it('names an untrusted jump host on the hosts behind it, and polls them once its key is trusted on its own row', async () => {
    const engine = await startEngine();
    const jump = await engine.api.saveHost(bastion({ hostKeyPolicy: 'ask' }));
    const a = await engine.api.saveHost(behind('app-1', 'bastion'));
    const waiting = await waitFor('bastion needs trust', async () => {
      const c = await stateOf(engine, jump.id);
      return c.state === 'needs-trust' ? c : null;
    });
    const refused = await waitFor('app-1 refused', async () => {
      const c = await stateOf(engine, a.id);
      return c.state === 'error' ? c : null;
    });
    expect(refused).toMatchObject({ code: 'HOSTKEY_UNKNOWN', message: expect.stringMatching(/^Jump host bastion \(127\.0\.0\.1:\d+\): .*Open "bastion" in the inventory and trust its key there/) });
    const test = await engine.api.testConnection({ host: behind('draft', 'bastion') });
    expect(test).toMatchObject({ ok: false, code: 'HOSTKEY_UNKNOWN', fingerprint: null });

    await engine.api.trustHostKey({ hostId: jump.id, fingerprint: waiting.fingerprint });
    await waitFor('app-1 ok after trusting bastion', async () => (await stateOf(engine, a.id)).state === 'ok');
  });

  it('reports a jump host that refuses forwarding with JUMP_HOST_FAILED on the host behind it', async () => {
    const engine = await startEngine();
    await engine.api.saveHost(bastion({ name: 'closed-bastion', address: noForwardingSshd.host, port: noForwardingSshd.port, user: noForwardingSshd.user, auth: { method: 'key', keyPath: noForwardingSshd.clientKey.privatePath } }));
    const a = await engine.api.saveHost(behind('app-1', 'closed-bastion'));
    const state = await waitFor('JUMP_HOST_FAILED', async () => {
      const c = await stateOf(engine, a.id);
      return c.state === 'error' ? c : null;
    });
    expect(state).toMatchObject({ code: 'JUMP_HOST_FAILED', message: expect.stringMatching(/closed-bastion .*AllowTcpForwarding/) });
  });
});
