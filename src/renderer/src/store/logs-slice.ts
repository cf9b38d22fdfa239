// The logs page: which server and source are open, the live view (opened, renewed and closed
// here, never by components), the last 10,000 items it streamed, pause, level filter, search,
// the error-rate chart's range and the errors kept around a moment ("jump to this time"), and
// lines selected for an incident's timeline.
import type { ErrorPayload } from '../../../shared/errors';
import type { EvidenceLine, LogBatch, LogItem, LogLevel, LogViewState, StoredLogEvent } from '../../../shared/logs';
import { TIME_RANGES, type SeriesResult, type TargetId, type TimeRange } from '../../../shared/model';
import { errorPayloadOf } from './errors';
import type { LoadStatus, SliceCreator } from './types';

/** Items a view keeps; older ones leave as new ones arrive. */
export const MAX_VIEW_ITEMS = 10_000;
export const LOG_SERIES_KEYS = ['log.errors', 'log.warnings'];
const SERIES_REFRESH_MS = 15_000;
const KEPT_WINDOW_MS = 15 * 60_000;
export const LOG_KINDS: ReadonlySet<string> = new Set(['log-file', 'journald']);
export const DEFAULT_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'unknown'];

export interface LogsState {
  hostId: TargetId | null;
  sourceId: string | null;
  at: number | null;
  subscriptionId: string | null;
  file: string | null;
  viewState: LogViewState | 'idle' | 'opening';
  viewError: ErrorPayload | null;
  items: LogItem[];
  /** The newest seq shown while paused; null while following. */
  pausedAtSeq: number | null;
  levels: LogLevel[];
  search: string;
  range: TimeRange;
  series: SeriesResult | null;
  seriesStatus: LoadStatus;
  kept: StoredLogEvent[] | null;
  selected: number[];
}

export interface LogsSlice {
  logs: LogsState;
  openLogs(hostId: TargetId, sourceId: string | null, at: number | null): Promise<void>;
  closeLogs(): void;
  restartLogView(): Promise<void>;
  pauseLogs(): void;
  resumeLogs(): void;
  setLogLevels(levels: LogLevel[]): void;
  setLogSearch(search: string): void;
  setLogRange(range: TimeRange): Promise<void>;
  refreshLogSeries(): Promise<void>;
  applyLogBatch(batch: LogBatch): void;
  toggleLogSelection(seq: number): void;
  clearLogSelection(): void;
  /** Adds the selected lines to an incident's timeline; resolves with the incident's readable id. */
  attachLogLines(incidentId: string): Promise<string>;
}

export function emptyLogsState(range: TimeRange = '1h'): LogsState {
  return { hostId: null, sourceId: null, at: null, subscriptionId: null, file: null, viewState: 'idle', viewError: null, items: [], pausedAtSeq: null, levels: DEFAULT_LEVELS, search: '', range, series: null, seriesStatus: 'idle', kept: null, selected: [] };
}

