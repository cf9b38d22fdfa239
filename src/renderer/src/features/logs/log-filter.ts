// Pure: which items of a view are shown (paused, level filter, search) and how a line splits
// around the searched text for highlighting. Marks are always shown: they say where lines may be
// missing, and a filter must never hide that.
import { displayText } from '../../../../shared/log-text';
import type { LogItem, LogLevel } from '../../../../shared/logs';

export interface ViewFilter {
  levels: readonly LogLevel[];
  search: string;
  pausedAtSeq: number | null;
}

export function visibleItems(items: readonly LogItem[], filter: ViewFilter): LogItem[] {
  const levels = new Set(filter.levels);
  const needle = filter.search.trim().toLowerCase();
  const out: LogItem[] = [];
  for (const item of items) {
    if (filter.pausedAtSeq !== null && item.seq > filter.pausedAtSeq) break;
    if (item.type === 'mark') {
      out.push(item);
      continue;
    }
    if (!levels.has(item.level)) continue;
    if (needle && !item.text.toLowerCase().includes(needle)) continue;
    out.push(item);
  }
  return out;
}

/** Items that arrived after the pause, waiting to be shown. */
export function waitingCount(items: readonly LogItem[], pausedAtSeq: number | null): number {
  if (pausedAtSeq === null) return 0;
  let n = 0;
  for (let i = items.length - 1; i >= 0 && items[i]!.seq > pausedAtSeq; i--) n++;
  return n;
}

export interface TextPart {
  text: string;
  match: boolean;
}

/** The line as shown (escape sequences removed, control characters visible), split around matches. */
export function highlightParts(raw: string, search: string): TextPart[] {
  const text = displayText(raw);
  const needle = search.trim().toLowerCase();
  if (!needle) return [{ text, match: false }];
  const parts: TextPart[] = [];
  const lower = text.toLowerCase();
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts;
}

/** Errors and warnings in a chart's window: each point counts its interval's share of a minute. */
export function totalsOf(points: ReadonlyArray<readonly [number, number | null]>, spacingMs: number): number {
  const perPoint = spacingMs / 60_000;
  let sum = 0;
  for (const [, v] of points) if (v !== null) sum += v * perPoint;
  return Math.round(sum * 1000) / 1000;
}
