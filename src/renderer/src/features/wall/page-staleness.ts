// Pure: is a tile's data old, judged in the page against the page's own clock? A frozen engine
// or a dropped socket sends nothing, so the engine's own STALE mark never arrives: the page must
// notice by itself, within 3 poll intervals.

/** Data older than this is shown grey/unknown: two missed polls, with room for a slow one. */
export function staleAfterMs(intervalMs: number): number {
  return Math.max(2 * intervalMs, intervalMs + 1_500);
}

/** How long the tile has been without data, when that is past staleAfterMs; else null. */
export function pageStaleForMs(receivedAt: number, now: number, intervalMs: number): number | null {
  const age = now - receivedAt;
  return age > staleAfterMs(intervalMs) ? age : null;
}

export interface WallOptions {
  /** Seconds per page; null: no rotation. */
  rotateSeconds: number | null;
  /** The sound on a new critical was asked for in the link (?sound=1). */
  sound: boolean;
}

export function wallOptions(search: string): WallOptions {
  const params = new URLSearchParams(search);
  const rotate = Number(params.get('rotate'));
  return { rotateSeconds: Number.isFinite(rotate) && rotate >= 5 && rotate <= 3600 ? Math.round(rotate) : null, sound: params.get('sound') === '1' };
}

export type WallPage = { kind: 'all' } | { kind: 'incidents' } | { kind: 'service'; id: string; name: string; hostIds: string[] };

/** All services, then active incidents, then one page per service that has hosts. */
export function wallPages(services: ReadonlyArray<{ id: string; name: string; hostIds: string[] }>): WallPage[] {
  return [{ kind: 'all' }, { kind: 'incidents' }, ...services.filter((s) => s.hostIds.length > 0).map((s) => ({ kind: 'service' as const, id: s.id, name: s.name, hostIds: s.hostIds }))];
}
