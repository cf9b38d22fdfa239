import type { ExternalAlertReading } from '../../../shared/external-alerts';
import type { CheckNote, DataTable, FactValues, FilesystemUsage, MetricValues, ReasonData, TopProcesses } from '../../../shared/model';

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
  /** Data sources: the alerts the source itself raised, all of them, each poll. */
  externalAlerts?: ExternalAlertReading[];
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
}
