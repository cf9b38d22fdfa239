// What the HTTP channel types share: settings every one of them has, and one call that posts
// JSON under the channel's deadline and turns the answer's status into a DeliveryError.
import { z } from 'zod';
import type { SendContext } from '../channel-type';
import { checkStatus, postJson, type HttpAnswer } from '../http-post';

/** Accepts what a form or a rules file sends for "nothing": empty text or null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);

export async function postJsonChecked(
  url: URL,
  body: unknown,
  ctx: SendContext,
  opts: { headers?: Record<string, string>; ca?: string; reason?: (answer: HttpAnswer) => string | null } = {},
): Promise<HttpAnswer> {
  const answer = await postJson(url, body, { timeoutMs: ctx.timeoutMs, headers: opts.headers, ca: opts.ca, secrets: ctx.secretValues });
  checkStatus(answer, url, { secrets: ctx.secretValues, reason: opts.reason?.(answer) ?? null });
  return answer;
}
