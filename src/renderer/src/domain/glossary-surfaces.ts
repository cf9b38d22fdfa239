// Where each glossary term is linked from: built from the very constants the screens render
// their "?" buttons from, so "where it appears" on an entry can only name a screen that shows
// the term. The glossary lists every term itself. A test (and the e2e walk) holds the screens to it.
import type { KindDescriptor } from '../../../shared/checks';
import type { GlossarySurface } from '../../../shared/glossary';
import type { Playbook } from '../../../shared/incidents';
import { METRICS, type HealthStatus } from '../../../shared/model';
import { TILE_METRICS } from '../features/overview/tile-metrics';
import { LABEL_GLOSSARY_IDS, REASON_GLOSSARY_IDS, STATUS_GLOSSARY_IDS } from './glossary-links';
import { HOST_CHARTS } from './host-charts';
import { learnedKinds } from './kinds';
import { glossaryIdOf } from './metrics';

/** The "?" buttons of the report screen. */
export const REPORT_GLOSSARY_IDS = { mtta: 'mtta', mttr: 'mttr', availability: 'availability' } as const;
/** The post-mortem's guidance box. */
export const POSTMORTEM_GLOSSARY_IDS = { blameless: 'blameless' } as const;

/** Surfaces a built-in entry may name, in the order an entry lists them ('settings' has no screen). */
export const SHOWN_SURFACES: readonly GlossarySurface[] = ['overview', 'host-page', 'database-page', 'incident-room', 'reports', 'targets', 'glossary'];

const statusIds = Object.values(STATUS_GLOSSARY_IDS as Record<HealthStatus, string>);
const reasonIds = Object.values(REASON_GLOSSARY_IDS);

/** Glossary ids each screen links, given the playbook the incident screens run. */
export function surfaceLinks(playbook: Playbook | null, kinds: readonly KindDescriptor[] = learnedKinds()): Record<Exclude<GlossarySurface, 'glossary' | 'settings'>, ReadonlySet<string>> {
  // Checks of other kinds draw their tiles and pages from their descriptors (features/checks).
  const checkKinds = kinds.filter((k) => k.category !== 'host');
  const tileIds = checkKinds.flatMap((k) => k.tile.map((key) => k.series.find((s) => s.key === key)?.glossaryId).filter((id): id is string => !!id));
  const pageIds = checkKinds.flatMap((k) => [k.glossaryId, ...k.charts.map((c) => c.glossaryId), ...k.tables.map((t) => t.glossaryId)]);
  const playbookIds = new Set<string>();
  for (const stage of playbook?.stages ?? []) {
    if (stage.glossaryId) playbookIds.add(stage.glossaryId);
    for (const item of stage.checklist) if (item.glossaryId) playbookIds.add(item.glossaryId);
  }
  return {
    overview: new Set([...statusIds, ...reasonIds, ...TILE_METRICS.map((m) => glossaryIdOf(m.key)), ...tileIds]),
    'database-page': new Set(checkKinds.length ? [...statusIds, ...reasonIds, ...pageIds] : []),
    'host-page': new Set([
      ...statusIds,
      ...reasonIds,
      ...METRICS.map((m) => m.glossaryId),
      ...HOST_CHARTS.map((c) => c.glossaryId),
      LABEL_GLOSSARY_IDS.filesystems,
      LABEL_GLOSSARY_IDS.hostname,
      LABEL_GLOSSARY_IDS.logSource,
    ]),
    'incident-room': new Set([...playbookIds, ...Object.values(POSTMORTEM_GLOSSARY_IDS)]),
    reports: new Set(Object.values(REPORT_GLOSSARY_IDS)),
    // The server list shows each server's health badge with its "?".
    targets: new Set(statusIds),
  };
}

/** The screens that link this entry, then the glossary itself. */
export function surfacesOf(entryId: string, playbook: Playbook | null): GlossarySurface[] {
  const links = surfaceLinks(playbook);
  const on = (Object.keys(links) as Array<keyof typeof links>).filter((s) => links[s].has(entryId));
  return [...SHOWN_SURFACES.filter((s) => (on as GlossarySurface[]).includes(s)), 'glossary'];
}
