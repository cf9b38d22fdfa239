// A stored password belongs to the server it was typed for. A host re-pointed (same id, a new
// port here; a rebinding page could send the same request) must not take it along: a loopback
// SSH server that records every password offered to it records none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ssh2 from 'ssh2';
import type { AddressInfo } from 'node:net';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createEngine, type Engine } from '../../../src/main/engine/engine';
import { memorySecretStore } from '../../../src/main/engine/secrets';
import { tempDataDir } from '../../support/serve-process';
import { startSshd, type SshdHandle } from '../../support/sshd';
import { waitFor } from '../../support/wait-for';

let sshd: SshdHandle;
let honeypot: ssh2.Server;
let honeypotPort: number;
const offered: Array<{ method: string; password?: string }> = [];
let engine: Engine;

beforeAll(async () => {
  sshd = await startSshd({ passwordUser: true });
  const hostKey = ssh2.utils.generateKeyPairSync('ed25519').private;
  honeypot = new ssh2.Server({ hostKeys: [hostKey] }, (client) => {
    client.on('authentication', (ctx) => {
      offered.push({ method: ctx.method, ...(ctx.method === 'password' ? { password: ctx.password } : {}) });
      ctx.reject(['password', 'publickey']);
    });
    client.on('error', () => undefined);
  });
  await new Promise<void>((r) => honeypot.listen(0, '127.0.0.1', r));
  honeypotPort = (honeypot.address() as AddressInfo).port;
  engine = createEngine({ dataDir: tempDataDir(), host: 'serve', logger: new MemoryLogger(), secrets: memorySecretStore('test'), knownHostsFile: null, intervalMs: 60_000 });
  await engine.start();
});
afterAll(async () => {
  await engine?.stop();
  await new Promise<void>((r) => honeypot?.close(() => r()));
  await sshd?.stop();
});

describe('secrets bound to their destination', () => {
  it('a host re-pointed to another server never sends it the stored password', async () => {
    if (!sshd.passwordUser) return expect.fail('the test needs root to create a password user');
    const { username, password } = sshd.passwordUser;
    const saved = await engine.api.saveHost({ name: 'pw host', address: sshd.host, port: sshd.port, user: username, auth: { method: 'password', password }, hostKeyPolicy: 'accept-new', intervalMs: 1_000 });
    await waitFor('a login with the stored password', async () => ((await engine.api.listInventory()).hosts.find((h) => h.id === saved.id)?.connection.state === 'ok' ? true : null));

    // Same id, another port, "keep the stored password" (none given): what a hostile page would send.
    const repointed = await engine.api.saveHost({ id: saved.id, name: 'pw host', address: sshd.host, port: honeypotPort, user: username, auth: { method: 'password' }, hostKeyPolicy: 'accept-new', intervalMs: 1_000 });
    expect(repointed.hasSecret).toBe(false);
    const state = await waitFor('the host asks for its password again', async () => {
      const h = (await engine.api.listInventory()).hosts.find((x) => x.id === saved.id);
      return h?.connection.state === 'error' ? h.connection : null;
    });
    expect(state).toMatchObject({ code: 'SECRET_MISSING' });
    const test = await engine.api.testConnection({ host: { id: saved.id, name: 'pw host', address: sshd.host, port: honeypotPort, user: username, auth: { method: 'password' }, hostKeyPolicy: 'accept-new' } });
    expect(test.ok).toBe(false);
    // Changing the user or the host-key policy alone drops it too (the stored one is already gone: store one again).
    await engine.api.saveHost({ id: saved.id, name: 'pw host', address: sshd.host, port: sshd.port, user: username, auth: { method: 'password', password }, hostKeyPolicy: 'accept-new', intervalMs: 1_000 });
    const otherPolicy = await engine.api.saveHost({ id: saved.id, name: 'pw host', address: sshd.host, port: sshd.port, user: username, auth: { method: 'password' }, hostKeyPolicy: 'ask', intervalMs: 1_000 });
    expect(otherPolicy.hasSecret).toBe(false);
    expect(offered.filter((o) => o.password !== undefined)).toEqual([]);
    expect(JSON.stringify(offered)).not.toContain(password);
  });

  it('an edit that keeps the destination keeps the password', async () => {
    const { username, password } = sshd.passwordUser!;
    const saved = await engine.api.saveHost({ name: 'kept', address: sshd.host, port: sshd.port, user: username, auth: { method: 'password', password }, hostKeyPolicy: 'accept-new', intervalMs: 1_000 });
    const renamed = await engine.api.saveHost({ id: saved.id, name: 'kept, renamed', address: ` ${sshd.host}`.trim(), port: sshd.port, user: username, auth: { method: 'password' }, hostKeyPolicy: 'accept-new', intervalMs: 2_000, tags: ['x'] });
    expect(renamed.hasSecret).toBe(true);
  });
});
