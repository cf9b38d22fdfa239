// PostgreSQL 12+ as a check kind: connections against the usable maximum, running and long
// queries, lock chains, cache hit, transactions per second, replication lag and top statements.
// One connection per check, through a direct-tcpip channel on the SSH login of the host it runs
// on (or direct TCP with verified TLS). Every statement carries a marker comment, and the
// connection sends application_name and server-side timeouts in its startup packet, so a poll
// runs no SET. The SQL and why each statement looks the way it does: docs/db-queries.md.
import fs from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import { z } from 'zod';
import { OpsError, isServiceDown, serviceDown } from '../../../shared/errors';
import type { KindDescriptor } from '../../../shared/checks';
import type { DataTable } from '../../../shared/model';
import {
  databasesTable,
  lockChainsTable,
  overviewNotes,
  queriesTable,
  ratesBetween,
  readOverview,
  replicasTable,
  replicationLag,
  sumCounters,
  topStatementsTable,
  versionText,
  type PgActivityRow,
  type PgCounters,
  type PgDatabaseRow,
  type PgOverviewRow,
  type PgReplicationRow,
  type PgSizeRow,
  type PgStatementRow,
} from '../parsers/postgres-stats';
import { TunnelSocket } from '../transport/tunnel-socket';
import { defineKind, type KindContext } from './check-kind';
import { databaseConfig, dbFormFields, NearLimitGuard, SLOW_EVERY_MS, type DatabaseConfig } from './database-common';
import type { Collector, CollectResult } from './types';

export const PG_SQL = {
  overview: `/* opsdeck pg.overview */
SELECT current_setting('server_version_num')::int AS server_version_num,
       pg_is_in_recovery() AS in_recovery,
       pg_has_role('pg_monitor', 'USAGE') AS has_pg_monitor,
       current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int AS usable_connections,
       count(*) FILTER (WHERE a.backend_type = 'client backend') AS connections,
       count(*) FILTER (WHERE a.backend_type = 'client backend' AND a.state = 'active') AS active,
       count(*) FILTER (WHERE a.backend_type = 'client backend' AND a.state = 'idle') AS idle,
       count(*) FILTER (WHERE a.backend_type = 'client backend' AND a.state LIKE 'idle in transaction%') AS idle_in_transaction,
       count(*) FILTER (WHERE a.wait_event_type = 'Lock') AS waiting_on_lock,
       (SELECT quote_ident(n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
         WHERE e.extname = 'pg_stat_statements') AS pgss_schema,
       -- current_setting() under a role check costs a hundredth of reading the pg_settings view.
       CASE WHEN pg_has_role('pg_read_all_settings', 'USAGE') THEN
         current_setting('shared_preload_libraries') ~ '(^|[\\s,])pg_stat_statements($|[\\s,])'
       END AS pgss_loaded,
       pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::float8 AS replay_backlog_bytes,
       CASE WHEN NOT pg_is_in_recovery() THEN NULL
            WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE greatest(0, extract(epoch FROM now() - pg_last_xact_replay_timestamp()))::float8
       END AS replica_lag_seconds,
       CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused()::text END AS replay_paused
FROM pg_stat_activity a`,
  activity: `/* opsdeck pg.activity */
SELECT a.pid, a.datname, a.usename, a.application_name,
       host(a.client_addr) AS client_addr,
       a.state, a.wait_event_type, a.wait_event,
       extract(epoch FROM now() - a.query_start)::float8 AS query_seconds,
       extract(epoch FROM now() - a.xact_start)::float8 AS xact_seconds,
       CASE WHEN a.wait_event_type = 'Lock' THEN pg_blocking_pids(a.pid) END AS blocked_by,
       CASE WHEN a.wait_event_type = 'Lock' THEN extract(epoch FROM now() - a.state_change)::float8 END AS lock_wait_seconds,
       left(a.query, 1024) AS query
FROM pg_stat_activity a
WHERE a.backend_type = 'client backend'
  AND a.pid <> pg_backend_pid()
  AND a.state IS DISTINCT FROM 'idle'
ORDER BY a.query_start
LIMIT 100`,
  databases: `/* opsdeck pg.databases */
SELECT d.datname, d.numbackends, d.xact_commit, d.xact_rollback, d.blks_read, d.blks_hit,
       d.deadlocks, d.temp_files, d.temp_bytes, d.stats_reset::text AS stats_reset
FROM pg_stat_database d
WHERE d.datname IS NOT NULL`,
  replication: `/* opsdeck pg.replication */
SELECT r.application_name, host(r.client_addr) AS client_addr, r.state, r.sync_state,
       pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END,
                       r.replay_lsn)::float8 AS replay_backlog_bytes,
       extract(epoch FROM r.replay_lag)::float8 AS replay_lag_seconds
FROM pg_stat_replication r`,
  sizes: `/* opsdeck pg.database_sizes */
SELECT datname, pg_database_size(oid)::float8 AS size_bytes
FROM pg_database
WHERE datallowconn`,
  statements: (schema: string, totalColumn: string) => `/* opsdeck pg.statements */
SELECT s.userid, s.dbid, s.queryid, s.calls, s.${totalColumn} AS total_exec_time, s.rows
FROM ${schema}.pg_stat_statements(false) s
WHERE s.userid <> to_regrole(current_user)::oid`,
  statementTexts: (schema: string) => `/* opsdeck pg.statement_texts */
SELECT s.queryid::text AS queryid, left(s.query, 1024) AS query
FROM ${schema}.pg_stat_statements(true) s
WHERE s.queryid = ANY($1::bigint[])`,
} as const;

