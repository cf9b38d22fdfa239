// Microsoft Teams through a Workflows "post to a channel when a webhook request is received"
// URL (or a classic incoming webhook): one message with an Adaptive Card 1.4.
// https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using
import { z } from 'zod';
import { defineChannelType } from '../channel-type';
import { hostOfUrl, urlSetting } from '../destination';
import { clip, formatMessage, type FormattedMessage, type Tone } from '../message/format';
import { isWebLink } from '../message/markup';
import { postJsonChecked } from './common';

const schema = z.object({ url: urlSetting('loopback') });
export type TeamsConfig = z.infer<typeof schema>;

const TITLE_COLOR: Record<Tone, string> = { critical: 'Attention', warning: 'Warning', ok: 'Good', info: 'Accent', unknown: 'Default' };

// Adaptive Card markdown has no escapes (a backslash shows as typed): only a link's "](" is defused.
const plain = (value: string) => value.replace(/\]\(/g, '] (');

const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: value, wrap: true, ...extra });

export function teamsPayload(m: FormattedMessage): Record<string, unknown> {
  const body: unknown[] = [
    text(clip(plain(m.title), 400), { weight: 'Bolder', size: 'Medium', color: TITLE_COLOR[m.tone] }),
    text(plain(m.lead)),
    text(m.alerts.map((a) => `- ${plain(a)}`).join('\n')),
  ];
  if (m.facts.length) body.push({ type: 'FactSet', facts: m.facts.map((f) => ({ title: f.label, value: f.value })) });
  if (m.contacts.length) body.push(text(m.headings.whomToCall, { weight: 'Bolder', spacing: 'Medium' }), text(m.contacts.map((c) => `- ${plain(c)}`).join('\n')));
  if (m.glossary.length) body.push(text(m.headings.whatItMeans, { weight: 'Bolder', spacing: 'Medium' }), text(m.glossary.map((g) => `- ${plain(g)}`).join('\n'), { isSubtle: true }));
  body.push(text(m.footer, { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  const card: Record<string, unknown> = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    body,
  };
  if (m.link && isWebLink(m.link.url)) card.actions = [{ type: 'Action.OpenUrl', title: m.link.label, url: m.link.url }];
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] };
}

export const teamsChannel = defineChannelType<TeamsConfig>({
  type: 'teams',
  descriptor: {
    type: 'teams',
    name: { ko: 'Microsoft Teams', en: 'Microsoft Teams' },
    region: 'global',
    summary: {
      ko: 'Teams 채널의 워크플로(웹훅 요청을 받으면 채널에 게시) 주소가 필요합니다.',
      en: 'Needs the URL of a Teams Workflow that posts to a channel when a webhook request is received.',
    },
    docsUrl: 'https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook',
    fields: [{ key: 'url', label: { ko: '워크플로 주소', en: 'Workflow URL' }, input: 'secret', required: true, placeholder: 'https://….logic.azure.com/workflows/…' }],
  },
  schema,
  secretFields: ['url'],
  destinationFields: ['url'],
  destinationOf: (config) => hostOfUrl(config.url),
  async send(notification, config, ctx) {
    const m = formatMessage(notification, { language: ctx.language, timeZone: ctx.timeZone, channelName: ctx.channelName, now: ctx.clock.now() });
    await postJsonChecked(new URL(config.url), teamsPayload(m), ctx);
  },
});
