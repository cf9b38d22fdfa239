// pg and mysql2 over a direct-tcpip channel on the host's one SSH login (the engine's
// SshConnection.openTunnel, ssh2 forwardOut underneath): no local port, no second login. The
// real sshd's log counts the logins; /proc shows that the database sees sshd as its client.
import fs from 'node:fs';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { MemoryHostKeyStore } from '../../../src/main/engine/transport/host-key-policy';
import { SshConnection } from '../../../src/main/engine/transport/ssh-connection';
import { createUser, startMariadb, type MyCluster, type MyUser } from '../../support/mariadb';
import { createRole, startPostgres, type PgCluster, type PgRole } from '../../support/postgres';
import { freePort, startSshd, type SshdHandle } from '../../support/sshd';
import { TunnelSocket } from '../../support/tunnel-socket';
import { startTogether } from './start-together';
import { docSql } from './doc-sql';

let sshd: SshdHandle;
let noForwarding: SshdHandle;
let pgc: PgCluster;
let myc: MyCluster;
let pgRole: PgRole;
let myUser: MyUser;
const connections: SshConnection[] = [];

function login(to: SshdHandle): SshConnection {
  const hostKeys = new MemoryHostKeyStore();
  hostKeys.trust(to.host, to.port, to.hostKeyBlob());
  const c = new SshConnection({ host: to.host, port: to.port, credentials: { username: to.user, privateKey: to.clientKey.privateKey }, hostKeys, logger: new MemoryLogger(), readyTimeoutMs: 5_000 });
  connections.push(c);
  return c;
}

/** Pids holding the TCP socket whose local port is `port` (from /proc/net/tcp and each process's fds). */
function pidsOwningLocalPort(port: number): number[] {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set(
    fs
      .readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => f[1]?.endsWith(`:${hex}`))
      .map((f) => f[9]),
  );
  const owners: number[] = [];
  for (const pid of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
        const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1])) owners.push(Number(pid));
      }
    } catch {
      // the process ended while we looked
    }
  }
  return owners;
}

const comm = (pid: number) => fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();

beforeAll(async () => {
  [sshd, noForwarding, pgc, myc] = await startTogether(startSshd(), startSshd({ allowTcpForwarding: false }), startPostgres(), startMariadb());
  pgRole = await createRole(pgc.primary, { monitor: true });
  myUser = await createUser(myc.primary, { monitor: true });
});

afterAll(async () => {
  for (const c of connections) await c.close();
  await Promise.all([sshd?.stop(), noForwarding?.stop(), pgc?.stop(), myc?.stop()]);
});

describe('pg over the SSH login', () => {
  it('runs the poll through forwardOut channels of one login, for single clients and a pool', async () => {
    const ssh = login(sshd);
    const tunnel = () => new TunnelSocket(() => ssh.openTunnel('127.0.0.1', pgc.primary.port, 5_000));
    const config = { user: pgRole.user, password: pgRole.password, database: 'postgres', application_name: 'opsdeck', statement_timeout: 2000 };
    const before = sshd.countAccepted();
    const client = new pg.Client({ ...config, stream: tunnel });
    await client.connect();
    try {
      const [row] = (await client.query(docSql('pg.overview'))).rows;
      expect(row).toMatchObject({ has_pg_monitor: true, in_recovery: false });
      // The server's peer for this session is a socket of sshd, not of this process.
      const { rows } = await client.query('SELECT client_port FROM pg_stat_activity WHERE pid = pg_backend_pid()');
      const owners = pidsOwningLocalPort(rows[0].client_port);
      expect(owners.length).toBeGreaterThan(0);
      expect(owners).not.toContain(process.pid);
      expect(owners.map(comm).every((name) => name.startsWith('sshd'))).toBe(true);
      expect((await client.query('SHOW statement_timeout')).rows[0].statement_timeout).toBe('2s');

      const pool = new pg.Pool({ ...config, stream: tunnel, max: 2 });
      try {
        const results = await Promise.all(Array.from({ length: 4 }, () => pool.query(docSql('pg.activity'))));
        expect(results.every((r) => Array.isArray(r.rows))).toBe(true);
        expect(pool.totalCount).toBe(2);
      } finally {
        await pool.end();
      }
    } finally {
      await client.end();
    }
    expect(sshd.countAccepted() - before).toBe(1);
    expect(ssh.stats().tunnels).toBe(3);
  });

  it('fails the connect with the tunnel error when the database port is closed on the host', async () => {
    const ssh = login(sshd);
    const closed = await freePort();
    const client = new pg.Client({ user: 'x', password: 'x', stream: () => new TunnelSocket(() => ssh.openTunnel('127.0.0.1', closed, 5_000)) });
    const err = await client.connect().then(
      () => null,
      (e: Error & { code?: string }) => e,
    );
    // The engine names a refused direct-tcpip connect UNREACHABLE (RFC 4254 reason 2).
    expect(err).toMatchObject({ code: 'UNREACHABLE', message: expect.stringContaining(`127.0.0.1:${closed}`) });
  });

  it('fails with the tunnel error when the host forbids forwarding', async () => {
    const ssh = login(noForwarding);
    const client = new pg.Client({ user: 'x', password: 'x', stream: () => new TunnelSocket(() => ssh.openTunnel('127.0.0.1', pgc.primary.port, 5_000)) });
    const err = await client.connect().then(
      () => null,
      (e: Error & { code?: string }) => e,
    );
    expect(err).toMatchObject({ code: 'JUMP_HOST_FAILED', message: expect.stringContaining('administratively prohibited') });
  });
});

describe('mysql2 over the SSH login', () => {
  it('takes the channel itself as its stream and runs the poll, with one login for several sessions', async () => {
    const ssh = login(sshd);
    const before = sshd.countAccepted();
    const sessions: mysql.Connection[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const stream = await ssh.openTunnel('127.0.0.1', myc.primary.port, 5_000);
        const c = await mysql.createConnection({ stream, user: myUser.user, password: myUser.password, connectAttributes: { program_name: 'opsdeck' } });
        sessions.push(c);
        await c.query(docSql('my.session'));
        const [rows] = await c.query<mysql.RowDataPacket[]>(docSql('my.status'));
        expect(rows.find((r) => r.name === 'version')!.value).toBe(myc.version);
      }
      const [[me]] = (await sessions[0]!.query('SELECT HOST AS host FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()')) as unknown as [[{ host: string }]];
      const owners = pidsOwningLocalPort(Number(me.host.split(':')[1]));
      expect(owners.length).toBeGreaterThan(0);
      expect(owners.map(comm).every((name) => name.startsWith('sshd'))).toBe(true);
      const [attrs] = await sessions[0]!.query<mysql.RowDataPacket[]>(docSql('my.processlist'));
      expect(Array.isArray(attrs)).toBe(true);
    } finally {
      await Promise.all(sessions.map((c) => c.end()));
    }
    expect(sshd.countAccepted() - before).toBe(1);
    expect(ssh.stats().tunnels).toBe(3);
  });
});
