// How a delivery attempt failed, in words the delivery log and "send test" can use: a stable
// code, the service's status when there was one, and whether trying again can help. `detail`
// holds facts only (a host, a status, the service's own error word, a setting's name) joined
// by " · ", never a sentence, a URL with a token, a password or a message body.

export type DeliveryErrorCode =
  /** The service answered with an error status (see `status`). */
  | 'HTTP_STATUS'
  /** The service refused the credentials: the token, app key or password is wrong or revoked. */
  | 'AUTH_FAILED'
  /** The webhook or chat does not exist (404/410, Telegram "chat not found"...). */
  | 'NOT_FOUND'
  /** The service asked us to slow down (429). */
  | 'RATE_LIMITED'
  /** The answer was a redirect: never followed, so a token is never sent to a second address. */
  | 'REDIRECT_REFUSED'
  /** Nothing answered at the address (refused, unknown name, no route). */
  | 'UNREACHABLE'
  /** No complete answer within the channel's deadline. */
  | 'TIMEOUT'
  /** The certificate did not verify (expired, wrong name, unknown CA). */
  | 'TLS_FAILED'
  /** The service accepted the request but said it failed (Slack "invalid_payload", KakaoWork success: false...). */
  | 'REJECTED'
  /** The settings cannot work (a required secret is missing, a CA file unreadable). */
  | 'CHANNEL_INVALID'
  /** A desktop channel with no console open to show it. */
  | 'NO_CONSOLE'
  /** Given up: the message waited longer than a notification is worth. */
  | 'EXPIRED'
  /** The channel was deleted or disabled while the message waited. */
  | 'NO_CHANNEL'
  | 'INTERNAL';

export class DeliveryError extends Error {
  readonly code: DeliveryErrorCode;
  readonly status: number | null;
  readonly retryable: boolean;
  /** The service's Retry-After (or Telegram's retry_after), in ms. */
  readonly retryAfterMs: number | null;
  readonly detail: string | null;
  /** The setting to correct, for a "send test" that failed on the settings. */
  readonly field: string | null;

  constructor(
    code: DeliveryErrorCode,
    opts: { status?: number | null; retryable?: boolean; retryAfterMs?: number | null; detail?: string | null; field?: string | null } = {},
  ) {
    super(opts.detail ? `${code}: ${opts.detail}` : code);
    this.name = 'DeliveryError';
    this.code = code;
    this.status = opts.status ?? null;
    this.retryable = opts.retryable ?? false;
    this.retryAfterMs = opts.retryAfterMs ?? null;
    this.detail = opts.detail ?? null;
    this.field = opts.field ?? null;
  }
}

export function isDeliveryError(err: unknown): err is DeliveryError {
  return err instanceof DeliveryError;
}

/** Anything thrown by a send, as a DeliveryError; an unexpected throw keeps no message (it may hold a secret). */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  return new DeliveryError('INTERNAL', { retryable: true, detail: err instanceof Error ? err.name : null });
}

/**
 * Removes every secret value and anything shaped like a URL from a text a service sent back,
 * and keeps it short: what remains is safe for the delivery log.
 */
export function safeDetail(text: string | null | undefined, secrets: readonly string[] = [], max = 160): string | null {
  if (!text) return null;
  let out = String(text);
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('…');
  out = out.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '…').replace(/\s+/g, ' ').trim();
  if (!out) return null;
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}
