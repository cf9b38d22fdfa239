// Telegram Bot API sendMessage with HTML formatting. The bot token sits in the URL path, so the
// API address is the destination it is bound to (a self-hosted Bot API server is allowed).
// https://core.telegram.org/bots/api#sendmessage
import { z } from 'zod';
import { DeliveryError, safeDetail } from '../delivery-error';
import { defineChannelType } from '../channel-type';
import { urlSetting } from '../destination';
import { checkStatus, jsonOf, postJson } from '../http-post';
import { clip, formatMessage, type FormattedMessage } from '../message/format';
import { escapeHtml, isWebLink, TONE_EMOJI } from '../message/markup';

export const TELEGRAM_API = 'https://api.telegram.org';

const schema = z.object({
  botToken: z.string().trim().regex(/^\d{3,20}:[A-Za-z0-9_-]{20,100}$/, 'a bot token looks like 123456:ABC-DEF…'),
  chatId: z.union([z.string(), z.number()]).transform(String).pipe(z.string().trim().regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,64})$/, 'a chat id is a number such as -1001234567890, or @channelname')),
  apiBase: urlSetting('loopback').nullish().transform((v) => (v || TELEGRAM_API).replace(/\/+$/, '')),
});
export type TelegramConfig = z.infer<typeof schema>;

export function telegramText(m: FormattedMessage): string {
  const parts = [
    `${TONE_EMOJI[m.tone]} <b>${escapeHtml(m.title)}</b>`,
    [escapeHtml(m.lead), ...m.alerts.map((a) => `• ${escapeHtml(a)}`)].join('\n'),
  ];
  if (m.facts.length) parts.push(m.facts.map((f) => `<b>${escapeHtml(f.label)}</b>: ${escapeHtml(f.value)}`).join('\n'));
  if (m.contacts.length) parts.push([`<b>${escapeHtml(m.headings.whomToCall)}</b>`, ...m.contacts.map((c) => `• ${escapeHtml(c)}`)].join('\n'));
  if (m.glossary.length) parts.push([`<b>${escapeHtml(m.headings.whatItMeans)}</b>`, ...m.glossary.map((g) => `<i>${escapeHtml(g)}</i>`)].join('\n'));
  if (m.link && isWebLink(m.link.url)) parts.push(`<a href="${escapeHtml(m.link.url)}">${escapeHtml(m.link.label)}</a>`);
  parts.push(`<i>${escapeHtml(m.footer)}</i>`);
  // 4096 is Telegram's limit after entities are parsed; cutting the source keeps tags whole enough.
  return clip(parts.join('\n\n'), 3900);
}

export const telegramChannel = defineChannelType<TelegramConfig>({
  type: 'telegram',
  descriptor: {
    type: 'telegram',
    name: { ko: 'Telegram', en: 'Telegram' },
    region: 'global',
    summary: { ko: '@BotFather에서 받은 봇 토큰과, 봇을 초대한 대화방의 채팅방 번호가 필요합니다.', en: 'Needs a bot token from @BotFather and the chat id of a chat the bot was added to.' },
    docsUrl: 'https://core.telegram.org/bots/tutorial',
    fields: [
      { key: 'botToken', label: { ko: '봇 토큰', en: 'Bot token' }, input: 'secret', required: true, placeholder: '123456789:AA…' },
      { key: 'chatId', label: { ko: '채팅방 번호', en: 'Chat id' }, input: 'text', required: true, placeholder: '-1001234567890' },
      { key: 'apiBase', label: { ko: 'Bot API 주소 (선택)', en: 'Bot API address (optional)' }, input: 'url', placeholder: TELEGRAM_API, help: { ko: '직접 운영하는 Bot API 서버가 있을 때만 바꿉니다.', en: 'Change only for a Bot API server you run yourselves.' } },
    ],
  },
  schema,
  secretFields: ['botToken'],
  destinationFields: ['apiBase'],
  destinationOf: (config) => `chat ${config.chatId}`,
  async send(notification, config, ctx) {
    const m = formatMessage(notification, { language: ctx.language, timeZone: ctx.timeZone, channelName: ctx.channelName, now: ctx.clock.now() });
    const url = new URL(`${config.apiBase}/bot${config.botToken}/sendMessage`);
    const answer = await postJson(url, { chat_id: config.chatId, text: telegramText(m), parse_mode: 'HTML', link_preview_options: { is_disabled: true } }, { timeoutMs: ctx.timeoutMs, secrets: ctx.secretValues });
    const json = jsonOf(answer) as { ok?: boolean; description?: string; parameters?: { retry_after?: number } } | null;
    const description = typeof json?.description === 'string' ? json.description : null;
    if (answer.status === 429 && typeof json?.parameters?.retry_after === 'number') {
      throw new DeliveryError('RATE_LIMITED', { status: 429, retryable: true, retryAfterMs: Math.min(3_600_000, json.parameters.retry_after * 1000), detail: safeDetail(description, ctx.secretValues) });
    }
    // "Bad Request: chat not found": the chat id is wrong or the bot is not in the chat.
    if (answer.status === 400 && description && /chat not found/i.test(description)) throw new DeliveryError('NOT_FOUND', { status: 400, detail: safeDetail(description, ctx.secretValues), field: 'chatId' });
    checkStatus(answer, url, { secrets: ctx.secretValues, reason: description });
    if (json?.ok !== true) throw new DeliveryError('REJECTED', { status: answer.status, detail: safeDetail(description, ctx.secretValues) });
  },
});
