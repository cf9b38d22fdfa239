// What pg reports for each failure OpsDeck must name (docs/db-queries.md, "Errors to OpsDeck
// codes"), seen on a real PostgreSQL 15: wrong password, connection limits, timeouts, TLS with
// the wrong CA or none, pg_stat_statements not loaded, and the server stopped under a poller.
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRole, installPgStatStatements, startPostgres, type PgCluster, type PgServer } from '../../support/postgres';
import { waitFor } from '../../support/wait-for';
import { startTogether } from './start-together';
import { docSql } from './doc-sql';

let tls: PgCluster;
let plain: PgCluster;
let server: PgServer;

beforeAll(async () => {
  [tls, plain] = await startTogether(startPostgres({ tls: true }), startPostgres({ preloadPgStatStatements: false }));
  server = tls.primary;
});
afterAll(async () => {
  await Promise.all([tls?.stop(), plain?.stop()]);
});

async function failure(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected a failure');
}

function connect(s: PgServer, config: pg.ClientConfig): Promise<pg.Client> {
  const c = new pg.Client({ host: '127.0.0.1', port: s.port, database: 'postgres', user: s.superuser.user, password: s.superuser.password, ...config });
  c.on('error', () => undefined);
  return c.connect().then(() => c);
}

describe('AUTH_FAILED', () => {
  it('is SQLSTATE 28P01 for a wrong password and for an unknown role alike', async () => {
    const role = await createRole(server, { monitor: true });
    const wrong = await failure(connect(server, { user: role.user, password: 'not-it' }));
    expect(wrong).toMatchObject({ code: '28P01', message: `password authentication failed for user "${role.user}"` });
    expect(await failure(connect(server, { user: 'nobody_here', password: 'x' }))).toMatchObject({ code: '28P01' });
  });
});

describe('TOO_MANY_CONNECTIONS', () => {
  it('is SQLSTATE 53300 past a role connection limit', async () => {
    const role = await createRole(server, { monitor: true, connectionLimit: 1 });
    const first = await connect(server, { user: role.user, password: role.password });
    try {
      const err = await failure(connect(server, { user: role.user, password: role.password }));
      expect(err).toMatchObject({ code: '53300', message: `too many connections for role "${role.user}"` });
    } finally {
      await first.end();
    }
  });

  it('is SQLSTATE 53300 too when only the superuser-reserved slots are left', async () => {
    const role = await createRole(server, { monitor: true });
    const open: pg.Client[] = [];
    try {
      let err: (Error & { code?: string }) | null = null;
      // max_connections 60 with 3 reserved: the 58th non-superuser session cannot get a slot.
      for (let i = 0; i < 60 && !err; i++) {
        await connect(server, { user: role.user, password: role.password }).then(
          (c) => open.push(c),
          (e: Error) => (err = e),
        );
      }
      expect(err).toMatchObject({ code: '53300', message: expect.stringMatching(/reserved|too many clients/) });
      expect(open.length).toBeLessThanOrEqual(57);
    } finally {
      await Promise.all(open.map((c) => c.end()));
    }
  });
});

describe('TIMEOUT', () => {
  it('is SQLSTATE 57014 when the statement_timeout sent at connect ends a statement', async () => {
    const c = await connect(server, { statement_timeout: 300 });
    try {
      expect(await failure(c.query('SELECT pg_sleep(5)'))).toMatchObject({ code: '57014', message: 'canceling statement due to statement timeout' });
      // The session stays usable after a timeout.
      expect((await c.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await c.end();
    }
  });

  it('has no code when the server never answers the connect (connectionTimeoutMillis)', async () => {
    // A silent server: the client gives up and resets, which must not surface as an uncaught error.
    const silent = net.createServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const c = new pg.Client({ host: '127.0.0.1', port, user: 'x', password: 'x', connectionTimeoutMillis: 300 });
      const err = await failure(c.connect());
      expect(err.code).toBeUndefined();
      expect(err.message).toMatch(/timeout/i);
      console.log(`pg connect timeout message: "${err.message}"`);
    } finally {
      silent.close();
    }
  });

  it("has no code when pg's own query_timeout gives up first", async () => {
    const c = await connect(server, { query_timeout: 300 });
    try {
      const err = await failure(c.query('SELECT pg_sleep(2)'));
      expect(err.code).toBeUndefined();
      expect(err.message).toBe('Query read timeout');
    } finally {
      await c.end().catch(() => undefined);
    }
  });
});

describe('TLS_FAILED', () => {
  it('connects with the right CA and the server sees TLS', async () => {
    const c = await connect(server, { ssl: { ca: tls.certs!.ca } });
    try {
      const rows = (await c.query('SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows;
      expect(rows[0]).toMatchObject({ ssl: true, version: expect.stringMatching(/^TLSv1\.[23]$/) });
    } finally {
      await c.end();
    }
  });

  it("fails with Node's certificate code when the server's CA is not trusted", async () => {
    const err = await failure(connect(server, { ssl: { ca: tls.certs!.otherCa } }));
    expect(err.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('fails without a code when TLS is required and the server has none', async () => {
    const err = await failure(connect(plain.primary, { ssl: { rejectUnauthorized: true } }));
    expect(err.code).toBeUndefined();
    expect(err.message).toBe('The server does not support SSL connections');
  });
});

describe('NOT_PERMITTED and missing pieces', () => {
  it('says 55000 when pg_stat_statements exists but is not preloaded; the overview says so first', async () => {
    await installPgStatStatements(plain.primary);
    const c = await connect(plain.primary, {});
    try {
      const [row] = (await c.query(docSql('pg.overview'))).rows;
      expect(row).toMatchObject({ pgss_schema: 'public', pgss_loaded: false });
      const err = await failure(c.query(docSql('pg.statements', { pgss_schema: row.pgss_schema })));
      expect(err).toMatchObject({ code: '55000', message: 'pg_stat_statements must be loaded via shared_preload_libraries' });
    } finally {
      await c.end();
    }
  });
});

describe('server stopped under a poller', () => {
  it('ends the open session with 57P01, refuses new ones with ECONNREFUSED, and polls again after a start', async () => {
    const role = await createRole(server, { monitor: true });
    const poller = new pg.Client({ host: '127.0.0.1', port: server.port, user: role.user, password: role.password, database: 'postgres', application_name: 'opsdeck' });
    const errors: Array<Error & { code?: string }> = [];
    poller.on('error', (e) => errors.push(e));
    await poller.connect();
    expect((await poller.query(docSql('pg.overview'))).rows).toHaveLength(1);

    await server.stop('fast');
    expect(server.isRunning()).toBe(false);
    await waitFor('the session to be told', async () => errors.length > 0);
    expect(errors[0]).toMatchObject({ code: '57P01', message: 'terminating connection due to administrator command' });
    expect(await failure(poller.query('SELECT 1'))).toMatchObject({ message: expect.stringMatching(/not queryable|terminated/i) });
    const refused = await failure(connect(server, { user: role.user, password: role.password }));
    expect(refused.code).toBe('ECONNREFUSED');

    await server.start();
    const again = await connect(server, { user: role.user, password: role.password, application_name: 'opsdeck' });
    try {
      expect((await again.query(docSql('pg.overview'))).rows[0]).toMatchObject({ in_recovery: false, has_pg_monitor: true });
    } finally {
      await again.end();
    }
  });
});