const CONNECT_TIMEOUT_MS = 5_000;
const QUERY_TIMEOUT_MS = 4_000;
const STATEMENT_TIMEOUT_MS = 2_000;
const MAX_TEXTS = 500;

export const postgresConfig = databaseConfig(5432, 'postgres');

const descriptor: KindDescriptor = {
  kind: 'postgres',
  category: 'database',
  name: { ko: 'PostgreSQL', en: 'PostgreSQL' },
  glossaryId: 'postgresql',
  series: [
    { key: 'pg.connections.used', unit: 'count', glossaryId: 'database-connections', label: { ko: '연결 수', en: 'Connections' } },
    { key: 'pg.connections.usable', unit: 'count', glossaryId: 'database-connections', label: { ko: '최대 연결 수', en: 'Connection limit' }, history: false },
    { key: 'pg.connections.percent', unit: 'percent', glossaryId: 'database-connections', label: { ko: '연결 사용률', en: 'Connection use' } },
    { key: 'pg.connections.active', unit: 'count', glossaryId: 'database-connections', label: { ko: '실행 중 연결', en: 'Active connections' } },
    { key: 'pg.connections.idleInTransaction', unit: 'count', glossaryId: 'idle-in-transaction', label: { ko: '트랜잭션 중 대기', en: 'Idle in transaction' } },
    { key: 'pg.locks.waiting', unit: 'count', glossaryId: 'lock-wait-chain', label: { ko: '잠금 대기 세션', en: 'Sessions waiting on locks' } },
    { key: 'pg.queries.longestSeconds', unit: 'seconds', glossaryId: 'slow-query', label: { ko: '가장 오래 실행 중인 쿼리', en: 'Longest running query' } },
    { key: 'pg.queries.long', unit: 'count', glossaryId: 'slow-query', label: { ko: '오래 실행 중인 쿼리 수', en: 'Long-running queries' } },
    { key: 'pg.tps.commit', unit: 'opsPerSecond', glossaryId: 'tps', label: { ko: '초당 커밋', en: 'Commits per second' } },
    { key: 'pg.tps.rollback', unit: 'opsPerSecond', glossaryId: 'tps', label: { ko: '초당 롤백', en: 'Rollbacks per second' } },
    { key: 'pg.deadlocks.rate', unit: 'opsPerSecond', glossaryId: 'deadlock', label: { ko: '초당 교착 상태', en: 'Deadlocks per second' } },
    { key: 'pg.temp.filesRate', unit: 'opsPerSecond', glossaryId: 'temp-files', label: { ko: '초당 임시 파일', en: 'Temporary files per second' } },
    { key: 'pg.temp.bytesRate', unit: 'bytesPerSecond', glossaryId: 'temp-files', label: { ko: '임시 파일 쓰기', en: 'Temporary file writes' } },
    { key: 'pg.cache.hit', unit: 'percent', glossaryId: 'cache-hit-ratio', label: { ko: '캐시 적중률', en: 'Cache hit ratio' } },
    { key: 'pg.replication.lagSeconds', unit: 'seconds', glossaryId: 'replication-lag', label: { ko: '복제 지연', en: 'Replication lag' } },
    { key: 'pg.replication.lagBytes', unit: 'bytes', glossaryId: 'replication-lag', label: { ko: '복제 지연 (바이트)', en: 'Replication lag (bytes)' } },
    { key: 'pg.size.bytes', unit: 'bytes', glossaryId: 'database-size', label: { ko: '데이터베이스 크기', en: 'Database size' } },
  ],
  charts: [
    { id: 'connections', title: { ko: '연결', en: 'Connections' }, keys: ['pg.connections.used', 'pg.connections.active', 'pg.connections.idleInTransaction'], glossaryId: 'database-connections' },
    { id: 'tps', title: { ko: '초당 트랜잭션', en: 'Transactions per second' }, keys: ['pg.tps.commit', 'pg.tps.rollback'], glossaryId: 'tps' },
    { id: 'cache', title: { ko: '캐시 적중률', en: 'Cache hit ratio' }, keys: ['pg.cache.hit'], glossaryId: 'cache-hit-ratio' },
    { id: 'replication', title: { ko: '복제 지연', en: 'Replication lag' }, keys: ['pg.replication.lagSeconds'], glossaryId: 'replication-lag' },
    { id: 'queries', title: { ko: '가장 오래 실행 중인 쿼리', en: 'Longest running query' }, keys: ['pg.queries.longestSeconds'], glossaryId: 'slow-query' },
    { id: 'locks', title: { ko: '잠금 대기 세션', en: 'Sessions waiting on locks' }, keys: ['pg.locks.waiting'], glossaryId: 'lock-wait-chain' },
  ],
  tables: [
    {
      id: 'queries',
      title: { ko: '실행 중인 쿼리', en: 'Running queries' },
      glossaryId: 'slow-query',
      columns: [
        { key: 'seconds', label: { ko: '실행 시간', en: 'Running for' }, format: 'seconds' },
        { key: 'state', label: { ko: '상태', en: 'State' }, format: 'state' },
        { key: 'user', label: { ko: '사용자', en: 'User' }, format: 'text' },
        { key: 'application', label: { ko: '애플리케이션', en: 'Application' }, format: 'text' },
        { key: 'client', label: { ko: '접속 위치', en: 'Client' }, format: 'text' },
        { key: 'pid', label: { ko: 'PID', en: 'PID' }, format: 'count' },
        { key: 'query', label: { ko: '쿼리', en: 'Query' }, format: 'code' },
      ],
      empty: { ko: '지금 실행 중인 쿼리가 없습니다.', en: 'No query is running right now.' },
    },
    {
      id: 'lockChains',
      title: { ko: '잠금 대기', en: 'Lock waits' },
      glossaryId: 'lock-wait-chain',
      columns: [
        { key: 'pid', label: { ko: 'PID', en: 'PID' }, format: 'count' },
        { key: 'waitSeconds', label: { ko: '대기 시간', en: 'Waiting for' }, format: 'seconds' },
        { key: 'state', label: { ko: '상태', en: 'State' }, format: 'state' },
        { key: 'user', label: { ko: '사용자', en: 'User' }, format: 'text' },
        { key: 'query', label: { ko: '쿼리', en: 'Query' }, format: 'code' },
      ],
      tree: { idColumn: 'pid', parentColumn: 'blockedBy' },
      empty: { ko: '잠금을 기다리는 세션이 없습니다.', en: 'No session is waiting on a lock.' },
    },
    {
      id: 'topStatements',
      title: { ko: '시간을 많이 쓴 쿼리', en: 'Top statements' },
      glossaryId: 'top-statements',
      columns: [
        { key: 'sharePercent', label: { ko: '비중', en: 'Share' }, format: 'percent' },
        { key: 'totalMs', label: { ko: '총 시간', en: 'Total time' }, format: 'ms' },
        { key: 'meanMs', label: { ko: '평균', en: 'Mean' }, format: 'ms' },
        { key: 'calls', label: { ko: '호출 수', en: 'Calls' }, format: 'count' },
        { key: 'query', label: { ko: '쿼리', en: 'Query' }, format: 'code' },
      ],
      empty: { ko: '아직 기록된 쿼리가 없습니다.', en: 'No statements recorded yet.' },
    },
    {
      id: 'replicas',
      title: { ko: '복제 서버', en: 'Replicas' },
      glossaryId: 'replication-lag',
      columns: [
        { key: 'name', label: { ko: '이름', en: 'Name' }, format: 'text' },
        { key: 'client', label: { ko: '주소', en: 'Address' }, format: 'text' },
        { key: 'state', label: { ko: '상태', en: 'State' }, format: 'state' },
        { key: 'lagSeconds', label: { ko: '지연', en: 'Lag' }, format: 'seconds' },
        { key: 'lagBytes', label: { ko: '밀린 양', en: 'Behind by' }, format: 'bytes' },
      ],
      empty: { ko: '이 서버에서 복제받는 서버가 없습니다.', en: 'No replica streams from this server.' },
    },
    {
      id: 'databases',
      title: { ko: '데이터베이스', en: 'Databases' },
      glossaryId: 'database-size',
      columns: [
        { key: 'name', label: { ko: '이름', en: 'Name' }, format: 'text' },
        { key: 'sizeBytes', label: { ko: '크기', en: 'Size' }, format: 'bytes' },
        { key: 'connections', label: { ko: '연결', en: 'Connections' }, format: 'count' },
      ],
      empty: { ko: '크기는 1분마다 읽습니다.', en: 'Sizes are read once a minute.' },
    },
  ],
  facts: [
    { key: 'version', label: { ko: '버전', en: 'Version' } },
    { key: 'role', label: { ko: '역할', en: 'Role' } },
    { key: 'topStatements', label: { ko: '쿼리 통계', en: 'Statement statistics' } },
  ],
  tile: ['pg.connections.percent', 'pg.tps.commit', 'pg.cache.hit', 'pg.replication.lagSeconds'],
  form: dbFormFields(5432, 'postgres'),
  defaultIntervalMs: 10_000,
};

