// What PgHero and Netdata's go.d collectors send for the same data, reproduced as SQL strings (our
// own code; the statements as their sources have them, with a leading /* bench ... */ comment that
// names each one in pg_stat_statements: comments change neither the plan nor the queryid).
// Sources read for this file:
//   PgHero   github.com/ankane/pghero @7edb579, lib/pghero/methods/*.rb (what its overview shows)
//   Netdata  github.com/netdata/netdata @04b1cf5, src/go/plugin/go.d/collector/{postgres,mysql}/*.go
// Each tool: `once` (on connect), `fast` (every poll), `slow` (added on the slow polls) and its
// own default cadence, for the per-minute comparison.

const named = (tool, name, from, sql) => ({ name: `${tool}.${name}`, from, sql: `/* bench ${tool}.${name} */ ${sql.trim()}` });
const pghero = (name, from, sql) => named('pghero', name, `pghero ${from}`, sql);
const ndpg = (name, from, sql) => named('netdata', name, `netdata postgres ${from}`, sql);
const ndmy = (name, from, sql) => named('netdata', name, `netdata mysql ${from}`, sql);

// --- PgHero -------------------------------------------------------------------------------------

const pgheroRunningQueries = pghero('running_queries', 'queries.rb running_queries (all: false)', `
SELECT pid, state, application_name AS source, age(NOW(), COALESCE(query_start, xact_start)) AS duration,
       wait_event IS NOT NULL AS waiting, query, COALESCE(query_start, xact_start) AS started_at,
       EXTRACT(EPOCH FROM NOW() - COALESCE(query_start, xact_start)) * 1000.0 AS duration_ms,
       usename AS user, backend_type
FROM pg_stat_activity
WHERE state <> 'idle' AND pid <> pg_backend_pid() AND datname = current_database()
  AND query <> '<insufficient privilege>'
ORDER BY COALESCE(query_start, xact_start) DESC`);

const pgheroBlockedQueries = pghero('blocked_queries', 'queries.rb blocked_queries (self-join on pg_locks)', `
SELECT COALESCE(blockingl.relation::regclass::text, blockingl.locktype) AS locked_item,
       blockeda.pid AS blocked_pid, blockeda.usename AS blocked_user, blockeda.query AS blocked_query,
       age(now(), blockeda.query_start) AS blocked_duration, blockedl.mode AS blocked_mode,
       blockinga.pid AS blocking_pid, blockinga.usename AS blocking_user,
       blockinga.state AS state_of_blocking_process,
       blockinga.query AS current_or_recent_query_in_blocking_process,
       age(now(), blockinga.query_start) AS blocking_duration, blockingl.mode AS blocking_mode
FROM pg_catalog.pg_locks blockedl
LEFT JOIN pg_stat_activity blockeda ON blockedl.pid = blockeda.pid
LEFT JOIN pg_catalog.pg_locks blockingl ON blockedl.pid != blockingl.pid AND (
  blockingl.transactionid = blockedl.transactionid
  OR (blockingl.relation = blockedl.relation AND blockingl.locktype = blockedl.locktype))
LEFT JOIN pg_stat_activity blockinga ON blockingl.pid = blockinga.pid AND blockinga.datid = blockeda.datid
WHERE NOT blockedl.granted AND blockeda.query <> '<insufficient privilege>' AND blockeda.datname = current_database()
ORDER BY blocked_duration DESC`);

