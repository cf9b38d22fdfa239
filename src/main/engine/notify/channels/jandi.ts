// JANDI incoming webhook: the v2 Accept header JANDI requires, the title with a link in
// `body`, a colour, and connectInfo sections (title + description) for the rest.
// Shape from JANDI's Incoming Webhook guide (support.jandi.com).
import { z } from 'zod';
import { defineChannelType } from '../channel-type';
import { hostOfUrl, urlSetting } from '../destination';
import { clip, formatMessage, type FormattedMessage } from '../message/format';
import { isWebLink, TONE_COLORS } from '../message/markup';
import { postJsonChecked } from './common';

export const JANDI_ACCEPT = 'application/vnd.tosslab.jandi-v2+json';

const schema = z.object({ url: urlSetting('loopback') });
export type JandiConfig = z.infer<typeof schema>;

export function jandiPayload(m: FormattedMessage): Record<string, unknown> {
  const connectInfo: Array<{ title: string; description: string }> = [{ title: clip(m.lead, 200), description: clip(m.alerts.join('\n'), 3000) }];
  for (const f of m.facts) connectInfo.push({ title: f.label, description: f.value });
  if (m.contacts.length) connectInfo.push({ title: m.headings.whomToCall, description: m.contacts.join('\n') });
  if (m.glossary.length) connectInfo.push({ title: m.headings.whatItMeans, description: m.glossary.join('\n') });
  const link = m.link && isWebLink(m.link.url) ? `\n[${m.link.label}](${m.link.url})` : '';
  return { body: clip(`${m.title}${link}`, 1000), connectColor: TONE_COLORS[m.tone], connectInfo };
}

export const jandiChannel = defineChannelType<JandiConfig>({
  type: 'jandi',
  descriptor: {
    type: 'jandi',
    name: { ko: '잔디 (JANDI)', en: 'JANDI' },
    region: 'korea',
    summary: { ko: '잔디 토픽의 커넥트 → Incoming Webhook에서 만든 주소가 필요합니다.', en: 'Needs an Incoming Webhook URL from a JANDI topic’s Connect menu.' },
    docsUrl: 'https://support.jandi.com',
    fields: [{ key: 'url', label: { ko: '웹훅 주소', en: 'Webhook URL' }, input: 'secret', required: true, placeholder: 'https://wh.jandi.com/connect-api/webhook/…' }],
  },
  schema,
  secretFields: ['url'],
  destinationFields: ['url'],
  destinationOf: (config) => hostOfUrl(config.url),
  async send(notification, config, ctx) {
    const m = formatMessage(notification, { language: ctx.language, timeZone: ctx.timeZone, channelName: ctx.channelName, now: ctx.clock.now() });
    await postJsonChecked(new URL(config.url), jandiPayload(m), ctx, { headers: { Accept: JANDI_ACCEPT, 'Content-Type': 'application/json' } });
  },
});
