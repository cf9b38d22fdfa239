// The OS keychain backend against a real Secret Service: a private D-Bus session bus with
// gnome-keyring-daemon on it, started by the test. A host's password lands in the keychain,
// and still never in the SQLite file.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createEngine } from '../../../src/main/engine/engine';
import { createSecretStore, hostSecretAccount, type SecretStore } from '../../../src/main/engine/secrets';
import { tempDataDir } from '../../support/serve-process';

const have = (bin: string) => ['/usr/bin', '/bin', '/usr/local/bin'].some((d) => fs.existsSync(path.join(d, bin)));
const available = process.platform === 'linux' && have('dbus-daemon') && have('gnome-keyring-daemon') && fs.existsSync(path.resolve(__dirname, '../../../node_modules/keytar/build/Release/keytar.node'));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-keyring-'));
const children: ChildProcess[] = [];
const SERVICE = `OpsDeckTest-${process.pid}`;
const PASSWORD = 'Kc-5e1b77-only-in-the-keychain';

async function startSecretService(): Promise<void> {
  const address = `unix:path=${path.join(dir, 'bus')}`;
  const env = { ...process.env, HOME: dir, XDG_DATA_HOME: path.join(dir, 'data'), XDG_RUNTIME_DIR: dir, DBUS_SESSION_BUS_ADDRESS: address };
  fs.mkdirSync(env.XDG_DATA_HOME, { recursive: true });
  const bus = spawn('dbus-daemon', ['--session', '--nofork', `--address=${address}`], { stdio: 'ignore' });
  children.push(bus);
  for (let i = 0; i < 100 && !fs.existsSync(path.join(dir, 'bus')); i++) await new Promise((r) => setTimeout(r, 20));
  const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env, stdio: ['pipe', 'ignore', 'ignore'] });
  keyring.stdin!.end('keyring-test-password');
  children.push(keyring);
  // keytar (libsecret) reads the bus address from this process's environment on first use.
  process.env.DBUS_SESSION_BUS_ADDRESS = address;
  await new Promise((r) => setTimeout(r, 300));
}

beforeAll(async () => {
  if (available) await startSecretService();
});
afterAll(() => {
  for (const child of children.reverse()) child.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!available)('secrets in the OS keychain (gnome-keyring over D-Bus)', () => {
  let store: SecretStore;

  it('chooses the keychain when the Secret Service answers, and stores, lists and deletes', async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      store = await createSecretStore({ logger: new MemoryLogger(), service: SERVICE });
      if (store.info.backend === 'keychain') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(store.info).toMatchObject({ backend: 'keychain', persistent: true });
    await store.set('host:probe', 'x');
    expect(await store.get('host:probe')).toBe('x');
    expect(await store.accounts()).toContain('host:probe');
    await store.delete('host:probe');
    expect(await store.get('host:probe')).toBeNull();
  });

  it('keeps a host password in the keychain and out of the database file', async () => {
    const dataDir = tempDataDir();
    const engine = createEngine({ dataDir, host: 'serve', logger: new MemoryLogger(), secrets: store, knownHostsFile: null, intervalMs: 60_000 });
    await engine.start();
    const host = await engine.api.saveHost({ name: 'kc', address: '192.0.2.44', user: 'ops', auth: { method: 'password', password: PASSWORD }, enabled: false });
    expect(host.hasSecret).toBe(true);
    expect((await engine.api.listInventory()).secretStorage.backend).toBe('keychain');
    await engine.stop();
    expect(await store.get(hostSecretAccount(host.id))).toBe(PASSWORD);
    for (const f of fs.readdirSync(dataDir).filter((n) => n.startsWith('opsdeck.db'))) {
      expect(fs.readFileSync(path.join(dataDir, f)).toString('latin1').includes(PASSWORD), f).toBe(false);
    }
    await store.delete(hostSecretAccount(host.id));
  });
});
