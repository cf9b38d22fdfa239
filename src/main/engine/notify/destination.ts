// Settings pieces the channel types share: URLs that carry tokens (https only, except to this
// computer, where a test receiver or a local relay listens), e-mail addresses, CA files.
import fs from 'node:fs';
import { z } from 'zod';
import { DeliveryError } from './delivery-error';

/** 127.0.0.0/8, ::1 and localhost: the only places a token may travel without TLS. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * A URL the channel posts to. `plainHttp: 'loopback'` refuses http:// except to this computer;
 * 'allowed' accepts it anywhere (the generic webhook, for receivers inside a private network).
 */
export function urlSetting(plainHttp: 'loopback' | 'allowed') {
  return z
    .string()
    .trim()
    .min(1, 'required')
    .max(2048)
    .refine((raw) => URL.canParse(raw), 'not a URL')
    .refine((raw) => !URL.canParse(raw) || ['http:', 'https:'].includes(new URL(raw).protocol), 'must start with https://')
    .refine(
      (raw) => !URL.canParse(raw) || plainHttp === 'allowed' || new URL(raw).protocol === 'https:' || isLoopbackHost(new URL(raw).hostname),
      'must start with https:// (a token must not travel unencrypted)',
    );
}

export const emailAddress = z.string().trim().max(254).regex(/^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/, 'not an e-mail address');

/** A list typed one per line or with commas; empty entries dropped. */
export function listSetting(item: z.ZodType<string, string>, max: number) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(/[\n,;]/)).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).min(1, 'required').max(max));
}

/** An optional path to a PEM file with an internal CA, trusted besides the system's CAs. */
export const caFileSetting = z.string().trim().max(1024).nullish().transform((v) => v || null);

export function readCaFile(file: string | null): string | undefined {
  if (!file) return undefined;
  try {
    const pem = fs.readFileSync(file, 'utf8');
    if (!pem.includes('BEGIN CERTIFICATE')) throw new Error('not PEM');
    return pem;
  } catch {
    throw new DeliveryError('CHANNEL_INVALID', { field: 'caFile', detail: 'caFile' });
  }
}

/** The host of a URL, for showing where a channel sends without showing its token. */
export function hostOfUrl(raw: unknown): string | null {
  return typeof raw === 'string' && URL.canParse(raw) ? new URL(raw).host : null;
}
