// The inventory through the engine's contract, without a network: hosts stay disabled. Secrets
// go to the SecretStore only: never into the SQLite file (checked byte by byte), the log, or
// anything the contract returns.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createEngine, type Engine } from '../../../src/main/engine/engine';
import { hostSecretAccount, memorySecretStore, type SecretStore } from '../../../src/main/engine/secrets';
import type { HostInput } from '../../../src/shared/inventory-contract';

const PASSWORD = 'Pw-7f3a9c-never-stored-in-sqlite';
const PASSPHRASE = 'Pp-41d2e8-never-stored-either';

let dir: string;
let engine: Engine;
let secrets: SecretStore;
let logger: MemoryLogger;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-inv-engine-'));
  secrets = memorySecretStore('tests use memory');
  logger = new MemoryLogger();
  engine = createEngine({ dataDir: dir, host: 'serve', logger, secrets, knownHostsFile: null, intervalMs: 60_000 });
  await engine.start();
});
afterEach(async () => {
  await engine.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const base: HostInput = { name: '결제 DB', address: '192.0.2.7', port: 2222, user: 'ops', auth: { method: 'password', password: PASSWORD }, enabled: false };

function databaseBytes(): string {
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('opsdeck.db'))
    .map((f) => fs.readFileSync(path.join(dir, f)).toString('latin1'))
    .join('');
}

describe('inventory secrets', () => {
  it('keeps a password in the secret store only: never in the database file, the log or a reply', async () => {
    const saved = await engine.api.saveHost(base);
    expect(saved).toMatchObject({ authMethod: 'password', hasSecret: true, connection: { state: 'disabled' } });
    expect(await secrets.get(hostSecretAccount(saved.id))).toBe(PASSWORD);
    const key = await engine.api.saveHost({ ...base, name: 'other', address: '192.0.2.8', auth: { method: 'key', keyPath: '/keys/id', passphrase: PASSPHRASE } });
    expect(key.hasSecret).toBe(true);

    const replies = JSON.stringify([saved, key, await engine.api.listInventory()]);
    expect(replies).not.toContain(PASSWORD);
    expect(replies).not.toContain(PASSPHRASE);
    await engine.stop(); // checkpoints nothing away: the WAL and the main file are both read
    const bytes = databaseBytes();
    expect(bytes).toContain('192.0.2.7');
    expect(bytes).not.toContain(PASSWORD);
    expect(bytes).not.toContain(PASSPHRASE);
    expect(JSON.stringify(logger.records)).not.toContain(PASSWORD);
    expect(JSON.stringify(logger.records)).not.toContain(PASSPHRASE);
  });

  it('keeps a stored secret when the form leaves it blank, deletes it on null or when the method changes', async () => {
    const { id } = await engine.api.saveHost(base);
    expect((await engine.api.saveHost({ ...base, id, name: 'renamed', auth: { method: 'password' } })).hasSecret).toBe(true);
    expect(await secrets.get(hostSecretAccount(id))).toBe(PASSWORD);
    expect((await engine.api.saveHost({ ...base, id, auth: { method: 'key', keyPath: '/k' } })).hasSecret).toBe(false);
    expect(await secrets.get(hostSecretAccount(id))).toBeNull();
    await engine.api.saveHost({ ...base, id });
    expect((await engine.api.saveHost({ ...base, id, auth: { method: 'password', password: null } })).hasSecret).toBe(false);
    await engine.api.saveHost({ ...base, id });
    await engine.api.deleteHost({ hostId: id });
    expect(await secrets.accounts()).toEqual([]);
  });

  it('says where secrets live when there is no keychain', async () => {
    const { secretStorage } = await engine.api.listInventory();
    expect(secretStorage).toMatchObject({ backend: 'memory', persistent: false, message: expect.stringMatching(/kept in memory until OpsDeck stops/) });
  });
});

describe('inventory records', () => {
  it('adds, edits, disables and deletes hosts and services, and refuses the reserved id "local"', async () => {
    const a = await engine.api.saveHost({ ...base, auth: { method: 'agent' }, tags: ['prod', 'prod', 'db'] });
    expect(a.tags).toEqual(['prod', 'db']);
    const svc = await engine.api.saveService({ name: '결제', owner: '김운영', contact: '내선 1234', hostIds: [a.id] });
    expect((await engine.api.listInventory()).services).toEqual([svc]);
    expect(svc.hostIds).toEqual([a.id]);
    await expect(engine.api.saveHost({ ...base, id: 'local' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await engine.api.deleteHost({ hostId: a.id });
    expect((await engine.api.listInventory()).services[0]!.hostIds).toEqual([]);
    await engine.api.deleteService({ serviceId: svc.id });
    await expect(engine.api.deleteService({ serviceId: svc.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(engine.api.setHostEnabled({ hostId: a.id, enabled: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('trusts a confirmed fingerprint for the host\'s address and port', async () => {
    const a = await engine.api.saveHost(base);
    const fingerprint = `SHA256:${'b'.repeat(43)}`;
    expect((await engine.api.trustHostKey({ hostId: a.id, fingerprint })).trustedFingerprints).toEqual([fingerprint]);
  });

  it('imports ssh_config entries once: a second import of the same host is skipped', async () => {
    const preview = await engine.api.previewSshConfigImport({ text: 'Host app\n  HostName 192.0.2.30\n  User deploy\n  ProxyJump bastion\n' });
    expect(preview.rows).toEqual([expect.objectContaining({ alias: 'app', status: 'new', jumpHost: 'bastion' })]);
    const { status: _s, notes: _n, ...entry } = preview.rows[0]!;
    const first = await engine.api.applySshConfigImport({ entries: [entry] });
    expect(first.added).toEqual([expect.objectContaining({ name: 'app', authMethod: 'agent', jumpHost: 'bastion', hostKeyPolicy: 'ask' })]);
    const second = await engine.api.applySshConfigImport({ entries: [entry] });
    expect(second).toEqual({ added: [], skipped: [{ alias: 'app', reason: expect.stringMatching(/already in the inventory/) }] });
    expect((await engine.api.previewSshConfigImport({ text: 'Host app\n  HostName 192.0.2.30\n  User deploy\n' })).rows[0]!.status).toBe('exists');
  });

  it('does not poll a host behind a chain of jump hosts, and says why', async () => {
    const preview = await engine.api.previewSshConfigImport({ text: 'Host app\n  HostName 192.0.2.31\n  User deploy\n  ProxyJump bastion,inner\n' });
    const { status: _s, notes: _n, ...entry } = preview.rows[0]!;
    const { added } = await engine.api.applySshConfigImport({ entries: [entry] });
    const result = await engine.api.testConnection({ host: { name: 'app', address: entry.address, user: 'deploy', auth: { method: 'agent' }, jumpHost: 'bastion,inner' } });
    expect(result).toMatchObject({ ok: false, code: 'JUMP_HOST_UNSUPPORTED', message: expect.stringMatching(/only one is supported/) });
    expect(added).toHaveLength(1);
  });

  it('names the jump host from the inventory when its own settings stop a test connection', async () => {
    // The port answers (a loopback listener), so the test gets past the reachability check to the settings.
    const listener = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as net.AddressInfo;
    try {
      await engine.api.saveHost({ ...base, name: 'bastion', address: '127.0.0.1', port, auth: { method: 'password', password: null } });
      const result = await engine.api.testConnection({ host: { ...base, name: 'app', jumpHost: 'Bastion' } });
      expect(result).toMatchObject({ ok: false, code: 'SECRET_MISSING', message: expect.stringMatching(new RegExp(`^Jump host bastion \\(127\\.0\\.0\\.1:${port}\\): No password is stored`)), fingerprint: null });
    } finally {
      listener.close();
    }
  });

  it('a closed port is UNREACHABLE in a test connection before any question about the password', async () => {
    const listener = net.createServer();
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as net.AddressInfo;
    await new Promise<void>((resolve) => listener.close(() => resolve()));
    const result = await engine.api.testConnection({ host: { ...base, address: '127.0.0.1', port, auth: { method: 'password', password: null } } });
    expect(result).toMatchObject({ ok: false, code: 'UNREACHABLE', data: { target: `127.0.0.1:${port}`, reason: 'ECONNREFUSED' } });
  });
});
