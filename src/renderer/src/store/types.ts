import type { NextFrame } from './frame-batch';
// The store's shape, assembled from slices. Components read narrow selectors of AppState.
import type { StoreApi } from 'zustand/vanilla';
import type { OpsApi } from '../../../shared/api';
import type { ErrorPayload } from '../../../shared/errors';
import type { GlossaryEntry } from '../../../shared/glossary';
import type { GlossaryExportArgs, GlossaryExportFile, GlossaryImportArgs, GlossaryImportResult, GlossaryRecord } from '../../../shared/glossary-contract';
import type { AppInfo, HostSnapshot, OverviewTile, SeriesResult, TargetId, TimeRange } from '../../../shared/model';
import type { OpenedFile } from '../../../shared/desktop-shell';
import type { ConnectionState } from '../api/connection';
import type { EngineRestart } from '../api/engine-link';
import type { ReadableValue } from '../api/observable';
import type { Language } from '../i18n/catalogue';
import type { HostKind } from '../i18n/describe';
import type { Route } from '../routing/routes';
import type { ThemeName } from '../theme/tokens';
import type { KeyValueStorage } from './storage';
import type { TileState } from './tiles';
import type { IncidentFeatureSlices } from './incident-slices';
import type { ChecksSlice } from './checks-slice';
import type { ChannelsSlice } from './channels-slice';
import type { InventorySlice } from './inventory-slice';
import type { LogsSlice } from './logs-slice';
import type { StorageSlice } from './storage-slice';
import type { AlertsSlice } from './alerts-slice';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface OverviewSlice {
  tiles: Record<TargetId, TileState>;
  /** Target ids worst first (STATUS_SEVERITY), then by name. */
  tileOrder: TargetId[];
  overviewStatus: LoadStatus;
  overviewError: ErrorPayload | null;
  loadOverview(): Promise<void>;
  /** Shows an overview the engine sent (an answer, or the first data inside the page). */
  applyOverview(overview: OverviewTile[]): void;
  /** Folds a live sample into its tile; an unknown target triggers a reload. */
  applySample(snapshot: HostSnapshot): void;
  /** Folds many samples (oldest first) into the tiles in one update. */
  applySamples(snapshots: readonly HostSnapshot[]): void;
}

export interface HostState {
  targetId: TargetId | null;
  snapshot: HostSnapshot | null;
  snapshotReceivedAt: number;
  snapshotStatus: LoadStatus;
  snapshotError: ErrorPayload | null;
  range: TimeRange;
  series: SeriesResult | null;
  seriesStatus: LoadStatus;
  seriesError: ErrorPayload | null;
}

export interface HostSlice {
  host: HostState;
  openHost(targetId: TargetId): Promise<void>;
  closeHost(): void;
  setRange(range: TimeRange): Promise<void>;
  refreshSeries(): Promise<void>;
  /** A live sample for the open host: new current values, and throttled chart refresh for short ranges. */
  applyHostSample(snapshot: HostSnapshot): void;
}

export interface UiSlice {
  language: Language;
  theme: ThemeName;
  route: Route;
  appInfo: AppInfo | null;
  setLanguage(language: Language): void;
  toggleLanguage(): void;
  setTheme(theme: ThemeName): void;
  toggleTheme(): void;
  /** Goes to a route (updates the address bar through deps.onNavigate). */
  navigate(route: Route): void;
  /** Follows a route the address bar already shows (hashchange). */
  syncRoute(route: Route): void;
}

/**
 * What the popover is anchored to: the "?" button that opened it. Structural, so the store
 * stays free of DOM types (its tests run in Node).
 */
export interface PopoverAnchor {
  getBoundingClientRect(): { left: number; top: number; right: number; bottom: number; width: number; height: number };
  focus(): void;
  readonly isConnected?: boolean;
}

export interface GlossaryState {
  status: LoadStatus;
  error: ErrorPayload | null;
  /** Built-in entries merged with the organisation's, as the engine lists them. */
  records: GlossaryRecord[];
}

export interface GlossarySlice {
  glossary: GlossaryState;
  /** The entry shown in place next to a "?" button; null when closed. */
  glossaryPopover: { id: string; anchor: PopoverAnchor | null; /** Counts openings, so each one starts fresh. */ seq: number } | null;
  /** Opens (or, from the same button, closes) the popover for an entry. Never on the wall. */
  openGlossary(glossaryId: string, anchor?: PopoverAnchor): void;
  closeGlossary(): void;
  loadGlossary(): Promise<void>;
  /** Loads the glossary unless it is loaded or loading. */
  ensureGlossary(): void;
  /** These reject with the engine's { code, message } so forms can show it. */
  saveGlossaryEntry(entry: GlossaryEntry): Promise<GlossaryRecord>;
  deleteGlossaryEntry(id: string): Promise<GlossaryRecord | null>;
  exportGlossary(args: GlossaryExportArgs): Promise<GlossaryExportFile>;
  importGlossary(args: GlossaryImportArgs): Promise<GlossaryImportResult>;
}

export interface SessionSlice {
  hostKind: HostKind;
  connection: ConnectionState;
  /** Desktop app: the engine process crashed and is being restarted. */
  engineRestart: EngineRestart | null;
  /** A file the OS asked the desktop app to open, waiting for the person to import it or not. */
  openedFile: OpenedFile | null;
  showOpenedFile(file: OpenedFile): void;
  dismissOpenedFile(): void;
  /** Loads the first data and subscribes to engine events; returns the matching stop. */
  start(): () => void;
  /** Takes the engine's app info, and with it the default language when none was chosen. */
  applyAppInfo(appInfo: AppInfo): void;
  retryConnection(): void;
}

export type AppState = OverviewSlice & HostSlice & UiSlice & SessionSlice & GlossarySlice & IncidentFeatureSlices & InventorySlice & ChecksSlice & StorageSlice & AlertsSlice & ChannelsSlice & LogsSlice;
export type AppStore = StoreApi<AppState>;

export interface StoreDeps {
  api: OpsApi;
  hostKind: HostKind;
  connection: ReadableValue<ConnectionState>;
  engineRestart: ReadableValue<EngineRestart | null>;
  reconnectNow(): void;
  storage: KeyValueStorage;
  now(): number;
  /** navigator.language, or null where there is none. */
  navigatorLanguage: string | null;
  /** The OS light/dark preference: the theme until the person picks one. */
  systemTheme: ReadableValue<ThemeName>;
  initialRoute: Route;
  onNavigate(route: Route): void;
  /** Overview re-fetch period, so staleness computed by the engine shows without new samples. */
  overviewRefreshMs: number;
  /** Minimum gap between chart refreshes triggered by live samples. */
  seriesRefreshMs: number;
  /** When queued engine samples are folded in: the next animation frame in a page. */
  nextFrame: NextFrame;
}

export type SetState = AppStore['setState'];
export type GetState = AppStore['getState'];
export type SliceCreator<T> = (set: SetState, get: GetState, deps: StoreDeps) => T;
