// Dooray! messenger incoming hook: the title as text, then attachments with a colour bar for
// the sentences, the facts, whom to call, the glossary and the link. Plain text only.
// Shape from Dooray's incoming-hook guide (helpdesk.dooray.com) and public clients (PyDooray).
import { z } from 'zod';
import { DeliveryError } from '../delivery-error';
import { defineChannelType } from '../channel-type';
import { hostOfUrl, urlSetting } from '../destination';
import { jsonOf } from '../http-post';
import { clip, formatMessage, type FormattedMessage, type Tone } from '../message/format';
import { isWebLink } from '../message/markup';
import { optionalText, postJsonChecked } from './common';

const schema = z.object({
  url: urlSetting('loopback'),
  botName: optionalText(40).transform((v) => v ?? 'OpsDeck'),
});
export type DoorayConfig = z.infer<typeof schema>;

/** Dooray names its attachment colours. */
const DOORAY_COLOR: Record<Tone, string> = { critical: 'red', warning: 'yellow', ok: 'green', info: 'blue', unknown: 'gray' };

export function doorayPayload(m: FormattedMessage, botName: string): Record<string, unknown> {
  const color = DOORAY_COLOR[m.tone];
  const attachments: Array<Record<string, string>> = [{ title: clip(m.lead, 200), text: clip(m.alerts.map((a) => `• ${a}`).join('\n'), 3000), color }];
  if (m.facts.length) attachments.push({ text: m.facts.map((f) => `${f.label}: ${f.value}`).join('\n'), color });
  if (m.contacts.length) attachments.push({ title: m.headings.whomToCall, text: m.contacts.map((c) => `• ${c}`).join('\n'), color });
  if (m.glossary.length) attachments.push({ title: m.headings.whatItMeans, text: m.glossary.join('\n') });
  if (m.link && isWebLink(m.link.url)) attachments.push({ title: m.link.label, titleLink: m.link.url, text: m.footer });
  else attachments.push({ text: m.footer });
  return { botName, text: clip(m.title, 500), attachments };
}

export const doorayChannel = defineChannelType<DoorayConfig>({
  type: 'dooray',
  descriptor: {
    type: 'dooray',
    name: { ko: '두레이 (Dooray!)', en: 'Dooray!' },
    region: 'korea',
    summary: { ko: '두레이 메신저 대화방의 설정 → 서비스 연동 → 수신 웹훅(Incoming)에서 만든 주소가 필요합니다.', en: 'Needs an incoming-hook URL from the Dooray! messenger room’s service integration settings.' },
    docsUrl: 'https://helpdesk.dooray.com',
    fields: [
      { key: 'url', label: { ko: '수신 웹훅 주소', en: 'Incoming hook URL' }, input: 'secret', required: true, placeholder: 'https://hook.dooray.com/services/…' },
      { key: 'botName', label: { ko: '보내는 이름', en: 'Sender name' }, input: 'text', initial: 'OpsDeck' },
    ],
  },
  schema,
  secretFields: ['url'],
  destinationFields: ['url'],
  destinationOf: (config) => hostOfUrl(config.url),
  async send(notification, config, ctx) {
    const m = formatMessage(notification, { language: ctx.language, timeZone: ctx.timeZone, channelName: ctx.channelName, now: ctx.clock.now() });
    const answer = await postJsonChecked(new URL(config.url), doorayPayload(m, config.botName), ctx);
    // Dooray answers 200 with a header saying whether it took the message.
    const json = jsonOf(answer) as { header?: { isSuccessful?: boolean; resultMessage?: string } } | null;
    if (json?.header?.isSuccessful === false) throw new DeliveryError('REJECTED', { status: answer.status, detail: json.header.resultMessage ?? null });
  },
});
