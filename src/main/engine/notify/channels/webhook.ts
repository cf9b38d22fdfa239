// The generic webhook: the whole notification as JSON, for any receiver a team writes itself.
// With a signing secret, X-OpsDeck-Signature carries "sha256=" and the hex HMAC-SHA256 of the
// exact body bytes under that secret (docs/notifications.md shows how to check it).
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { defineChannelType } from '../channel-type';
import { caFileSetting, hostOfUrl, readCaFile, urlSetting } from '../destination';
import { post, checkStatus } from '../http-post';
import { formatMessage, plainText } from '../message/format';

export const SIGNATURE_HEADER = 'X-OpsDeck-Signature';

const schema = z.object({
  url: urlSetting('allowed'),
  signingSecret: z.string().min(16, 'at least 16 characters').max(512).nullish().transform((v) => v || null),
  caFile: caFileSetting,
});

export type WebhookConfig = z.infer<typeof schema>;

/** "sha256=<hex>": what a receiver recomputes over the raw body to trust it. */
export function signatureOf(body: Buffer | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export const webhookChannel = defineChannelType<WebhookConfig>({
  type: 'webhook',
  descriptor: {
    type: 'webhook',
    name: { ko: '웹훅 (JSON)', en: 'Webhook (JSON)' },
    region: 'global',
    summary: {
      ko: '알림 전체를 JSON으로 지정한 주소에 보냅니다. 서명 비밀값을 넣으면 받는 쪽에서 OpsDeck이 보낸 것인지 확인할 수 있습니다.',
      en: 'Posts the whole notification as JSON to an address you choose. With a signing secret, the receiver can check it came from OpsDeck.',
    },
    docsUrl: null,
    fields: [
      { key: 'url', label: { ko: '받는 주소 (URL)', en: 'Receiver URL' }, input: 'secret', required: true, placeholder: 'https://example.internal/hooks/opsdeck' },
      { key: 'signingSecret', label: { ko: '서명 비밀값 (선택)', en: 'Signing secret (optional)' }, input: 'secret', help: { ko: '16자 이상. X-OpsDeck-Signature 헤더에 HMAC-SHA256 서명을 붙입니다.', en: 'At least 16 characters. Adds an HMAC-SHA256 signature in the X-OpsDeck-Signature header.' } },
      { key: 'caFile', label: { ko: '사내 CA 인증서 파일 (선택)', en: 'Internal CA certificate file (optional)' }, input: 'text', placeholder: '/etc/ssl/certs/company-ca.pem', help: { ko: '사내 인증기관이 발급한 HTTPS 주소일 때만 필요합니다.', en: 'Only for an HTTPS receiver whose certificate comes from an internal CA.' } },
    ],
  },
  schema,
  secretFields: ['url', 'signingSecret'],
  destinationFields: ['url'],
  destinationOf: (config) => hostOfUrl(config.url),
  async send(notification, config, ctx) {
    const message = formatMessage(notification, { language: ctx.language, timeZone: ctx.timeZone, channelName: ctx.channelName, now: ctx.clock.now() });
    const body = Buffer.from(
      JSON.stringify({
        version: 1,
        source: 'opsdeck',
        deliveryId: ctx.deliveryId,
        sentAt: ctx.clock.now(),
        channel: { id: ctx.channelId, name: ctx.channelName },
        notification,
        message: { language: message.language, title: message.title, text: plainText(message) },
      }),
      'utf8',
    );
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=utf-8',
      'X-OpsDeck-Event': notification.event,
      'X-OpsDeck-Delivery': ctx.deliveryId,
    };
    if (config.signingSecret) headers[SIGNATURE_HEADER] = signatureOf(body, config.signingSecret);
    const url = new URL(config.url);
    const answer = await post(url, body, { timeoutMs: ctx.timeoutMs, headers, ca: readCaFile(config.caFile), secrets: ctx.secretValues });
    checkStatus(answer, url, { secrets: ctx.secretValues });
  },
});
