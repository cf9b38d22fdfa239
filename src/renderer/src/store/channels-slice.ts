// Notification channels, their types' descriptors and the delivery log; and, in a browser, the
// desktop notifications a desktop channel asks for (once the person allowed them). Writes go
// straight to the engine and reject with its { code, message }; lists reload on
// onDidChangeChannels (wired in the session slice), the log at most once a second.
import type { ChannelInput, ChannelRecord, ChannelsChangedEvent, ChannelTestResult, ChannelTypeDescriptor, DeliveryRecord, DesktopNotificationEvent } from '../../../shared/channels';
import type { ErrorPayload } from '../../../shared/errors';
import { browserNotifications, type BrowserNotifications, type DesktopPermission } from '../api/browser-notifications';
import { errorPayloadOf } from './errors';
import type { LoadStatus, SliceCreator } from './types';

export interface DeliveryLogState {
  /** One channel's log, or every channel's. */
  channelId: string | null;
  records: DeliveryRecord[];
  total: number;
  nextBefore: number | null;
  status: LoadStatus;
  error: ErrorPayload | null;
}

export interface ChannelsSlice {
  channelTypes: ChannelTypeDescriptor[];
  channels: ChannelRecord[] | null;
  channelsStatus: LoadStatus;
  channelsError: ErrorPayload | null;
  deliveries: DeliveryLogState;
  desktopPermission: DesktopPermission;
  loadChannels(): Promise<void>;
  ensureChannels(): void;
  saveChannel(input: ChannelInput): Promise<ChannelRecord>;
  deleteChannel(channelId: string): Promise<void>;
  testChannel(input: ChannelInput): Promise<ChannelTestResult>;
  /** The log's first page for one channel (or all). */
  loadDeliveries(channelId: string | null): Promise<void>;
  loadMoreDeliveries(): Promise<void>;
  applyChannelsChange(event: ChannelsChangedEvent): void;
  requestDesktopPermission(): Promise<void>;
  showDesktopNotification(event: DesktopNotificationEvent): void;
}

const PAGE = 100;
const LOG_REFRESH_MS = 1_000;

/** Tests give their own; the page uses the browser's. */
let notifications: BrowserNotifications | null = null;
export function setBrowserNotificationsForTests(value: BrowserNotifications | null): void {
  notifications = value;
}
const desktop = () => (notifications ??= browserNotifications());

export const createChannelsSlice: SliceCreator<ChannelsSlice> = (set, get, deps) => {
  let latestList = 0;
  let latestLog = 0;
  let logTimer: ReturnType<typeof setTimeout> | null = null;
  const write = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      const result = await call();
      void get().loadChannels();
      return result;
    } catch (err) {
      throw errorPayloadOf(err);
    }
  };
  const refreshLogSoon = () => {
    if (logTimer || get().deliveries.status === 'idle') return;
    logTimer = setTimeout(() => {
      logTimer = null;
      void get().loadDeliveries(get().deliveries.channelId);
    }, LOG_REFRESH_MS);
  };

  return {
    channelTypes: [],
    channels: null,
    channelsStatus: 'idle',
    channelsError: null,
    deliveries: { channelId: null, records: [], total: 0, nextBefore: null, status: 'idle', error: null },
    // Electron shows desktop notifications in its main process: nothing to allow here.
    desktopPermission: deps.hostKind === 'browser' ? desktop().permission() : 'unsupported',

    async loadChannels() {
      const request = ++latestList;
      if (get().channels === null) set({ channelsStatus: 'loading' });
      try {
        const [channelTypes, channels] = await Promise.all([deps.api.listChannelTypes(), deps.api.listChannels()]);
        if (request !== latestList) return;
        set({ channelTypes, channels, channelsStatus: 'ready', channelsError: null });
      } catch (err) {
        if (request === latestList) set((s) => ({ channelsStatus: s.channels ? 'ready' : 'error', channelsError: errorPayloadOf(err) }));
      }
    },

    ensureChannels() {
      const status = get().channelsStatus;
      if (status === 'idle' || status === 'error') void get().loadChannels();
    },

    saveChannel: (input) => write(() => deps.api.saveChannel(input)),
    deleteChannel: (channelId) => write(() => deps.api.deleteChannel({ channelId })),
    async testChannel(input) {
      try {
        return await deps.api.testChannel(input);
      } catch (err) {
        throw errorPayloadOf(err);
      }
    },

    async loadDeliveries(channelId) {
      const request = ++latestLog;
      const switching = get().deliveries.channelId !== channelId || get().deliveries.status === 'idle';
      set((s) => ({ deliveries: { ...s.deliveries, channelId, status: switching ? 'loading' : s.deliveries.status, ...(switching ? { records: [], total: 0, nextBefore: null } : {}) } }));
      try {
        const page = await deps.api.listDeliveries(channelId ? { channelId, limit: PAGE } : { limit: PAGE });
        if (request !== latestLog) return;
        set({ deliveries: { channelId, records: page.records, total: page.total, nextBefore: page.nextBefore, status: 'ready', error: null } });
      } catch (err) {
        if (request === latestLog) set((s) => ({ deliveries: { ...s.deliveries, status: s.deliveries.records.length ? 'ready' : 'error', error: errorPayloadOf(err) } }));
      }
    },

    async loadMoreDeliveries() {
      const { channelId, nextBefore } = get().deliveries;
      if (nextBefore === null) return;
      const request = ++latestLog;
      try {
        const page = await deps.api.listDeliveries({ ...(channelId ? { channelId } : {}), before: nextBefore, limit: PAGE });
        if (request !== latestLog) return;
        set((s) => ({ deliveries: { ...s.deliveries, records: [...s.deliveries.records, ...page.records], total: page.total, nextBefore: page.nextBefore, error: null } }));
      } catch (err) {
        if (request === latestLog) set((s) => ({ deliveries: { ...s.deliveries, error: errorPayloadOf(err) } }));
      }
    },

    applyChannelsChange(event) {
      if (get().channelsStatus !== 'idle') void get().loadChannels();
      const { channelId } = get().deliveries;
      if (channelId === null || event.channelIds.includes(channelId)) refreshLogSoon();
    },

    async requestDesktopPermission() {
      if (deps.hostKind !== 'browser') return;
      set({ desktopPermission: await desktop().request() });
    },

    showDesktopNotification(event) {
      if (deps.hostKind !== 'browser' || get().desktopPermission !== 'granted') return;
      desktop().show(event.title, { body: event.body, tag: event.id, requireInteraction: event.requireInteraction, lang: get().language }, () => (globalThis as { focus?: () => void }).focus?.());
    },
  };
};
