// Every notification channel type, by name. Adding a type is its file plus one line here.
import type { AnyChannelType } from './channel-type';
import { desktopChannel } from './channels/desktop';
import { discordChannel } from './channels/discord';
import { doorayChannel } from './channels/dooray';
import { emailChannel } from './channels/email';
import { jandiChannel } from './channels/jandi';
import { kakaoworkChannel } from './channels/kakaowork';
import { slackChannel } from './channels/slack';
import { teamsChannel } from './channels/teams';
import { telegramChannel } from './channels/telegram';
import { webhookChannel } from './channels/webhook';

const asAny = (t: unknown) => t as AnyChannelType;

export const CHANNEL_TYPES: Readonly<Record<string, AnyChannelType>> = {
  desktop: asAny(desktopChannel),
  webhook: asAny(webhookChannel),
  slack: asAny(slackChannel),
  teams: asAny(teamsChannel),
  discord: asAny(discordChannel),
  telegram: asAny(telegramChannel),
  email: asAny(emailChannel),
  dooray: asAny(doorayChannel),
  jandi: asAny(jandiChannel),
  kakaowork: asAny(kakaoworkChannel),
};

export function channelType(type: string, registry: Readonly<Record<string, AnyChannelType>> = CHANNEL_TYPES): AnyChannelType | null {
  return Object.hasOwn(registry, type) ? registry[type]! : null;
}