type PgClient = pg.Client;

function tlsOptions(config: DatabaseConfig): ConnectionOptions | false {
  if (config.tls === 'off') return false;
  let ca: string | undefined;
  if (config.caFile) {
    try {
      ca = fs.readFileSync(config.caFile, 'utf8');
    } catch {
      throw new OpsError('TLS_FAILED', `The CA certificate file ${config.caFile} could not be read.`, { field: 'caFile' });
    }
  }
  return { rejectUnauthorized: true, servername: config.address, ...(ca ? { ca } : {}) };
}

/** A driver or network failure as the OpsDeck code a person can act on. */
export function pgFailure(err: unknown): OpsError {
  if (err instanceof OpsError) return err;
  const e = err as { code?: string; message?: string };
  const message = e.message ?? String(err);
  switch (e.code) {
    case '28P01':
    case '28000':
      return new OpsError('AUTH_FAILED', `PostgreSQL refused the login: ${message}`);
    case '53300':
      return new OpsError('TOO_MANY_CONNECTIONS', `PostgreSQL has no free connection slot: ${message}`);
    case '57014':
      return new OpsError('TIMEOUT', `A monitoring statement ran past its ${STATEMENT_TIMEOUT_MS} ms limit and was cancelled.`);
    case '42501':
      return new OpsError('NOT_PERMITTED', `The monitoring role lacks a privilege: ${message}`);
    case '3D000':
      return new OpsError('NOT_FOUND', `The database does not exist: ${message}`);
    case '57P01':
    case '57P02':
    case '57P03':
      return serviceDown(new OpsError('UNREACHABLE', `PostgreSQL is shutting down or starting: ${message}`));
    case 'ECONNREFUSED':
      return serviceDown(new OpsError('UNREACHABLE', `PostgreSQL refused the connection: ${message}`));
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
    case 'ECONNRESET':
    case 'EPIPE':
      return new OpsError('UNREACHABLE', `PostgreSQL could not be reached: ${message}`);
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return new OpsError('TLS_FAILED', `The server's certificate was refused: ${message}`);
    default:
      break;
  }
  if (/timeout|timed out/i.test(message)) return new OpsError('TIMEOUT', `PostgreSQL did not answer in time: ${message}`);
  if (/does not support SSL|SSL|TLS|certificate/i.test(message)) return new OpsError('TLS_FAILED', `TLS to PostgreSQL failed: ${message}`);
  if (/terminated|Connection terminated|closed|not queryable/i.test(message)) return new OpsError('UNREACHABLE', `The connection to PostgreSQL dropped: ${message}`);
  if (isServiceDown(err)) return err as OpsError;
  return new OpsError('COLLECT_FAILED', `PostgreSQL answered with an error: ${message}`);
}

