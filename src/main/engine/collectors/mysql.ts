// MySQL 8 / MariaDB 10.6+ as a check kind: threads connected and running against
// max_connections, queries, slow queries and aborted connections per second, running and long
// queries, the InnoDB buffer pool hit ratio from counter deltas, row lock waits with who blocks
// whom, replication (replica side: lag, thread state, backlog) and top statements.
// One connection per check, over a direct-tcpip channel on the SSH login of the host it runs on
// (or direct TCP with verified TLS). At connect it learns the flavor and version and picks the
// statements (collectors/mysql-sql.ts), sets the server-side statement timeout once, and asks the
// server whether the grants are there: without PROCESS, MariaDB and MySQL hide other sessions
// instead of refusing. Only the MariaDB branch runs against a real server here (MariaDB 10.11);
// the MySQL 8 branch is covered by unit tests only. SQL and driver errors: docs/db-queries.md.
import { OpsError } from '../../../shared/errors';
import type { KindDescriptor, CheckTestResult } from '../../../shared/checks';
import type { CheckNote, DataTable } from '../../../shared/model';
import { countersOf, lockChainsTable, queriesTable, readStatus, statusRates, type MyCounters, type MyLockWaitRow, type MyProcessRow, type MyServerInfo, type MyStatusRow } from '../parsers/mysql-stats';
import { readChannels, replicasTable, replicationSummary, type MyReplicationRow } from '../parsers/mysql-replication';
import { statementSignature, topStatementsTable, type MyStatementRow } from '../parsers/mysql-statements';
import { defineKind, type KindContext } from './check-kind';
import { databaseConfig, dbFormFields, NearLimitGuard, SLOW_EVERY_MS, type DatabaseConfig } from './database-common';
import { myFailure, notPermitted, type DriverError, type GrantContext } from './mysql-errors';
import { missingGrants, openLink, type MyLink } from './mysql-link';
import { MY_SERVER_SQL, type MyGrant, type MyStatements } from './mysql-sql';
import type { Collector, CollectResult } from './types';

const MAX_TEXTS = 500;

export const mysqlConfig = databaseConfig(3306, 'information_schema');

