// Where alerts are sent: notification channels (messengers, webhooks, e-mail, the desktop), a
// "send test" per channel, and the delivery log. Secrets go in and never come out.
import type {
  ChannelInput,
  ChannelRecord,
  ChannelsChangedEvent,
  ChannelTestResult,
  ChannelTypeDescriptor,
  DeliveryPage,
  DeliveryQuery,
  DesktopNotificationEvent,
} from '../channels';
import { defineService, type Unsubscribe } from './define';

export interface ChannelsApi {
  /** Every channel type's descriptor: name, region and form fields (which of them are secrets). */
  listChannelTypes(): Promise<ChannelTypeDescriptor[]>;
  /** Saved channels; secrets appear only as `hasSecret`. */
  listChannels(): Promise<ChannelRecord[]>;
  /** Adds (no id) or replaces a channel; its secrets go to the OS keychain. */
  saveChannel(args: ChannelInput): Promise<ChannelRecord>;
  deleteChannel(args: { channelId: string }): Promise<void>;
  /** Sends one test message with these settings (saved or not) and says how it went. */
  testChannel(args: ChannelInput): Promise<ChannelTestResult>;
  /** The delivery log, newest first, a page at a time. */
  listDeliveries(args: DeliveryQuery): Promise<DeliveryPage>;

  onDidChangeChannels(listener: (event: ChannelsChangedEvent) => void): Unsubscribe;
  /** A desktop channel asks every open console (and the desktop app) to show a notification. */
  onDidRequestDesktopNotification(listener: (event: DesktopNotificationEvent) => void): Unsubscribe;
}

export const CHANNELS_API = defineService<ChannelsApi>(
  'channels',
  {
    listChannelTypes: { channel: 'opsdeck:list-channel-types', access: 'read', noArgument: true },
    listChannels: { channel: 'opsdeck:list-channels', access: 'read', noArgument: true },
    saveChannel: { channel: 'opsdeck:save-channel', access: 'write' },
    deleteChannel: { channel: 'opsdeck:delete-channel', access: 'write' },
    // Sends a message to the outside with the stored token: an operator's action.
    testChannel: { channel: 'opsdeck:test-channel', access: 'write' },
    listDeliveries: { channel: 'opsdeck:list-deliveries', access: 'read' },
  },
  {
    onDidChangeChannels: 'opsdeck:did-change-channels',
    onDidRequestDesktopNotification: 'opsdeck:did-request-desktop-notification',
  },
);
