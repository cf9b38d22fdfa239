import type { FilesystemUsage, HostFacts, HostMetrics, TopProcesses } from '../../../shared/model';

/** What one poll of one target produces. Missing readings are null, never 0. */
export interface CollectResult {
  ts: number;
  metrics: HostMetrics;
  filesystems: FilesystemUsage[];
  facts: HostFacts;
  /** Collectors that read processes (SSH hosts); absent elsewhere. */
  topProcesses?: TopProcesses | null;
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
