// The MySQL / MariaDB kind without a server: which statements each flavor and version gets (the
// MySQL 8 branch is never run against a real MySQL here), the driver errors it names, its
// descriptor against the PostgreSQL kind's conventions, its default rules and settings.
import { describe, expect, it } from 'vitest';
import { OpsError } from '../../../src/shared/errors';
import { mysqlKind, ownSignatures } from '../../../src/main/engine/collectors/mysql';
import { myFailure } from '../../../src/main/engine/collectors/mysql-errors';
import { MY_SERVER_SQL, statementsFor } from '../../../src/main/engine/collectors/mysql-sql';
import { postgresKind } from '../../../src/main/engine/collectors/postgres';
import { kindModule, rulesForKind } from '../../../src/main/engine/collectors/registry';
import { readServerInfo } from '../../../src/main/engine/parsers/mysql-stats';
import { statementSignature } from '../../../src/main/engine/parsers/mysql-statements';
import { DEFAULT_RULES } from '../../../src/main/engine/rules/default-rules';
import { evaluateSample } from '../../../src/main/engine/rules/health';
import { MARIADB_OWN_DIGEST_TEXTS, MARIADB_VERSION_ROW } from '../../fixtures/mysql/mariadb-10.11-rows';
import { MYSQL_VERSION_ROW } from '../../fixtures/mysql/mysql-8-rows';

const mariadb = statementsFor(readServerInfo(MARIADB_VERSION_ROW));
const mysql8 = statementsFor(readServerInfo(MYSQL_VERSION_ROW));
const mysql8021 = statementsFor({ flavor: 'mysql', parts: [8, 0, 21] });
const every = (s: ReturnType<typeof statementsFor>) => [s.session, s.status, s.processlist, s.lockWaits, s.replication, s.statements, s.statementTexts, ...s.probes.map((p) => p.sql)];

describe('statements by flavor and version', () => {
  it('gives MariaDB its information_schema tables, SHOW ALL SLAVES STATUS and max_statement_time in seconds', () => {
    expect(mariadb.session).toBe('/* opsdeck my.session */ SET SESSION max_statement_time = 2');
    expect(mariadb.status).toContain('FROM information_schema.GLOBAL_STATUS');
    expect(mariadb.processlist).toContain('FROM information_schema.PROCESSLIST p');
    expect(mariadb.processlist).toContain('CAST(p.TIME_MS / 1000 AS DOUBLE) AS query_seconds');
    expect(mariadb.lockWaits).toContain('FROM information_schema.INNODB_LOCK_WAITS w');
    expect(mariadb.replication).toBe('/* opsdeck my.replication */ SHOW ALL SLAVES STATUS');
    expect(mariadb.grants.replication.grant).toBe('SLAVE MONITOR');
  });

  it('gives MySQL 8.0.22+ performance_schema tables, SHOW REPLICA STATUS and max_execution_time in milliseconds', () => {
    expect(mysql8.session).toBe('/* opsdeck my.session */ SET SESSION max_execution_time = 2000');
    expect(mysql8.status).toContain('FROM performance_schema.global_status');
    expect(mysql8.status).not.toContain('information_schema.GLOBAL_STATUS');
    expect(mysql8.processlist).toContain('FROM performance_schema.processlist p');
    expect(mysql8.processlist).toContain('p.TIME AS query_seconds');
    expect(mysql8.processlist).not.toContain('TIME_MS');
    expect(mysql8.lockWaits).toContain('FROM performance_schema.data_lock_waits w');
    expect(mysql8.lockWaits).toContain('r.trx_id = w.REQUESTING_ENGINE_TRANSACTION_ID');
    expect(mysql8.lockWaits).toContain('LEFT JOIN performance_schema.processlist bp');
    expect(mysql8.lockWaits).not.toContain('INNODB_LOCK_WAITS');
    expect(mysql8.replication).toBe('/* opsdeck my.replication */ SHOW REPLICA STATUS');
    expect(mysql8.grants.replication.grant).toBe('REPLICATION CLIENT');
    // performance_schema.global_status needs the SELECT grant there; MariaDB's status table needs none.
    expect(mysql8.grants.status?.grant).toBe('SELECT ON performance_schema.*');
    expect(mariadb.grants.status).toBeNull();
  });

  it('gives MySQL 8.0.0 to 8.0.21 the process list of information_schema and SHOW SLAVE STATUS', () => {
    expect(mysql8021.processlist).toContain('FROM information_schema.PROCESSLIST p');
    expect(mysql8021.processlist).toContain('p.TIME AS query_seconds');
    expect(mysql8021.replication).toBe('/* opsdeck my.replication */ SHOW SLAVE STATUS');
    expect(mysql8021.lockWaits).toContain('performance_schema.data_lock_waits');
  });

  it('marks every statement with /* opsdeck my.<name> */', () => {
    for (const sql of [MY_SERVER_SQL, ...every(mariadb), ...every(mysql8), ...every(mysql8021)]) expect(sql).toMatch(/^\/\* opsdeck my\.[a-z_]+ \*\/[ \n]/);
  });

  it('asks for the three documented grants, PROCESS first (the one whose absence raises no error)', () => {
    expect(mariadb.probes.map((p) => p.clause)).toEqual(['PROCESS ON *.*', 'SLAVE MONITOR ON *.*', 'SELECT ON performance_schema.*']);
    expect(mysql8.probes.map((p) => p.grant)).toEqual(['PROCESS', 'REPLICATION CLIENT', 'SELECT ON performance_schema.*']);
  });

  it('recognises its own statements in the digest texts MariaDB 10.11 kept for them', () => {
    const own = ownSignatures(mariadb);
    for (const text of MARIADB_OWN_DIGEST_TEXTS) expect(own.has(statementSignature(text)), text).toBe(true);
    expect(own.has(statementSignature('SELECT COUNT ( * ) FROM `app_t7` WHERE `v` > ? '))).toBe(false);
  });
});