export const PGHERO = {
  tool: 'PgHero',
  source: 'ankane/pghero @7edb579',
  note: 'its overview and queries pages; PgHero polls nothing by itself (each page view runs them)',
  once: [
    pghero('server_version_num', 'basic.rb server_version_num (memoized)', 'SHOW server_version_num'),
    pghero('replica', 'replication.rb replica? (memoized)', 'SELECT pg_is_in_recovery()'),
  ],
  fast: [
    pgheroRunningQueries,
    pgheroBlockedQueries,
    pghero('connection_states', 'connections.rb connection_states', 'SELECT state, COUNT(*) AS connections FROM pg_stat_activity GROUP BY 1 ORDER BY 2 DESC, 1'),
    pghero('table_hit_rate', 'tables.rb table_hit_rate', 'SELECT sum(heap_blks_hit) / nullif(sum(heap_blks_hit) + sum(heap_blks_read), 0) AS rate FROM pg_statio_user_tables'),
    pghero('index_hit_rate', 'indexes.rb index_hit_rate', 'SELECT (sum(idx_blks_hit)) / nullif(sum(idx_blks_hit + idx_blks_read), 0) AS rate FROM pg_statio_user_indexes'),
    pghero('replicating', 'replication.rb replicating?', 'SELECT state FROM pg_stat_replication'),
    pghero('replication_slots', 'replication.rb replication_slots (primary overview)', 'SELECT slot_name, database, active FROM pg_replication_slots'),
  ],
  slow: [
    pghero('database_size', 'space.rb database_size', 'SELECT pg_database_size(current_database())'),
    pghero('query_stats', 'query_stats.rb current_query_stats (limit 100, sort total_time)', `
WITH query_stats AS (
  SELECT LEFT(query, 10000) AS query, queryid AS query_hash, rolname AS user,
         total_plan_time + total_exec_time AS total_time, calls
  FROM pg_stat_statements
  INNER JOIN pg_database ON pg_database.oid = pg_stat_statements.dbid
  INNER JOIN pg_roles ON pg_roles.oid = pg_stat_statements.userid
  WHERE calls > 0 AND pg_database.datname = current_database()
)
(SELECT query, query_hash, query_stats.user, total_time, calls FROM query_stats ORDER BY "total_time" DESC LIMIT 100)
UNION ALL (SELECT NULL, NULL, NULL, SUM(total_time), NULL FROM query_stats)`),
  ],
  cadence: null,
};

// --- Netdata go.d postgres (PostgreSQL 10-16, a pg_monitor role that is not superuser) ----------

