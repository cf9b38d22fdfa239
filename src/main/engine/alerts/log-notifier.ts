// Where notifications go when the engine was given no notifier (no channels module wired in):
// the engine log, so what would have been sent can still be seen.
import type { AlertNotification } from '../../../shared/notifications';
import type { Logger } from '../core/logger';
import type { Notifier } from '../notify/notifier';

export class LogOnlyNotifier implements Notifier {
  constructor(private readonly logger: Logger) {}
  notify(notification: AlertNotification, channelIds: readonly string[] | null): void {
    this.logger.log('info', 'notification-not-delivered', { id: notification.id, event: notification.event, alerts: notification.alerts.length, channels: channelIds?.length ?? 'all' });
  }
}