export const createLogsSlice: SliceCreator<LogsSlice> = (set, get, deps) => {
  let renewTimer: ReturnType<typeof setInterval> | null = null;
  let seriesTimer: ReturnType<typeof setInterval> | null = null;
  let lastBatch = 0;
  let opening = 0;
  const patch = (p: Partial<LogsState>) => set((s) => ({ logs: { ...s.logs, ...p } }));

  const stopTimers = () => {
    if (renewTimer) clearInterval(renewTimer);
    if (seriesTimer) clearInterval(seriesTimer);
    renewTimer = seriesTimer = null;
  };

  async function closeView(): Promise<void> {
    const id = get().logs.subscriptionId;
    if (renewTimer) clearInterval(renewTimer);
    renewTimer = null;
    if (!id) return;
    patch({ subscriptionId: null });
    await deps.api.closeLogView({ subscriptionId: id }).catch(() => undefined);
  }

  async function openView(): Promise<void> {
    const { sourceId } = get().logs;
    await closeView();
    if (!sourceId) return;
    const request = ++opening;
    lastBatch = 0;
    patch({ viewState: 'opening', viewError: null, items: [], pausedAtSeq: null, selected: [], file: null });
    try {
      const opened = await deps.api.openLogView({ checkId: sourceId, lines: 200 });
      if (request !== opening || get().logs.sourceId !== sourceId) {
        void deps.api.closeLogView({ subscriptionId: opened.subscriptionId }).catch(() => undefined);
        return;
      }
      patch({ subscriptionId: opened.subscriptionId, file: opened.file, viewState: 'starting' });
      // Renewing well within the lease: a closed tab lets it lapse and the server's tail ends.
      renewTimer = setInterval(() => {
        const id = get().logs.subscriptionId;
        if (id) void deps.api.renewLogView({ subscriptionId: id }).catch((err) => patch({ viewState: 'ended', viewError: errorPayloadOf(err), subscriptionId: null }));
      }, Math.max(1_000, Math.floor(opened.leaseMs / 3)));
    } catch (err) {
      if (request === opening) patch({ viewState: 'ended', viewError: errorPayloadOf(err) });
    }
  }

  async function loadKept(): Promise<void> {
    const { sourceId, at } = get().logs;
    if (!sourceId || at === null) return patch({ kept: null });
    try {
      const kept = await deps.api.listLogEvents({ checkId: sourceId, from: at - KEPT_WINDOW_MS, until: at + KEPT_WINDOW_MS, limit: 500 });
      if (get().logs.sourceId === sourceId && get().logs.at === at) patch({ kept });
    } catch {
      patch({ kept: [] });
    }
  }

  return {
    logs: emptyLogsState(),

    async openLogs(hostId, sourceId, at) {
      const current = get().logs;
      if (current.hostId === hostId && current.sourceId === sourceId && current.at === at && current.viewState !== 'idle') return;
      const sameSource = current.hostId === hostId && current.sourceId === sourceId && current.subscriptionId !== null;
      patch({ hostId, at, ...(sameSource ? {} : { sourceId }) });
      if (get().checks === null) await get().loadChecks();
      // No source named: the host's first log source.
      const chosen = sourceId ?? (get().checks ?? []).find((c) => c.parentId === hostId && LOG_KINDS.has(c.kind))?.id ?? null;
      patch({ sourceId: chosen });
      if (!seriesTimer) seriesTimer = setInterval(() => void get().refreshLogSeries(), SERIES_REFRESH_MS);
      await Promise.all([sameSource && chosen === current.sourceId ? Promise.resolve() : openView(), get().refreshLogSeries(), loadKept()]);
    },

    closeLogs() {
      stopTimers();
      opening++;
      void closeView();
      set((s) => ({ logs: emptyLogsState(s.logs.range) }));
    },

    restartLogView: () => openView(),

    pauseLogs() {
      const last = get().logs.items.at(-1);
      patch({ pausedAtSeq: last?.seq ?? 0 });
    },
    resumeLogs: () => patch({ pausedAtSeq: null }),
    setLogLevels: (levels) => patch({ levels }),
    setLogSearch: (search) => patch({ search }),

    async setLogRange(range) {
      patch({ range, series: null, seriesStatus: 'loading' });
      await get().refreshLogSeries();
    },

    async refreshLogSeries() {
      const { sourceId, range, at } = get().logs;
      if (!sourceId) return;
      if (get().logs.series === null) patch({ seriesStatus: 'loading' });
      try {
        // Jumped to a moment: that moment in the middle of the chart.
        const until = at === null ? undefined : Math.min(deps.now(), at + TIME_RANGES[range] / 2);
        const series = await deps.api.getSeries({ targetId: sourceId, keys: LOG_SERIES_KEYS, range, ...(until ? { until } : {}) });
        if (get().logs.sourceId === sourceId && get().logs.range === range) patch({ series, seriesStatus: 'ready' });
      } catch {
        patch({ seriesStatus: get().logs.series ? 'ready' : 'error' });
      }
    },

    applyLogBatch(batch) {
      const { subscriptionId, items } = get().logs;
      if (batch.subscriptionId !== subscriptionId) return;
      let next = items;
      // A batch this screen never got (the socket dropped a frame): say so where it happened.
      if (lastBatch > 0 && batch.batch > lastBatch + 1) next = [...next, { type: 'mark', seq: (next.at(-1)?.seq ?? 0) + 0.5, ts: deps.now(), kind: 'gap', data: { reason: 'missed' } }];
      lastBatch = Math.max(lastBatch, batch.batch);
      if (batch.items.length > 0) next = [...next, ...batch.items];
      if (next.length > MAX_VIEW_ITEMS) next = next.slice(next.length - MAX_VIEW_ITEMS);
      patch({ items: next, viewState: batch.state, ...(batch.error ? { viewError: batch.error } : {}), ...(batch.state === 'ended' ? { subscriptionId: null } : {}) });
      if (batch.state === 'ended' && renewTimer) {
        clearInterval(renewTimer);
        renewTimer = null;
      }
    },

    toggleLogSelection(seq) {
      const selected = get().logs.selected;
      patch({ selected: selected.includes(seq) ? selected.filter((s) => s !== seq) : [...selected, seq].slice(-200) });
    },
    clearLogSelection: () => patch({ selected: [] }),

    async attachLogLines(incidentId) {
      const { selected, items, sourceId, hostId } = get().logs;
      const lines: EvidenceLine[] = items
        .filter((i) => i.type === 'event' && selected.includes(i.seq))
        .map((i) => (i.type === 'event' ? { ts: i.ts, level: i.level, text: i.text.slice(0, 8_000) } : null))
        .filter((l): l is EvidenceLine => l !== null);
      if (!sourceId || lines.length === 0) throw { code: 'INVALID_ARGUMENT', message: 'Select lines first.' };
      const check = get().checks?.find((c) => c.id === sourceId);
      const host = hostId ? (get().tiles[hostId]?.target.name ?? hostId) : null;
      try {
        const detail = await deps.api.getIncident({ id: incidentId });
        await deps.api.applyIncidentCommand({ id: incidentId, revision: detail.incident.revision, command: { type: 'attachLogLines', evidence: { checkId: sourceId, source: check?.name ?? sourceId, host, hostId, lines } } });
        patch({ selected: [] });
        return detail.incident.id;
      } catch (err) {
        throw errorPayloadOf(err);
      }
    },
  };
};