const descriptor: KindDescriptor = {
  kind: 'mysql',
  category: 'database',
  name: { ko: 'MySQL / MariaDB', en: 'MySQL / MariaDB' },
  glossaryId: 'mysql',
  series: [
    { key: 'my.connections.used', unit: 'count', glossaryId: 'database-connections', label: { ko: '연결 수', en: 'Connections' } },
    { key: 'my.connections.max', unit: 'count', glossaryId: 'database-connections', label: { ko: '최대 연결 수', en: 'Connection limit' }, history: false },
    { key: 'my.connections.percent', unit: 'percent', glossaryId: 'database-connections', label: { ko: '연결 사용률', en: 'Connection use' } },
    { key: 'my.threads.running', unit: 'count', glossaryId: 'database-connections', label: { ko: '실행 중 스레드', en: 'Threads running' } },
    { key: 'my.queries.rate', unit: 'opsPerSecond', glossaryId: 'throughput', label: { ko: '초당 쿼리', en: 'Queries per second' } },
    { key: 'my.slowQueries.rate', unit: 'opsPerSecond', glossaryId: 'slow-query', label: { ko: '초당 느린 쿼리', en: 'Slow queries per second' } },
    { key: 'my.abortedConnects.rate', unit: 'opsPerSecond', glossaryId: 'database-connections', label: { ko: '초당 접속 실패', en: 'Failed connection attempts per second' } },
    { key: 'my.abortedClients.rate', unit: 'opsPerSecond', glossaryId: 'database-connections', label: { ko: '초당 비정상 종료 연결', en: 'Connections dropped per second' } },
    { key: 'my.queries.longestSeconds', unit: 'seconds', glossaryId: 'slow-query', label: { ko: '가장 오래 실행 중인 쿼리', en: 'Longest running query' } },
    { key: 'my.queries.long', unit: 'count', glossaryId: 'slow-query', label: { ko: '오래 실행 중인 쿼리 수', en: 'Long-running queries' } },
    { key: 'my.bufferPool.hit', unit: 'percent', glossaryId: 'cache-hit-ratio', label: { ko: '버퍼 풀 적중률', en: 'Buffer pool hit ratio' } },
    { key: 'my.rowLocks.waiting', unit: 'count', glossaryId: 'lock-wait-chain', label: { ko: '행 잠금 대기 세션', en: 'Sessions waiting on row locks' } },
    { key: 'my.rowLocks.waitsRate', unit: 'opsPerSecond', glossaryId: 'lock-wait-chain', label: { ko: '초당 행 잠금 대기', en: 'Row lock waits per second' } },
    { key: 'my.deadlocks.rate', unit: 'opsPerSecond', glossaryId: 'deadlock', label: { ko: '초당 교착 상태', en: 'Deadlocks per second' } },
    { key: 'my.tmpDiskTables.rate', unit: 'opsPerSecond', glossaryId: 'temp-files', label: { ko: '초당 디스크 임시 테이블', en: 'On-disk temporary tables per second' } },
    { key: 'my.replication.lagSeconds', unit: 'seconds', glossaryId: 'replication-lag', label: { ko: '복제 지연', en: 'Replication lag' } },
    { key: 'my.replication.backlogBytes', unit: 'bytes', glossaryId: 'replication-lag', label: { ko: '복제 밀린 양', en: 'Replication backlog' } },
    { key: 'my.replication.notApplying', unit: 'count', glossaryId: 'replication', label: { ko: '적용이 멈춘 복제 채널', en: 'Replication channels not applying' } },
    { key: 'my.replication.notReceiving', unit: 'count', glossaryId: 'replication', label: { ko: '수신이 끊긴 복제 채널', en: 'Replication channels not receiving' } },
  ],
  charts: [
    { id: 'connections', title: { ko: '연결', en: 'Connections' }, keys: ['my.connections.used', 'my.threads.running'], glossaryId: 'database-connections' },
    { id: 'queries', title: { ko: '초당 쿼리', en: 'Queries per second' }, keys: ['my.queries.rate', 'my.slowQueries.rate'], glossaryId: 'throughput' },
    { id: 'cache', title: { ko: '버퍼 풀 적중률', en: 'Buffer pool hit ratio' }, keys: ['my.bufferPool.hit'], glossaryId: 'cache-hit-ratio' },
    { id: 'replication', title: { ko: '복제 지연', en: 'Replication lag' }, keys: ['my.replication.lagSeconds'], glossaryId: 'replication-lag' },
    { id: 'longest', title: { ko: '가장 오래 실행 중인 쿼리', en: 'Longest running query' }, keys: ['my.queries.longestSeconds'], glossaryId: 'slow-query' },
    { id: 'locks', title: { ko: '행 잠금 대기 세션', en: 'Sessions waiting on row locks' }, keys: ['my.rowLocks.waiting'], glossaryId: 'lock-wait-chain' },
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
        { key: 'id', label: { ko: '연결 ID', en: 'Connection ID' }, format: 'count' },
        { key: 'query', label: { ko: '쿼리', en: 'Query' }, format: 'code' },
      ],
      empty: { ko: '지금 실행 중인 쿼리가 없습니다.', en: 'No query is running right now.' },
    },
    {
      id: 'lockChains',
      title: { ko: '잠금 대기', en: 'Lock waits' },
      glossaryId: 'lock-wait-chain',
      columns: [
        { key: 'id', label: { ko: '연결 ID', en: 'Connection ID' }, format: 'count' },
        { key: 'waitSeconds', label: { ko: '대기 시간', en: 'Waiting for' }, format: 'seconds' },
        { key: 'transactionSeconds', label: { ko: '트랜잭션 시간', en: 'Transaction open for' }, format: 'seconds' },
        { key: 'state', label: { ko: '상태', en: 'State' }, format: 'state' },
        { key: 'user', label: { ko: '사용자', en: 'User' }, format: 'text' },
        { key: 'query', label: { ko: '쿼리', en: 'Query' }, format: 'code' },
      ],
      tree: { idColumn: 'id', parentColumn: 'blockedBy' },
      empty: { ko: '행 잠금을 기다리는 세션이 없습니다.', en: 'No session is waiting on a row lock.' },
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
        { key: 'database', label: { ko: '데이터베이스', en: 'Database' }, format: 'text' },
        { key: 'query', label: { ko: '쿼리', en: 'Query' }, format: 'code' },
      ],
      empty: { ko: '아직 기록된 쿼리가 없습니다. 1분마다 읽습니다.', en: 'No statements recorded yet. They are read once a minute.' },
    },
    {
      id: 'replicas',
      title: { ko: '복제 채널', en: 'Replication channels' },
      glossaryId: 'replication-lag',
      columns: [
        { key: 'name', label: { ko: '채널', en: 'Channel' }, format: 'text' },
        { key: 'client', label: { ko: '원본 서버', en: 'Source' }, format: 'text' },
        { key: 'receiving', label: { ko: '수신 중', en: 'Receiving' }, format: 'text' },
        { key: 'applying', label: { ko: '적용 중', en: 'Applying' }, format: 'text' },
        { key: 'lagSeconds', label: { ko: '지연', en: 'Lag' }, format: 'seconds' },
        { key: 'lagBytes', label: { ko: '밀린 양', en: 'Behind by' }, format: 'bytes' },
        { key: 'error', label: { ko: '마지막 오류', en: 'Last error' }, format: 'code' },
      ],
      empty: { ko: '이 서버는 다른 서버에서 복제받지 않습니다.', en: 'This server does not replicate from another server.' },
    },
  ],
  facts: [
    { key: 'version', label: { ko: '버전', en: 'Version' } },
    { key: 'flavor', label: { ko: '제품', en: 'Product' } },
    { key: 'role', label: { ko: '역할', en: 'Role' } },
  ],
  tile: ['my.connections.percent', 'my.queries.rate', 'my.bufferPool.hit', 'my.replication.lagSeconds'],
  form: dbFormFields(3306, 'information_schema'),
  defaultIntervalMs: 10_000,
};

