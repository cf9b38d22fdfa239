// A database on a server that is itself reached through a jump host: its channel rides on that
// server's login, which rides on the jump host's. No login is added for the database.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createEngine, type Engine } from '../../../src/main/engine/engine';
import { memorySecretStore } from '../../../src/main/engine/secrets';
import { createRole, startPostgres, type PgCluster } from '../../support/postgres';
import { tempDataDir } from '../../support/serve-process';
import { startSshd, type SshdHandle } from '../../support/sshd';
import { waitFor } from '../../support/wait-for';

let jumpSshd: SshdHandle;
let targetSshd: SshdHandle;
let cluster: PgCluster;
let engine: Engine;

beforeAll(async () => {
  [jumpSshd, targetSshd, cluster] = await Promise.all([startSshd(), startSshd(), startPostgres()]);
}, 60_000);
afterAll(async () => {
  await engine?.stop();
  await Promise.all([jumpSshd?.stop(), targetSshd?.stop(), cluster?.stop()]);
});

it('polls the database through the server behind the jump host with no login of its own', async () => {
  const role = await createRole(cluster.primary, { monitor: true });
  engine = createEngine({ dataDir: tempDataDir(), host: 'serve', logger: new MemoryLogger(), secrets: memorySecretStore('test'), knownHostsFile: null, intervalMs: 60_000 });
  await engine.start();
  const key = (s: SshdHandle) => ({ method: 'key' as const, keyPath: s.clientKey.privatePath });
  await engine.api.saveHost({ name: 'bastion', address: jumpSshd.host, port: jumpSshd.port, user: jumpSshd.user, auth: key(jumpSshd), hostKeyPolicy: 'accept-new', intervalMs: 1_000 });
  const app = await engine.api.saveHost({ name: 'db-behind', address: targetSshd.host, port: targetSshd.port, user: targetSshd.user, auth: key(targetSshd), hostKeyPolicy: 'accept-new', intervalMs: 1_000, jumpHost: 'bastion' });
  await waitFor('the server behind polled', async () => (await engine.api.listInventory()).hosts.find((h) => h.id === app.id)?.connection.state === 'ok');
  const before = { jump: jumpSshd.countAccepted(), target: targetSshd.countAccepted() };

  const check = await engine.api.saveCheck({ kind: 'postgres', name: 'behind the bastion', intervalMs: 1_000, config: { via: app.id, address: '127.0.0.1', port: cluster.primary.port, user: role.user }, secret: role.password });
  const snapshot = await waitFor('the database polled', async () => {
    const s = await engine.api.getSnapshot({ targetId: check.id });
    return s && s.reasons.length === 0 && s.metrics['pg.connections.used'] !== null ? s : null;
  });
  expect(snapshot.facts.version).toMatch(/^15\./);
  expect({ jump: jumpSshd.countAccepted(), target: targetSshd.countAccepted() }).toEqual(before);
});
