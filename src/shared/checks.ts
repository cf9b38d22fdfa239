// Check kinds as the screens see them: each kind module in the engine publishes a descriptor
// (plain data) that says which series it yields, how they chart, which tables and facts it has
// and what a tile shows. The renderer draws any kind from its descriptor. Display names are
// data in both languages, like the glossary; errors and notes stay codes the renderer words.
import type { MetricUnit, SeriesKey, TargetId, TargetKind } from './model';

export interface LocalizedText {
  ko: string;
  en: string;
}

/** What a kind is, for grouping on screens: machines, databases, log sources, endpoints (HTTP, TCP), data sources (Prometheus, Zabbix). */
export type KindCategory = 'host' | 'database' | 'log' | 'endpoint' | 'source';

export interface SeriesDefinition {
  key: SeriesKey;
  unit: MetricUnit;
  /** The glossary entry that explains this series to a non-engineer. */
  glossaryId: string;
  label: LocalizedText;
  /** False for values shown only as the current reading: no history is stored. */
  history?: false;
}

export interface ChartDefinition {
  id: string;
  title: LocalizedText;
  keys: SeriesKey[];
  glossaryId: string;
}

export interface TableColumn {
  key: string;
  label: LocalizedText;
  /** How to show the cell: plain text, a duration in seconds, a count, bytes... */
  /** 'state': a session or thread state the renderer words (active, idle in transaction...). */
  format: 'text' | 'seconds' | 'count' | 'bytes' | 'percent' | 'ms' | 'code' | 'state';
}

export interface TableDefinition {
  id: string;
  title: LocalizedText;
  glossaryId: string;
  columns: TableColumn[];
  /** Rows form a tree by these columns (a lock chain: who waits on whom). */
  tree?: { idColumn: string; parentColumn: string };
  /** Shown when the table has no rows. */
  empty: LocalizedText;
}

export interface FactDefinition {
  key: string;
  label: LocalizedText;
  /** 'date': an ISO 8601 time shown as its UTC calendar date; 'time': shown as date and time in the person's time zone. */
  format?: 'text' | 'date' | 'time';
}

/** A field of the kind's "add" form. The engine validates with the kind's schema; this only draws it. */
export interface ConfigField {
  key: string;
  label: LocalizedText;
  /**
   * 'password' is sent as the check's secret, never inside its settings. 'host': an inventory
   * server. 'lines': several lines of text (request headers).
   */
  input: 'text' | 'number' | 'password' | 'host' | 'select' | 'checkbox' | 'lines';
  required?: boolean;
  placeholder?: string;
  /** What a new form starts with. */
  initial?: string;
  options?: Array<{ value: string; label: LocalizedText }>;
  help?: LocalizedText;
  /** Shown (and sent) only while another field has one of these values (a CA file only with TLS on). */
  showWhen?: { field: string; values: string[] };
}

export interface KindDescriptor {
  kind: TargetKind;
  category: KindCategory;
  name: LocalizedText;
  /** Glossary entry for the kind itself (PostgreSQL, MariaDB...). */
  glossaryId: string;
  series: SeriesDefinition[];
  charts: ChartDefinition[];
  tables: TableDefinition[];
  facts: FactDefinition[];
  /** At most four series a tile shows. */
  tile: SeriesKey[];
  /** Fields of the add form; empty for kinds added elsewhere (hosts, this computer). */
  form: ConfigField[];
  /** Default polling interval in ms. */
  defaultIntervalMs: number;
  /** Settings that say where the secret is sent: changing one drops the stored secret (the form says so). */
  secretBoundTo?: string[];
}

/** A check's settings as the screens see them: no secret, only whether one is stored. */
export interface CheckRecord {
  id: TargetId;
  kind: TargetKind;
  name: string;
  enabled: boolean;
  intervalMs: number;
  parentId: TargetId | null;
  config: Record<string, string | number | boolean | null>;
  hasSecret: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface CheckInput {
  /** Absent to add a check. */
  id?: TargetId;
  kind: TargetKind;
  name: string;
  enabled?: boolean;
  intervalMs?: number;
  config: Record<string, string | number | boolean | null>;
  /**
   * The check's password: a string to store, null to forget it, absent to keep the stored one
   * (kept only while nothing that says where it is sent has changed).
   */
  secret?: string | null;
}

export type CheckTestResult =
  | {
      ok: true;
      elapsedMs: number;
      facts: Record<string, string | null>;
      notes: Array<{ code: string; data?: Record<string, string | number | null> }>;
      /** Readings of the test, by the kind's series keys (an endpoint's status, timings, days left). */
      metrics?: Record<string, number | null>;
    }
  | { ok: false; code: string; message: string; data?: Record<string, string | number | null> };

export interface ChecksChangedEvent {
  checkIds: TargetId[];
}