/** Every statement this kind sends on a connection, as digest signatures. */
export function ownSignatures(sql: MyStatements): Set<string> {
  const texts = [MY_SERVER_SQL, ...Object.values(sql).filter((s): s is string => typeof s === 'string'), ...sql.probes.map((p) => p.sql)];
  return new Set(texts.map(statementSignature));
}

function serverNotes(server: MyServerInfo): CheckNote[] {
  return server.performanceSchema ? [] : [{ code: 'MY_PERFORMANCE_SCHEMA_OFF' }];
}

interface Poller {
  collect(): Promise<CollectResult>;
  close(): Promise<void>;
}

function createPoller(config: DatabaseConfig, ctx: KindContext): Poller {
  let link: MyLink | null = null;
  let opening: Promise<MyLink> | null = null;
  let counters: MyCounters | null = null;
  let slowAt = -Infinity;
  let statements: DataTable | null = null;
  const texts = new Map<string, string>();
  const guard = new NearLimitGuard(ctx.clock);

  async function open(): Promise<MyLink> {
    const fresh = await openLink(config, ctx);
    try {
      const [missing] = await missingGrants(fresh, config);
      // Global grants reach a session only when it logs in: close, so a later poll sees a new grant.
      if (missing) throw notPermitted(missing);
      return fresh;
    } catch (err) {
      await fresh.close();
      throw myFailure(err);
    }
  }

  async function connection(): Promise<MyLink> {
    if (link?.alive) return link;
    if (link) await drop();
    guard.mayOpen();
    opening ??= open().finally(() => {
      opening = null;
    });
    link = await opening;
    return link;
  }

  async function drop(): Promise<void> {
    const old = link;
    link = null;
    counters = null;
    await old?.close();
  }

  return {
    async collect() {
      const l = await connection();
      const grantFor = (grant: MyGrant | null): GrantContext | undefined => (grant ? { grant, user: config.user, account: l.server.account } : undefined);
      let step: keyof MyStatements['grants'] = 'status';
      try {
        const ts = ctx.clock.now();
        const status = readStatus(await l.run<MyStatusRow>(l.sql.status));
        guard.observe(status.threadsConnected, status.maxConnections);
        step = 'processlist';
        const processes = await l.run<MyProcessRow>(l.sql.processlist);
        step = 'lockWaits';
        // The lock tables are read only while InnoDB says someone waits (most polls skip them).
        const waits = (status.rowLockCurrentWaits ?? 0) > 0 ? await l.run<MyLockWaitRow>(l.sql.lockWaits) : [];
        step = 'replication';
        const channels = readChannels(await l.run<MyReplicationRow>(l.sql.replication));
        step = 'statements';
        const performanceSchema = status.performanceSchema ?? l.server.performanceSchema;
        if (ctx.clock.now() - slowAt >= SLOW_EVERY_MS) {
          slowAt = ctx.clock.now();
          statements = performanceSchema ? await topStatements(l) : null;
        }
        const current = countersOf(status, ts);
        const rates = statusRates(counters, current);
        counters = current;
        const queries = queriesTable(processes, config.longQuerySeconds);
        const replication = replicationSummary(channels);
        const tables: Record<string, DataTable> = {
          queries: queries.table,
          lockChains: lockChainsTable(waits, processes),
          replicas: replicasTable(channels),
          ...(statements ? { topStatements: statements } : {}),
        };
        const notes = [...(performanceSchema ? [] : [{ code: 'MY_PERFORMANCE_SCHEMA_OFF' }]), ...replication.notes];
        return {
          ts,
          metrics: {
            'my.connections.used': status.threadsConnected,
            'my.connections.max': status.maxConnections,
            'my.connections.percent': status.threadsConnected !== null && status.maxConnections ? (status.threadsConnected / status.maxConnections) * 100 : null,
            'my.threads.running': status.threadsRunning,
            'my.queries.rate': rates.queriesPerSecond,
            'my.slowQueries.rate': rates.slowQueriesPerSecond,
            'my.abortedConnects.rate': rates.abortedConnectsPerSecond,
            'my.abortedClients.rate': rates.abortedClientsPerSecond,
            'my.queries.longestSeconds': queries.longest ?? 0,
            'my.queries.long': queries.longCount,
            'my.bufferPool.hit': rates.bufferPoolHitPercent,
            'my.rowLocks.waiting': status.rowLockCurrentWaits,
            'my.rowLocks.waitsRate': rates.rowLockWaitsPerSecond,
            'my.deadlocks.rate': rates.deadlocksPerSecond,
            'my.tmpDiskTables.rate': rates.tmpDiskTablesPerSecond,
            'my.replication.lagSeconds': replication.lagSeconds,
            'my.replication.backlogBytes': replication.backlogBytes,
            'my.replication.notApplying': replication.notApplying,
            'my.replication.notReceiving': replication.notReceiving,
          },
          facts: {
            version: l.server.version,
            flavor: l.server.flavor,
            role: channels.length > 0 ? 'replica' : 'primary',
          },
          tables,
          notes,
        };
      } catch (err) {
        const failure = myFailure(err, grantFor(l.sql.grants[step]));
        // A dropped link, a restart, a hung statement or a revoked grant: the next poll opens afresh.
        if (['UNREACHABLE', 'TIMEOUT', 'TUNNEL_FAILED', 'NOT_PERMITTED'].includes(failure.code) || (err as DriverError).fatal) await drop();
        throw failure;
      }
    },
    close: drop,
  };

  async function topStatements(l: MyLink): Promise<DataTable> {
    const rows = await l.run<MyStatementRow>(l.sql.statements);
    const own = ownSignatures(l.sql);
    let top = topStatementsTable(rows, texts, own);
    if (top.missingTexts.length > 0) {
      if (texts.size + top.missingTexts.length > MAX_TEXTS) texts.clear();
      for (const r of await l.run<{ digest: string; query: string }>(l.sql.statementTexts, [top.missingTexts])) texts.set(r.digest, r.query);
      top = topStatementsTable(rows, texts, own);
    }
    return top.table;
  }
}