async function openClient(config: DatabaseConfig, ctx: KindContext): Promise<PgClient> {
  const password = await ctx.secret();
  const ssl = tlsOptions(config);
  const client = new pg.Client({
    host: config.address,
    port: config.port,
    database: config.database,
    user: config.user,
    ...(password !== null ? { password } : {}),
    ssl,
    application_name: 'opsdeck',
    statement_timeout: STATEMENT_TIMEOUT_MS,
    lock_timeout: 1_000,
    idle_in_transaction_session_timeout: 10_000,
    query_timeout: QUERY_TIMEOUT_MS,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    ...(config.via ? { stream: () => new TunnelSocket(() => ctx.openStream(config.via!, config.address, config.port)) as unknown as import('node:net').Socket } : {}),
  });
  // An error after connect (the link dropped) must not be thrown at the event loop.
  client.on('error', (err) => ctx.logger.log('warn', 'pg-connection-error', { code: (err as { code?: string }).code ?? null }));
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw pgFailure(err);
  }
  return client;
}

interface Poller {
  collect(): Promise<CollectResult>;
  close(): Promise<void>;
}

function createPoller(config: DatabaseConfig, ctx: KindContext): Poller {
  let client: PgClient | null = null;
  let opening: Promise<PgClient> | null = null;
  let counters: PgCounters | null = null;
  let slowAt = -Infinity;
  let sizes: { table: DataTable; totalBytes: number | null } | null = null;
  let statements: DataTable | null = null;
  const texts = new Map<string, string>();
  const guard = new NearLimitGuard(ctx.clock);

  /** Set when the driver reports the connection broken between polls (the server went away). */
  let broken = false;

  async function connection(): Promise<PgClient> {
    if (client && broken) await drop();
    if (client) return client;
    guard.mayOpen();
    opening ??= openClient(config, ctx).finally(() => {
      opening = null;
    });
    const opened = await opening;
    broken = false;
    opened.on('error', () => (broken = true));
    opened.on('end', () => (broken = true));
    client = opened;
    return client;
  }

  async function drop(): Promise<void> {
    const old = client;
    client = null;
    counters = null;
    await old?.end().catch(() => undefined);
  }

  async function run<T>(c: PgClient, sql: string, params?: unknown[]): Promise<T[]> {
    const result = await c.query(sql, params);
    return result.rows as T[];
  }

  return {
    async collect() {
      const c = await connection();
      try {
        const ts = ctx.clock.now();
        const [overviewRow] = await run<PgOverviewRow>(c, PG_SQL.overview);
        if (!overviewRow) throw new OpsError('COLLECT_FAILED', 'PostgreSQL returned no overview row.');
        const overview = readOverview(overviewRow);
        guard.observe(overview.connections, overview.usable);
        if (!overview.hasMonitorRole) {
          throw new OpsError('NOT_PERMITTED', `The role ${config.user} is not a member of pg_monitor, so other sessions' queries are hidden from it.`, { grant: 'pg_monitor', user: config.user });
        }
        const activity = await run<PgActivityRow>(c, PG_SQL.activity);
        const databases = await run<PgDatabaseRow>(c, PG_SQL.databases);
        const standbys = await run<PgReplicationRow>(c, PG_SQL.replication);
        if (ctx.clock.now() - slowAt >= SLOW_EVERY_MS) {
          slowAt = ctx.clock.now();
          sizes = databasesTable(await run<PgSizeRow>(c, PG_SQL.sizes), databases);
          statements = null;
          if (overview.statementsSchema) {
            const totalColumn = (overview.versionNum ?? 0) >= 130_000 ? 'total_exec_time' : 'total_time';
            const rows = await run<PgStatementRow>(c, PG_SQL.statements(overview.statementsSchema, totalColumn));
            let top = topStatementsTable(rows, texts);
            if (top.missingTexts.length > 0) {
              for (const r of await run<{ queryid: string; query: string }>(c, PG_SQL.statementTexts(overview.statementsSchema), [top.missingTexts])) {
                if (texts.size >= MAX_TEXTS) texts.clear();
                texts.set(r.queryid, r.query);
              }
              top = topStatementsTable(rows, texts);
            }
            statements = top.table;
          }
        }
        const current = sumCounters(databases, ts);
        const rates = ratesBetween(counters, current);
        counters = current;
        const queries = queriesTable(activity, config.longQuerySeconds);
        const lag = replicationLag(overview, standbys);
        const tables: Record<string, DataTable> = {
          queries: queries.table,
          lockChains: lockChainsTable(activity),
          replicas: replicasTable(standbys),
          ...(sizes ? { databases: sizes.table } : {}),
          ...(statements ? { topStatements: statements } : {}),
        };
        return {
          ts,
          metrics: {
            'pg.connections.used': overview.connections,
            'pg.connections.usable': overview.usable,
            'pg.connections.percent': overview.connections !== null && overview.usable ? (overview.connections / overview.usable) * 100 : null,
            'pg.connections.active': overview.active,
            'pg.connections.idleInTransaction': overview.idleInTransaction,
            'pg.locks.waiting': overview.waitingOnLock,
            'pg.queries.longestSeconds': queries.longest ?? 0,
            'pg.queries.long': queries.longCount,
            'pg.tps.commit': rates.commitsPerSecond,
            'pg.tps.rollback': rates.rollbacksPerSecond,
            'pg.deadlocks.rate': rates.deadlocksPerSecond,
            'pg.temp.filesRate': rates.tempFilesPerSecond,
            'pg.temp.bytesRate': rates.tempBytesPerSecond,
            'pg.cache.hit': rates.cacheHitPercent,
            'pg.replication.lagSeconds': lag.seconds,
            'pg.replication.lagBytes': lag.bytes,
            'pg.size.bytes': sizes?.totalBytes ?? null,
          },
          facts: {
            version: versionText(overview.versionNum),
            role: overview.inRecovery ? 'replica' : 'primary',
            topStatements: overview.statementsSchema ? 'pg_stat_statements' : null,
          },
          tables,
          notes: overviewNotes(overview),
        };
      } catch (err) {
        const failure = pgFailure(err);
        // A dropped link or a server restart: the next poll opens a fresh connection.
        if (failure.code === 'UNREACHABLE' || failure.code === 'TIMEOUT' || failure.code === 'TUNNEL_FAILED') await drop();
        throw failure;
      }
    },
    close: drop,
  };
}

