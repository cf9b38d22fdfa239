// Every HTTP channel type against a real receiver on loopback: each request is checked against
// the service's documented shape (a small schema per service, its source named above it), and
// against what a person must read in it (the rule's words, the target, the value, whom to call).
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ChannelInput } from '../../../src/shared/channels';
import { JANDI_ACCEPT } from '../../../src/main/engine/notify/channels/jandi';
import { makeTestCerts, type TestCerts } from '../../support/test-tls';
import { notification } from '../../support/notifications';
import { startReceiver, type Receiver } from '../../support/http-receiver';
import { openHarness, type Harness } from './channel-harness';

// https://api.slack.com/reference/block-kit/blocks (limits per block type) and
// https://api.slack.com/messaging/webhooks (text is the notification fallback).
const slackText = z.object({ type: z.literal('mrkdwn'), text: z.string().min(1).max(3000) });
const slackShape = z.strictObject({
  text: z.string().min(1).max(40_000),
  blocks: z
    .array(
      z.discriminatedUnion('type', [
        z.strictObject({ type: z.literal('header'), text: z.strictObject({ type: z.literal('plain_text'), text: z.string().min(1).max(150), emoji: z.boolean().optional() }) }),
        z.strictObject({ type: z.literal('section'), text: slackText.optional(), fields: z.array(slackText.extend({ text: z.string().max(2000) })).max(10).optional() }),
        z.strictObject({ type: z.literal('context'), elements: z.array(slackText).min(1).max(10) }),
        z.strictObject({
          type: z.literal('actions'),
          elements: z.array(z.strictObject({ type: z.literal('button'), text: z.strictObject({ type: z.literal('plain_text'), text: z.string().max(75) }), url: z.string().url().max(3000) })).max(25),
        }),
      ]),
    )
    .min(1)
    .max(50),
});

// https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using
// (message with an Adaptive Card attachment) and https://adaptivecards.io/explorer/ (TextBlock, FactSet, Action.OpenUrl).
const teamsShape = z.strictObject({
  type: z.literal('message'),
  attachments: z
    .array(
      z.strictObject({
        contentType: z.literal('application/vnd.microsoft.card.adaptive'),
        contentUrl: z.null(),
        content: z.object({
          $schema: z.literal('http://adaptivecards.io/schemas/adaptive-card.json'),
          type: z.literal('AdaptiveCard'),
          version: z.string().regex(/^1\.[0-5]$/),
          body: z.array(
            z.discriminatedUnion('type', [
              z.object({ type: z.literal('TextBlock'), text: z.string().min(1), wrap: z.boolean() }),
              z.object({ type: z.literal('FactSet'), facts: z.array(z.strictObject({ title: z.string(), value: z.string() })).min(1) }),
            ]),
          ),
          actions: z.array(z.strictObject({ type: z.literal('Action.OpenUrl'), title: z.string(), url: z.string().url() })).optional(),
        }),
      }),
    )
    .length(1),
});

// https://discord.com/developers/docs/resources/webhook#execute-webhook and
// https://discord.com/developers/docs/resources/message#embed-object-embed-limits
const discordShape = z
  .strictObject({
    username: z.string().max(80).optional(),
    allowed_mentions: z.strictObject({ parse: z.array(z.string()).length(0) }),
    embeds: z
      .array(
        z.strictObject({
          title: z.string().max(256),
          description: z.string().max(4096),
          url: z.string().url().optional(),
          color: z.number().int().min(0).max(0xffffff),
          fields: z.array(z.strictObject({ name: z.string().min(1).max(256), value: z.string().min(1).max(1024), inline: z.boolean() })).max(25),
          footer: z.strictObject({ text: z.string().max(2048) }),
          timestamp: z.string().datetime(),
        }),
      )
      .min(1)
      .max(10),
  })
  .refine((p) => p.embeds.every((e) => e.title.length + e.description.length + e.footer.text.length + e.fields.reduce((n, f) => n + f.name.length + f.value.length, 0) <= 6000), 'embed text over 6000');

// https://core.telegram.org/bots/api#sendmessage
const telegramShape = z.strictObject({
  chat_id: z.union([z.string(), z.number()]),
  text: z.string().min(1).max(4096),
  parse_mode: z.enum(['HTML', 'MarkdownV2']),
  link_preview_options: z.strictObject({ is_disabled: z.boolean() }).optional(),
});

