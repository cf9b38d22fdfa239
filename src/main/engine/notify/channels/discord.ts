// Discord webhook with one embed; mentions are switched off so a name like "@everyone" in a
// host or rule name pings nobody. https://discord.com/developers/docs/resources/webhook#execute-webhook
import { z } from 'zod';
import { defineChannelType } from '../channel-type';
import { hostOfUrl, urlSetting } from '../destination';
import { clip, formatMessage, type FormattedMessage } from '../message/format';
import { escapeMarkdown, isWebLink, TONE_COLORS } from '../message/markup';
import { postJsonChecked } from './common';

const schema = z.object({ url: urlSetting('loopback') });
export type DiscordConfig = z.infer<typeof schema>;

export function discordPayload(m: FormattedMessage, at: number): Record<string, unknown> {
  const fields: Array<{ name: string; value: string; inline: boolean }> = m.facts.map((f) => ({ name: clip(f.label, 256), value: clip(escapeMarkdown(f.value), 1024), inline: true }));
  if (m.contacts.length) fields.push({ name: clip(m.headings.whomToCall, 256), value: clip(m.contacts.map((c) => `• ${escapeMarkdown(c)}`).join('\n'), 1024), inline: false });
  if (m.glossary.length) fields.push({ name: clip(m.headings.whatItMeans, 256), value: clip(m.glossary.map((g) => `• ${escapeMarkdown(g)}`).join('\n'), 1024), inline: false });
  const embed: Record<string, unknown> = {
    title: clip(m.title, 256),
    description: clip([escapeMarkdown(m.lead), ...m.alerts.map((a) => `• ${escapeMarkdown(a)}`)].join('\n'), 3000),
    color: Number.parseInt(TONE_COLORS[m.tone].slice(1), 16),
    fields: fields.slice(0, 25),
    footer: { text: clip(m.footer, 2048) },
    timestamp: new Date(at).toISOString(),
  };
  if (m.link && isWebLink(m.link.url)) embed.url = m.link.url;
  return { username: 'OpsDeck', allowed_mentions: { parse: [] }, embeds: [embed] };
}

export const discordChannel = defineChannelType<DiscordConfig>({
  type: 'discord',
  descriptor: {
    type: 'discord',
    name: { ko: 'Discord', en: 'Discord' },
    region: 'global',
    summary: { ko: 'Discord 채널 설정의 연동 → 웹후크에서 만든 주소가 필요합니다.', en: 'Needs a webhook URL from the channel’s Integrations → Webhooks settings.' },
    docsUrl: 'https://support.discord.com/hc/articles/228383668',
    fields: [{ key: 'url', label: { ko: '웹후크 주소', en: 'Webhook URL' }, input: 'secret', required: true, placeholder: 'https://discord.com/api/webhooks/…' }],
  },
  schema,
  secretFields: ['url'],
  destinationFields: ['url'],
  destinationOf: (config) => hostOfUrl(config.url),
  async send(notification, config, ctx) {
    const m = formatMessage(notification, { language: ctx.language, timeZone: ctx.timeZone, channelName: ctx.channelName, now: ctx.clock.now() });
    await postJsonChecked(new URL(config.url), discordPayload(m, notification.at), ctx, {
      // Discord explains a refusal in the answer's `message` ("Unknown Webhook"...).
      reason: (answer) => {
        try {
          const json = JSON.parse(answer.body) as { message?: unknown };
          return typeof json.message === 'string' ? json.message : null;
        } catch {
          return null;
        }
      },
    });
  },
});