export const mysqlKind = defineKind<DatabaseConfig>({
  kind: 'mysql',
  descriptor,
  configSchema: mysqlConfig,
  parentOf: (config) => config.via,
  secret: 'password',
  destinationFields: ['via', 'address', 'port', 'database', 'user', 'tls', 'caFile'],
  defaultRules: [
    { key: 'my.queries.longestSeconds', warn: 60, crit: 300 },
    { key: 'my.replication.lagSeconds', warn: 30, crit: 120 },
    { key: 'my.connections.percent', warn: 80, crit: 95 },
    { key: 'my.bufferPool.hit', warn: 95, crit: 90, direction: 'below' },
    // A channel that stopped applying has no lag to judge: one is a warning by itself. Lag and
    // backlog say how bad it gets; the count never turns critical on its own.
    { key: 'my.replication.notApplying', warn: 1, crit: Number.MAX_SAFE_INTEGER },
    { key: 'my.replication.notReceiving', warn: 1, crit: Number.MAX_SAFE_INTEGER },
  ],
  createCollector(config, ctx): Collector {
    return createPoller(config, ctx);
  },
  async testConnection(config, ctx): Promise<CheckTestResult> {
    const started = ctx.clock.now();
    let link: MyLink | null = null;
    try {
      link = await openLink(config, ctx);
      const missing = await missingGrants(link, config);
      if (missing.length > 0) {
        const failure = notPermitted(missing[0]!);
        return {
          ok: false,
          code: 'NOT_PERMITTED',
          message: failure.message,
          data: { grant: missing[0]!.grant.grant, user: config.user, missing: missing.map((m) => m.grant.grant).join(', '), statement: String(failure.data?.statement ?? '') },
        };
      }
      const channels = readChannels(await link.run<MyReplicationRow>(link.sql.replication));
      const facts = { version: link.server.version, flavor: link.server.flavor, role: channels.length > 0 ? 'replica' : 'primary' };
      return { ok: true, elapsedMs: ctx.clock.now() - started, facts, notes: [...serverNotes(link.server), ...replicationSummary(channels).notes] };
    } catch (err) {
      const failure = myFailure(err);
      return { ok: false, code: failure.code, message: failure.message };
    } finally {
      await link?.close();
    }
  },
});
