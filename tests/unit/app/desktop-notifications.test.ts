// The desktop app shows a desktop channel's notifications with Electron's Notification, from
// the engine's event relayed through the main process; anything else on the link is ignored.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS } from '../../../src/shared/api';
import type { DesktopNotificationEvent } from '../../../src/shared/channels';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { setupDesktopNotifications } from '../../../src/main/app/desktop-notifications';
import { Notification, resetElectronMock } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

beforeEach(() => resetElectronMock());

function fakeLink() {
  const listeners = new Set<(channel: string, payload: unknown) => void>();
  return {
    invoke: vi.fn(),
    onEvent(listener: (channel: string, payload: unknown) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit: (channel: string, payload: unknown) => listeners.forEach((l) => l(channel, payload)),
  };
}

const EVENT: DesktopNotificationEvent = {
  id: 'd-1',
  channelId: 'n-1',
  notificationId: 'n-0001',
  title: '[심각] 결제 서비스: 메모리 사용률 높음',
  body: '문제가 생겼습니다.\n결제 웹서버 1의 메모리 사용률이 92.3%로 기준인 80%보다 높습니다.',
  severity: 'critical',
  status: 'crit',
  link: null,
  requireInteraction: true,
};

describe('desktop notifications in the app', () => {
  it('shows the engine’s request with Electron’s Notification; a critical one stays until dismissed', () => {
    const link = fakeLink();
    const showWindow = vi.fn();
    setupDesktopNotifications({ engine: link, logger: new MemoryLogger(), showWindow });
    link.emit(EVENT_CHANNELS.onDidRequestDesktopNotification, EVENT);
    expect(Notification.all).toHaveLength(1);
    const [shown] = Notification.all;
    expect(shown!.options).toEqual({ title: EVENT.title, body: EVENT.body, urgency: 'critical', timeoutType: 'never' });
    expect(shown!.shown).toBe(true);
    shown!.emit('click');
    expect(showWindow).toHaveBeenCalledTimes(1);
  });

  it('ignores other engine events and malformed payloads, and says so when the OS has no notifications', () => {
    const link = fakeLink();
    const logger = new MemoryLogger();
    setupDesktopNotifications({ engine: link, logger, showWindow: () => {} });
    link.emit(EVENT_CHANNELS.onDidChangeTargets, EVENT);
    link.emit(EVENT_CHANNELS.onDidRequestDesktopNotification, { title: 42 });
    expect(Notification.all).toHaveLength(0);
    Notification.supported = false;
    link.emit(EVENT_CHANNELS.onDidRequestDesktopNotification, { ...EVENT, requireInteraction: false });
    expect(Notification.all).toHaveLength(0);
    expect(logger.records.map((r) => r.event)).toEqual(['desktop-notification-refused', 'desktop-notification-unsupported']);
  });
});
