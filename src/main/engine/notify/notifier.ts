// The seam between the alert engine and the notification channels. The alert engine decides
// what to say and when (grouping, repeats, silences, maintenance, escalation); the notifier
// decides how each channel says it and gets it there (formats, retries, the delivery log).
import type { AlertNotification } from '../../../shared/notifications';

export interface Notifier {
  /**
   * Queues `notification` for these channels (every enabled channel when null) and returns at
   * once. Never throws and never blocks a poll: failures are retried with backoff and end up in
   * the delivery log.
   */
  notify(notification: AlertNotification, channelIds: readonly string[] | null): void;
}

/** Where notifications go until the channels exist: nowhere, and that is visible in tests. */
export class RecordingNotifier implements Notifier {
  readonly sent: Array<{ notification: AlertNotification; channelIds: readonly string[] | null }> = [];
  notify(notification: AlertNotification, channelIds: readonly string[] | null): void {
    this.sent.push({ notification, channelIds });
  }
}
