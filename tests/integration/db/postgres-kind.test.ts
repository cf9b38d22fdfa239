// The PostgreSQL kind against a real PostgreSQL 15 primary and streaming replica on loopback:
// a long query, a lock wait, replica lag, a role without pg_monitor, the server stopped under the
// poller, and, through the engine, a database reached over a real sshd's existing login whose
// link drops under a poll.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KindContext } from '../../../src/main/engine/collectors/check-kind';
import { postgresKind } from '../../../src/main/engine/collectors/postgres';
import type { Collector } from '../../../src/main/engine/collectors/types';
import { systemClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createEngine, type Engine } from '../../../src/main/engine/engine';
import { memorySecretStore } from '../../../src/main/engine/secrets';
import { TargetMonitor } from '../../../src/main/engine/target-monitor';
import { DEFAULT_RULES } from '../../../src/main/engine/rules/default-rules';
import { rulesForKind } from '../../../src/main/engine/collectors/registry';
import type { Snapshot } from '../../../src/shared/model';
import { createLockWait, createRole, installPgStatStatements, pauseReplay, resumeReplay, startLongQuery, startPostgres, waitInSync, writeOnPrimary, type PgCluster, type PgRole } from '../../support/postgres';
import { tempDataDir } from '../../support/serve-process';
import { startSshd, type SshdHandle } from '../../support/sshd';
import { waitFor } from '../../support/wait-for';

let cluster: PgCluster;
let monitor: PgRole;

