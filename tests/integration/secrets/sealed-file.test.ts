// The desktop app's middle secret backend through the real engine: keytar is unavailable, so
// the engine seals host passwords with the sealer it was given (here real AES-GCM standing in
// for Electron's safeStorage) into secrets.sealed.json. The password is in no file in clear.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createEngine } from '../../../src/main/engine/engine';
import { SEALED_SECRETS_FILE } from '../../../src/main/engine/secrets';
import { AesGcmSealer } from '../../unit/secrets/aes-gcm-sealer';
import { tempDataDir } from '../../support/serve-process';

// As on a Linux desktop without a Secret Service: keytar cannot be used.
vi.mock('../../../src/main/engine/secrets/keytar-secret-store', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/main/engine/secrets/keytar-secret-store')>()),
  loadKeytar: () => 'keytar is switched off for this test',
}));

const PASSWORD = 'Sf-int-3e9a-sealed-only';
const dataDir = tempDataDir('opsdeck-sealed-int-');
// A loopback port that answers: the connection test gets past its reachability check to the secret.
const listener = net.createServer((socket) => socket.destroy());
let port = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as net.AddressInfo).port;
});
afterAll(() => {
  listener.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function engine(sealer: AesGcmSealer, logger = new MemoryLogger()) {
  return { logger, engine: createEngine({ dataDir, host: 'electron', logger, sealer, knownHostsFile: null, intervalMs: 60_000 }) };
}

describe('secrets sealed into the data folder (Electron safeStorage fallback)', () => {
  const sealer = new AesGcmSealer();

  it('keeps a host password sealed in secrets.sealed.json and nowhere in clear', async () => {
    const { engine: first, logger } = engine(sealer);
    await first.start();
    const view = await first.api.listInventory();
    expect(view.secretStorage).toMatchObject({ persistent: true, message: expect.stringContaining(SEALED_SECRETS_FILE) });
    const host = await first.api.saveHost({ name: 'sealed', address: '127.0.0.1', port, user: 'ops', auth: { method: 'password', password: PASSWORD }, enabled: false });
    expect(host.hasSecret).toBe(true);
    await first.stop();

    const files = fs.readdirSync(dataDir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(dataDir, f)).isFile());
    expect(files).toContain(SEALED_SECRETS_FILE);
    for (const f of files) expect(fs.readFileSync(path.join(dataDir, f)).toString('latin1').includes(PASSWORD), f).toBe(false);
    expect(JSON.stringify(logger.records)).not.toContain(PASSWORD);
  });

  it('finds the password again after a restart', async () => {
    const { engine: again } = engine(sealer);
    await again.start();
    const view = await again.api.listInventory();
    expect(view.hosts.find((h) => h.name === 'sealed')?.hasSecret).toBe(true);
    await again.stop();
  });

  it('after the OS key changed, the entry is still listed and reading it asks for the password again', async () => {
    const { engine: rekeyed } = engine(new AesGcmSealer());
    await rekeyed.start();
    const view = await rekeyed.api.listInventory();
    const host = view.hosts.find((h) => h.name === 'sealed')!;
    expect(host.hasSecret).toBe(true);
    const result = await rekeyed.api.testConnection({ host: { id: host.id, name: host.name, address: host.address, port: host.port, user: 'ops', auth: { method: 'password' }, enabled: false } });
    await rekeyed.stop();
    expect(result).toMatchObject({ ok: false, code: 'SECRET_UNREADABLE', message: expect.stringMatching(/Enter it again/) });
  });
});
