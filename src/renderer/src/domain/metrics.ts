// Lookups over the shared METRICS table for series keys, including per-filesystem series.
import { knownSeriesDefinition } from './kinds';
import { METRICS, type MetricDefinition, type MetricKey, type MetricUnit, type SeriesKey } from '../../../shared/model';

const FS_PREFIX = 'fs.used:';
const byKey = new Map<MetricKey, MetricDefinition>(METRICS.map((m) => [m.key, m]));

export function isFilesystemSeries(key: SeriesKey): key is `fs.used:${string}` {
  return key.startsWith(FS_PREFIX);
}

export function mountOfSeries(key: `fs.used:${string}`): string {
  return key.slice(FS_PREFIX.length);
}

/** The METRICS entry a series belongs to; a filesystem series belongs to disk.used. */
export function definitionOf(key: SeriesKey): MetricDefinition {
  const metric = (isFilesystemSeries(key) ? 'disk.used' : key) as MetricKey;
  const def = byKey.get(metric) ?? knownAsMetric(key);
  if (!def) throw new Error(`OpsDeck has no metric definition for "${key}"; add it to METRICS in src/shared/model.ts.`);
  return def;
}

/** Another kind's series, once the engine described it (see domain/kinds.ts). */
function knownAsMetric(key: SeriesKey): MetricDefinition | undefined {
  const def = knownSeriesDefinition(key);
  return def ? { key: def.key as MetricKey, unit: def.unit, glossaryId: def.glossaryId } : undefined;
}

/**
 * The definition when known. A check's series is known once its kind's descriptor arrived; a
 * reason can arrive first (the overview's first paint), and must not take the screen down.
 */
export function knownDefinitionOf(key: SeriesKey): MetricDefinition | undefined {
  const metric = (isFilesystemSeries(key) ? 'disk.used' : key) as MetricKey;
  return byKey.get(metric) ?? knownAsMetric(key);
}

export function unitOf(key: SeriesKey): MetricUnit {
  return definitionOf(key).unit;
}

export function glossaryIdOf(key: SeriesKey): string {
  return definitionOf(key).glossaryId;
}