describe('driver errors', () => {
  const err = (over: Record<string, unknown>) => Object.assign(new Error(String(over.message ?? 'x')), over);
  const grant = { grant: { grant: 'PROCESS', clause: 'PROCESS ON *.*' }, user: 'opsdeck', account: "'opsdeck'@'127.0.0.1'" };

  it('maps errno first, then the driver or socket code, as seen on MariaDB 10.11 (and documented for MySQL 8)', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ errno: 1045, code: 'ER_ACCESS_DENIED_ERROR' }, 'AUTH_FAILED'],
      [{ errno: 1969, message: 'Query execution was interrupted (max_statement_time exceeded)' }, 'TIMEOUT'],
      [{ errno: 3024, code: 'ER_QUERY_TIMEOUT' }, 'TIMEOUT'],
      [{ code: 'ETIMEDOUT' }, 'TIMEOUT'],
      [{ errno: 1040, code: 'ER_CON_COUNT_ERROR' }, 'TOO_MANY_CONNECTIONS'],
      [{ errno: 1226, code: 'ER_USER_LIMIT_REACHED' }, 'TOO_MANY_CONNECTIONS'],
      [{ errno: 1227, code: 'ER_SPECIFIC_ACCESS_DENIED_ERROR' }, 'NOT_PERMITTED'],
      [{ errno: 1142, code: 'ER_TABLEACCESS_DENIED_ERROR' }, 'NOT_PERMITTED'],
      [{ errno: 1049, code: 'ER_BAD_DB_ERROR' }, 'NOT_FOUND'],
      [{ code: 'HANDSHAKE_SSL_ERROR', message: 'self-signed certificate in certificate chain' }, 'TLS_FAILED'],
      [{ code: 'HANDSHAKE_NO_SSL_SUPPORT' }, 'TLS_FAILED'],
      [{ code: 'ECONNREFUSED' }, 'UNREACHABLE'],
      [{ code: 'PROTOCOL_CONNECTION_LOST', fatal: true }, 'UNREACHABLE'],
      [{ fatal: true, message: "Can't add new command when connection is in closed state" }, 'UNREACHABLE'],
      [{ errno: 1064, code: 'ER_PARSE_ERROR' }, 'COLLECT_FAILED'],
    ];
    for (const [e, code] of cases) expect(myFailure(err(e)).code, JSON.stringify(e)).toBe(code);
    const tunnel = new OpsError('TUNNEL_FAILED', 'no tunnel');
    expect(myFailure(tunnel)).toBe(tunnel);
  });

  it('names the grant and the statement to run when the server refuses for want of one', () => {
    const failure = myFailure(err({ errno: 1227, message: 'Access denied; you need (at least one of) the PROCESS privilege(s) for this operation' }), grant);
    expect(failure).toMatchObject({ code: 'NOT_PERMITTED', data: { grant: 'PROCESS', user: 'opsdeck', statement: "GRANT PROCESS ON *.* TO 'opsdeck'@'127.0.0.1';" } });
  });
});

