// The channels panel's plain parts: the form model (secrets kept, typed, forgotten; required
// fields; the destination warning), the store slice (lists, log paging, live refresh) and the
// browser's desktop notifications (asked from a click, shown only in a browser once allowed).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelRecord, ChannelTypeDescriptor, DeliveryRecord } from '../../../../src/shared/channels';
import type { BrowserNotifications, DesktopPermission } from '../../../../src/renderer/src/api/browser-notifications';
import { destinationChanged, draftFromRecord, emptyDraft, inputFromDraft, missingFields, randomSecret, secretKept } from '../../../../src/renderer/src/features/channels/channel-form-model';
import { deliveryCodeText } from '../../../../src/renderer/src/features/channels/delivery-text';
import { createTranslate } from '../../../../src/renderer/src/i18n/catalogue';
import { createAppStore } from '../../../../src/renderer/src/store';
import { setBrowserNotificationsForTests } from '../../../../src/renderer/src/store/channels-slice';
import { createFakeApi, flush } from '../support/fake-api';

const TELEGRAM: ChannelTypeDescriptor = {
  type: 'telegram',
  name: { ko: 'Telegram', en: 'Telegram' },
  region: 'global',
  summary: { ko: '봇 토큰', en: 'Bot token' },
  docsUrl: null,
  fields: [
    { key: 'botToken', label: { ko: '봇 토큰', en: 'Bot token' }, input: 'secret', required: true },
    { key: 'chatId', label: { ko: '채팅방 번호', en: 'Chat id' }, input: 'text', required: true },
    { key: 'apiBase', label: { ko: 'API', en: 'API' }, input: 'url' },
  ],
  destinationFields: ['apiBase'],
};

const RECORD: ChannelRecord = {
  id: 'n-1',
  type: 'telegram',
  name: '당직',
  enabled: true,
  language: 'ko',
  settings: { chatId: '42', apiBase: null },
  hasSecret: { botToken: true },
  destination: 'chat 42',
  createdAt: 1,
  updatedAt: 1,
  lastDelivery: null,
};

const record = (i: number): DeliveryRecord => ({ id: `d-${i}`, channelId: 'n-1', notificationId: `x-${i}`, event: 'firing', at: i, attempt: 1, outcome: 'delivered', code: null, status: null, detail: null, nextAttemptAt: null });

afterEach(() => setBrowserNotificationsForTests(null));

