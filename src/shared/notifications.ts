// What the alerting engine hands to notification channels, and what channels report back. The
// alert engine (engine/alerts) produces AlertNotifications; the notifier (engine/notify) turns
// each into a message per channel, in the channel's language, and delivers it with retries.
// Plain data: also shown in the delivery log and sent by "send test".
import type { HealthStatus, SeriesKey, TargetId, TargetKind } from './model';

export type AlertSeverity = 'critical' | 'warning' | 'info';

/** What happened to an alert group that a person should hear about. */
export type NotificationEvent =
  /** A new alert started firing (after its pending time). */
  | 'firing'
  /** Still firing after the group's repeat interval. */
  | 'repeat'
  /** Unacknowledged past the escalation delay: sent to the next level. */
  | 'escalated'
  | 'acknowledged'
  | 'resolved'
  /** No data or collection failures: its own state, never counted as OK. */
  | 'unknown'
  /** "Send test" in the settings. */
  | 'test';

/** One alert inside a notification, with everything the message needs to be plain. */
export interface NotifiedAlert {
  alertId: string;
  ruleName: string;
  severity: AlertSeverity;
  state: 'firing' | 'pending' | 'acknowledged' | 'resolved' | 'unknown';
  target: { id: TargetId; name: string; kind: TargetKind };
  /** The series the rule watches, its glossary entry and its unit, when the rule has one. */
  series: { key: SeriesKey; glossaryId: string | null; unit: string | null; label: { ko: string; en: string } | null } | null;
  value: number | null;
  threshold: number | null;
  /** 'above' or 'below' the threshold. */
  direction: 'above' | 'below' | null;
  /** When it first fired (ms since the epoch). */
  firingSince: number | null;
  resolvedAt: number | null;
  /** Who acknowledged it and their note, for 'acknowledged'. */
  acknowledgedBy: string | null;
  note: string | null;
  /** Extra words a rule carries (a forecast: the disk-full time; a baseline: how unusual). */
  detail: Record<string, string | number | null>;
}

export interface NotifiedService {
  id: string;
  name: string;
  owner: string;
  contact: string;
}

/** One notification: a group of alerts (grouped by service), sent to one or more channels. */
export interface AlertNotification {
  id: string;
  event: NotificationEvent;
  /** ms since the epoch, engine clock. */
  at: number;
  /** The service the group belongs to; null for targets in no service. */
  service: NotifiedService | null;
  /** The worst status in the group, for colours and emoji. */
  status: HealthStatus;
  alerts: NotifiedAlert[];
  /** Whom to call, from the service catalog and the escalation level. */
  escalationLevel: number;
  contacts: Array<{ name: string; role: string | null; contact: string | null }>;
  /** The one-line explanation from the glossary, by glossary id, in both languages. */
  glossary: Record<string, { ko: string; en: string }>;
  /** A link back to the console (the alert or the incident), when the console has an address. */
  link: string | null;
  /** The incident opened or proposed for this group, if any. */
  incidentId: string | null;
}

export type ChannelLanguage = 'ko' | 'en';

/** How one delivery attempt ended; kept in the delivery log. */
export interface DeliveryRecord {
  id: string;
  channelId: string;
  notificationId: string;
  event: NotificationEvent;
  at: number;
  attempt: number;
  outcome: 'delivered' | 'retrying' | 'failed' | 'suppressed';
  /** A stable code (HTTP_STATUS, TIMEOUT, TLS_FAILED, AUTH_FAILED, UNREACHABLE...), null when delivered. */
  code: string | null;
  /** HTTP status or SMTP reply code, when there was one. */
  status: number | null;
  /** Never contains a URL with a token, a password or a message body. */
  detail: string | null;
  /** For 'retrying': when the next attempt is due (ms since the epoch), after backoff or the service's Retry-After. */
  nextAttemptAt: number | null;
}
