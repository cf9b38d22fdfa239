// The statements of the MySQL / MariaDB kind, chosen once per connection from the server's
// flavor and version (docs/db-queries.md says why each looks the way it does). The MariaDB set
// runs against a real MariaDB 10.11 in tests/integration/db/mysql-kind.test.ts. The MySQL 8 set
// follows MySQL's reference manual and is NOT run against a real MySQL here (Debian 12 ships no
// MySQL server): unit tests cover the choice and rows shaped as MySQL documents them.
import { replicationGrant, versionAtLeast, type MyServerInfo } from '../parsers/mysql-stats';

export const MY_SERVER_SQL = `/* opsdeck my.server */
SELECT @@version AS version, @@version_comment AS version_comment, @@performance_schema AS performance_schema, CURRENT_USER() AS account`;

/** Privileges the poll needs, each with a statement that fails without it (grants can come through roles, so ask the server). */
export interface MyGrant {
  /** As the screens name it: PROCESS, SLAVE MONITOR, SELECT ON performance_schema.* */
  grant: string;
  /** What goes between GRANT and TO in the statement a person runs. */
  clause: string;
}

export interface GrantProbe extends MyGrant {
  sql: string;
}

export interface MyStatements {
  /** Server-side timeout for this connection's statements, set once after connecting. */
  session: string;
  status: string;
  processlist: string;
  lockWaits: string;
  replication: string;
  statements: string;
  statementTexts: string;
  probes: GrantProbe[];
  /** The grant each poll statement needs, for naming it when the server refuses. */
  grants: { status: MyGrant | null; processlist: MyGrant; lockWaits: MyGrant; replication: MyGrant; statements: MyGrant };
}

/** Seconds a monitoring statement may run on the server. */
export const SERVER_TIMEOUT_SECONDS = 2;

const STATUS_NAMES = `'Threads_connected', 'Threads_running', 'Max_used_connections', 'Connections',
  'Questions', 'Slow_queries', 'Aborted_connects', 'Aborted_clients', 'Innodb_buffer_pool_reads',
  'Innodb_buffer_pool_read_requests', 'Innodb_row_lock_waits', 'Innodb_row_lock_current_waits',
  'Innodb_deadlocks', 'Created_tmp_disk_tables', 'Uptime'`;

const PERFORMANCE_SCHEMA: MyGrant = { grant: 'SELECT ON performance_schema.*', clause: 'SELECT ON performance_schema.*' };
const PROCESS: MyGrant = { grant: 'PROCESS', clause: 'PROCESS ON *.*' };