beforeAll(async () => {
  cluster = await startPostgres({ replica: true });
  monitor = await createRole(cluster.primary, { monitor: true });
  await installPgStatStatements(cluster.primary);
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

const collectors: Collector[] = [];
afterEach(async () => {
  await Promise.all(collectors.splice(0).map((c) => c.close?.()));
});

function context(password: string | null = monitor.password): KindContext {
  return {
    clock: systemClock,
    logger: new MemoryLogger(),
    secret: async () => password,
    openStream: async () => {
      throw new Error('direct connections only in this test');
    },
  };
}

function collectorFor(port: number, over: Record<string, unknown> = {}, ctx = context()): Collector {
  const c = postgresKind.createCollector(postgresKind.configSchema.parse({ address: '127.0.0.1', port, user: monitor.user, longQuerySeconds: 2, ...over }), ctx);
  collectors.push(c);
  return c;
}

describe('the PostgreSQL kind on a real server', () => {
  it('shows a sleeping query as long-running within two polls, with its user, application and text', async () => {
    const query = await startLongQuery(cluster.primary, { seconds: 90, applicationName: 'billing-batch' });
    try {
      const c = collectorFor(cluster.primary.port);
      const seen = await waitFor('the query to be long', async () => {
        const r = await c.collect();
        const row = r.tables?.queries?.rows.find((q) => q.pid === query.pid);
        return row?.long === true ? { r, row } : null;
      });
      expect(seen.row).toMatchObject({ user: 'postgres', application: 'billing-batch', client: '127.0.0.1', state: 'active', query: expect.stringContaining('pg_sleep(90)') });
      expect(seen.r.metrics['pg.queries.long']).toBeGreaterThanOrEqual(1);
      expect(seen.r.metrics['pg.queries.longestSeconds']).toBeGreaterThanOrEqual(2);
      // OpsDeck's own session is never in the list.
      expect(seen.r.tables?.queries?.rows.some((q) => q.application === 'opsdeck')).toBe(false);
    } finally {
      await query.cancel();
    }
  });

  it('shows a blocked session under the session that blocks it', async () => {
    const wait = await createLockWait(cluster.primary);
    try {
      const r = await collectorFor(cluster.primary.port).collect();
      const rows = r.tables?.lockChains?.rows ?? [];
      expect(rows.find((x) => x.pid === wait.waiterPid)).toMatchObject({ blockedBy: wait.holderPid, state: 'active' });
      expect(rows.find((x) => x.pid === wait.holderPid)).toMatchObject({ blockedBy: null, state: 'idle in transaction' });
      expect(r.metrics['pg.locks.waiting']).toBeGreaterThanOrEqual(1);
    } finally {
      await wait.release();
    }
  });

  it('reads replica lag in seconds while replay is paused, and zero once it caught up', async () => {
    const replica = cluster.replica!;
    const c = collectorFor(replica.port);
    await waitInSync(cluster.primary, replica);
    expect((await c.collect()).metrics['pg.replication.lagSeconds']).toBe(0);
    await pauseReplay(replica);
    try {
      await writeOnPrimary(cluster.primary, 5);
      await new Promise((r) => setTimeout(r, 1_500));
      await writeOnPrimary(cluster.primary, 5);
      const lagging = await waitFor('lag in seconds', async () => {
        const r = await c.collect();
        return (r.metrics['pg.replication.lagSeconds'] ?? 0) >= 1 ? r : null;
      });
      expect(lagging.facts.role).toBe('replica');
      expect(lagging.notes).toContainEqual({ code: 'PG_REPLAY_PAUSED' });
      expect(lagging.metrics['pg.replication.lagBytes']).toBeGreaterThan(0);
    } finally {
      await resumeReplay(replica);
    }
    await waitInSync(cluster.primary, replica);
    await waitFor('lag back to zero', async () => (await c.collect()).metrics['pg.replication.lagSeconds'] === 0);
    // The primary sees its standby too.
    const primary = await collectorFor(cluster.primary.port).collect();
    expect(primary.tables?.replicas?.rows).toHaveLength(1);
  });

  it('names the missing grant for a role without pg_monitor, and refuses a wrong password', async () => {
    const bare = await createRole(cluster.primary, { monitor: false });
    const config = postgresKind.configSchema.parse({ address: '127.0.0.1', port: cluster.primary.port, user: bare.user });
    expect(await postgresKind.testConnection(config, context(bare.password))).toMatchObject({ ok: false, code: 'NOT_PERMITTED', data: { grant: 'pg_monitor', user: bare.user } });
    await expect(collectorFor(cluster.primary.port, { user: bare.user }, context(bare.password)).collect()).rejects.toMatchObject({ code: 'NOT_PERMITTED', data: { grant: 'pg_monitor', user: bare.user } });
    expect(await postgresKind.testConnection(config, context('wrong-password'))).toMatchObject({ ok: false, code: 'AUTH_FAILED' });
    const ok = await postgresKind.testConnection(postgresKind.configSchema.parse({ address: '127.0.0.1', port: cluster.primary.port, user: monitor.user }), context());
    expect(ok).toMatchObject({ ok: true, facts: { version: expect.stringMatching(/^15\./), role: 'primary' } });
  });

  it('turns DOWN with a reason when the server stops under the poller, and comes back by itself', async () => {
    const replica = cluster.replica!;
    const target = { id: 'pg-down', name: 'replica', kind: 'postgres', intervalMs: 1_000, enabled: true };
    const m = new TargetMonitor(target, collectorFor(replica.port), rulesForKind(DEFAULT_RULES, 'postgres'), systemClock);
    expect((await m.poll(5_000)).fresh).toBe(true);
    await replica.stop('fast');
    try {
      const down = await waitFor('DOWN', async () => {
        const { snapshot } = await m.poll(5_000);
        return snapshot.status === 'crit' ? snapshot : null;
      });
      expect(down.reasons[0]).toMatchObject({ code: 'DOWN', errorCode: 'UNREACHABLE' });
    } finally {
      await replica.start();
    }
    const back = await waitFor('back', async () => {
      const { snapshot, fresh } = await m.poll(5_000);
      return fresh ? snapshot : null;
    });
    expect(back.reasons.some((r) => r.code === 'DOWN')).toBe(false);
  });
});

describe('a tunnel that stops answering', () => {
  it('fails the poll within the client deadline instead of hanging it', async () => {
    const { Duplex } = await import('node:stream');
    // Takes every byte and never answers, like a link whose far end froze.
    const frozen = () => Promise.resolve(new Duplex({ read() {}, write(_chunk, _encoding, done) { done(); } }));
    const ctx = { ...context(), openStream: frozen };
    const c = postgresKind.createCollector(postgresKind.configSchema.parse({ via: 'h-frozen', address: '127.0.0.1', port: cluster.primary.port, user: monitor.user }), ctx);
    collectors.push(c);
    // The driver's own connect deadline ends it: a hang would fail this test by its timeout instead.
    await expect(c.collect()).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
});

describe('a database reached through the SSH login of a server in the inventory', () => {
  let sshd: SshdHandle;
  let engine: Engine;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    await engine?.stop();
    await sshd?.stop();
  });

  it('costs no second login, survives the link dropping under a poll, and leaves no session behind', async () => {
    engine = createEngine({ dataDir: tempDataDir(), host: 'serve', logger: new MemoryLogger(), secrets: memorySecretStore('test'), knownHostsFile: null, intervalMs: 60_000 });
    await engine.start();
    const host = await engine.api.saveHost({ name: 'db server', address: sshd.host, port: sshd.port, user: sshd.user, auth: { method: 'key', keyPath: sshd.clientKey.privatePath }, hostKeyPolicy: 'accept-new', intervalMs: 1_000 });
    await waitFor('the host polled', async () => (await engine.api.listInventory()).hosts.find((h) => h.id === host.id)?.connection.state === 'ok');
    const loginsBefore = sshd.countAccepted();

    const check = await engine.api.saveCheck({
      kind: 'postgres',
      name: '주문 DB',
      intervalMs: 1_000,
      config: { via: host.id, address: '127.0.0.1', port: cluster.primary.port, user: monitor.user },
      secret: monitor.password,
    });
    expect(check.parentId).toBe(host.id);
    const fresh = (s: Snapshot | null | undefined) => !!s && s.reasons.length === 0 && s.metrics['pg.connections.used'] !== null;
    const first = await waitFor('the database polled through the tunnel', async () => {
      const s = await engine.api.getSnapshot({ targetId: check.id });
      return fresh(s) ? s : null;
    });
    expect(first!.facts.version).toMatch(/^15\./);
    expect(sshd.countAccepted()).toBe(loginsBefore);
    const opsdeckSessions = async () => Number((await cluster.primary.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'opsdeck'"))[0]!.n);
    expect(await opsdeckSessions()).toBe(1);

    // Drop every SSH session (sshd restarts on the same port with the same key).
    await sshd.restart();
    const droppedAt = Date.now();
    await waitFor('the tunnel rebuilt', async () => {
      const s = await engine.api.getSnapshot({ targetId: check.id });
      return s && s.ts > droppedAt && fresh(s);
    });
    // One new login after the drop, shared by the host's polls and the database's tunnel.
    expect(sshd.countAccepted()).toBe(loginsBefore + 1);
    await waitFor('the old database session gone', async () => (await opsdeckSessions()) === 1);

    await engine.api.deleteCheck({ checkId: check.id });
    await waitFor('no OpsDeck session left', async () => (await opsdeckSessions()) === 0);
  });
});