const nd = {
  serverVersion: ndpg('server_version', 'queries.go queryServerVersion (once)', 'SHOW server_version_num;'),
  isSuperUser: ndpg('is_superuser', 'queries.go queryIsSuperUser (once)', "SELECT current_setting('is_superuser') = 'on' AS is_superuser;"),
  canLsDir: ndpg('can_pg_ls_dir', 'queries.go queryCanExecutePgLsDir (once)', "SELECT has_function_privilege(current_user, 'pg_ls_dir(text)', 'EXECUTE');"),
  inRecovery: ndpg('is_in_recovery', 'queries.go queryPGIsInRecovery (once)', 'SELECT pg_is_in_recovery();'),
  maxConnections: ndpg('settings_max_connections', 'queries.go querySettingsMaxConnections (every 30 min)', "SELECT current_setting('max_connections')::INT - current_setting('superuser_reserved_connections')::INT;"),
  maxLocks: ndpg('settings_max_locks_held', 'queries.go querySettingsMaxLocksHeld (every 30 min)', "SELECT current_setting('max_locks_per_transaction')::INT * (current_setting('max_connections')::INT + current_setting('max_prepared_transactions')::INT);"),
  connUsed: ndpg('connections_used', 'queries.go queryServerCurrentConnectionsUsed', 'SELECT sum(numbackends) FROM pg_stat_database;'),
  connState: ndpg('connections_state', 'queries.go queryServerConnectionsState', `
SELECT state, COUNT(*) FROM pg_stat_activity
WHERE state IN ('active', 'idle', 'idle in transaction', 'idle in transaction (aborted)', 'fastpath function call', 'disabled')
GROUP BY state;`),
  checkpoints: ndpg('checkpoints', 'queries.go queryCheckpoints (PostgreSQL < 17)', `
SELECT checkpoints_timed, checkpoints_req, checkpoint_write_time, checkpoint_sync_time,
       buffers_checkpoint * current_setting('block_size')::numeric AS buffers_checkpoint_bytes,
       buffers_clean * current_setting('block_size')::numeric AS buffers_clean_bytes, maxwritten_clean,
       buffers_backend * current_setting('block_size')::numeric AS buffers_backend_bytes, buffers_backend_fsync,
       buffers_alloc * current_setting('block_size')::numeric AS buffers_alloc_bytes
FROM pg_stat_bgwriter;`),
  uptime: ndpg('uptime', 'queries.go queryServerUptime', 'SELECT EXTRACT(epoch FROM CURRENT_TIMESTAMP - pg_postmaster_start_time());'),
  txid: ndpg('txid_wraparound', 'queries.go queryTXIDWraparound', `
WITH max_age AS (SELECT 2000000000 as max_old_xid, setting AS autovacuum_freeze_max_age
                 FROM pg_catalog.pg_settings WHERE name = 'autovacuum_freeze_max_age'),
per_database_stats AS (SELECT datname, m.max_old_xid::int, m.autovacuum_freeze_max_age::int, age(d.datfrozenxid) AS oldest_current_xid
                       FROM pg_catalog.pg_database d JOIN max_age m ON (true) WHERE d.datallowconn)
SELECT max(oldest_current_xid) AS oldest_current_xid,
       max(ROUND(100*(oldest_current_xid/max_old_xid::float))) AS percent_towards_wraparound,
       max(ROUND(100*(oldest_current_xid/autovacuum_freeze_max_age::float))) AS percent_towards_emergency_autovacuum
FROM per_database_stats;`),
  walWrites: ndpg('wal_writes', 'queries.go queryWALWrites (PostgreSQL 10+)', `
SELECT pg_wal_lsn_diff(CASE pg_is_in_recovery() WHEN TRUE THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END, '0/0') AS wal_writes;`),
  catalogRelations: ndpg('catalog_relations', 'queries.go queryCatalogRelations', `
SELECT relkind, COUNT(1), SUM(relpages) * current_setting('block_size')::NUMERIC AS size FROM pg_class GROUP BY relkind;`),
  autovacuum: ndpg('autovacuum_workers', 'queries.go queryAutovacuumWorkers', `
SELECT count(*) FILTER (WHERE query LIKE 'autovacuum: ANALYZE%%' AND query NOT LIKE '%%to prevent wraparound%%') AS autovacuum_analyze,
       count(*) FILTER (WHERE query LIKE 'autovacuum: VACUUM ANALYZE%%' AND query NOT LIKE '%%to prevent wraparound%%') AS autovacuum_vacuum_analyze,
       count(*) FILTER (WHERE query LIKE 'autovacuum: VACUUM %.%%' AND query NOT LIKE '%%to prevent wraparound%%') AS autovacuum_vacuum,
       count(*) FILTER (WHERE query LIKE '%%to prevent wraparound%%') AS autovacuum_vacuum_freeze,
       count(*) FILTER (WHERE query LIKE 'autovacuum: BRIN summarize%%') AS autovacuum_brin_summarize
FROM pg_stat_activity WHERE query NOT LIKE '%%pg_stat_activity%%';`),
  runningTime: ndpg('xact_query_running_time', 'queries.go queryXactQueryRunningTime', `
SELECT datname, state, EXTRACT(epoch from now() - xact_start) as xact_running_time, EXTRACT(epoch from now() - query_start) as query_running_time
FROM pg_stat_activity
WHERE datname IS NOT NULL AND state IN ('active', 'idle in transaction', 'idle in transaction (aborted)') AND backend_type = 'client backend';`),
  replDelta: ndpg('replication_standby_delta', 'queries.go queryReplicationStandbyAppDelta (PostgreSQL 10+)', `
SELECT application_name,
       pg_wal_lsn_diff(CASE pg_is_in_recovery() WHEN true THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END, sent_lsn) AS sent_delta,
       pg_wal_lsn_diff(sent_lsn, write_lsn) AS write_delta, pg_wal_lsn_diff(write_lsn, flush_lsn) AS flush_delta,
       pg_wal_lsn_diff(flush_lsn, replay_lsn) AS replay_delta
FROM pg_stat_replication WHERE application_name IS NOT NULL;`),
  replLag: ndpg('replication_standby_lag', 'queries.go queryReplicationStandbyAppLag', `
SELECT application_name, COALESCE(EXTRACT(EPOCH FROM write_lag)::bigint, 0) AS write_lag,
       COALESCE(EXTRACT(EPOCH FROM flush_lag)::bigint, 0) AS flush_lag, COALESCE(EXTRACT(EPOCH FROM replay_lag)::bigint, 0) AS replay_lag
FROM pg_stat_replication psr WHERE application_name IS NOT NULL;`),
  dbStats: ndpg('database_stats', 'queries.go queryDatabaseStats', `
SELECT stat.datname, numbackends, pg_database.datconnlimit, xact_commit, xact_rollback,
       blks_read * current_setting('block_size')::numeric AS blks_read_bytes, blks_hit * current_setting('block_size')::numeric AS blks_hit_bytes,
       tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted, conflicts, temp_files, temp_bytes, deadlocks
FROM pg_stat_database stat INNER JOIN pg_database ON pg_database.datname = stat.datname
WHERE pg_database.datistemplate = false;`),
  dbSize: ndpg('database_size', 'queries.go queryDatabaseSize (PostgreSQL 10+, every update)', `
SELECT datname, pg_database_size(datname) AS size FROM pg_database
WHERE pg_database.datistemplate = false
  AND (has_database_privilege((SELECT CURRENT_USER), datname, 'connect') OR pg_has_role((SELECT CURRENT_USER), 'pg_read_all_stats', 'MEMBER'));`),
  dbLocks: ndpg('database_locks', 'queries.go queryDatabaseLocks', `
SELECT pg_database.datname, mode, granted, count(mode) AS locks_count
FROM pg_locks INNER JOIN pg_database ON pg_database.oid = pg_locks.database
WHERE pg_database.datistemplate = false GROUP BY datname, mode, granted ORDER BY datname, mode;`),
  statUserTables: ndpg('stat_user_tables', 'queries.go queryStatUserTables (on the DSN database, no table-count limit)', `
SELECT current_database() as datname, schemaname, relname, inh.parent_relname, seq_scan, seq_tup_read, idx_scan, idx_tup_fetch,
       n_tup_ins, n_tup_upd, n_tup_del, n_tup_hot_upd, n_live_tup, n_dead_tup,
       EXTRACT(epoch from now() - last_vacuum) as last_vacuum, EXTRACT(epoch from now() - last_autovacuum) as last_autovacuum,
       EXTRACT(epoch from now() - last_analyze) as last_analyze, EXTRACT(epoch from now() - last_autoanalyze) as last_autoanalyze,
       vacuum_count, autovacuum_count, analyze_count, autoanalyze_count,
       pg_total_relation_size(quote_ident(schemaname) || '.' || quote_ident(relname)) as total_relation_size
FROM pg_stat_user_tables
LEFT JOIN (SELECT c.oid AS child_oid, p.relname AS parent_relname FROM pg_inherits
           JOIN pg_class AS c ON (inhrelid = c.oid) JOIN pg_class AS p ON (inhparent = p.oid)) AS inh ON inh.child_oid = relid
WHERE has_schema_privilege(schemaname, 'USAGE');`),
  statioUserTables: ndpg('statio_user_tables', 'queries.go queryStatIOUserTables', `
SELECT current_database() AS datname, schemaname, relname, inh.parent_relname,
       heap_blks_read * current_setting('block_size')::numeric AS heap_blks_read_bytes, heap_blks_hit * current_setting('block_size')::numeric AS heap_blks_hit_bytes,
       idx_blks_read * current_setting('block_size')::numeric AS idx_blks_read_bytes, idx_blks_hit * current_setting('block_size')::numeric AS idx_blks_hit_bytes,
       toast_blks_read * current_setting('block_size')::numeric AS toast_blks_read_bytes, toast_blks_hit * current_setting('block_size')::numeric AS toast_blks_hit_bytes,
       tidx_blks_read * current_setting('block_size')::numeric AS tidx_blks_read_bytes, tidx_blks_hit * current_setting('block_size')::numeric AS tidx_blks_hit_bytes
FROM pg_statio_user_tables
LEFT JOIN (SELECT c.oid AS child_oid, p.relname AS parent_relname FROM pg_inherits
           JOIN pg_class AS c ON (inhrelid = c.oid) JOIN pg_class AS p ON (inhparent = p.oid)) AS inh ON inh.child_oid = relid
WHERE has_schema_privilege(schemaname, 'USAGE');`),
  statUserIndexes: ndpg('stat_user_indexes', 'queries.go queryStatUserIndexes', `
SELECT current_database() as datname, schemaname, relname, indexrelname, inh.parent_relname, idx_scan, idx_tup_read, idx_tup_fetch,
       pg_relation_size(quote_ident(schemaname) || '.' || quote_ident(indexrelname)::text) as size
FROM pg_stat_user_indexes
LEFT JOIN (SELECT c.oid AS child_oid, p.relname AS parent_relname FROM pg_inherits
           JOIN pg_class AS c ON (inhrelid = c.oid) JOIN pg_class AS p ON (inhparent = p.oid)) AS inh ON inh.child_oid = relid
WHERE has_schema_privilege(schemaname, 'USAGE');`),
  bloat: ndpg('bloat', 'queries.go queryBloat (check_postgres; every 5 min)', `
SELECT current_database() AS db, schemaname, tablename, reltuples::bigint AS tups, relpages::bigint AS pages, otta,
  ROUND(CASE WHEN otta=0 OR sml.relpages=0 OR sml.relpages=otta THEN 0.0 ELSE sml.relpages/otta::numeric END,1) AS tbloat,
  CASE WHEN relpages < otta THEN 0 ELSE relpages::bigint - otta END AS wastedpages,
  CASE WHEN relpages < otta THEN 0 ELSE bs*(sml.relpages-otta)::bigint END AS wastedbytes,
  CASE WHEN relpages < otta THEN '0 bytes'::text ELSE (bs*(relpages-otta))::bigint::text || ' bytes' END AS wastedsize,
  iname, ituples::bigint AS itups, ipages::bigint AS ipages, iotta,
  ROUND(CASE WHEN iotta=0 OR ipages=0 OR ipages=iotta THEN 0.0 ELSE ipages/iotta::numeric END,1) AS ibloat,
  CASE WHEN ipages < iotta THEN 0 ELSE ipages::bigint - iotta END AS wastedipages,
  CASE WHEN ipages < iotta THEN 0 ELSE bs*(ipages-iotta) END AS wastedibytes,
  CASE WHEN ipages < iotta THEN '0 bytes' ELSE (bs*(ipages-iotta))::bigint::text || ' bytes' END AS wastedisize,
  CASE WHEN relpages < otta THEN CASE WHEN ipages < iotta THEN 0 ELSE bs*(ipages-iotta::bigint) END
    ELSE CASE WHEN ipages < iotta THEN bs*(relpages-otta::bigint) ELSE bs*(relpages-otta::bigint + ipages-iotta::bigint) END
  END AS totalwastedbytes
FROM (
  SELECT nn.nspname AS schemaname, cc.relname AS tablename, COALESCE(cc.reltuples,0) AS reltuples, COALESCE(cc.relpages,0) AS relpages,
    COALESCE(bs,0) AS bs,
    COALESCE(CEIL((cc.reltuples*((datahdr+ma-(CASE WHEN datahdr%ma=0 THEN ma ELSE datahdr%ma END))+nullhdr2+4))/(bs-20::float)),0) AS otta,
    COALESCE(c2.relname,'?') AS iname, COALESCE(c2.reltuples,0) AS ituples, COALESCE(c2.relpages,0) AS ipages,
    COALESCE(CEIL((c2.reltuples*(datahdr-12))/(bs-20::float)),0) AS iotta
  FROM pg_class cc
  JOIN pg_namespace nn ON cc.relnamespace = nn.oid AND nn.nspname <> 'information_schema'
  LEFT JOIN (
    SELECT ma,bs,foo.nspname,foo.relname,
      (datawidth+(hdr+ma-(case when hdr%ma=0 THEN ma ELSE hdr%ma END)))::numeric AS datahdr,
      (maxfracsum*(nullhdr+ma-(case when nullhdr%ma=0 THEN ma ELSE nullhdr%ma END))) AS nullhdr2
    FROM (
      SELECT ns.nspname, tbl.relname, hdr, ma, bs,
        SUM((1-coalesce(null_frac,0))*coalesce(avg_width, 2048)) AS datawidth,
        MAX(coalesce(null_frac,0)) AS maxfracsum,
        hdr+(SELECT 1+count(*)/8 FROM pg_stats s2 WHERE null_frac<>0 AND s2.schemaname = ns.nspname AND s2.tablename = tbl.relname) AS nullhdr
      FROM pg_attribute att
      JOIN pg_class tbl ON att.attrelid = tbl.oid
      JOIN pg_namespace ns ON ns.oid = tbl.relnamespace
      LEFT JOIN pg_stats s ON s.schemaname=ns.nspname AND s.tablename = tbl.relname AND s.inherited=false AND s.attname=att.attname,
      (SELECT (SELECT current_setting('block_size')::numeric) AS bs,
              CASE WHEN SUBSTRING(SPLIT_PART(v, ' ', 2) FROM '#"[0-9]+.[0-9]+#"%' for '#') IN ('8.0','8.1','8.2') THEN 27 ELSE 23 END AS hdr,
              CASE WHEN v ~ 'mingw32' OR v ~ '64-bit' THEN 8 ELSE 4 END AS ma
       FROM (SELECT version() AS v) AS foo) AS constants
      WHERE att.attnum > 0 AND tbl.relkind='r'
      GROUP BY 1,2,3,4,5
    ) AS foo
  ) AS rs ON cc.relname = rs.relname AND nn.nspname = rs.nspname
  LEFT JOIN pg_index i ON indrelid = cc.oid
  LEFT JOIN pg_class c2 ON c2.oid = i.indexrelid
) AS sml
WHERE sml.relpages - otta > 10 OR ipages - iotta > 10;`),
  columns: ndpg('columns_stats', 'queries.go queryColumnsStats (every 5 min)', `
SELECT current_database() AS datname, nspname AS schemaname, relname, st.attname, typname, (st.null_frac * 100)::int AS null_percent,
       case when st.n_distinct >= 0 then st.n_distinct else abs(st.n_distinct) * reltuples end AS "distinct"
FROM pg_class c JOIN pg_namespace ns ON (ns.oid = relnamespace) JOIN pg_attribute at ON (c.oid = attrelid)
     JOIN pg_type t ON (t.oid = atttypid) JOIN pg_stats st ON (st.tablename = relname AND st.attname = at.attname)
WHERE relkind = 'r' AND nspname NOT LIKE E'pg\\\\_%' AND nspname != 'information_schema' AND NOT attisdropped
  AND attstattarget != 0 AND reltuples >= 100
ORDER BY nspname, relname, st.attname;`),
};

