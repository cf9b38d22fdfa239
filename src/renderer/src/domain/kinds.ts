// What the renderer knows about check kinds comes from their descriptors (sent by the engine's
// kind registry): series definitions, display names, chart and table layouts. Pure lookups.
import type { KindDescriptor, LocalizedText, SeriesDefinition } from '../../../shared/checks';
import type { SeriesKey, TargetId, TargetKind } from '../../../shared/model';
import { HOST_KINDS } from '../../../shared/model';
import { setDataMessages, type Language } from '../i18n/catalogue';

export function textIn(language: Language, text: LocalizedText): string {
  return text[language] || text.ko;
}

/** A kind's display name in the language; the bare kind id when the engine did not describe it. */
export function kindName(language: Language, descriptor: KindDescriptor | undefined, kind: string): string {
  return descriptor ? textIn(language, descriptor.name) : kind;
}

export function isHostKind(kind: TargetKind | undefined): boolean {
  return kind === undefined || HOST_KINDS.has(kind);
}

export function seriesDefinition(descriptor: KindDescriptor | undefined, key: SeriesKey): SeriesDefinition | null {
  return descriptor?.series.find((s) => s.key === key) ?? null;
}

/** Every series the check page charts, without duplicates, in chart order. */
export function chartKeys(descriptor: KindDescriptor): SeriesKey[] {
  return [...new Set(descriptor.charts.flatMap((c) => c.keys))];
}

/** The kind of a target, from the overview's tiles or the checks list. */
export function kindOf(state: { tiles: Record<TargetId, { target: { kind: TargetKind } }>; checks: Array<{ id: TargetId; kind: TargetKind }> | null }, targetId: TargetId): TargetKind | undefined {
  return state.tiles[targetId]?.target.kind ?? state.checks?.find((c) => c.id === targetId)?.kind;
}

/** Series of every kind the engine described, by key: units, glossary ids and names. */
const knownSeries = new Map<SeriesKey, SeriesDefinition>();

/** Takes the engine's descriptors; afterwards labels, units and glossary links know their series. */
export function learnKinds(descriptors: Iterable<KindDescriptor>): void {
  for (const d of descriptors) {
    kindsByName.set(d.kind, d);
    for (const s of d.series) knownSeries.set(s.key, s);
  }
}

const kindsByName = new Map<string, KindDescriptor>();

/** Every kind the engine described so far. */
export function learnedKinds(): KindDescriptor[] {
  return [...kindsByName.values()];
}

export function knownSeriesDefinition(key: SeriesKey): SeriesDefinition | undefined {
  return knownSeries.get(key);
}

setDataMessages((key, language) => {
  if (!key.startsWith('metric.')) return undefined;
  const def = knownSeries.get(key.slice('metric.'.length));
  return def ? textIn(language, def.label) : undefined;
});
