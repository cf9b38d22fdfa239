// Notification channels as the screens see them: each channel type in the engine publishes a
// descriptor (plain data: its form fields, which of them are secrets, its name in both
// languages); the renderer draws the form from it. Secrets never come back: a channel record
// says only which secret fields are stored.
import type { LocalizedText } from './checks';
import type { ChannelLanguage, DeliveryRecord, AlertSeverity } from './notifications';
import type { HealthStatus } from './model';

export type { ChannelLanguage, DeliveryRecord } from './notifications';

/** Where a channel type is used: everywhere, by Korean teams, or on this computer. */
export type ChannelRegion = 'global' | 'korea' | 'local';

export type ChannelSettingValue = string | number | boolean | null;

export interface ChannelField {
  key: string;
  label: LocalizedText;
  /**
   * 'secret': kept in the OS keychain, never shown again (a webhook URL with its token, a bot
   * token, a password). 'list': several values, one per line or separated by commas.
   */
  input: 'text' | 'url' | 'number' | 'select' | 'checkbox' | 'secret' | 'list';
  required?: boolean;
  placeholder?: string;
  /** What a new form starts with. */
  initial?: string | number | boolean;
  options?: Array<{ value: string; label: LocalizedText }>;
  help?: LocalizedText;
}

export interface ChannelTypeDescriptor {
  type: string;
  name: LocalizedText;
  region: ChannelRegion;
  /** One sentence: what the person needs from the service to set it up. */
  summary: LocalizedText;
  /** The service's own setup page, for the form's "how to get this" link; null for none. */
  docsUrl: string | null;
  fields: ChannelField[];
  /** Fields that say where the secrets go: changing one means typing the secrets again. */
  destinationFields: string[];
}

/** A saved channel: settings without secrets, and which secret fields are stored. */
export interface ChannelRecord {
  id: string;
  type: string;
  name: string;
  enabled: boolean;
  language: ChannelLanguage;
  settings: Record<string, ChannelSettingValue>;
  /** Secret field -> whether a value is stored in the keychain. */
  hasSecret: Record<string, boolean>;
  /** Where messages go, safe to show: a host name, a chat id, a mail server; never a token. */
  destination: string | null;
  createdAt: number;
  updatedAt: number;
  /** The newest delivery log entry of this channel, for the list. */
  lastDelivery: Pick<DeliveryRecord, 'at' | 'outcome' | 'code' | 'event'> | null;
}

export interface ChannelInput {
  /** Absent to add a channel. */
  id?: string;
  type: string;
  name: string;
  enabled?: boolean;
  language: ChannelLanguage;
  /** The type's settings that are not secrets. */
  settings: Record<string, ChannelSettingValue>;
  /**
   * Secret field -> a value to store, or null to forget it. A field left out keeps its stored
   * value, but only while nothing that says where it is sent has changed.
   */
  secrets?: Record<string, string | null>;
}

export type ChannelTestResult =
  | { ok: true; elapsedMs: number; status: number | null }
  | { ok: false; code: string; status: number | null; detail: string | null; field: string | null };

export interface DeliveryQuery {
  /** One channel's log, or every channel's when absent. */
  channelId?: string;
  /** Entries older than this cursor (from the previous page). */
  before?: number;
  /** At most this many (default 100). */
  limit?: number;
}

export interface DeliveryPage {
  records: DeliveryRecord[];
  /** Entries of this query in the log (all pages). */
  total: number;
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: number | null;
}

export interface ChannelsChangedEvent {
  channelIds: string[];
  /** True when only the delivery log grew (the channel list itself did not change). */
  deliveriesOnly: boolean;
}

/**
 * A desktop notification to show now: sent to the console (the browser's Notification API in
 * serve) and to the desktop app's main process (Electron's Notification). Words in the
 * desktop channel's language, made by the same formatter as every other channel.
 */
export interface DesktopNotificationEvent {
  id: string;
  channelId: string;
  notificationId: string;
  title: string;
  body: string;
  severity: AlertSeverity | null;
  status: HealthStatus;
  /** Where a click should lead: a console path such as "/alerts", or null. */
  link: string | null;
  /** Critical alerts stay on screen until dismissed. */
  requireInteraction: boolean;
}
