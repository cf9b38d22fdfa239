// The history store's public shape. The engine depends on this interface only, so tests and
// a later remote or in-memory store can stand in for the SQLite one.

import type { HostSnapshot, SeriesKey, SeriesQuery, SeriesResult, Target, TargetId } from '../../../shared/model';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { IncidentStore } from './incidents-store-types';
import type { ChecksStore } from './checks-table';
import type { ChannelsStore } from './channels-tables';
import type { InventoryStore } from './inventory-tables';
import type { AlertsStore } from './alerts-tables';
import type { LogEventsStore } from './log-events-table';

export interface RetentionOptions {
  /** How long raw samples are kept, in ms. Default 48 h. */
  rawMs?: number;
  /** How long 1-minute rollups are kept, in ms. Default 30 days. */
  rollupMs?: number;
}

export interface StoreOptions {
  /** Folder for `opsdeck.db`; created (with parents) when missing. */
  dataDir: string;
  clock: Clock;
  logger: Logger;
  retention?: RetentionOptions;
  /** About this many readings per write transaction (whole chunks). Default 2,000. */
  flushRows?: number;
}

export interface RetentionResult {
  rawDeleted: number;
  rollupsDeleted: number;
}

/** One reading to queue: a series key and its value, null when it could not be read. */
export type SampleValue = readonly [SeriesKey, number | null];

export type StoredGlossaryOrigin = 'org' | 'override';

/** One stored glossary entry; `entry` is parsed JSON that the glossary service validates. */
export interface GlossaryRow {
  id: string;
  entry: unknown;
  origin: StoredGlossaryOrigin;
  updatedAt: number;
}

/** Reads and writes inside one durable glossary transaction. */
export interface GlossaryWriter {
  list(): GlossaryRow[];
  put(row: GlossaryRow): void;
  /** True when a row was deleted. */
  remove(id: string): boolean;
}

export interface Store {
  /** Absolute path of the database file. */
  readonly path: string;

  /**
   * Queues one reading of a target, in memory until its 2-minute chunk is over (queries see it at
   * once). Chunks are written by drain(), flush() and close(); a crash loses those still in memory.
   */
  ingest(targetId: TargetId, ts: number, values: readonly SampleValue[]): void;
  /**
   * Writes every chunk that is over (one row per series and chunk, with its minute rollups), without
   * yielding; nothing while a drain() runs, whose work that is. Returns readings written.
   */
  flush(): number;
  /**
   * Writes what flush() writes, in transactions of about flushRows readings with a turn of the
   * event loop between them, so no single write blocks polling for long. Concurrent calls share
   * one run. Rejects with STORE_FAILED as flush() throws.
   */
  drain(): Promise<number>;
  /** Readings held in memory for a write (their chunk open or waiting), and those dropped while writes failed. */
  sampleCounts(): { pending: number; dropped: number };
  /** The longest sample write (one transaction, ms) since the last call; starts over. */
  longestSampleWrite(): number;

  /**
   * Up to 1 h and within raw retention: raw samples; up to 24 h: 1-minute averages; longer:
   * 10-minute averages. Readings still in memory are included. Points oldest first.
   */
  querySeries(q: SeriesQuery): SeriesResult;
  /** The last `limit` raw values of each key within the last hour, oldest first, for sparklines. */
  recentValues(targetId: TargetId, keys: readonly SeriesKey[], limit: number): Partial<Record<SeriesKey, Array<number | null>>>;

  /** Keeps the newest snapshot per target so the overview has data right after a restart. */
  saveLatestSnapshot(snapshot: HostSnapshot): void;
  /** Saves many targets' latest snapshots in one transaction (one commit per flush). */
  saveLatestSnapshots(snapshots: readonly HostSnapshot[]): void;
  loadLatestSnapshots(): HostSnapshot[];

  upsertTarget(target: Target): void;
  /** Targets in the order they were first saved. */
  listTargets(): Target[];

  /** The stored JSON value, or undefined when the key was never set. Callers validate its shape. */
  getSetting(key: string): unknown;
  /** Stores any JSON-serializable value. */
  setSetting(key: string, value: unknown): void;

  /** The organisation's glossary rows, ordered by id; unreadable rows are logged and skipped. */
  listGlossaryRows(): GlossaryRow[];
  /**
   * Runs `fn` in one IMMEDIATE transaction that is fsynced at commit (synchronous=FULL): all of
   * its writes land together and survive a power cut, or none of them do.
   */
  writeGlossary<T>(fn: (writer: GlossaryWriter) => T): T;

  /**
   * Incidents, timelines, post-mortems, playbook versions and the audit log (durable writes).
   * Opened on first call, the same object every time: its rows are checked with the incident
   * schemas, and loading those (and zod) is no part of starting to watch hosts.
   */
  openIncidents(): Promise<IncidentStore>;

  /** SSH hosts, services and trusted host keys (durable writes; never a secret). */
  readonly inventory: InventoryStore;

  /** Checks of the other kinds (databases...): durable writes; never a secret. */
  readonly checks: ChecksStore;

  /** Alert rules, alerts and their timelines, silences, maintenance windows. */
  readonly alerts: AlertsStore;
  /** Notification channels (durable; never a secret), their outbox and delivery log. */
  readonly channels: ChannelsStore;
  /** Errors and warnings log sources read, for "jump to this time" (kept as long as raw samples). */
  readonly logEvents: LogEventsStore;

  /**
   * Deletes raw samples older than `now - rawMs` and rollups older than `now - rollupMs`, in
   * small batches with a turn of the event loop between them. Concurrent calls share one run.
   */
  runRetention(now?: number): Promise<RetentionResult>;

  /** Writes every buffered reading (open chunks too), then closes the database. Safe to call twice. */
  close(): void;
}
