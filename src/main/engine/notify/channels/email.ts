// E-mail over SMTP with nodemailer: a text part and an HTML part from the same formatted
// message. TLS is always verified (STARTTLS required, or TLS from the first byte); a session
// without TLS is allowed only to a relay on this computer. One SMTP session per message, under
// the channel's deadline.
import { createTransport } from 'nodemailer';
import { z } from 'zod';
import { DeliveryError, safeDetail } from '../delivery-error';
import { defineChannelType } from '../channel-type';
import { caFileSetting, emailAddress, isLoopbackHost, listSetting, readCaFile } from '../destination';
import { formatMessage, plainText, type FormattedMessage } from '../message/format';
import { escapeHtml, isWebLink, TONE_COLORS } from '../message/markup';
import { optionalText } from './common';

const schema = z
  .object({
    host: z.string().trim().min(1, 'required').max(253).regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or address'),
    port: z.coerce.number().int().min(1).max(65_535).default(587),
    security: z.enum(['starttls', 'tls', 'none']).default('starttls'),
    user: optionalText(254),
    password: z.string().min(1).max(1024).nullish().transform((v) => v || null),
    from: emailAddress,
    to: listSetting(emailAddress, 50),
    caFile: caFileSetting,
  })
  .refine((c) => c.security !== 'none' || isLoopbackHost(c.host), { path: ['security'], message: 'without TLS only to a relay on this computer' })
  .refine((c) => !c.password || c.user, { path: ['user'], message: 'a password needs a user name' });
export type EmailConfig = z.infer<typeof schema>;

