// PURE: rows of the MySQL 8 / MariaDB 10.6+ monitoring statements (docs/db-queries.md) -> OpsDeck
// series, tables and notes. MariaDB and MySQL name the same things differently (Slave_* and
// Master_* against Replica_* and Source_*; TIME_MS against TIME): rows of either shape are read
// here, so the collector only picks the statements. Counters become rates from deltas between two
// polls; a counter that went down, or a restarted server (Uptime went down), starts a new baseline.
import type { CheckNote, DataTable, TableCell } from '../../../shared/model';

/** mysql2 returns DECIMAL and status values as strings, BIGINT as numbers: every number goes through this. */
export function num(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

export const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : value instanceof Uint8Array ? new TextDecoder().decode(value) : String(value);

// PASSWORD 'x', MASTER_PASSWORD='x', SET PASSWORD FOR u = PASSWORD('x'), IDENTIFIED [WITH plugin] BY|AS 'x', IDENTIFIED VIA
// plugin USING 'x': the words before a password literal. A quote right after the word (the text
// 'reset password') is no password.
const SECRET_PREFIX =
  /(\b\w*PASSWORD\s+FOR\s+\S+?\s*=|\b\w*PASSWORD|\bIDENTIFIED\s+(?:WITH\s+\S+\s+)?(?:BY|AS)|\bIDENTIFIED\s+VIA\s+\S+\s+USING)((?:\s*=\s*|\s+)(?:(?:OLD_)?PASSWORD\s*\(\s*)?|\s*\(\s*)(?=['"])/gi;

/**
 * Where the literal opened at `start` ends. The server's SQL mode decides whether a backslash
 * escapes (NO_BACKSLASH_ESCAPES), and the collector cannot know it, so the literal is read both
 * ways and the longer reading is masked. A literal cut off by LEFT(..., 1024) runs to the end.
 */
function literalEnd(q: string, start: number): number {
  const quote = q[start];
  let withEscapes = q.length;
  for (let i = start + 1; i < q.length; i++) {
    if (q[i] === '\\') i++;
    else if (q[i] === quote) {
      if (q[i + 1] === quote) i++;
      else {
        withEscapes = i + 1;
        break;
      }
    }
  }
  let plain = q.length;
  for (let i = start + 1; i < q.length; i++) {
    if (q[i] !== quote) continue;
    if (q[i + 1] === quote) i++;
    else {
      plain = i + 1;
      break;
    }
  }
  return Math.max(withEscapes, plain);
}

/**
 * Query texts travel to screens and walls: a password typed into a statement is masked before it
 * leaves the collector, also when the text was cut off inside the quoted password.
 */
export function redactMyQuery(query: unknown): string | null {
  const q = text(query);
  if (q === null) return null;
  let out = '';
  let from = 0;
  SECRET_PREFIX.lastIndex = 0;
  for (let m = SECRET_PREFIX.exec(q); m; m = SECRET_PREFIX.exec(q)) {
    const literal = m.index + m[0].length;
    out += `${q.slice(from, literal)}'***'`;
    from = literalEnd(q, literal);
    SECRET_PREFIX.lastIndex = from;
  }
  return out + q.slice(from);
}

// ---------------------------------------------------------------------------------------------
// The server: flavor and version decide which statements a connection runs.

export type MyFlavor = 'mariadb' | 'mysql';

export interface MyServerRow {
  version: unknown;
  version_comment: unknown;
  performance_schema: unknown;
  account?: unknown;
}

export interface MyServerInfo {
  flavor: MyFlavor;
  /** "10.11.19", "8.0.36"; null when the server sent something else. */
  version: string | null;
  /** [major, minor, patch]; zeros when unknown. */
  parts: [number, number, number];
  performanceSchema: boolean;
  /** CURRENT_USER() as 'user'@'host', the account a GRANT must name. */
  account: string | null;
}

const truthy = (value: unknown): boolean => value === 1 || value === '1' || value === true || (typeof value === 'string' && value.toUpperCase() === 'ON');

export function readServerInfo(row: MyServerRow): MyServerInfo {
  const full = text(row.version) ?? '';
  const comment = text(row.version_comment) ?? '';
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(full);
  const account = text(row.account);
  const at = account ? account.lastIndexOf('@') : -1;
  return {
    flavor: /mariadb/i.test(full) || /mariadb/i.test(comment) ? 'mariadb' : 'mysql',
    version: m ? `${m[1]}.${m[2]}.${m[3]}` : null,
    parts: m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0],
    performanceSchema: truthy(row.performance_schema),
    account: account && at > 0 ? `'${account.slice(0, at)}'@'${account.slice(at + 1)}'` : null,
  };
}

export function versionAtLeast(info: Pick<MyServerInfo, 'parts'>, major: number, minor: number, patch: number): boolean {
  const [a, b, c] = info.parts;
  return a !== major ? a > major : b !== minor ? b > minor : c >= patch;
}

/** The grant that lets the account read replication status: SLAVE MONITOR on MariaDB 10.5.9+, REPLICATION CLIENT elsewhere. */
export function replicationGrant(info: Pick<MyServerInfo, 'flavor' | 'parts'>): string {
  return info.flavor === 'mariadb' && versionAtLeast(info, 10, 5, 9) ? 'SLAVE MONITOR' : 'REPLICATION CLIENT';
}

// ---------------------------------------------------------------------------------------------
// Status counters and settings (name/value rows of my.status).

export interface MyStatusRow {
  name: unknown;
  value: unknown;
}

export interface MyStatus {
  threadsConnected: number | null;
  threadsRunning: number | null;
  maxConnections: number | null;
  maxUsedConnections: number | null;
  rowLockCurrentWaits: number | null;
  uptime: number | null;
  performanceSchema: boolean | null;
  readOnly: boolean | null;
  version: string | null;
  counters: Record<CounterName, number | null>;
}

/** Status counters that only grow while the server runs; rates come from their deltas. */
export const STATUS_COUNTERS = {
  questions: 'questions',
  slowQueries: 'slow_queries',
  abortedConnects: 'aborted_connects',
  abortedClients: 'aborted_clients',
  connections: 'connections',
  bufferPoolReads: 'innodb_buffer_pool_reads',
  bufferPoolReadRequests: 'innodb_buffer_pool_read_requests',
  rowLockWaits: 'innodb_row_lock_waits',
  /** MariaDB only: MySQL 8 has no such status variable. */
  deadlocks: 'innodb_deadlocks',
  tmpDiskTables: 'created_tmp_disk_tables',
} as const;

export type CounterName = keyof typeof STATUS_COUNTERS;

export function readStatus(rows: readonly MyStatusRow[]): MyStatus {
  const values = new Map<string, unknown>();
  for (const r of rows) {
    const name = text(r.name);
    if (name !== null) values.set(name.toLowerCase(), r.value);
  }
  const n = (key: string) => num(values.get(key));
  const flag = (key: string) => (values.has(key) && values.get(key) !== null ? truthy(values.get(key)) : null);
  const counters = Object.fromEntries(Object.entries(STATUS_COUNTERS).map(([k, v]) => [k, n(v)])) as Record<CounterName, number | null>;
  return {
    threadsConnected: n('threads_connected'),
    threadsRunning: n('threads_running'),
    maxConnections: n('max_connections'),
    maxUsedConnections: n('max_used_connections'),
    rowLockCurrentWaits: n('innodb_row_lock_current_waits'),
    uptime: n('uptime'),
    performanceSchema: flag('performance_schema'),
    readOnly: flag('read_only'),
    version: text(values.get('version')),
    counters,
  };
}

/** Counters of one poll, kept for the next poll's rates. */
export interface MyCounters {
  ts: number;
  uptime: number | null;
  values: Record<CounterName, number | null>;
}

export function countersOf(status: MyStatus, ts: number): MyCounters {
  return { ts, uptime: status.uptime, values: { ...status.counters } };
}

export interface MyRates {
  queriesPerSecond: number | null;
  slowQueriesPerSecond: number | null;
  abortedConnectsPerSecond: number | null;
  abortedClientsPerSecond: number | null;
  rowLockWaitsPerSecond: number | null;
  deadlocksPerSecond: number | null;
  tmpDiskTablesPerSecond: number | null;
  /** % of InnoDB page requests served from the buffer pool over the interval; null when none were made. */
  bufferPoolHitPercent: number | null;
}

const NO_RATES: MyRates = {
  queriesPerSecond: null,
  slowQueriesPerSecond: null,
  abortedConnectsPerSecond: null,
  abortedClientsPerSecond: null,
  rowLockWaitsPerSecond: null,
  deadlocksPerSecond: null,
  tmpDiskTablesPerSecond: null,
  bufferPoolHitPercent: null,
};

export function statusRates(previous: MyCounters | null, current: MyCounters): MyRates {
  if (!previous) return NO_RATES;
  // A restart resets every counter; Uptime going down is the one sign that covers all of them.
  if (previous.uptime !== null && current.uptime !== null && current.uptime < previous.uptime) return NO_RATES;
  const seconds = (current.ts - previous.ts) / 1000;
  if (!(seconds > 0)) return NO_RATES;
  const delta = (k: CounterName): number | null => {
    const a = previous.values[k];
    const b = current.values[k];
    return a === null || b === null || b < a ? null : b - a;
  };
  const rate = (k: CounterName): number | null => {
    const d = delta(k);
    return d === null ? null : d / seconds;
  };
  const requests = delta('bufferPoolReadRequests');
  const reads = delta('bufferPoolReads');
  return {
    queriesPerSecond: rate('questions'),
    slowQueriesPerSecond: rate('slowQueries'),
    abortedConnectsPerSecond: rate('abortedConnects'),
    abortedClientsPerSecond: rate('abortedClients'),
    rowLockWaitsPerSecond: rate('rowLockWaits'),
    deadlocksPerSecond: rate('deadlocks'),
    tmpDiskTablesPerSecond: rate('tmpDiskTables'),
    bufferPoolHitPercent: requests === null || reads === null || requests === 0 ? null : Math.min(100, Math.max(0, (1 - reads / requests) * 100)),
  };
}

// ---------------------------------------------------------------------------------------------
// Running statements (my.processlist).

export interface MyProcessRow {
  id: unknown;
  user: unknown;
  client: unknown;
  db: unknown;
  command: unknown;
  state: unknown;
  query_seconds: unknown;
  query: unknown;
  application: unknown;
}

/** Commands of a session that is running a statement (not a replication or system thread). */
const RUNNING_COMMANDS = new Set(['Query', 'Execute']);

/** Sessions running a statement, longest first, as the "queries" table; `long` past the threshold. */
export function queriesTable(rows: readonly MyProcessRow[], longSeconds: number, limit = 50): { table: DataTable; longest: number | null; longCount: number } {
  const sessions = rows.map((r) => ({ r, seconds: num(r.query_seconds) })).sort((a, b) => (b.seconds ?? -1) - (a.seconds ?? -1));
  let longest: number | null = null;
  let longCount = 0;
  const isLong = (r: MyProcessRow, seconds: number | null) => RUNNING_COMMANDS.has(text(r.command) ?? '') && seconds !== null && seconds >= longSeconds;
  for (const { r, seconds } of sessions) {
    if (!RUNNING_COMMANDS.has(text(r.command) ?? '') || seconds === null) continue;
    longest = longest === null ? seconds : Math.max(longest, seconds);
    if (seconds >= longSeconds) longCount++;
  }
  const table: DataTable = {
    rows: sessions.slice(0, limit).map(({ r, seconds }) => ({
      id: num(r.id),
      user: text(r.user),
      application: text(r.application),
      client: text(r.client),
      database: text(r.db),
      // The command is what PostgreSQL calls the state (Query: running, Sleep: idle); MySQL's own
      // thread state ("User sleep", "Sending data") is the finer stage within it.
      state: text(r.command),
      stage: text(r.state),
      seconds,
      long: isLong(r, seconds),
      query: redactMyQuery(r.query),
    })),
    ...(sessions.length > limit ? { truncated: true } : {}),
  };
  return { table, longest, longCount };
}

// ---------------------------------------------------------------------------------------------
// Row lock waits (my.lock_waits): who waits on whom.

export interface MyLockWaitRow {
  waiting_id: unknown;
  waiting_query: unknown;
  wait_seconds: unknown;
  waiting_trx_seconds?: unknown;
  blocking_id: unknown;
  blocking_query: unknown;
  blocking_trx_seconds: unknown;
  blocking_user?: unknown;
  blocking_command?: unknown;
}

const blockerState = (command: string | null): string | null => (command === 'Sleep' ? 'idle in transaction' : command);

/**
 * One row per session in a chain, `blockedBy` the first session it waits for (null at the head of
 * the chain: usually a transaction left open, whose command is Sleep). Heads come first, then each
 * waiter after the session it waits for.
 */
export function lockChainsTable(waits: readonly MyLockWaitRow[], sessions: readonly MyProcessRow[] = []): DataTable {
  const byId = new Map<number, MyProcessRow>();
  for (const s of sessions) {
    const id = num(s.id);
    if (id !== null) byId.set(id, s);
  }
  const out = new Map<number, Record<string, TableCell>>();
  // The longest-held blocker first: it is the one to look at when a waiter has several.
  const ordered = [...waits].sort((a, b) => (num(b.blocking_trx_seconds) ?? 0) - (num(a.blocking_trx_seconds) ?? 0));
  for (const w of ordered) {
    const waiter = num(w.waiting_id);
    const blocker = num(w.blocking_id);
    if (waiter === null || blocker === null) continue;
    const known = out.get(waiter);
    const session = byId.get(waiter);
    if (!known || known.blockedBy === null) {
      out.set(waiter, {
        ...known,
        id: waiter,
        blockedBy: blocker,
        waitSeconds: num(w.wait_seconds),
        state: session ? text(session.command) : 'Query',
        user: session ? text(session.user) : ((known?.user as string | null | undefined) ?? null),
        transactionSeconds: num(w.waiting_trx_seconds) ?? (known?.transactionSeconds as number | null | undefined) ?? null,
        query: redactMyQuery(w.waiting_query),
      });
    }
    if (!out.has(blocker)) {
      const s = byId.get(blocker);
      out.set(blocker, {
        id: blocker,
        blockedBy: null,
        waitSeconds: null,
        // A blocker that sleeps still holds its transaction open (it is in INNODB_TRX).
        state: blockerState(text(w.blocking_command) ?? (s ? text(s.command) : null)),
        user: text(w.blocking_user) ?? (s ? text(s.user) : null),
        transactionSeconds: num(w.blocking_trx_seconds),
        query: redactMyQuery(w.blocking_query),
      });
    }
  }
  const depth = (row: Record<string, TableCell>, seen = new Set<number>()): number => {
    const parent = row.blockedBy as number | null;
    if (parent === null || seen.has(parent) || !out.has(parent)) return 0;
    seen.add(parent);
    return 1 + depth(out.get(parent)!, seen);
  };
  const rows = [...out.values()].sort((a, b) => depth(a) - depth(b) || ((b.waitSeconds as number | null) ?? 0) - ((a.waitSeconds as number | null) ?? 0));
  return { rows };
}
