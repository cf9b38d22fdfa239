// Slack incoming webhook with Block Kit: a header, the sentences, the facts as fields, whom to
// call, the glossary as context and a button back to the console. `text` is the fallback that
// notifications and screen readers use. https://api.slack.com/messaging/webhooks
import { z } from 'zod';
import { defineChannelType } from '../channel-type';
import { hostOfUrl, urlSetting } from '../destination';
import { clip, formatMessage, type FormattedMessage } from '../message/format';
import { escapeSlack, isWebLink, TONE_EMOJI } from '../message/markup';
import { postJsonChecked } from './common';

const schema = z.object({ url: urlSetting('loopback') });
export type SlackConfig = z.infer<typeof schema>;

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });

export function slackPayload(m: FormattedMessage): Record<string, unknown> {
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`${TONE_EMOJI[m.tone]} ${m.title}`, 150), emoji: true } },
    { type: 'section', text: mrkdwn(clip([escapeSlack(m.lead), ...m.alerts.map((a) => `• ${escapeSlack(a)}`)].join('\n'), 3000)) },
  ];
  if (m.facts.length) blocks.push({ type: 'section', fields: m.facts.slice(0, 10).map((f) => mrkdwn(clip(`*${escapeSlack(f.label)}*\n${escapeSlack(f.value)}`, 2000))) });
  if (m.contacts.length) blocks.push({ type: 'section', text: mrkdwn(clip([`*${escapeSlack(m.headings.whomToCall)}*`, ...m.contacts.map((c) => `• ${escapeSlack(c)}`)].join('\n'), 3000)) });
  if (m.glossary.length) blocks.push({ type: 'context', elements: [mrkdwn(clip(`*${escapeSlack(m.headings.whatItMeans)}*\n${m.glossary.map(escapeSlack).join('\n')}`, 3000))] });
  if (m.link && isWebLink(m.link.url)) blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: clip(m.link.label, 75) }, url: m.link.url }] });
  blocks.push({ type: 'context', elements: [mrkdwn(escapeSlack(m.footer))] });
  return { text: clip(`${m.title} — ${m.lead}`, 3000), blocks };
}

export const slackChannel = defineChannelType<SlackConfig>({
  type: 'slack',
  descriptor: {
    type: 'slack',
    name: { ko: 'Slack', en: 'Slack' },
    region: 'global',
    summary: { ko: 'Slack 앱의 Incoming Webhook 주소가 필요합니다.', en: 'Needs the Incoming Webhook URL of a Slack app.' },
    docsUrl: 'https://api.slack.com/messaging/webhooks',
    fields: [{ key: 'url', label: { ko: '웹훅 주소', en: 'Webhook URL' }, input: 'secret', required: true, placeholder: 'https://hooks.slack.com/services/…' }],
  },
  schema,
  secretFields: ['url'],
  destinationFields: ['url'],
  destinationOf: (config) => hostOfUrl(config.url),
  async send(notification, config, ctx) {
    const m = formatMessage(notification, { language: ctx.language, timeZone: ctx.timeZone, channelName: ctx.channelName, now: ctx.clock.now() });
    await postJsonChecked(new URL(config.url), slackPayload(m), ctx);
  },
});
