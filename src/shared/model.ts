// Domain types shared by the engine, both hosts and the renderer. Plain data only: everything
// here crosses IPC and WebSocket boundaries as JSON.

import type { ExternalAlertReading } from './external-alerts';

export type TargetId = string;

/** The embedded default target: the computer OpsDeck runs on. */
export const LOCAL_TARGET_ID: TargetId = 'local';

/**
 * What a watched thing is, named by its module in the engine's kind registry: 'local' (this
 * computer), 'ssh' (a server over SSH), 'postgres', 'mysql', ... The screens learn each kind's
 * series, charts and tables from its descriptor (see checks.ts), not from this name.
 */
export type TargetKind = 'local' | 'ssh' | (string & {});

/** The kinds that are machines: they have the host page, filesystems and processes. */
export const HOST_KINDS: ReadonlySet<TargetKind> = new Set(['local', 'ssh', 'prometheus-node', 'zabbix-host']);

/** A watched thing as every screen sees it: one model for every kind (no settings, no secrets). */
export interface Target {
  id: TargetId;
  name: string;
  kind: TargetKind;
  /** Polling interval of the fast cadence, in milliseconds. */
  intervalMs: number;
  enabled: boolean;
  /** The host this runs on or is reached through (a database on a server); absent for hosts. */
  parentId?: TargetId | null;
  /**
   * Hosts a data source reads (Prometheus): where the data comes from. Absent for what OpsDeck
   * polls itself. Such a host has no history in OpsDeck's store; its charts ask the source.
   */
  source?: { checkId: TargetId; kind: TargetKind; name: string };
  /**
   * One fleet: other data sources that also know this machine; it is shown once, as this tile
   * (SSH first, then Prometheus, then Zabbix), and the screens say so. Absent when none does.
   */
  alsoFrom?: Array<{ checkId: TargetId; kind: TargetKind; name: string }>;
}

export type HealthStatus = 'ok' | 'warn' | 'crit' | 'unknown';

/** Worst first: the order tiles and roll-ups sort by. */
export const STATUS_SEVERITY: Record<HealthStatus, number> = { crit: 3, unknown: 2, warn: 1, ok: 0 };

export type MetricUnit = 'percent' | 'bytes' | 'bytesPerSecond' | 'opsPerSecond' | 'ratio' | 'seconds' | 'count' | 'milliseconds' | 'days';

/** Scalar metrics of one host. A missing reading is null, never 0. */
export type HostMetrics = {
  'cpu.usage': number | null; // % of all cores busy (everything but idle and iowait)
  'cpu.iowait': number | null; // % of time idle while waiting for disk I/O; null where the OS has no such counter
  'cpu.steal': number | null; // % stolen by the hypervisor
  'cpu.cores': number | null;
  'mem.used': number | null; // % of total, (total - available) / total
  'mem.usedBytes': number | null;
  'mem.totalBytes': number | null;
  'swap.used': number | null; // % of swap total; null when the host has no swap
  'swap.usedBytes': number | null;
  'swap.totalBytes': number | null;
  'load.1': number | null;
  'load.5': number | null;
  'load.15': number | null;
  'load.perCore': number | null; // load.1 / cores
  'disk.used': number | null; // % of the fullest local filesystem
  'disk.readBps': number | null;
  'disk.writeBps': number | null;
  'disk.readIops': number | null;
  'disk.writeIops': number | null;
  'net.rxBps': number | null;
  'net.txBps': number | null;
  uptime: number | null; // seconds since boot
};

export type MetricKey = keyof HostMetrics;

export interface MetricDefinition {
  key: MetricKey;
  unit: MetricUnit;
  /** Glossary entry that explains this metric to a non-engineer. */
  glossaryId: string;
  /** False for values shown only as the current reading (sizes, uptime): no history is stored. */
  history?: false;
}