// Dooray! incoming hook guide (helpdesk.dooray.com): botName, botIconImage, text, attachments of
// title/titleLink/text/color; PyDooray's examples use the named colours.
const doorayShape = z.strictObject({
  botName: z.string().min(1),
  botIconImage: z.string().url().optional(),
  text: z.string().min(1),
  attachments: z.array(z.strictObject({ title: z.string().optional(), titleLink: z.string().url().optional(), text: z.string().optional(), color: z.enum(['red', 'yellow', 'green', 'blue', 'gray', 'purple']).optional() })),
});

// JANDI Incoming Webhook guide (support.jandi.com): Accept application/vnd.tosslab.jandi-v2+json,
// body, connectColor "#RRGGBB", connectInfo [{ title, description, imageUrl? }].
const jandiShape = z.strictObject({
  body: z.string().min(1),
  connectColor: z.string().regex(/^#[0-9A-Fa-f]{6}$/),
  connectInfo: z.array(z.strictObject({ title: z.string().min(1), description: z.string(), imageUrl: z.string().url().optional() })),
});

// https://docs.kakaoi.ai/kakao_work/webapireference/conversations/ (conversations.open: user_id or user_ids)
// https://docs.kakaoi.ai/kakao_work/webapireference/messages/ (messages.send: conversation_id, text, blocks)
// https://docs.kakaoi.ai/kakao_work/blockkit/ (header text + style, text, description term/content, button, divider, context)
const kakaoOpenShape = z.union([z.strictObject({ user_id: z.number().int() }), z.strictObject({ user_ids: z.array(z.number().int()).min(2) })]);
const kakaoText = z.object({ type: z.literal('text'), text: z.string() });
const kakaoSendShape = z.strictObject({
  conversation_id: z.number().int(),
  text: z.string().min(1),
  blocks: z
    .array(
      z.discriminatedUnion('type', [
        z.strictObject({ type: z.literal('header'), text: z.string().min(1).max(20), style: z.enum(['blue', 'red', 'yellow']) }),
        kakaoText.extend({ inlines: z.array(z.object({ type: z.enum(['styled', 'link']), text: z.string() })).optional() }).strict(),
        z.strictObject({ type: z.literal('description'), term: z.string().max(10), content: kakaoText.strict(), accent: z.boolean().optional() }),
        z.strictObject({ type: z.literal('divider') }),
        z.strictObject({ type: z.literal('button'), text: z.string().max(20), style: z.enum(['default', 'primary', 'danger']), action_type: z.literal('open_system_browser'), value: z.string().url() }),
        z.strictObject({ type: z.literal('context'), content: kakaoText.strict() }),
      ]),
    )
    .max(50),
});

// docs/notifications.md: the generic webhook's body and signature.
const webhookShape = z.strictObject({
  version: z.literal(1),
  source: z.literal('opsdeck'),
  deliveryId: z.string().uuid(),
  sentAt: z.number().int(),
  channel: z.strictObject({ id: z.string(), name: z.string() }),
  notification: z.object({ id: z.string(), event: z.string(), alerts: z.array(z.object({ ruleName: z.string(), target: z.object({ name: z.string() }), value: z.number().nullable() })) }),
  message: z.strictObject({ language: z.enum(['ko', 'en']), title: z.string(), text: z.string() }),
});

let receiver: Receiver;
let tlsReceiver: Receiver;
let certs: TestCerts;
let h: Harness;

beforeAll(async () => {
  receiver = await startReceiver();
  h = openHarness();
  certs = await makeTestCerts(path.join(h.dir, 'tls'));
  tlsReceiver = await startReceiver({ key: fs.readFileSync(certs.keyPath, 'utf8'), cert: fs.readFileSync(certs.certPath, 'utf8') });
  receiver.answer('/teams/workflow', { status: 202 });
  receiver.answer('/discord/api/webhooks/1/tok', { status: 204 });
  receiver.answer('/tg/bot123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ012345/sendMessage', { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"ok":true,"result":{"message_id":7}}' });
  receiver.answer('/dooray/services/1/2/tok', { status: 200, body: '{"header":{"resultCode":0,"resultMessage":"","isSuccessful":true}}' });
  receiver.answer('/jandi/connect-api/webhook/1/tok', { status: 200, body: '{}' });
  receiver.answer('/kakao/v1/conversations.open', { status: 200, body: '{"success":true,"conversation":{"id":4711,"type":"group","users_count":3}}' });
  receiver.answer('/kakao/v1/messages.send', { status: 200, body: '{"success":true,"message":{"id":"m1"}}' });
});
afterAll(async () => {
  h.close();
  await receiver.close();
  await tlsReceiver.close();
  fs.rmSync(h.dir, { recursive: true, force: true });
});

async function deliver(input: ChannelInput): Promise<string> {
  const saved = await h.channels.methods.saveChannel(input);
  h.channels.notifier.notify(notification({ id: `n-${saved.id}` }), [saved.id]);
  const record = await h.until(saved.id, (r) => r.outcome !== 'retrying', `${input.type} delivery`);
  expect(record, JSON.stringify(record)).toMatchObject({ outcome: 'delivered', attempt: 1, code: null });
  return saved.id;
}

/** What any channel's message must let a person read, in Korean. */
function expectPlainKorean(text: string) {
  expect(text).toContain('[심각] 결제 서비스: 메모리 사용률 높음');
  expect(text).toContain('결제 웹서버 1의 메모리 사용률이 92.3%로 기준인 80%보다 높습니다.');
  expect(text).toContain('2026-12-06 20:52 KST부터');
  expect(text).toContain('김민수 (현장 지휘자) · 010-2222-3333');
  expect(text).toContain('프로그램들이 쓰고 있는 메모리의 비율입니다.');
}

describe('channel payloads on a real receiver', () => {
  it('Slack: Block Kit as documented, with the sentences, the facts and a button back', async () => {
    await deliver({ type: 'slack', name: 'slack', language: 'ko', settings: {}, secrets: { url: `${receiver.url}/slack/services/T0/B0/secret` } });
    const [req] = receiver.on('/slack/services/T0/B0/secret');
    expect(req!.headers['content-type']).toMatch(/^application\/json/);
    const body = slackShape.parse(req!.json);
    expectPlainKorean(JSON.stringify(body));
    expect(body.blocks.find((b) => b.type === 'actions')).toMatchObject({ elements: [{ url: 'https://opsdeck.example.co.kr/#/alerts/a-mem-web01', text: { text: 'OpsDeck에서 보기' } }] });
  });

  it('Microsoft Teams: one Adaptive Card in a message', async () => {
    await deliver({ type: 'teams', name: 'teams', language: 'ko', settings: {}, secrets: { url: `${receiver.url}/teams/workflow` } });
    const body = teamsShape.parse(receiver.on('/teams/workflow')[0]!.json);
    expectPlainKorean(JSON.stringify(body));
  });

  it('Discord: one embed within the limits, mentions switched off', async () => {
    await deliver({ type: 'discord', name: 'discord', language: 'en', settings: {}, secrets: { url: `${receiver.url}/discord/api/webhooks/1/tok` } });
    const body = discordShape.parse(receiver.on('/discord/api/webhooks/1/tok')[0]!.json);
    expect(body.embeds[0]!.title).toBe('[Critical] 결제 서비스: Memory usage high');
    expect(body.embeds[0]!.color).toBe(0xd92d20);
  });

  it('Telegram: sendMessage with the token in the path only, HTML escaped', async () => {
    await deliver({ type: 'telegram', name: 'telegram', language: 'ko', settings: { chatId: '-1001234567890', apiBase: `${receiver.url}/tg` }, secrets: { botToken: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ012345' } });
    const req = receiver.on('/tg/bot123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ012345/sendMessage')[0]!;
    const body = telegramShape.parse(req.json);
    expect(body.chat_id).toBe('-1001234567890');
    expect(body.text).toContain('<b>[심각] 결제 서비스: 메모리 사용률 높음</b>');
    expectPlainKorean(body.text);
  });

  it('Dooray!: text and coloured attachments', async () => {
    await deliver({ type: 'dooray', name: 'dooray', language: 'ko', settings: { botName: 'OpsDeck 알림' }, secrets: { url: `${receiver.url}/dooray/services/1/2/tok` } });
    const body = doorayShape.parse(receiver.on('/dooray/services/1/2/tok')[0]!.json);
    expect(body.botName).toBe('OpsDeck 알림');
    expect(body.attachments[0]!.color).toBe('red');
    expectPlainKorean(JSON.stringify(body));
  });

  it('JANDI: the v2 Accept header and connectInfo sections', async () => {
    await deliver({ type: 'jandi', name: 'jandi', language: 'ko', settings: {}, secrets: { url: `${receiver.url}/jandi/connect-api/webhook/1/tok` } });
    const req = receiver.on('/jandi/connect-api/webhook/1/tok')[0]!;
    expect(req.headers.accept).toBe(JANDI_ACCEPT);
    expect(req.headers['content-type']).toBe('application/json');
    const body = jandiShape.parse(req.json);
    expect(body.connectColor).toBe('#D92D20');
    expect(body.body).toContain('[OpsDeck에서 보기](https://opsdeck.example.co.kr/#/alerts/a-mem-web01)');
    expectPlainKorean(JSON.stringify(body));
  });

  it('KakaoWork: Bearer app key, conversations.open once, then messages.send with blocks', async () => {
    const id = await deliver({ type: 'kakaowork', name: 'kakaowork', language: 'ko', settings: { userIds: '2612345, 2612346', apiBase: `${receiver.url}/kakao` }, secrets: { appKey: 'kw-app-key-0123456789' } });
    const open = receiver.on('/kakao/v1/conversations.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.headers.authorization).toBe('Bearer kw-app-key-0123456789');
    expect(kakaoOpenShape.parse(open[0]!.json)).toEqual({ user_ids: [2612345, 2612346] });
    const send = kakaoSendShape.parse(receiver.on('/kakao/v1/messages.send')[0]!.json);
    expect(send.conversation_id).toBe(4711);
    expectPlainKorean(JSON.stringify(send));
    // A second message reuses the chat.
    h.channels.notifier.notify(notification({ id: 'n-kakao-2', event: 'resolved' }), [id]);
    await h.until(id, (r) => r.notificationId === 'n-kakao-2' && r.outcome === 'delivered');
    expect(receiver.on('/kakao/v1/conversations.open')).toHaveLength(1);
    expect(receiver.on('/kakao/v1/messages.send')).toHaveLength(2);
  });

  it('generic webhook: the notification as JSON, signed with HMAC-SHA256 over the exact body', async () => {
    const secret = 'whsec-0123456789abcdef';
    await deliver({ type: 'webhook', name: 'hook', language: 'ko', settings: {}, secrets: { url: `${receiver.url}/hook`, signingSecret: secret } });
    const req = receiver.on('/hook')[0]!;
    const body = webhookShape.parse(req.json);
    expect(body.notification.alerts[0]).toMatchObject({ ruleName: 'memory-in-use', target: { name: '결제 웹서버 1' }, value: 92.34 });
    expect(req.headers['x-opsdeck-signature']).toBe(`sha256=${createHmac('sha256', secret).update(req.body).digest('hex')}`);
    expect(req.headers['x-opsdeck-event']).toBe('firing');
    expect(req.headers['x-opsdeck-delivery']).toBe(body.deliveryId);
    expectPlainKorean(body.message.text);
  });

  it('generic webhook without a signing secret: accepted as the rules file writes it, no signature header', async () => {
    await deliver({ type: 'webhook', name: 'local-hook', language: 'en', settings: {}, secrets: { url: `${receiver.url}/plain-hook` } });
    expect(receiver.on('/plain-hook')[0]!.headers['x-opsdeck-signature']).toBeUndefined();
  });

  it('HTTPS with an internal CA: trusted through the channel’s CA file, refused without it', async () => {
    receiver.answer('/secure', { status: 200 });
    await deliver({ type: 'webhook', name: 'tls-hook', language: 'ko', settings: { caFile: certs.caPath }, secrets: { url: `${tlsReceiver.url}/secure` } });
    expect(tlsReceiver.on('/secure')).toHaveLength(1);
    const untrusted = await h.channels.methods.saveChannel({ type: 'webhook', name: 'tls-untrusted', language: 'ko', settings: {}, secrets: { url: `${tlsReceiver.url}/secure` } });
    h.channels.notifier.notify(notification({ id: 'n-untrusted' }), [untrusted.id]);
    const record = await h.until(untrusted.id, () => true);
    expect(record).toMatchObject({ outcome: 'failed', code: 'TLS_FAILED', attempt: 1 });
    expect(tlsReceiver.on('/secure')).toHaveLength(1);
  });

  it('desktop: the formatted words go to the open consoles and the app', async () => {
    const saved = await h.channels.methods.saveChannel({ type: 'desktop', name: 'desktop', language: 'ko', settings: {} });
    h.channels.notifier.notify(notification({ id: 'n-desktop' }), [saved.id]);
    await h.until(saved.id, (r) => r.outcome === 'delivered');
    expect(h.desktop.at(-1)).toMatchObject({ channelId: saved.id, notificationId: 'n-desktop', title: '[심각] 결제 서비스: 메모리 사용률 높음', severity: 'critical', requireInteraction: true });
    expect(h.desktop.at(-1)!.body).toContain('메모리 사용률이 92.3%로');
  });
});
