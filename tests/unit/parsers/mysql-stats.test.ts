// The pure MySQL / MariaDB row parsing, on rows captured from a real MariaDB 10.11 and on rows
// shaped as the MySQL 8 manual documents them (no MySQL server runs here).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countersOf, lockChainsTable, queriesTable, readServerInfo, readStatus, redactMyQuery, replicationGrant, statusRates, versionAtLeast, type MyLockWaitRow, type MyStatusRow } from '../../../src/main/engine/parsers/mysql-stats';
import { readChannels, replicasTable, replicationSummary } from '../../../src/main/engine/parsers/mysql-replication';
import { topStatementsTable } from '../../../src/main/engine/parsers/mysql-statements';
import {
  MARIADB_LOCK_WAIT_ROWS,
  MARIADB_PROCESSLIST_ROWS,
  MARIADB_REPLICA_IN_SYNC,
  MARIADB_REPLICA_SQL_STOPPED,
  MARIADB_STATUS_ROWS,
  MARIADB_VERSION_ROW,
} from '../../fixtures/mysql/mariadb-10.11-rows';
import { MYSQL_PROCESSLIST_ROWS, MYSQL_REPLICA_STATUS, MYSQL_STATUS_ROWS, MYSQL_VERSION_ROW } from '../../fixtures/mysql/mysql-8-rows';

const statusWith = (over: Record<string, string>): MyStatusRow[] => MARIADB_STATUS_ROWS.map((r) => ({ name: r.name, value: over[r.name] ?? r.value }));

describe('the server', () => {
  it('tells MariaDB from MySQL and reads the version, performance_schema and the account', () => {
    expect(readServerInfo(MARIADB_VERSION_ROW)).toEqual({
      flavor: 'mariadb',
      version: '10.11.19',
      parts: [10, 11, 19],
      performanceSchema: true,
      account: `'${MARIADB_VERSION_ROW.account.split('@')[0]}'@'127.0.0.1'`,
    });
    expect(readServerInfo(MYSQL_VERSION_ROW)).toEqual({ flavor: 'mysql', version: '8.0.36', parts: [8, 0, 36], performanceSchema: true, account: "'opsdeck'@'localhost'" });
    // A MariaDB whose version string hides the name still says it in the comment.
    expect(readServerInfo({ version: '10.6.18', version_comment: 'mariadb.org binary distribution', performance_schema: 0 })).toMatchObject({ flavor: 'mariadb', performanceSchema: false });
    expect(readServerInfo({ version: 'garbage', version_comment: null, performance_schema: null })).toMatchObject({ flavor: 'mysql', version: null, parts: [0, 0, 0], account: null });
  });

  it('compares versions and names the replication grant each server has', () => {
    expect(versionAtLeast({ parts: [8, 0, 22] }, 8, 0, 22)).toBe(true);
    expect(versionAtLeast({ parts: [8, 0, 21] }, 8, 0, 22)).toBe(false);
    expect(versionAtLeast({ parts: [8, 4, 0] }, 8, 0, 22)).toBe(true);
    expect(versionAtLeast({ parts: [10, 11, 19] }, 10, 5, 9)).toBe(true);
    expect(replicationGrant({ flavor: 'mariadb', parts: [10, 5, 9] })).toBe('SLAVE MONITOR');
    expect(replicationGrant({ flavor: 'mariadb', parts: [10, 5, 8] })).toBe('REPLICATION CLIENT');
    expect(replicationGrant({ flavor: 'mysql', parts: [8, 0, 36] })).toBe('REPLICATION CLIENT');
  });
});

