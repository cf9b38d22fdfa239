import type { OpsError } from '../../../shared/errors';
import type { CheckNote, DataTable, FactValues, FilesystemUsage, MetricValues, ReasonData, SeriesQuery, SeriesResult, TopProcesses } from '../../../shared/model';
import type { ExternalAlertReading } from '../../../shared/external-alerts';

/** What one poll of one target produces, for every kind. Missing readings are null, never 0. */
export interface CollectResult {
  ts: number;
  metrics: MetricValues;
  facts: FactValues;
  /** Hosts: local filesystems. */
  filesystems?: FilesystemUsage[];
  /** Collectors that read processes (SSH hosts); absent elsewhere. */
  topProcesses?: TopProcesses | null;
  /** Other kinds: rows by the descriptor's table ids (long queries, lock chains...). */
  tables?: Record<string, DataTable>;
  /** Things to say that are not readings ("pg_stat_statements is not installed"), as codes. */
  notes?: CheckNote[];
  /**
   * The service answered, and the answer is that it is down (an endpoint's 503, an expired
   * certificate): the readings are real and kept, and the target is CRIT with a DOWN reason.
   */
  down?: { code: string; message: string; data?: ReasonData };
  /**
   * Data sources (Prometheus): the hosts this poll read, each its own target fed by this one.
   * Absent for every other kind.
   */
  members?: MemberResult[];
  /** Data sources: the alerts the source itself raised, all of them, each poll. */
  externalAlerts?: ExternalAlertReading[];
}

/** One host a data source knows: its reading, or why it has none (DOWN with the scrape error). */
export interface MemberResult {
  /** Stable within the source (Prometheus's `instance` label). */
  key: string;
  name: string;
  kind: string;
  /**
   * Other names and addresses the source knows this machine by (Zabbix's technical host name,
   * interface IP and DNS), so the same machine from two sources is shown once (fed-hosts.ts).
   */
  aliases?: string[];
  result: CollectResult | null;
  error: OpsError | null;
}

/** What a host kind's poll produces: always its filesystems. */
export interface HostCollectResult extends CollectResult {
  filesystems: FilesystemUsage[];
}

/** A host kind's collector. */
export interface HostKindCollector extends Collector {
  collect(): Promise<HostCollectResult>;
}

/**
 * One collector per check type. Contract: collect() resolves with whatever could be read
 * (unreadable parts as null) and rejects only with an OpsError whose code says why nothing
 * at all could be read (for example COLLECT_FAILED or TIMEOUT).
 */
export interface Collector {
  collect(): Promise<CollectResult>;
  close?(): Promise<void> | void;
  /** Data sources: a fed host's chart, asked of the source (OpsDeck stores no history for it). */
  querySeries?(memberKey: string, q: SeriesQuery, widthPx: number): Promise<SeriesResult>;
}
