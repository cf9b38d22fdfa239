// Which glossary entry explains each thing the screens show besides metrics (those carry their
// own glossaryId in METRICS): statuses, reasons and the filesystem table. The coverage test
// checks that every id here exists in the glossary.
import type { HealthReason, HealthStatus } from '../../../shared/model';
import { knownDefinitionOf } from './metrics';

export const STATUS_GLOSSARY_IDS: Record<HealthStatus, string> = {
  ok: 'status-ok',
  warn: 'status-warn',
  crit: 'status-crit',
  unknown: 'status-unknown',
};

export const REASON_GLOSSARY_IDS: Record<Exclude<HealthReason['code'], 'THRESHOLD'>, string> & { waiting: string } = {
  STALE: 'stale-data',
  COLLECT_FAILED: 'collection-failure',
  DOWN: 'downtime',
  /** "Waiting for the first sample". */
  waiting: 'polling',
};

/** Fixed labels that are not metrics: the filesystem table and the host facts. */
export const LABEL_GLOSSARY_IDS = {
  filesystems: 'filesystem',
  hostname: 'host',
  /** The server page's logs section. */
  logSource: 'log-source',
  overallStatus: 'overall-status',
  threshold: 'threshold',
} as const;

/** A crossed threshold is explained by its metric's entry, which states the bands. */
export function reasonGlossaryId(reason: HealthReason): string {
  return reason.code === 'THRESHOLD' ? (knownDefinitionOf(reason.metric)?.glossaryId ?? 'threshold') : REASON_GLOSSARY_IDS[reason.code];
}