const netdataPgOnce = [nd.serverVersion, nd.isSuperUser, nd.canLsDir, nd.inRecovery];

/** The statements of Netdata's postgres collector that read what OpsDeck's poll reads. */
export const NETDATA_PG_SAME = {
  tool: 'Netdata go.d postgres, same data',
  source: 'netdata/netdata @04b1cf5 collector/postgres',
  note: 'only the statements for data OpsDeck also reads: connections, states, running times, locks, database counters and sizes, replication',
  once: netdataPgOnce,
  fast: [nd.connUsed, nd.connState, nd.runningTime, nd.dbStats, nd.dbSize, nd.dbLocks, nd.replDelta, nd.replLag],
  slow: [nd.maxConnections],
  cadence: { intervalS: 1, slowEveryS: 1800 },
};

/** Everything Netdata's postgres collector sends per update (collect.go), as a pg_monitor role. */
export const NETDATA_PG_FULL = {
  tool: 'Netdata go.d postgres, its full update',
  source: 'netdata/netdata @04b1cf5 collector/postgres collect.go',
  note: 'what one update sends (global, replication, databases, tables, indexes); bloat and columns every 5 min, settings every 30 min (both counted on our slow polls)',
  once: netdataPgOnce,
  fast: [
    nd.connUsed, nd.connState, nd.checkpoints, nd.uptime, nd.txid, nd.walWrites, nd.catalogRelations, nd.autovacuum, nd.runningTime,
    nd.replDelta, nd.replLag,
    nd.dbStats, nd.dbSize, nd.dbLocks,
    nd.statUserTables, nd.statioUserTables, nd.statUserIndexes,
  ],
  slow: [nd.bloat, nd.columns, nd.maxConnections, nd.maxLocks],
  cadence: { intervalS: 1, slowEveryS: 300 },
};

