// The contract every notification channel type meets (like the check kinds in collectors/): a
// type is one file under channels/ plus one line in channel-registry.ts. It declares its
// settings (one zod schema over settings and secrets together), which fields are secrets (kept
// in the keychain, never in SQLite, logs or replies), which fields say where the secrets are
// sent (a change drops the stored ones), and how it lays out and sends one message.
//
// send() resolves when the service accepted the message and throws a DeliveryError otherwise
// (retryable or not). It gets the words from the one formatter (message/format.ts), in the
// channel's language; it never builds sentences of its own.
import type { z } from 'zod';
import type { ChannelTypeDescriptor, DesktopNotificationEvent } from '../../../shared/channels';
import type { AlertNotification, ChannelLanguage } from '../../../shared/notifications';
import type { Clock } from '../core/clock';

export interface SendContext {
  channelId: string;
  /** This attempt's delivery id (the generic webhook sends it as a header, so a receiver can drop repeats). */
  deliveryId: string;
  channelName: string;
  language: ChannelLanguage;
  /** IANA zone for the times in the message. */
  timeZone: string;
  /** Overall deadline of one attempt (every HTTP request or SMTP session of it). */
  timeoutMs: number;
  clock: Clock;
  /** The secret values of this channel, so nothing a service echoes puts one in the log. */
  secretValues: readonly string[];
  /** Desktop channels: shows the notification; returns how many consoles or apps received it. */
  emitDesktop(event: DesktopNotificationEvent): number;
}

export interface ChannelType<Config = Record<string, unknown>> {
  type: string;
  /** What the screens draw; `destinationFields` is filled in from the type's own list. */
  descriptor: Omit<ChannelTypeDescriptor, 'destinationFields'>;
  /** Settings and secrets together; validated on save, on import and before every send. */
  schema: z.ZodType<Config>;
  /** Fields kept in the secret store (one JSON entry per channel, account `channel:<id>`). */
  secretFields: ReadonlyArray<keyof Config & string>;
  /** Fields (settings or secrets) that say where the secrets go: changing one drops the other stored secrets. */
  destinationFields: ReadonlyArray<keyof Config & string>;
  /** Where messages go, safe to show (a host name, a chat id, an address); null when nothing to say. */
  destinationOf(config: Config): string | null;
  send(notification: AlertNotification, config: Config, ctx: SendContext): Promise<void>;
}

/** Declares a channel type; the type parameter ties the schema to the rest. */
export function defineChannelType<Config>(type: ChannelType<Config>): ChannelType<Config> {
  return type;
}

export type AnyChannelType = ChannelType<Record<string, unknown>>;