describe('channel form model', () => {
  it('never fills a secret back in: a stored one is kept by sending nothing', () => {
    const draft = draftFromRecord(RECORD, TELEGRAM);
    expect(draft.secrets).toEqual({});
    expect(secretKept(draft, TELEGRAM, 'botToken')).toBe(true);
    expect(missingFields(draft, TELEGRAM)).toEqual([]);
    expect(inputFromDraft(draft, TELEGRAM)).toEqual({ id: 'n-1', type: 'telegram', name: '당직', enabled: true, language: 'ko', settings: { chatId: '42', apiBase: null } });
  });

  it('a changed destination drops the stored secret, so the form asks for it', () => {
    const draft = { ...draftFromRecord(RECORD, TELEGRAM), fields: { chatId: '42', apiBase: 'https://bot.internal' } };
    expect(destinationChanged(draft, TELEGRAM)).toBe(true);
    expect(missingFields(draft, TELEGRAM)).toEqual(['botToken']);
    const typed = { ...draft, secrets: { botToken: ' 1:abc ' } };
    expect(inputFromDraft(typed, TELEGRAM).secrets).toEqual({ botToken: '1:abc' });
  });

  it('a new draft needs every required field; forgetting sends null', () => {
    const fresh = emptyDraft(TELEGRAM, 'en');
    expect(missingFields(fresh, TELEGRAM)).toEqual(['name', 'botToken', 'chatId']);
    const forgot = { ...draftFromRecord(RECORD, TELEGRAM), forget: ['botToken'] };
    expect(inputFromDraft(forgot, TELEGRAM).secrets).toEqual({ botToken: null });
    expect(randomSecret()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('words every delivery code in both languages, with a next step', () => {
    for (const language of ['ko', 'en'] as const) {
      const t = createTranslate(language);
      for (const code of ['HTTP_STATUS', 'AUTH_FAILED', 'NOT_FOUND', 'RATE_LIMITED', 'REDIRECT_REFUSED', 'UNREACHABLE', 'TIMEOUT', 'TLS_FAILED', 'REJECTED', 'CHANNEL_INVALID', 'NO_CONSOLE', 'EXPIRED', 'NO_CHANNEL', 'INTERNAL', 'SOMETHING_NEW']) {
        const text = deliveryCodeText(t, code, 500);
        expect(text, code).not.toMatch(/\{|delivery\.code/);
        if (language === 'ko') expect(text.replace(/HTTP|CA|OpsDeck|SOMETHING_NEW|\d+/g, ''), code).not.toMatch(/[A-Za-z]/);
      }
    }
    expect(deliveryCodeText(createTranslate('ko'), 'HTTP_STATUS', 503)).toContain('HTTP 503');
  });
});

describe('channels slice', () => {
  it('loads types and channels, pages the log, and refreshes on a change', async () => {
    vi.useFakeTimers();
    try {
      const api = createFakeApi();
      api.handlers.listChannelTypes = () => [TELEGRAM];
      api.handlers.listChannels = () => [RECORD];
      let served = 0;
      api.handlers.listDeliveries = (q) => {
        served++;
        return q.before ? { records: [record(1)], total: 3, nextBefore: null } : { records: [record(3), record(2)], total: 3, nextBefore: 2 };
      };
      const store = createAppStore(api);
      store.getState().start();
      store.getState().ensureChannels();
      await vi.runOnlyPendingTimersAsync();
      expect(store.getState()).toMatchObject({ channelsStatus: 'ready', channels: [RECORD], channelTypes: [TELEGRAM] });
      await store.getState().loadDeliveries(null);
      await store.getState().loadMoreDeliveries();
      expect(store.getState().deliveries.records.map((r) => r.id)).toEqual(['d-3', 'd-2', 'd-1']);
      expect(store.getState().deliveries.nextBefore).toBeNull();
      const before = served;
      api.emitChannelsChanged({ channelIds: ['n-1'], deliveriesOnly: true });
      api.emitChannelsChanged({ channelIds: ['n-1'], deliveriesOnly: true });
      await vi.advanceTimersByTimeAsync(1_000);
      expect(served - before).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('in a browser, shows a desktop notification only after the person allowed it', async () => {
    let permission: DesktopPermission = 'default';
    const shown: Array<{ title: string; tag: string }> = [];
    const fake: BrowserNotifications = {
      permission: () => permission,
      request: async () => (permission = 'granted'),
      show: (title, options) => void shown.push({ title, tag: options.tag }),
    };
    setBrowserNotificationsForTests(fake);
    const api = createFakeApi();
    const store = createAppStore(api, { hostKind: 'browser' });
    store.getState().start();
    const event = { id: 'd-1', channelId: 'n-1', notificationId: 'x', title: '[심각] 결제', body: '문제가 생겼습니다.', severity: 'critical' as const, status: 'crit' as const, link: null, requireInteraction: true };
    api.emitDesktopNotification(event);
    expect(shown).toEqual([]);
    await store.getState().requestDesktopPermission();
    expect(store.getState().desktopPermission).toBe('granted');
    api.emitDesktopNotification(event);
    expect(shown).toEqual([{ title: '[심각] 결제', tag: 'd-1' }]);
    // The desktop app shows them in its main process: the page never does.
    const app = createAppStore(createFakeApi(), { hostKind: 'electron' });
    expect(app.getState().desktopPermission).toBe('unsupported');
    app.getState().showDesktopNotification(event);
    expect(shown).toHaveLength(1);
    await flush();
  });
});
