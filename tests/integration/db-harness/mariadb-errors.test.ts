// What mysql2 reports for each failure OpsDeck must name (docs/db-queries.md, "Errors to OpsDeck
// codes"), seen on a real MariaDB 10.11: wrong password, connection limits, timeouts, TLS with
// the wrong CA or none, and the server stopped under a poller.
import net from 'node:net';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startMariadb, type MyCluster, type MyServer, type MyUser } from '../../support/mariadb';
import { startTogether } from './start-together';
import { docSql } from './doc-sql';

let tls: MyCluster;
let plain: MyCluster;
let server: MyServer;

beforeAll(async () => {
  [tls, plain] = await startTogether(startMariadb({ tls: true }), startMariadb());
  server = tls.primary;
});
afterAll(async () => {
  await Promise.all([tls?.stop(), plain?.stop()]);
});

type DbError = Error & { code?: string; errno?: number; sqlState?: string };

async function failure(p: Promise<unknown>): Promise<DbError> {
  try {
    await p;
  } catch (err) {
    return err as DbError;
  }
  throw new Error('expected a failure');
}

function connect(s: MyServer, as: MyUser, extra: mysql.ConnectionOptions = {}): Promise<mysql.Connection> {
  return s.connect({ as, programName: 'opsdeck', extra });
}

describe('AUTH_FAILED', () => {
  it('is errno 1045 (SQLSTATE 28000) for a wrong password and for an unknown user alike', async () => {
    const u = await createUser(server, { monitor: true });
    expect(await failure(connect(server, { ...u, password: 'not-it' }))).toMatchObject({ errno: 1045, code: 'ER_ACCESS_DENIED_ERROR', sqlState: '28000' });
    expect(await failure(connect(server, { user: 'nobody_here', password: 'x' }))).toMatchObject({ errno: 1045 });
  });
});

describe('TOO_MANY_CONNECTIONS', () => {
  it('is errno 1226 past MAX_USER_CONNECTIONS', async () => {
    const u = await createUser(server, { monitor: true, maxUserConnections: 1 });
    const first = await connect(server, u);
    try {
      const err = await failure(connect(server, u));
      expect(err).toMatchObject({ errno: 1226, code: 'ER_USER_LIMIT_REACHED', sqlState: '42000' });
      expect(err.message).toMatch(/max_user_connections/);
    } finally {
      await first.end();
    }
  });

  it('is errno 1040 when max_connections is reached', async () => {
    const u = await createUser(server, { monitor: true });
    const open: mysql.Connection[] = [];
    try {
      let err: DbError | null = null;
      for (let i = 0; i < 65 && !err; i++) {
        await connect(server, u).then(
          (c) => open.push(c),
          (e: DbError) => (err = e),
        );
      }
      expect(err).toMatchObject({ errno: 1040, code: 'ER_CON_COUNT_ERROR', sqlState: '08004' });
      expect(open.length).toBeLessThanOrEqual(60);
    } finally {
      await Promise.all(open.map((c) => c.end()));
    }
  });
});

describe('TIMEOUT', () => {
  it('is errno 1969 when max_statement_time ends a statement', async () => {
    const u = await createUser(server, { monitor: true });
    const c = await connect(server, u);
    try {
      await c.query('SET SESSION max_statement_time = 0.3');
      const err = await failure(c.query('SELECT COUNT(*) FROM information_schema.COLUMNS a, information_schema.COLUMNS b, information_schema.COLUMNS c'));
      // mysql2 3.24.5 has no name for MariaDB's 1969: map it by errno.
      expect(err).toMatchObject({ errno: 1969, sqlState: '70100', message: 'Query execution was interrupted (max_statement_time exceeded)' });
      expect(err.code).toBeUndefined();
      expect(await failure(c.query('SELECT SLEEP(5)'))).toMatchObject({ errno: 1969 });
      // BENCHMARK() is the exception: interrupted, it returns 0 instead of failing.
      const [rows] = await c.query("SELECT BENCHMARK(2000000000, MD5('x')) AS bench");
      expect(rows).toEqual([{ bench: 0 }]);
      const [ok] = await c.query('SELECT 1 AS one');
      expect(ok).toEqual([{ one: 1 }]);
    } finally {
      await c.end();
    }
  });

  it('is ETIMEDOUT when the server never answers the connect (connectTimeout)', async () => {
    // A silent server: the client gives up and resets, which must not surface as an uncaught error.
    const silent = net.createServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const err = await failure(mysql.createConnection({ host: '127.0.0.1', port, user: 'x', password: 'x', connectTimeout: 300 }));
      expect(err.code).toBe('ETIMEDOUT');
      expect(err.sqlState).toBeUndefined();
    } finally {
      silent.close();
    }
  });
});

describe('TLS_FAILED', () => {
  it('connects with the right CA and the server sees TLS', async () => {
    const u = await createUser(server, { monitor: true });
    const c = await connect(server, u, { ssl: { ca: tls.certs!.ca } });
    try {
      const [rows] = await c.query<mysql.RowDataPacket[]>("SHOW SESSION STATUS LIKE 'Ssl_version'");
      expect(rows[0]!.Value).toMatch(/^TLSv1\.[23]$/);
    } finally {
      await c.end();
    }
  });

  it("fails with HANDSHAKE_SSL_ERROR when the server's CA is not trusted", async () => {
    const u = await createUser(server, { monitor: true });
    const err = await failure(connect(server, u, { ssl: { ca: tls.certs!.otherCa } }));
    // mysql2 wraps the TLS error: Node's own code is gone, only its message is left.
    expect(err).toMatchObject({ code: 'HANDSHAKE_SSL_ERROR', message: 'self-signed certificate in certificate chain' });
  });

  it('fails with HANDSHAKE_NO_SSL_SUPPORT when TLS is required and the server has none', async () => {
    const u = await createUser(plain.primary, { monitor: true });
    const err = await failure(connect(plain.primary, u, { ssl: { rejectUnauthorized: true } }));
    expect(err.code).toBe('HANDSHAKE_NO_SSL_SUPPORT');
  });
});

describe('server stopped under a poller', () => {
  it('loses the open session, refuses new ones with ECONNREFUSED, and polls again after a start', async () => {
    const u = await createUser(server, { monitor: true });
    const poller = await connect(server, u);
    const errors: DbError[] = [];
    poller.on('error', (e: DbError) => errors.push(e));
    await poller.query(docSql('my.session'));
    expect((await poller.query(docSql('my.status')))[0]).not.toHaveLength(0);

    await server.stop();
    expect(server.isRunning()).toBe(false);
    // The session learns it on its 'error' event; a poll afterwards fails without a code.
    expect(errors.map((e) => e.code)).toEqual(['PROTOCOL_CONNECTION_LOST']);
    const lost = await failure(poller.query(docSql('my.status')));
    expect(lost).toMatchObject({ fatal: true, message: "Can't add new command when connection is in closed state" });
    expect(lost.code).toBeUndefined();
    expect(await failure(connect(server, u))).toMatchObject({ code: 'ECONNREFUSED' });

    await server.start();
    const again = await connect(server, u);
    try {
      await again.query(docSql('my.session'));
      const [rows] = await again.query<mysql.RowDataPacket[]>(docSql('my.status'));
      expect(rows.find((r) => r.name === 'max_connections')!.value).toBe('60');
    } finally {
      await again.end();
    }
  });
});