describe('the kind', () => {
  const d = mysqlKind.descriptor;
  const keys = new Set(d.series.map((s) => s.key));

  it('is in the registry as "mysql", named MySQL / MariaDB', () => {
    expect(kindModule('mysql')).toBe(mysqlKind as unknown);
    expect(d).toMatchObject({ kind: 'mysql', category: 'database', name: { ko: 'MySQL / MariaDB', en: 'MySQL / MariaDB' } });
  });

  it('charts, tiles and rules only series it has, each labelled in Korean and English', () => {
    for (const k of [...d.tile, ...d.charts.flatMap((c) => c.keys), ...mysqlKind.defaultRules.map((r) => r.key)]) expect(keys.has(k), k).toBe(true);
    for (const s of d.series) expect(s.label.ko && s.label.en && s.glossaryId, s.key).toBeTruthy();
    for (const t of d.tables) for (const c of t.columns) expect(c.label.ko && c.label.en, `${t.id}.${c.key}`).toBeTruthy();
  });

  it('uses the PostgreSQL kind’s table ids where the meaning is the same, lock chains as a tree by id and blockedBy', () => {
    const pgTables = new Set(postgresKind.descriptor.tables.map((t) => t.id));
    for (const id of ['queries', 'lockChains', 'topStatements', 'replicas']) {
      expect(pgTables.has(id), id).toBe(true);
      expect(d.tables.some((t) => t.id === id), id).toBe(true);
    }
    expect(d.tables.find((t) => t.id === 'lockChains')!.tree).toEqual({ idColumn: 'id', parentColumn: 'blockedBy' });
  });

  it('ships the default rules: a query over 60 s, lag over 30 s, connections over 80 %, hit under 95 %, and a stopped replication thread', () => {
    const rules = rulesForKind(DEFAULT_RULES, 'mysql');
    expect(rules.metrics).toMatchObject({
      'my.queries.longestSeconds': { warn: 60 },
      'my.replication.lagSeconds': { warn: 30 },
      'my.connections.percent': { warn: 80 },
      'my.bufferPool.hit': { warn: 95, direction: 'below' },
    });
    const healthy = { 'my.queries.longestSeconds': 2, 'my.replication.lagSeconds': 0, 'my.connections.percent': 10, 'my.bufferPool.hit': 99.9, 'my.replication.notApplying': 0, 'my.replication.notReceiving': 0 };
    expect(evaluateSample(healthy, [], rules).status).toBe('ok');
    // Lag unknown because the SQL thread stopped: the stopped thread alone makes it WARN.
    expect(evaluateSample({ ...healthy, 'my.replication.lagSeconds': null, 'my.replication.notApplying': 1 }, [], rules).status).toBe('warn');
    expect(evaluateSample({ ...healthy, 'my.replication.notReceiving': 1 }, [], rules).status).toBe('warn');
    expect(evaluateSample({ ...healthy, 'my.queries.longestSeconds': 61 }, [], rules).status).toBe('warn');
    expect(evaluateSample({ ...healthy, 'my.connections.percent': 96 }, [], rules).status).toBe('crit');
    expect(evaluateSample({ ...healthy, 'my.bufferPool.hit': 94 }, [], rules).status).toBe('warn');
    // A server that replicates from nobody: no replication reading, no alarm.
    expect(evaluateSample({ ...healthy, 'my.replication.notApplying': null, 'my.replication.notReceiving': null, 'my.replication.lagSeconds': null }, [], rules).status).toBe('ok');
  });

  it('defaults to port 3306 and information_schema, and refuses a password in the clear to another machine', () => {
    expect(mysqlKind.configSchema.parse({ user: 'opsdeck' })).toMatchObject({ port: 3306, database: 'information_schema', address: '127.0.0.1', via: null, tls: 'off' });
    expect(mysqlKind.configSchema.safeParse({ user: 'opsdeck', address: 'db.internal' }).success).toBe(false);
    expect(mysqlKind.configSchema.safeParse({ user: 'opsdeck', address: 'db.internal', tls: 'verify' }).success).toBe(true);
    expect(mysqlKind.configSchema.safeParse({ user: 'opsdeck', address: 'db.internal', via: 'h-1' }).success).toBe(true);
  });
});