// --- Netdata go.d mysql on MariaDB 10.2+ --------------------------------------------------------

export const NETDATA_MY_FULL = {
  tool: 'Netdata go.d mysql, its full update',
  source: 'netdata/netdata @04b1cf5 collector/mysql collect.go',
  note: 'what one update sends on MariaDB; SHOW GLOBAL VARIABLES every 10 min (counted on our slow polls); the SET of sql_log_off is tried once',
  once: [
    ndmy('version', 'collect_version.go queryShowVersion (once)', "SHOW GLOBAL VARIABLES WHERE Variable_name LIKE 'version' OR Variable_name LIKE 'version_comment';"),
    // disable_logging.go: tried once when sql_log_off is OFF; a user without SUPER gets an error and it is not tried again.
    { ...ndmy('disable_session_query_log', "disable_logging.go queryDisableSessionQueryLog (once)", "SET SESSION sql_log_off='ON';"), mayFail: true },
  ],
  fast: [
    ndmy('session_variables', 'disable_logging.go queryShowSessionVariables (every update)', "SHOW SESSION VARIABLES WHERE Variable_name LIKE 'sql_log_off' OR Variable_name LIKE 'slow_query_log';"),
    ndmy('global_status', 'collect_global_status.go queryShowGlobalStatus', 'SHOW GLOBAL STATUS;'),
    ndmy('engine_innodb_status', 'collect_engine_innodb_status.go queryShowEngineInnoDBStatus', 'SHOW ENGINE INNODB STATUS;'),
    ndmy('all_slaves_status', 'collect_slave_status.go queryShowAllSlavesStatus (MariaDB 10.2+)', 'SHOW ALL SLAVES STATUS;'),
    { ...ndmy('user_statistics', 'collect_user_statistics.go queryShowUserStatistics (MariaDB 10.1.1+)', 'SHOW USER_STATISTICS;'), dropOnError: true },
    ndmy('process_list', 'collect_process_list.go queryShowProcessList (information_schema on MariaDB)', `
SELECT time, user FROM information_schema.processlist WHERE info IS NOT NULL AND info NOT LIKE '%PROCESSLIST%' ORDER BY time;`),
  ],
  slow: [
    ndmy('global_variables', 'collect_global_vars.go queryShowGlobalVariables (every 10 min)', `
SHOW GLOBAL VARIABLES WHERE Variable_name LIKE 'max_connections' OR Variable_name LIKE 'table_open_cache'
  OR Variable_name LIKE 'disabled_storage_engines' OR Variable_name LIKE 'log_bin' OR Variable_name LIKE 'innodb_log_file_size'
  OR Variable_name LIKE 'innodb_log_files_in_group' OR Variable_name LIKE 'performance_schema';`),
  ],
  cadence: { intervalS: 5, slowEveryS: 600 },
};

/** The part of Netdata's mysql update that reads what OpsDeck's poll reads. */
export const NETDATA_MY_SAME = {
  tool: 'Netdata go.d mysql, same data',
  source: 'netdata/netdata @04b1cf5 collector/mysql',
  note: 'status counters, replication and the process list (Netdata reads no lock waits and no digests per update)',
  once: [NETDATA_MY_FULL.once[0]],
  fast: [NETDATA_MY_FULL.fast[1], NETDATA_MY_FULL.fast[3], NETDATA_MY_FULL.fast[5]],
  slow: NETDATA_MY_FULL.slow,
  cadence: { intervalS: 5, slowEveryS: 600 },
};