export const METRICS: readonly MetricDefinition[] = [
  { key: 'cpu.usage', unit: 'percent', glossaryId: 'cpu-usage' },
  { key: 'cpu.iowait', unit: 'percent', glossaryId: 'iowait' },
  { key: 'cpu.steal', unit: 'percent', glossaryId: 'cpu-steal' },
  { key: 'cpu.cores', unit: 'count', glossaryId: 'cpu-core' },
  { key: 'mem.used', unit: 'percent', glossaryId: 'memory-usage' },
  { key: 'mem.usedBytes', unit: 'bytes', glossaryId: 'memory-usage', history: false },
  { key: 'mem.totalBytes', unit: 'bytes', glossaryId: 'memory-usage', history: false },
  { key: 'swap.used', unit: 'percent', glossaryId: 'swap' },
  { key: 'swap.usedBytes', unit: 'bytes', glossaryId: 'swap', history: false },
  { key: 'swap.totalBytes', unit: 'bytes', glossaryId: 'swap', history: false },
  { key: 'load.1', unit: 'ratio', glossaryId: 'load-average' },
  { key: 'load.5', unit: 'ratio', glossaryId: 'load-average' },
  { key: 'load.15', unit: 'ratio', glossaryId: 'load-average' },
  { key: 'load.perCore', unit: 'ratio', glossaryId: 'load-average' },
  { key: 'disk.used', unit: 'percent', glossaryId: 'disk-usage' },
  { key: 'disk.readBps', unit: 'bytesPerSecond', glossaryId: 'disk-io' },
  { key: 'disk.writeBps', unit: 'bytesPerSecond', glossaryId: 'disk-io' },
  { key: 'disk.readIops', unit: 'opsPerSecond', glossaryId: 'iops' },
  { key: 'disk.writeIops', unit: 'opsPerSecond', glossaryId: 'iops' },
  { key: 'net.rxBps', unit: 'bytesPerSecond', glossaryId: 'network-throughput' },
  { key: 'net.txBps', unit: 'bytesPerSecond', glossaryId: 'network-throughput' },
  { key: 'uptime', unit: 'seconds', glossaryId: 'uptime', history: false },
];

export const METRIC_KEYS: readonly MetricKey[] = METRICS.map((m) => m.key);
/** The metrics whose history is stored (charts and sparklines draw only these). */
export const HISTORY_METRIC_KEYS: readonly MetricKey[] = METRICS.filter((m) => m.history !== false).map((m) => m.key);

const NO_METRICS = Object.fromEntries(METRIC_KEYS.map((k) => [k, null])) as unknown as HostMetrics;

/** Every metric null. A copy of one template: every poll builds one, and all of them share one shape. */
export function emptyHostMetrics(): HostMetrics {
  return { ...NO_METRICS };
}

export interface FilesystemUsage {
  mount: string;
  device: string;
  fsType: string;
  sizeBytes: number;
  usedBytes: number;
  /**
   * Free space an unprivileged user can still write (df's "Available"): size − used − this is
   * the root-reserved part. Absent in snapshots saved by OpsDeck builds before it was read.
   */
  availableBytes?: number;
  /** % used as df reports it: used / (used + available to unprivileged users). */
  usedPercent: number;
}

/**
 * Series keys: a host's scalar metrics, one usage series per filesystem (`fs.used:/home`), and
 * every other kind's series as its descriptor names them (`pg.tps.commit`).
 */
export type SeriesKey = MetricKey | `fs.used:${string}` | (string & {});

/** The readings of one collection by series key; a missing reading is null, never 0. */
export type MetricValues = Readonly<Record<string, number | null>>;

/** Facts of one collection (an OS name, a server version); null when unknown. */
export type FactValues = Readonly<Record<string, string | null>>;

/** A cell of a check's table: plain JSON values. */
export type TableCell = string | number | boolean | null;

/** Rows of one table of a snapshot (long queries, lock chains...), columns as the descriptor lists them. */
export interface DataTable {
  rows: Array<Record<string, TableCell>>;
  /** More rows existed than the collector keeps. */
  truncated?: boolean;
}

/** Something the screens should say about a check that is not a reading, as a code with data. */
export interface CheckNote {
  code: string;
  data?: Record<string, string | number | null>;
}

export function filesystemSeriesKey(mount: string): SeriesKey {
  return `fs.used:${mount}`;
}

export interface MetricHealth {
  status: HealthStatus;
  /** Threshold that was crossed, for the explanation shown next to the status. */
  threshold: number | null;
}

/**
 * One complete reading of one target at one moment, with its evaluated health. The same shape
 * for every kind: hosts fill `metrics` with the HostMetrics keys plus filesystems and processes;
 * other kinds fill `metrics`, `facts`, `tables` and `notes` as their descriptor says.
 */
