// KakaoWork through its bot API (not a plain webhook): the app key as a Bearer token; a chat
// is opened with the listed members (conversations.open, once per channel and members), then
// messages.send with a push text and Block Kit blocks.
// https://docs.kakaoi.ai/kakao_work/webapireference/conversations/ and /messages/
import { z } from 'zod';
import { DeliveryError, safeDetail } from '../delivery-error';
import { defineChannelType, type SendContext } from '../channel-type';
import { listSetting, urlSetting } from '../destination';
import { checkStatus, jsonOf, postJson } from '../http-post';
import { clip, formatMessage, type FormattedMessage, type Tone } from '../message/format';
import { isWebLink } from '../message/markup';

export const KAKAOWORK_API = 'https://api.kakaowork.com';

const schema = z.object({
  appKey: z.string().trim().min(8, 'required').max(200),
  userIds: listSetting(z.string().regex(/^\d{1,20}$/, 'a KakaoWork user id is a number'), 50),
  apiBase: urlSetting('loopback').nullish().transform((v) => (v || KAKAOWORK_API).replace(/\/+$/, '')),
});
export type KakaoWorkConfig = z.infer<typeof schema>;

const HEADER_STYLE: Record<Tone, string> = { critical: 'red', warning: 'yellow', ok: 'blue', info: 'blue', unknown: 'blue' };

export function kakaoworkMessage(m: FormattedMessage): { text: string; blocks: unknown[] } {
  const blocks: unknown[] = [
    // A header holds about 20 characters; the full title follows in bold.
    { type: 'header', text: clip(m.title, 20), style: HEADER_STYLE[m.tone] },
    { type: 'text', text: clip(m.title, 500), inlines: [{ type: 'styled', text: clip(m.title, 500), bold: true }] },
    { type: 'text', text: clip([m.lead, ...m.alerts].join('\n'), 2000) },
  ];
  for (const f of m.facts) blocks.push({ type: 'description', term: clip(f.label, 10), content: { type: 'text', text: clip(f.value, 200) }, accent: true });
  if (m.contacts.length) blocks.push({ type: 'divider' }, { type: 'text', text: clip([m.headings.whomToCall, ...m.contacts].join('\n'), 1000) });
  if (m.glossary.length) blocks.push({ type: 'text', text: clip([m.headings.whatItMeans, ...m.glossary].join('\n'), 1000) });
  if (m.link && isWebLink(m.link.url)) blocks.push({ type: 'button', text: clip(m.link.label, 20), style: 'default', action_type: 'open_system_browser', value: m.link.url });
  blocks.push({ type: 'context', content: { type: 'text', text: m.footer } });
  return { text: clip(`${m.title} — ${m.lead}`, 200), blocks };
}

type KakaoAnswer = { success?: boolean; error?: { code?: string; message?: string }; conversation?: { id?: number | string } } | null;

async function call(ctx: SendContext, config: KakaoWorkConfig, path: string, body: unknown): Promise<KakaoAnswer> {
  const url = new URL(`${config.apiBase}${path}`);
  const answer = await postJson(url, body, { timeoutMs: ctx.timeoutMs, headers: { Authorization: `Bearer ${config.appKey}` }, secrets: ctx.secretValues });
  const json = jsonOf(answer) as KakaoAnswer;
  const code = json?.error?.code ?? null;
  if (code === 'rate_limit_exceeded' || code === 'too_many_requests') throw new DeliveryError('RATE_LIMITED', { status: answer.status, retryable: true, detail: code });
  checkStatus(answer, url, { secrets: ctx.secretValues, reason: code });
  if (json?.success !== true) {
    const detail = safeDetail([code, json?.error?.message].filter(Boolean).join(' · ') || null, ctx.secretValues);
    if (code === 'unauthorized' || code === 'invalid_token') throw new DeliveryError('AUTH_FAILED', { status: answer.status, detail });
    throw new DeliveryError('REJECTED', { status: answer.status, detail, field: code === 'user_not_found' ? 'userIds' : null });
  }
  return json;
}

/** Conversation ids by channel and members: opened once, reused while the members stay the same. */
const conversations = new Map<string, string>();

export const kakaoworkChannel = defineChannelType<KakaoWorkConfig>({
  type: 'kakaowork',
  descriptor: {
    type: 'kakaowork',
    name: { ko: '카카오워크', en: 'KakaoWork' },
    region: 'korea',
    summary: { ko: '카카오워크 관리자 페이지에서 만든 봇의 앱 키와, 알림을 받을 구성원의 사용자 번호가 필요합니다.', en: 'Needs the app key of a bot made in the KakaoWork admin page, and the user ids of the members to notify.' },
    docsUrl: 'https://docs.kakaoi.ai/kakao_work/',
    fields: [
      { key: 'appKey', label: { ko: '봇 앱 키', en: 'Bot app key' }, input: 'secret', required: true },
      { key: 'userIds', label: { ko: '받을 사람 (사용자 번호)', en: 'Recipients (user ids)' }, input: 'list', required: true, placeholder: '2612345, 2612346', help: { ko: '여러 명이면 봇과 함께 단체 대화방을 엽니다.', en: 'Several ids open one group chat with the bot.' } },
      { key: 'apiBase', label: { ko: 'API 주소 (선택)', en: 'API address (optional)' }, input: 'url', placeholder: KAKAOWORK_API },
    ],
  },
  schema,
  secretFields: ['appKey'],
  destinationFields: ['apiBase'],
  destinationOf: (config) => config.userIds.join(', '),
  async send(notification, config, ctx) {
    const m = formatMessage(notification, { language: ctx.language, timeZone: ctx.timeZone, channelName: ctx.channelName, now: ctx.clock.now() });
    const key = `${ctx.channelId}|${config.apiBase}|${config.userIds.join(',')}`;
    let conversationId = conversations.get(key);
    if (!conversationId) {
      const ids = config.userIds.map(Number);
      const opened = await call(ctx, config, '/v1/conversations.open', ids.length === 1 ? { user_id: ids[0] } : { user_ids: ids });
      const id = opened?.conversation?.id;
      if (id === undefined || id === null) throw new DeliveryError('REJECTED', { detail: 'conversations.open' });
      conversationId = String(id);
      conversations.set(key, conversationId);
    }
    try {
      await call(ctx, config, '/v1/messages.send', { conversation_id: Number(conversationId), ...kakaoworkMessage(m) });
    } catch (err) {
      // A chat that was closed meanwhile: open a new one next time.
      conversations.delete(key);
      throw err;
    }
  },
});