export const postgresKind = defineKind<DatabaseConfig>({
  kind: 'postgres',
  descriptor,
  configSchema: postgresConfig,
  parentOf: (config) => config.via,
  secret: 'password',
  destinationFields: ['via', 'address', 'port', 'database', 'user', 'tls', 'caFile'],
  defaultRules: [
    { key: 'pg.queries.longestSeconds', warn: 60, crit: 300 },
    { key: 'pg.replication.lagSeconds', warn: 30, crit: 120 },
    { key: 'pg.connections.percent', warn: 80, crit: 95 },
    { key: 'pg.cache.hit', warn: 95, crit: 90, direction: 'below' },
  ],
  createCollector(config, ctx): Collector {
    return createPoller(config, ctx);
  },
  async testConnection(config, ctx) {
    const started = ctx.clock.now();
    let client: PgClient | null = null;
    try {
      client = await openClient(config, ctx);
      const [row] = (await client.query(PG_SQL.overview)).rows as PgOverviewRow[];
      const overview = readOverview(row!);
      const facts = { version: versionText(overview.versionNum), role: overview.inRecovery ? 'replica' : 'primary' };
      if (!overview.hasMonitorRole) {
        return { ok: false, code: 'NOT_PERMITTED', message: `The role ${config.user} needs: GRANT pg_monitor TO ${config.user};`, data: { grant: 'pg_monitor', user: config.user } };
      }
      return { ok: true, elapsedMs: ctx.clock.now() - started, facts, notes: overviewNotes(overview) };
    } catch (err) {
      const failure = pgFailure(err);
      return { ok: false, code: failure.code, message: failure.message };
    } finally {
      await client?.end().catch(() => undefined);
    }
  },
});
