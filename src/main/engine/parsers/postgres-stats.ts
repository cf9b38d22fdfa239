// PURE: rows of the PostgreSQL monitoring statements (docs/db-queries.md) -> OpsDeck series,
// tables and notes. Counters become rates from deltas between two polls; a counter that went
// down, or a changed stats_reset, starts a new baseline instead of a negative rate.
import type { CheckNote, DataTable, TableCell } from '../../../shared/model';

/** pg returns int8 and numeric as strings: every number is read through this. */
export function num(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/**
 * Query texts travel to screens and walls: a password typed into a statement (CREATE ROLE ...
 * PASSWORD '...', IDENTIFIED BY '...') is masked before it leaves the collector.
 */
export function redactQuery(query: unknown): string | null {
  const q = text(query);
  return q === null ? null : q.replace(/\b(PASSWORD|IDENTIFIED\s+BY)(\s*=?\s*)('(?:[^']|'')*'|"(?:[^"]|"")*"|\$\w*\$[\s\S]*?\$\w*\$)/gi, "$1$2'***'");
}

export interface PgOverviewRow {
  server_version_num: unknown;
  in_recovery: unknown;
  has_pg_monitor: unknown;
  usable_connections: unknown;
  connections: unknown;
  active: unknown;
  idle: unknown;
  idle_in_transaction: unknown;
  waiting_on_lock: unknown;
  pgss_schema: unknown;
  pgss_loaded: unknown;
  replica_lag_seconds: unknown;
  replay_backlog_bytes: unknown;
  replay_pause_state?: unknown;
  /** pg_is_wal_replay_paused() as text, for PostgreSQL 12 and 13. */
  replay_paused?: unknown;
}

export interface PgActivityRow {
  pid: unknown;
  datname: unknown;
  usename: unknown;
  application_name: unknown;
  client_addr: unknown;
  state: unknown;
  wait_event_type: unknown;
  wait_event: unknown;
  query_seconds: unknown;
  xact_seconds: unknown;
  blocked_by: unknown;
  lock_wait_seconds: unknown;
  query: unknown;
}

export interface PgDatabaseRow {
  datname: unknown;
  numbackends: unknown;
  xact_commit: unknown;
  xact_rollback: unknown;
  blks_read: unknown;
  blks_hit: unknown;
  deadlocks: unknown;
  temp_files: unknown;
  temp_bytes: unknown;
  stats_reset: unknown;
}

export interface PgReplicationRow {
  application_name: unknown;
  client_addr: unknown;
  state: unknown;
  sync_state: unknown;
  replay_backlog_bytes: unknown;
  replay_lag_seconds: unknown;
}

export interface PgStatementRow {
  userid: unknown;
  dbid: unknown;
  queryid: unknown;
  toplevel?: unknown;
  calls: unknown;
  total_exec_time: unknown;
  rows: unknown;
}

export interface PgSizeRow {
  datname: unknown;
  size_bytes: unknown;
}

/** Cluster-wide counters of one poll, kept for the next poll's rates. */
export interface PgCounters {
  ts: number;
  commits: number;
  rollbacks: number;
  blksRead: number;
  blksHit: number;
  deadlocks: number;
  tempFiles: number;
  tempBytes: number;
  /** Joined stats_reset of every database: any change starts a new baseline. */
  resets: string;
}

export interface PgOverview {
  versionNum: number | null;
  inRecovery: boolean;
  hasMonitorRole: boolean;
  usable: number | null;
  connections: number | null;
  active: number | null;
  idle: number | null;
  idleInTransaction: number | null;
  waitingOnLock: number | null;
  /** Quoted schema of pg_stat_statements when it can be used, else null. */
  statementsSchema: string | null;
  /** Why top statements are unavailable, when they are. */
  statementsMissing: 'extension' | 'preload' | null;
  replicaLagSeconds: number | null;
  replayBacklogBytes: number | null;
  replayPaused: boolean;
}

export function readOverview(row: PgOverviewRow): PgOverview {
  const schema = text(row.pgss_schema);
  const loaded = row.pgss_loaded === true;
  return {
    versionNum: num(row.server_version_num),
    inRecovery: row.in_recovery === true,
    hasMonitorRole: row.has_pg_monitor === true,
    usable: num(row.usable_connections),
    connections: num(row.connections),
    active: num(row.active),
    idle: num(row.idle),
    idleInTransaction: num(row.idle_in_transaction),
    waitingOnLock: num(row.waiting_on_lock),
    statementsSchema: schema && loaded ? schema : null,
    statementsMissing: !schema ? 'extension' : !loaded ? 'preload' : null,
    replicaLagSeconds: num(row.replica_lag_seconds),
    replayBacklogBytes: num(row.replay_backlog_bytes),
    replayPaused: ['paused', 'pause requested'].includes(text(row.replay_pause_state) ?? '') || text(row.replay_paused) === 'true',
  };
}

/** 150018 -> "15.18"; 120005 -> "12.5". */
export function versionText(versionNum: number | null): string | null {
  if (versionNum === null) return null;
  return `${Math.floor(versionNum / 10_000)}.${versionNum % 10_000}`;
}

export function sumCounters(rows: readonly PgDatabaseRow[], ts: number): PgCounters {
  const sum = (pick: (r: PgDatabaseRow) => unknown) => rows.reduce((total, r) => total + (num(pick(r)) ?? 0), 0);
  return {
    ts,
    commits: sum((r) => r.xact_commit),
    rollbacks: sum((r) => r.xact_rollback),
    blksRead: sum((r) => r.blks_read),
    blksHit: sum((r) => r.blks_hit),
    deadlocks: sum((r) => r.deadlocks),
    tempFiles: sum((r) => r.temp_files),
    tempBytes: sum((r) => r.temp_bytes),
    resets: rows.map((r) => `${text(r.datname)}=${text(r.stats_reset)}`).sort().join(','),
  };
}

export interface PgRates {
  commitsPerSecond: number | null;
  rollbacksPerSecond: number | null;
  deadlocksPerSecond: number | null;
  tempFilesPerSecond: number | null;
  tempBytesPerSecond: number | null;
  /** % of block reads served from shared buffers over the interval; null when nothing was read. */
  cacheHitPercent: number | null;
}

export function ratesBetween(previous: PgCounters | null, current: PgCounters): PgRates {
  const none: PgRates = { commitsPerSecond: null, rollbacksPerSecond: null, deadlocksPerSecond: null, tempFilesPerSecond: null, tempBytesPerSecond: null, cacheHitPercent: null };
  if (!previous || previous.resets !== current.resets) return none;
  const seconds = (current.ts - previous.ts) / 1000;
  if (!(seconds > 0)) return none;
  const delta = (a: number, b: number) => (b >= a ? b - a : null);
  const rate = (a: number, b: number) => {
    const d = delta(a, b);
    return d === null ? null : d / seconds;
  };
  const hit = delta(previous.blksHit, current.blksHit);
  const read = delta(previous.blksRead, current.blksRead);
  return {
    commitsPerSecond: rate(previous.commits, current.commits),
    rollbacksPerSecond: rate(previous.rollbacks, current.rollbacks),
    deadlocksPerSecond: rate(previous.deadlocks, current.deadlocks),
    tempFilesPerSecond: rate(previous.tempFiles, current.tempFiles),
    tempBytesPerSecond: rate(previous.tempBytes, current.tempBytes),
    cacheHitPercent: hit === null || read === null || hit + read === 0 ? null : (hit / (hit + read)) * 100,
  };
}

/** Sessions that are not idle, longest first, as the "queries" table; `long` past the threshold. */
export function queriesTable(rows: readonly PgActivityRow[], longSeconds: number, limit = 50): { table: DataTable; longest: number | null; longCount: number } {
  const sessions = rows
    .map((r) => ({ r, seconds: num(r.query_seconds) }))
    .sort((a, b) => (b.seconds ?? -1) - (a.seconds ?? -1));
  let longest: number | null = null;
  let longCount = 0;
  for (const { r, seconds } of sessions) {
    if (text(r.state) !== 'active' || seconds === null) continue;
    longest = longest === null ? seconds : Math.max(longest, seconds);
    if (seconds >= longSeconds) longCount++;
  }
  const table: DataTable = {
    rows: sessions.slice(0, limit).map(({ r, seconds }) => ({
      pid: num(r.pid),
      user: text(r.usename),
      application: text(r.application_name),
      client: text(r.client_addr),
      database: text(r.datname),
      state: text(r.state),
      wait: r.wait_event_type ? `${text(r.wait_event_type)}:${text(r.wait_event)}` : null,
      seconds,
      transactionSeconds: num(r.xact_seconds),
      long: text(r.state) === 'active' && seconds !== null && seconds >= longSeconds,
      query: redactQuery(r.query),
    })),
    ...(sessions.length > limit ? { truncated: true } : {}),
  };
  return { table, longest, longCount };
}

function pidList(value: unknown): number[] {
  if (Array.isArray(value)) return value.map(num).filter((n): n is number => n !== null);
  // pg without its array parser for int4[] answers '{12,34}'.
  if (typeof value === 'string') return value.replace(/[{}]/g, '').split(',').map(num).filter((n): n is number => n !== null);
  return [];
}

/**
 * Who waits on whom: one row per session in a chain, `blockedBy` the first session it waits for
 * (null for the one at the head of the chain, usually a transaction left open).
 */
export function lockChainsTable(rows: readonly PgActivityRow[]): DataTable {
  const byPid = new Map<number, PgActivityRow>();
  for (const r of rows) {
    const pid = num(r.pid);
    if (pid !== null) byPid.set(pid, r);
  }
  const out = new Map<number, Record<string, TableCell>>();
  const add = (pid: number, blockedBy: number | null, waitSeconds: number | null) => {
    const r = byPid.get(pid);
    const known = out.get(pid);
    if (known) {
      // First added as someone's blocker: now we know what it waits for itself.
      if (blockedBy !== null) Object.assign(known, { blockedBy, waitSeconds });
      return;
    }
    out.set(pid, {
      pid,
      blockedBy,
      waitSeconds,
      user: r ? text(r.usename) : null,
      state: r ? text(r.state) : null,
      transactionSeconds: r ? num(r.xact_seconds) : null,
      query: r ? redactQuery(r.query) : null,
    });
  };
  for (const r of rows) {
    const pid = num(r.pid);
    const blockers = pidList(r.blocked_by);
    if (pid === null || blockers.length === 0) continue;
    add(pid, blockers[0]!, num(r.lock_wait_seconds) ?? num(r.query_seconds));
    for (const b of blockers) if (!out.has(b)) add(b, null, null);
  }
  // Heads first, then each waiter after the session it waits for.
  const rowsOut = [...out.values()];
  const depth = (row: Record<string, TableCell>, seen = new Set<number>()): number => {
    const parent = row.blockedBy as number | null;
    if (parent === null || seen.has(parent) || !out.has(parent)) return 0;
    seen.add(parent);
    return 1 + depth(out.get(parent)!, seen);
  };
  rowsOut.sort((a, b) => depth(a) - depth(b) || ((b.waitSeconds as number | null) ?? 0) - ((a.waitSeconds as number | null) ?? 0));
  return { rows: rowsOut };
}

/** The replication lag that matters: a replica's own, or the worst standby's on a primary. */
export function replicationLag(overview: PgOverview, standbys: readonly PgReplicationRow[]): { seconds: number | null; bytes: number | null } {
  if (overview.inRecovery) return { seconds: overview.replicaLagSeconds, bytes: overview.replayBacklogBytes };
  if (standbys.length === 0) return { seconds: null, bytes: null };
  let seconds: number | null = null;
  let bytes: number | null = null;
  for (const s of standbys) {
    const backlog = num(s.replay_backlog_bytes);
    // replay_lag is NULL once a standby caught up on an idle primary: in sync, not unknown.
    const lag = num(s.replay_lag_seconds) ?? (backlog === 0 ? 0 : null);
    if (lag !== null) seconds = seconds === null ? lag : Math.max(seconds, lag);
    if (backlog !== null) bytes = bytes === null ? backlog : Math.max(bytes, backlog);
  }
  return { seconds, bytes };
}

export function replicasTable(standbys: readonly PgReplicationRow[]): DataTable {
  return {
    rows: standbys.map((s) => ({
      name: text(s.application_name),
      client: text(s.client_addr),
      state: text(s.state),
      sync: text(s.sync_state),
      lagSeconds: num(s.replay_lag_seconds) ?? (num(s.replay_backlog_bytes) === 0 ? 0 : null),
      lagBytes: num(s.replay_backlog_bytes),
    })),
  };
}

export function statementKey(r: PgStatementRow): string {
  return `${text(r.userid)}/${text(r.dbid)}/${text(r.queryid)}/${text(r.toplevel) ?? ''}`;
}

/**
 * The statements that took the most server time since pg_stat_statements was last reset, with
 * their share of all of it; `texts` holds query texts by queryid (fetched once per queryid).
 */
export function topStatementsTable(rows: readonly PgStatementRow[], texts: ReadonlyMap<string, string>, limit = 10): { table: DataTable; missingTexts: string[] } {
  const total = rows.reduce((sum, r) => sum + (num(r.total_exec_time) ?? 0), 0);
  const top = [...rows].sort((a, b) => (num(b.total_exec_time) ?? 0) - (num(a.total_exec_time) ?? 0)).slice(0, limit);
  const missingTexts = [...new Set(top.map((r) => text(r.queryid)).filter((id): id is string => id !== null && !texts.has(id)))];
  return {
    table: {
      rows: top.map((r) => {
        const calls = num(r.calls) ?? 0;
        const totalMs = num(r.total_exec_time) ?? 0;
        const id = text(r.queryid);
        return {
          queryId: id,
          query: id !== null ? redactQuery(texts.get(id) ?? null) : null,
          calls,
          totalMs,
          meanMs: calls > 0 ? totalMs / calls : null,
          rows: num(r.rows),
          sharePercent: total > 0 ? (totalMs / total) * 100 : null,
        };
      }),
    },
    missingTexts,
  };
}

export function databasesTable(sizes: readonly PgSizeRow[], activity: readonly PgDatabaseRow[]): { table: DataTable; totalBytes: number | null } {
  const backends = new Map(activity.map((r) => [text(r.datname), num(r.numbackends)]));
  let totalBytes: number | null = null;
  const rows = sizes.map((s) => {
    const size = num(s.size_bytes);
    if (size !== null) totalBytes = (totalBytes ?? 0) + size;
    return { name: text(s.datname), sizeBytes: size, connections: backends.get(text(s.datname)) ?? null };
  });
  rows.sort((a, b) => (b.sizeBytes ?? 0) - (a.sizeBytes ?? 0));
  return { table: { rows }, totalBytes };
}

/** What the screens should say about the server that is not a reading. */
export function overviewNotes(overview: PgOverview): CheckNote[] {
  const notes: CheckNote[] = [];
  if (overview.statementsMissing) notes.push({ code: 'PG_STAT_STATEMENTS_MISSING', data: { step: overview.statementsMissing } });
  if (overview.replayPaused) notes.push({ code: 'PG_REPLAY_PAUSED' });
  return notes;
}
