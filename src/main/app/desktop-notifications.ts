// Desktop notifications in the app: a desktop channel in the engine (utility process) emits a
// request through the existing engine link, and the main process, which alone may, shows it
// with Electron's Notification. A click brings the console to the front. Windows' renderers get
// the same event but show nothing themselves (browser notifications are for serve only).
import { Notification } from 'electron';
import type { Unsubscribe } from '../../shared/api';
import { EVENT_CHANNELS } from '../../shared/api';
import type { DesktopNotificationEvent } from '../../shared/channels';
import type { Logger } from '../engine/core/logger';
import type { EngineLink } from './engine-supervisor';

export interface DesktopNotificationsOptions {
  engine: EngineLink;
  logger: Logger;
  /** Brings the main window to the front (a click on the notification). */
  showWindow(): void;
}

const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;

/** The engine's payload, checked: only plain, bounded text reaches the OS. */
export function isDesktopNotification(value: unknown): value is DesktopNotificationEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return isText(v.id, 200) && isText(v.title, 512) && typeof v.body === 'string' && v.body.length <= 2048 && typeof v.requireInteraction === 'boolean';
}

export function setupDesktopNotifications(opts: DesktopNotificationsOptions): Unsubscribe {
  // Electron may collect a Notification that nothing references before it is clicked.
  const shown = new Set<Notification>();
  return opts.engine.onEvent((channel, payload) => {
    if (channel !== EVENT_CHANNELS.onDidRequestDesktopNotification) return;
    if (!isDesktopNotification(payload)) {
      opts.logger.log('warn', 'desktop-notification-refused');
      return;
    }
    if (!Notification.isSupported()) {
      opts.logger.log('warn', 'desktop-notification-unsupported', { id: payload.id });
      return;
    }
    const notification = new Notification({
      title: payload.title,
      body: payload.body,
      urgency: payload.requireInteraction ? 'critical' : 'normal',
      timeoutType: payload.requireInteraction ? 'never' : 'default',
    });
    shown.add(notification);
    notification.on('click', () => opts.showWindow());
    notification.on('close', () => shown.delete(notification));
    notification.show();
    // Past a handful, the oldest are the OS's to keep; we only need the recent ones clickable.
    if (shown.size > 50) shown.delete(shown.values().next().value!);
    opts.logger.log('info', 'desktop-notification-shown', { id: payload.id });
  });
}