describe('status counters', () => {
  it('reads MariaDB and MySQL 8 status rows alike (MySQL 8 has no Innodb_deadlocks)', () => {
    expect(readStatus(MARIADB_STATUS_ROWS)).toMatchObject({ threadsConnected: 2, threadsRunning: 2, maxConnections: 60, uptime: 2, performanceSchema: true, readOnly: false, version: MARIADB_VERSION_ROW.version });
    const mysql = readStatus(MYSQL_STATUS_ROWS);
    expect(mysql).toMatchObject({ threadsConnected: 64, maxConnections: 151, rowLockCurrentWaits: 1, performanceSchema: true });
    expect(mysql.counters.deadlocks).toBeNull();
    expect(mysql.counters.questions).toBe(700_000);
  });

  it('turns deltas into per-second rates and the interval buffer pool hit ratio', () => {
    const a = countersOf(readStatus(MARIADB_STATUS_ROWS), 0);
    const b = countersOf(
      readStatus(statusWith({ questions: '531', slow_queries: '2', aborted_connects: '1', innodb_buffer_pool_read_requests: '10914', innodb_buffer_pool_reads: '265', uptime: '12' })),
      10_000,
    );
    expect(statusRates(a, b)).toEqual({
      queriesPerSecond: 50,
      slowQueriesPerSecond: 0.2,
      abortedConnectsPerSecond: 0.1,
      abortedClientsPerSecond: 0,
      rowLockWaitsPerSecond: 0,
      deadlocksPerSecond: 0,
      tmpDiskTablesPerSecond: 0,
      bufferPoolHitPercent: 99,
    });
    // MySQL 8 has no deadlock counter: that one rate is unknown, the rest are there.
    const m1 = countersOf(readStatus(MYSQL_STATUS_ROWS), 0);
    const m2 = countersOf(readStatus(MYSQL_STATUS_ROWS.map((r) => (r.name === 'questions' ? { ...r, value: '701000' } : r.name === 'uptime' ? { ...r, value: '86410' } : r))), 10_000);
    expect(statusRates(m1, m2)).toMatchObject({ queriesPerSecond: 100, deadlocksPerSecond: null, bufferPoolHitPercent: null });
  });

  it('starts a new baseline after a restart, and has no hit ratio over an interval without page requests', () => {
    const a = countersOf(readStatus(statusWith({ uptime: '5000', questions: '90000' })), 0);
    const restarted = countersOf(readStatus(statusWith({ uptime: '3', questions: '95000' })), 10_000);
    expect(Object.values(statusRates(a, restarted)).every((v) => v === null)).toBe(true);
    expect(statusRates(null, a).queriesPerSecond).toBeNull();
    const quiet = countersOf(readStatus(statusWith({ uptime: '5010', questions: '90000' })), 10_000);
    expect(statusRates(a, quiet)).toMatchObject({ queriesPerSecond: 0, bufferPoolHitPercent: null });
  });

  it('never reports a negative rate, and a counter that went down (FLUSH STATUS) gives null', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat({ max: 1_000_000 }), fc.nat({ max: 1_000_000 }), fc.integer({ min: 1, max: 600_000 }), (q1, q2, req, reads, ms) => {
        const a = countersOf(readStatus(statusWith({ questions: String(q1), uptime: '100', innodb_buffer_pool_read_requests: '0', innodb_buffer_pool_reads: '0' })), 0);
        const b = countersOf(readStatus(statusWith({ questions: String(q2), uptime: String(100 + Math.ceil(ms / 1000)), innodb_buffer_pool_read_requests: String(req), innodb_buffer_pool_reads: String(reads) })), ms);
        const r = statusRates(a, b);
        const rates = Object.values(r).filter((v): v is number => v !== null);
        if (rates.some((v) => v < 0 || !Number.isFinite(v))) return false;
        if (q2 < q1 && r.queriesPerSecond !== null) return false;
        if (r.bufferPoolHitPercent !== null && (r.bufferPoolHitPercent < 0 || r.bufferPoolHitPercent > 100)) return false;
        return true;
      }),
    );
  });
});