export function emailHtml(m: FormattedMessage): string {
  const color = TONE_COLORS[m.tone];
  const rows = m.facts.map((f) => `<tr><th align="left" style="padding:2px 12px 2px 0;color:#555">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`).join('');
  const list = (items: string[]) => `<ul style="margin:4px 0 12px 18px;padding:0">${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  return [
    `<!doctype html><html lang="${m.language}"><head><meta charset="utf-8"><title>${escapeHtml(m.title)}</title></head>`,
    '<body style="font-family:sans-serif;font-size:14px;line-height:1.5;color:#111">',
    `<div style="border-left:6px solid ${color};padding:4px 0 4px 12px;margin-bottom:12px"><strong style="font-size:16px">${escapeHtml(m.title)}</strong></div>`,
    `<p style="margin:0 0 4px">${escapeHtml(m.lead)}</p>`,
    list(m.alerts),
    rows ? `<table style="border-collapse:collapse;margin-bottom:12px">${rows}</table>` : '',
    m.contacts.length ? `<p style="margin:0"><strong>${escapeHtml(m.headings.whomToCall)}</strong></p>${list(m.contacts)}` : '',
    m.glossary.length ? `<p style="margin:0"><strong>${escapeHtml(m.headings.whatItMeans)}</strong></p>${list(m.glossary)}` : '',
    m.link && isWebLink(m.link.url) ? `<p><a href="${escapeHtml(m.link.url)}">${escapeHtml(m.link.label)}</a></p>` : '',
    `<p style="color:#777;font-size:12px">${escapeHtml(m.footer)}</p>`,
    '</body></html>',
  ].join('');
}

/** nodemailer's error codes and the SMTP reply code, as a DeliveryError. */
function smtpError(err: unknown, secrets: readonly string[]): DeliveryError {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
  const status = typeof e.responseCode === 'number' ? e.responseCode : null;
  const detail = safeDetail(e.response ?? e.message ?? null, secrets);
  const text = `${e.code ?? ''} ${e.message ?? ''}`;
  if (e.code === 'EAUTH' || status === 535 || status === 534) return new DeliveryError('AUTH_FAILED', { status, detail, field: 'password' });
  if (e.code === 'ETLS' || /certificate|self[- ]signed|unable to verify|altname|wrong version number|ssl/i.test(text)) return new DeliveryError('TLS_FAILED', { status, detail });
  if (e.code === 'ETIMEDOUT') return new DeliveryError('TIMEOUT', { status, retryable: true, detail });
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || e.code === 'EDNS') return new DeliveryError('UNREACHABLE', { status, retryable: true, detail });
  // 4xx replies are temporary by SMTP's own definition; 5xx are final.
  if (status !== null && status >= 400 && status < 500) return new DeliveryError('REJECTED', { status, retryable: true, detail });
  if (status !== null && status >= 500) return new DeliveryError('REJECTED', { status, detail, field: e.code === 'EENVELOPE' ? 'to' : null });
  return new DeliveryError('UNREACHABLE', { status, retryable: true, detail });
}

export const emailChannel = defineChannelType<EmailConfig>({
  type: 'email',
  descriptor: {
    type: 'email',
    name: { ko: '이메일 (SMTP)', en: 'E-mail (SMTP)' },
    region: 'global',
    summary: { ko: '회사 메일 서버(SMTP)의 주소와 보내는 계정이 필요합니다. 암호화(TLS)는 항상 확인합니다.', en: 'Needs your mail server (SMTP) and a sending account. TLS is always verified.' },
    docsUrl: null,
    fields: [
      { key: 'host', label: { ko: 'SMTP 서버', en: 'SMTP server' }, input: 'text', required: true, placeholder: 'smtp.example.co.kr' },
      { key: 'port', label: { ko: '포트', en: 'Port' }, input: 'number', initial: 587 },
      {
        key: 'security',
        label: { ko: '암호화', en: 'Encryption' },
        input: 'select',
        initial: 'starttls',
        options: [
          { value: 'starttls', label: { ko: 'STARTTLS (보통 587번)', en: 'STARTTLS (usually port 587)' } },
          { value: 'tls', label: { ko: '처음부터 TLS (보통 465번)', en: 'TLS from the start (usually port 465)' } },
          { value: 'none', label: { ko: '없음 (이 컴퓨터의 중계 서버만)', en: 'None (a relay on this computer only)' } },
        ],
      },
      { key: 'user', label: { ko: '계정 (선택)', en: 'User (optional)' }, input: 'text' },
      { key: 'password', label: { ko: '비밀번호 (선택)', en: 'Password (optional)' }, input: 'secret' },
      { key: 'from', label: { ko: '보내는 주소', en: 'From address' }, input: 'text', required: true, placeholder: 'opsdeck@example.co.kr' },
      { key: 'to', label: { ko: '받는 주소', en: 'To addresses' }, input: 'list', required: true, placeholder: 'oncall@example.co.kr', help: { ko: '여러 개면 쉼표나 줄바꿈으로 나눕니다.', en: 'Separate several with commas or new lines.' } },
      { key: 'caFile', label: { ko: '사내 CA 인증서 파일 (선택)', en: 'Internal CA certificate file (optional)' }, input: 'text', placeholder: '/etc/ssl/certs/company-ca.pem' },
    ],
  },
  schema,
  secretFields: ['password'],
  destinationFields: ['host', 'port', 'security', 'user', 'caFile'],
  destinationOf: (config) => `${config.host}:${config.port}`,
  async send(notification, config, ctx) {
    const m = formatMessage(notification, { language: ctx.language, timeZone: ctx.timeZone, channelName: ctx.channelName, now: ctx.clock.now() });
    const ca = readCaFile(config.caFile);
    const transport = createTransport({
      host: config.host,
      port: config.port,
      secure: config.security === 'tls',
      requireTLS: config.security === 'starttls',
      ignoreTLS: config.security === 'none',
      auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
      tls: { rejectUnauthorized: true, servername: config.host, minVersion: 'TLSv1.2', ...(ca ? { ca: [ca] } : {}) },
      connectionTimeout: ctx.timeoutMs,
      greetingTimeout: ctx.timeoutMs,
      socketTimeout: ctx.timeoutMs,
      // The message is ours; nothing in it may make nodemailer read a file or fetch a URL.
      disableFileAccess: true,
      disableUrlAccess: true,
      logger: false,
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        transport.sendMail({ from: config.from, to: config.to, subject: m.title, text: plainText(m, { withTitle: false }), html: emailHtml(m), headers: { 'X-OpsDeck-Event': notification.event } }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(Object.assign(new Error('deadline'), { code: 'ETIMEDOUT' })), ctx.timeoutMs);
        }),
      ]);
    } catch (err) {
      throw smtpError(err, ctx.secretValues);
    } finally {
      clearTimeout(timer);
      transport.close();
    }
  },
});