export interface Snapshot {
  targetId: TargetId;
  /** Milliseconds since the epoch when the sample was taken. */
  ts: number;
  metrics: MetricValues;
  /** Hosts: their local filesystems. */
  filesystems?: FilesystemUsage[];
  health: Partial<Record<SeriesKey, MetricHealth>>;
  status: HealthStatus;
  /** Plain reasons for a non-OK status, as stable codes plus data, rendered by the UI. */
  reasons: HealthReason[];
  facts: FactValues;
  /** Hosts polled over SSH: the busiest processes from the slow cadence (null until it ran). */
  topProcesses?: TopProcesses | null;
  /** Other kinds: lists of rows, by the descriptor's table ids. */
  tables?: Readonly<Record<string, DataTable>>;
  notes?: CheckNote[];
  /** Data sources: the alerts the source raised (the Alerts screen lists them beside OpsDeck's). */
  externalAlerts?: ExternalAlertReading[];
  /**
   * No poll of this target has ever answered: `ts` is when the last attempt failed, not a
   * reading, and every metric is null. Absent once any reading arrived.
   */
  neverAnswered?: true;
}

/** The snapshot of a host kind, named for readers of host code. */
export type HostSnapshot = Snapshot;

export interface ProcessUsage {
  pid: number;
  command: string;
  /** ps's %cpu: CPU time over the process's lifetime, not the last interval. */
  cpuPercent: number;
  memPercent: number;
}

export interface TopProcesses {
  byCpu: ProcessUsage[];
  byMemory: ProcessUsage[];
}

export type HostFacts = {
  hostname: string | null;
  os: string | null;
  kernel: string | null;
  arch: string | null;
};

export type HealthReason =
  | { code: 'THRESHOLD'; metric: SeriesKey; value: number; threshold: number; status: HealthStatus; /** Low values are the bad ones (a cache hit ratio). */ below?: true }
  | { code: 'STALE'; lastSampleTs: number | null; ageMs: number | null }
  /** `message` is English for logs; the UI words `errorCode` with `data`. */
  | { code: 'COLLECT_FAILED'; errorCode: string; message: string; data?: ReasonData }
  /** The watched service itself refused or dropped the connection (a stopped database), or answered wrongly (an endpoint): CRIT, not UNKNOWN. */
  | { code: 'DOWN'; errorCode: string; message: string; data?: ReasonData };

/** Plain facts beside an error code, for the sentence the UI writes (an address, a status, a certificate's expiry). */
export type ReasonData = Record<string, string | number>;

export type TimeRange = '15m' | '1h' | '24h' | '7d';

export const TIME_RANGES: Record<TimeRange, number> = {
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
  '24h': 24 * 60 * 60_000,
  '7d': 7 * 24 * 60 * 60_000,
};

export type SeriesResolution = 'raw' | '1m' | '10m';

/** The spacing of averaged points, for charts to tell a gap from the next point; raw has none. */
export const RESOLUTION_STEP_MS: Record<SeriesResolution, number | undefined> = { raw: undefined, '1m': 60_000, '10m': 600_000 };

export interface SeriesQuery {
  targetId: TargetId;
  keys: SeriesKey[];
  range: TimeRange;
  /** End of the window; defaults to now. */
  until?: number;
  /** The chart's width in pixels: a source-fed host's step follows it (one point per pixel). */
  widthPx?: number;
}

export interface Series {
  key: SeriesKey;
  /** [timestamp ms, value or null] pairs, oldest first. */
  points: Array<[number, number | null]>;
}

export interface SeriesResult {
  targetId: TargetId;
  range: TimeRange;
  from: number;
  until: number;
  /** 'raw' samples, '1m' rollups (averages per minute) or '10m' (averages per 10 minutes, for 7 days). */
  resolution: SeriesResolution;
  series: Series[];
}

/** One tile on the overview. */
export interface OverviewTile {
  target: Target;
  snapshot: HostSnapshot | null;
  /** The latest status, recomputed for staleness at the time of the call. */
  status: HealthStatus;
  /** Recent values for sparklines, oldest first. */
  sparklines: Partial<Record<SeriesKey, Array<number | null>>>;
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'serve';
  platform: string;
  /** The OS locale's language, for the default UI language. */
  osLocale: string;
  dataDir: string;
}
