// The engine end to end against a real sshd: a host added to the inventory with host-key policy
// "ask" waits for trust with the server's fingerprint and sends no credential; once trusted it
// is polled on its own persistent connection and shows up in the overview with real numbers.
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryHost } from '../../../src/shared/inventory-contract';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createEngine, type Engine } from '../../../src/main/engine/engine';
import { memorySecretStore } from '../../../src/main/engine/secrets';
import { fingerprintSha256 } from '../../../src/main/engine/transport/host-key-policy';
import { tempDataDir } from '../../support/serve-process';
import { startSshd, type SshdHandle } from '../../support/sshd';
import { waitFor } from '../../support/wait-for';

let sshd: SshdHandle;
const engines: Engine[] = [];

beforeAll(async () => {
  sshd = await startSshd({ passwordUser: true });
});
afterAll(async () => {
  await sshd?.stop();
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});

async function startEngine(): Promise<{ engine: Engine; dataDir: string }> {
  const dataDir = tempDataDir();
  const engine = createEngine({ dataDir, host: 'serve', logger: new MemoryLogger(), secrets: memorySecretStore('test'), knownHostsFile: null, intervalMs: 60_000 });
  engines.push(engine);
  await engine.start();
  return { engine, dataDir };
}

const hostById = async (engine: Engine, id: string): Promise<InventoryHost> => (await engine.api.listInventory()).hosts.find((h) => h.id === id)!;

describe('inventory hosts polled by the engine', () => {
  it('asks for trust with the fingerprint, sends nothing until trusted, then polls and charts the host', async () => {
    const { engine } = await startEngine();
    const events: string[][] = [];
    engine.api.onDidChangeInventory((e) => events.push(e.hostIds));
    const logBefore = sshd.log().length;
    const host = await engine.api.saveHost({
      name: 'sshd on loopback',
      address: sshd.host,
      port: sshd.port,
      user: sshd.user,
      auth: { method: 'key', keyPath: sshd.clientKey.privatePath },
      intervalMs: 1_000,
    });

    const waiting = await waitFor('needs-trust', async () => {
      const h = await hostById(engine, host.id);
      return h.connection.state === 'needs-trust' ? h.connection : null;
    });
    expect(waiting.fingerprint).toBe(fingerprintSha256(sshd.hostKeyBlob()));
    expect(sshd.log().slice(logBefore)).not.toMatch(/publickey|Accepted/);
    expect(events.some((ids) => ids.includes(host.id))).toBe(true);

    await engine.api.trustHostKey({ hostId: host.id, fingerprint: waiting.fingerprint });
    const tile = await waitFor('a fresh tile', async () => {
      const t = (await engine.api.getOverview()).find((x) => x.target.id === host.id);
      return t?.snapshot && t.snapshot.metrics['cpu.usage'] !== null && t.status !== 'unknown' ? t : null;
    });
    expect(tile.target).toMatchObject({ kind: 'ssh', name: 'sshd on loopback' });
    expect(tile.snapshot!.metrics['mem.used']).toBeGreaterThan(0);
    expect(tile.snapshot!.filesystems!.length).toBeGreaterThan(0);
    expect((await hostById(engine, host.id)).connection.state).toBe('ok');
    expect((await hostById(engine, host.id)).trustedFingerprints).toEqual([waiting.fingerprint]);

    const series = await waitFor('two stored points', async () => {
      const r = await engine.api.getSeries({ targetId: host.id, keys: ['mem.used'], range: '15m' });
      return r.series[0]!.points.filter(([, v]) => v !== null).length >= 2 ? r : null;
    });
    expect(series.series[0]!.points.length).toBeGreaterThanOrEqual(2);
    expect(sshd.countAccepted()).toBe(1); // one login for every poll so far

    await engine.api.setHostEnabled({ hostId: host.id, enabled: false });
    expect((await engine.api.getOverview()).map((t) => t.target.id)).not.toContain(host.id);
  });

  it('logs in at once with accept-new, and tells a wrong password apart as AUTH_FAILED', async (ctx) => {
    const { engine } = await startEngine();
    const ok = await engine.api.saveHost({
      name: 'accept-new',
      address: sshd.host,
      port: sshd.port,
      user: sshd.user,
      auth: { method: 'key', keyPath: sshd.encryptedKey.privatePath, passphrase: sshd.encryptedKey.passphrase },
      hostKeyPolicy: 'accept-new',
      intervalMs: 1_000,
    });
    await waitFor('ok', async () => (await hostById(engine, ok.id)).connection.state === 'ok');

    if (!sshd.passwordUser) ctx.skip(); // needs root for useradd; see tests/support/sshd.ts
    const wrong = await engine.api.saveHost({
      name: 'wrong password',
      address: sshd.host,
      port: sshd.port,
      user: sshd.passwordUser!.username,
      auth: { method: 'password', password: 'not-the-password' },
      intervalMs: 1_000,
    });
    const state = await waitFor('AUTH_FAILED', async () => {
      const c = (await hostById(engine, wrong.id)).connection;
      return c.state === 'error' ? c : null;
    });
    expect(state.code).toBe('AUTH_FAILED');
  });

  it('after a restart polls the stored hosts again on the stored trust, without asking', async () => {
    const { engine, dataDir } = await startEngine();
    const host = await engine.api.saveHost({ name: 'kept', address: sshd.host, port: sshd.port, user: sshd.user, auth: { method: 'key', keyPath: sshd.clientKey.privatePath }, intervalMs: 1_000 });
    const waiting = await waitFor('needs-trust', async () => {
      const c = (await hostById(engine, host.id)).connection;
      return c.state === 'needs-trust' ? c : null;
    });
    await engine.api.trustHostKey({ hostId: host.id, fingerprint: waiting.fingerprint });
    await waitFor('ok', async () => (await hostById(engine, host.id)).connection.state === 'ok');
    await engine.stop();

    const again = createEngine({ dataDir, host: 'serve', logger: new MemoryLogger(), secrets: memorySecretStore('test'), knownHostsFile: null, intervalMs: 60_000 });
    engines.push(again);
    await again.start();
    expect((await again.api.listTargets()).map((t) => t.id)).toContain(host.id);
    await waitFor('ok after restart', async () => (await hostById(again, host.id)).connection.state === 'ok');
  });

  it('test connection reports the unknown key with its fingerprint, then success once trusted, storing nothing itself', async () => {
    const { engine, dataDir } = await startEngine();
    const draft = { name: 'draft', address: sshd.host, port: sshd.port, user: sshd.user, auth: { method: 'key' as const, keyPath: sshd.clientKey.privatePath }, enabled: false };
    const first = await engine.api.testConnection({ host: draft });
    expect(first).toMatchObject({ ok: false, code: 'HOSTKEY_UNKNOWN', fingerprint: fingerprintSha256(sshd.hostKeyBlob()), keyType: 'ssh-ed25519' });
    const saved = await engine.api.saveHost(draft);
    await engine.api.trustHostKey({ hostId: saved.id, fingerprint: first.fingerprint! });
    expect(await engine.api.testConnection({ host: { ...draft, id: saved.id } })).toMatchObject({ ok: true, fingerprint: first.fingerprint });
    expect(await engine.api.testConnection({ host: { ...draft, auth: { method: 'key', keyPath: sshd.strangerKey.privatePath } } })).toMatchObject({ ok: false, code: 'AUTH_FAILED' });
    expect(fs.existsSync(dataDir)).toBe(true);
  });
});