export function statementsFor(server: Pick<MyServerInfo, 'flavor' | 'parts'>): MyStatements {
  const mariadb = server.flavor === 'mariadb';
  // MySQL 8.0.22 added performance_schema.processlist (no global mutex) and SHOW REPLICA STATUS.
  const mysql8022 = !mariadb && versionAtLeast(server, 8, 0, 22);
  // MySQL 8.0 moved lock waits to performance_schema.data_lock_waits and dropped information_schema.GLOBAL_STATUS.
  const mysql8 = !mariadb && versionAtLeast(server, 8, 0, 0);
  const statusTable = mariadb ? 'information_schema.GLOBAL_STATUS' : 'performance_schema.global_status';
  const processTable = mysql8022 ? 'performance_schema.processlist' : 'information_schema.PROCESSLIST';
  // MariaDB has TIME_MS (milliseconds); MySQL only whole seconds in TIME.
  const seconds = mariadb ? 'CAST(p.TIME_MS / 1000 AS DOUBLE)' : 'p.TIME';
  const waits = mysql8
    ? `performance_schema.data_lock_waits w
JOIN information_schema.INNODB_TRX r ON r.trx_id = w.REQUESTING_ENGINE_TRANSACTION_ID
JOIN information_schema.INNODB_TRX b ON b.trx_id = w.BLOCKING_ENGINE_TRANSACTION_ID`
    : `information_schema.INNODB_LOCK_WAITS w
JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id
JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id`;
  const replication = mariadb ? 'SHOW ALL SLAVES STATUS' : mysql8022 ? 'SHOW REPLICA STATUS' : 'SHOW SLAVE STATUS';
  const replGrant: MyGrant = { grant: replicationGrant(server), clause: `${replicationGrant(server)} ON *.*` };
  return {
    session: mariadb
      ? `/* opsdeck my.session */ SET SESSION max_statement_time = ${SERVER_TIMEOUT_SECONDS}`
      : // MySQL: milliseconds, and only SELECT statements are limited (every poll statement but SHOW is one).
        `/* opsdeck my.session */ SET SESSION max_execution_time = ${SERVER_TIMEOUT_SECONDS * 1000}`,
    status: `/* opsdeck my.status */
SELECT LOWER(VARIABLE_NAME) AS name, VARIABLE_VALUE AS value
FROM ${statusTable}
WHERE VARIABLE_NAME IN (${STATUS_NAMES})
UNION ALL SELECT 'max_connections', @@GLOBAL.max_connections
UNION ALL SELECT 'version', @@GLOBAL.version
UNION ALL SELECT 'performance_schema', @@GLOBAL.performance_schema
UNION ALL SELECT 'read_only', @@GLOBAL.read_only`,
    processlist: `/* opsdeck my.processlist */
SELECT p.ID AS id, p.USER AS user, p.HOST AS client, p.DB AS db, p.COMMAND AS command, p.STATE AS state,
       ${seconds} AS query_seconds,
       LEFT(p.INFO, 1024) AS query,
       (SELECT a.ATTR_VALUE FROM performance_schema.session_connect_attrs a
         WHERE a.PROCESSLIST_ID = p.ID AND a.ATTR_NAME = 'program_name') AS application
FROM ${processTable} p
WHERE p.ID <> CONNECTION_ID()
  AND p.COMMAND NOT IN ('Sleep', 'Daemon', 'Binlog Dump', 'Binlog Dump GTID')
  AND p.INFO IS NOT NULL
ORDER BY ${mariadb ? 'p.TIME_MS' : 'p.TIME'} DESC
LIMIT 100`,
    // The blocker's session is joined once (not a subquery per row): it usually sleeps in an open
    // transaction, so the process list of running statements does not have it.
    lockWaits: `/* opsdeck my.lock_waits */
SELECT r.trx_mysql_thread_id AS waiting_id, LEFT(r.trx_query, 1024) AS waiting_query,
       TIMESTAMPDIFF(SECOND, r.trx_wait_started, NOW()) AS wait_seconds,
       TIMESTAMPDIFF(SECOND, r.trx_started, NOW()) AS waiting_trx_seconds,
       b.trx_mysql_thread_id AS blocking_id, LEFT(b.trx_query, 1024) AS blocking_query,
       TIMESTAMPDIFF(SECOND, b.trx_started, NOW()) AS blocking_trx_seconds,
       bp.USER AS blocking_user, bp.COMMAND AS blocking_command
FROM ${waits}
LEFT JOIN ${processTable} bp ON bp.ID = b.trx_mysql_thread_id
LIMIT 200`,
    replication: `/* opsdeck my.replication */ ${replication}`,
    statements: `/* opsdeck my.statements */
SELECT SCHEMA_NAME AS schema_name, DIGEST AS digest, COUNT_STAR AS calls,
       SUM_TIMER_WAIT AS total_time_ps, SUM_ROWS_EXAMINED AS rows_examined, SUM_ROWS_SENT AS rows_sent,
       SUM_NO_INDEX_USED AS no_index_used
FROM performance_schema.events_statements_summary_by_digest
WHERE DIGEST IS NOT NULL
ORDER BY SUM_TIMER_WAIT DESC
LIMIT 200`,
    statementTexts: `/* opsdeck my.statement_texts */
SELECT DIGEST AS digest, LEFT(DIGEST_TEXT, 1024) AS query
FROM performance_schema.events_statements_summary_by_digest
WHERE DIGEST IN (?)`,
    probes: [
      // Without PROCESS the process list silently shows only the account's own sessions; INNODB_TRX refuses instead.
      { ...PROCESS, sql: '/* opsdeck my.grant_process */ SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX' },
      { ...replGrant, sql: `/* opsdeck my.grant_replication */ ${replication}` },
      {
        ...PERFORMANCE_SCHEMA,
        sql: '/* opsdeck my.grant_performance_schema */ SELECT COUNT(*) AS n FROM performance_schema.session_connect_attrs WHERE PROCESSLIST_ID = CONNECTION_ID()',
      },
    ],
    grants: { status: mariadb ? null : PERFORMANCE_SCHEMA, processlist: PERFORMANCE_SCHEMA, lockWaits: PROCESS, replication: replGrant, statements: PERFORMANCE_SCHEMA },
  };
}