describe('running statements', () => {
  it('lists MariaDB sessions longest first and marks queries past the threshold as long', () => {
    const { table, longest, longCount } = queriesTable(MARIADB_PROCESSLIST_ROWS, 1);
    expect(table.rows.map((r) => r.id)).toEqual([14, 18]);
    expect(table.rows[0]).toMatchObject({ long: true, user: 'harness', application: 'billing-batch', state: 'Query', stage: 'User sleep', query: 'SELECT SLEEP(90) /* long report */', seconds: 1.330028 });
    expect(longest).toBe(1.330028);
    expect(longCount).toBe(2);
    expect(queriesTable(MARIADB_PROCESSLIST_ROWS, 60).longCount).toBe(0);
  });

  it('reads MySQL 8 whole seconds and never counts a replication thread as a long query', () => {
    const { table, longest, longCount } = queriesTable(MYSQL_PROCESSLIST_ROWS, 60);
    expect(table.rows.map((r) => [r.id, r.long])).toEqual([
      [43, false],
      [42, true],
      [44, false],
    ]);
    expect(longest).toBe(95);
    expect(longCount).toBe(1);
  });

  it('masks passwords in query texts, also when the text was cut inside the password', () => {
    expect(redactMyQuery("CREATE USER 'app'@'%' IDENTIFIED BY 's3cr3t'")).toBe("CREATE USER 'app'@'%' IDENTIFIED BY '***'");
    expect(redactMyQuery("ALTER USER u IDENTIFIED WITH mysql_native_password BY 'pw'")).toBe("ALTER USER u IDENTIFIED WITH mysql_native_password BY '***'");
    expect(redactMyQuery("SET PASSWORD FOR 'u'@'h' = PASSWORD('old-pw')")).toBe("SET PASSWORD FOR 'u'@'h' = PASSWORD('***')");
    expect(redactMyQuery("SET PASSWORD = 'plain'")).toBe("SET PASSWORD = '***'");
    expect(redactMyQuery("CHANGE MASTER TO MASTER_HOST='db1', MASTER_PASSWORD='repl-pw'")).toBe("CHANGE MASTER TO MASTER_HOST='db1', MASTER_PASSWORD='***'");
    expect(redactMyQuery("CHANGE REPLICATION SOURCE TO SOURCE_PASSWORD = 'it\\'s'")).toBe("CHANGE REPLICATION SOURCE TO SOURCE_PASSWORD = '***'");
    expect(redactMyQuery("CREATE USER x IDENTIFIED VIA ed25519 USING PASSWORD('pw')")).toBe("CREATE USER x IDENTIFIED VIA ed25519 USING PASSWORD('***')");
    expect(redactMyQuery("CREATE USER x IDENTIFIED BY 'cut-off-in-the-midd")).toBe("CREATE USER x IDENTIFIED BY '***'");
    expect(redactMyQuery("SELECT * FROM users WHERE name = 'password'")).toBe("SELECT * FROM users WHERE name = 'password'");
    expect(redactMyQuery("UPDATE notes SET body = 'reset password' WHERE id = 5")).toBe("UPDATE notes SET body = 'reset password' WHERE id = 5");
    expect(redactMyQuery("CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (USER 'r', PASSWORD 'srv-pw')")).toBe("CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (USER 'r', PASSWORD '***')");
    expect(redactMyQuery(null)).toBeNull();
  });

  it('masks a password read either way, with or without backslash escapes (the SQL mode is unknown)', () => {
    // fast-check seed 709327618: the password \' and a space, quotes doubled as under NO_BACKSLASH_ESCAPES.
    // Read with escapes, the literal ends after \'' and the rest of the password showed.
    const head = "CREATE USER 'app'@'%' IDENTIFIED BY ";
    expect(redactMyQuery(`${head}'\\'' '`)).toBe(`${head}'***'`);
    // Read with escapes it is the longer literal: the statement after it is shown.
    expect(redactMyQuery(`${head}'a\\'b' AND x = 1`)).toBe(`${head}'***' AND x = 1`);
    expect(redactMyQuery(`SET PASSWORD = 'x'; SELECT 'kept'`)).toBe(`SET PASSWORD = '***'; SELECT 'kept'`);
  });

  it('never lets any part of a password through, whole or cut at any point', () => {
    const head = "CREATE USER 'app'@'%' IDENTIFIED BY ";
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.boolean(), fc.nat(), (password, doubled, cut) => {
        const quoted = `'${doubled ? password.replace(/'/g, "''") : password.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
        const whole = redactMyQuery(`${head}${quoted}`);
        const at = head.length + 1 + (cut % quoted.length);
        return whole === `${head}'***'` && redactMyQuery(`${head}${quoted}`.slice(0, at)) === `${head}'***'`;
      }),
    );
  });
});

describe('row lock waits', () => {
  it('puts the idle holder at the head and the waiter under it (MariaDB capture)', () => {
    const table = lockChainsTable(MARIADB_LOCK_WAIT_ROWS, MARIADB_PROCESSLIST_ROWS);
    expect(table.rows).toEqual([
      { id: 17, blockedBy: null, waitSeconds: null, state: 'idle in transaction', user: 'harness', transactionSeconds: 1, query: null },
      { id: 18, blockedBy: 17, waitSeconds: 1, state: 'Query', user: 'harness', transactionSeconds: 1, query: 'UPDATE lock_demo SET v = v + 10 WHERE id = 1' },
    ]);
  });

  it('builds a chain of three, a waiter with two blockers under the oldest, and no loop', () => {
    const w = (waiting: number, blocking: number, blockingTrx: number, wait = 5): MyLockWaitRow => ({
      waiting_id: waiting,
      waiting_query: `UPDATE t SET v = ${waiting}`,
      wait_seconds: wait,
      blocking_id: blocking,
      blocking_query: null,
      blocking_trx_seconds: blockingTrx,
      blocking_user: 'app',
      blocking_command: 'Sleep',
    });
    const chain = lockChainsTable([w(3, 2, 10), w(2, 1, 60), w(4, 2, 10), w(4, 1, 60)]);
    expect(chain.rows.map((r) => [r.id, r.blockedBy])).toEqual([
      [1, null],
      [2, 1],
      [4, 1],
      [3, 2],
    ]);
    // Two sessions waiting on each other (a deadlock InnoDB has not yet broken) still yields rows.
    expect(lockChainsTable([w(1, 2, 5), w(2, 1, 5)]).rows.map((r) => r.id).sort()).toEqual([1, 2]);
  });
});

describe('replication, replica side', () => {
  it('reads a MariaDB channel in sync as zero lag and zero backlog', () => {
    const channels = readChannels([MARIADB_REPLICA_IN_SYNC]);
    const source = `127.0.0.1:${MARIADB_REPLICA_IN_SYNC.Master_Port}`;
    expect(channels).toEqual([
      {
        name: source,
        source,
        ioRunning: 'Yes',
        sqlRunning: 'Yes',
        secondsBehind: 0,
        backlogBytes: 0,
        sqlState: 'Slave has read all relay log; waiting for more updates',
        lastSqlErrno: 0,
        lastSqlError: null,
        lastIoErrno: 0,
        lastIoError: null,
      },
    ]);
    expect(replicationSummary(channels)).toEqual({ lagSeconds: 0, backlogBytes: 0, notApplying: 0, notReceiving: 0, notes: [] });
  });

  it('gives no lag number while the SQL thread is stopped, only the backlog and the note (MariaDB capture)', () => {
    const channels = readChannels([MARIADB_REPLICA_SQL_STOPPED]);
    const name = `127.0.0.1:${MARIADB_REPLICA_SQL_STOPPED.Master_Port}`;
    expect(replicationSummary(channels)).toEqual({
      lagSeconds: null,
      backlogBytes: MARIADB_REPLICA_SQL_STOPPED.Read_Master_Log_Pos - MARIADB_REPLICA_SQL_STOPPED.Exec_Master_Log_Pos,
      notApplying: 1,
      notReceiving: 0,
      notes: [{ code: 'MY_REPLICATION_STOPPED', data: { channel: name, errno: null } }],
    });
    expect(replicasTable(channels).rows[0]).toMatchObject({ name, receiving: true, applying: false, receivingState: 'Yes', lagSeconds: null, lagBytes: 1545 });
    // Even if a server reported a number with the thread stopped, it is not the lag.
    expect(replicationSummary(readChannels([{ ...MARIADB_REPLICA_SQL_STOPPED, Seconds_Behind_Master: 0 }])).lagSeconds).toBeNull();
  });

  it('reads MySQL 8.0.22+ SHOW REPLICA STATUS (Source_*, Replica_*) and older SHOW SLAVE STATUS the same way', () => {
    expect(replicationSummary(readChannels([MYSQL_REPLICA_STATUS]))).toEqual({ lagSeconds: 0, backlogBytes: 0, notApplying: 0, notReceiving: 0, notes: [] });
    const lagging = { ...MYSQL_REPLICA_STATUS, Read_Source_Log_Pos: 5927, Seconds_Behind_Source: 42, Channel_Name: 'orders' };
    expect(readChannels([lagging])[0]).toMatchObject({ name: 'orders', source: '127.0.0.1:13000', secondsBehind: 42, backlogBytes: 5000 });
    const old = {
      Slave_IO_Running: 'Yes',
      Slave_SQL_Running: 'Yes',
      Master_Host: 'db1',
      Master_Port: 3306,
      Master_Log_File: 'bin.000007',
      Read_Master_Log_Pos: 100,
      Relay_Master_Log_File: 'bin.000006',
      Exec_Master_Log_Pos: 900,
      Seconds_Behind_Master: 7,
      Channel_Name: '',
    };
    // Reading and applying in different binlog files: the byte distance is unknown, the lag is not.
    expect(replicationSummary(readChannels([old]))).toMatchObject({ lagSeconds: 7, backlogBytes: null, notApplying: 0 });
  });

  it('warns about a channel that does not receive, names an apply error, and takes the worst of several channels', () => {
    const broken = { ...MYSQL_REPLICA_STATUS, Channel_Name: 'billing', Replica_SQL_Running: 'No', Seconds_Behind_Source: null, Last_SQL_Errno: 1062, Last_SQL_Error: "Duplicate entry '7' for key 'PRIMARY'" };
    const connecting = { ...MYSQL_REPLICA_STATUS, Channel_Name: 'orders', Replica_IO_Running: 'Connecting', Seconds_Behind_Source: null, Last_IO_Errno: 2003, Last_IO_Error: "error connecting to master 'repl@db1:3306'" };
    const fine = { ...MYSQL_REPLICA_STATUS, Channel_Name: 'stock', Seconds_Behind_Source: 12 };
    const summary = replicationSummary(readChannels([fine, broken, connecting]));
    expect(summary).toMatchObject({ lagSeconds: null, notApplying: 1, notReceiving: 1 });
    expect(summary.notes).toEqual([
      { code: 'MY_REPLICATION_STOPPED', data: { channel: 'billing', errno: 1062 } },
      { code: 'MY_REPLICATION_NOT_RECEIVING', data: { channel: 'orders', state: 'Connecting', errno: 2003 } },
    ]);
    expect(replicasTable(readChannels([broken])).rows[0]!.error).toBe("Duplicate entry '7' for key 'PRIMARY'");
    expect(replicationSummary(readChannels([fine, { ...fine, Channel_Name: 'x', Seconds_Behind_Source: 30 }])).lagSeconds).toBe(30);
    expect(replicationSummary([])).toEqual({ lagSeconds: null, backlogBytes: null, notApplying: null, notReceiving: null, notes: [] });
  });
});

describe('top statements', () => {
  it('ranks by total time in milliseconds with each share, leaving out statements recognised as OpsDeck’s', () => {
    const rows = [
      { schema_name: 'shop', digest: 'a', calls: 10, total_time_ps: 3e12 },
      { schema_name: 'information_schema', digest: 'own', calls: 1000, total_time_ps: 9e12 },
      { schema_name: 'shop', digest: 'b', calls: 0, total_time_ps: 1e12 },
    ];
    const texts = new Map([
      ['a', 'SELECT * FROM `orders` WHERE `id` = ?'],
      ['own', 'SHOW ALL SLAVES STATUS '],
      ['b', "UPDATE `users` SET `password` = ? WHERE `id` = ?"],
    ]);
    const { table, missingTexts } = topStatementsTable(rows, texts, new Set(['showallslavesstatus']));
    expect(missingTexts).toEqual([]);
    expect(table.rows).toEqual([
      { queryId: 'a', database: 'shop', query: 'SELECT * FROM `orders` WHERE `id` = ?', calls: 10, totalMs: 3000, meanMs: 300, rows: null, rowsExamined: null, sharePercent: 75 },
      { queryId: 'b', database: 'shop', query: 'UPDATE `users` SET `password` = ? WHERE `id` = ?', calls: 0, totalMs: 1000, meanMs: null, rows: null, rowsExamined: null, sharePercent: 25 },
    ]);
    expect(topStatementsTable(rows, new Map(), new Set()).missingTexts).toEqual(['a', 'own', 'b']);
  });
});
