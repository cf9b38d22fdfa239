// Errors cross every boundary as plain `{ code, message }`: a stable code that tests and
// scripts can match, and a sentence a person can act on.

export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'UNKNOWN_METHOD'
  | 'UNKNOWN_TARGET'
  | 'NOT_FOUND'
  | 'COLLECT_FAILED'
  | 'STORE_FAILED'
  | 'TIMEOUT'
  | 'UNAVAILABLE'
  | 'BAD_FLAG'
  | 'FORBIDDEN'
  | 'HOSTKEY_UNKNOWN'
  | 'HOSTKEY_CHANGED'
  | 'AUTH_FAILED'
  | 'UNREACHABLE'
  | 'PROTOCOL'
  | 'GLOSSARY_INVALID'
  | 'BUILTIN_ENTRY'
  | 'TOO_LARGE'
  | 'IMPORT_UNREADABLE'
  | 'TUNNEL_FAILED'
  | 'TOO_MANY_CONNECTIONS'
  | 'NOT_PERMITTED'
  | 'TLS_FAILED'
  | 'CHECK_INVALID'
  | 'INTERNAL'
  // Issue 9: serve access, storage health, login backoff.
  | 'TOKEN_REQUIRED'
  | 'STORAGE_FULL'
  | 'STORAGE_IO'
  | 'STORAGE_READONLY'
  | 'AUTH_BACKOFF'
  | 'AUTH_STOPPED';

export interface ErrorPayload {
  code: ErrorCode | (string & {});
  message: string;
}

export class OpsError extends Error {
  constructor(
    readonly code: ErrorCode | (string & {}),
    message: string,
  ) {
    super(message);
    this.name = 'OpsError';
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message };
  }
}

/**
 * Marks an error as "the watched service itself is down" (it refused or closed the connection),
 * as opposed to "OpsDeck could not find out": the check turns CRIT with a DOWN reason.
 */
export function serviceDown(err: OpsError): OpsError & { down: true } {
  return Object.assign(err, { down: true as const });
}

export function isServiceDown(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { down?: unknown }).down === true;
}

/** Turns anything thrown into a payload that is safe to send to a renderer. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof OpsError) return err.toPayload();
  if (isErrorPayload(err)) return { code: err.code, message: err.message };
  // Unknown failures keep their detail in the engine log; the renderer gets a stable code.
  return { code: 'INTERNAL', message: 'Something went wrong inside OpsDeck. The details are in the engine log.' };
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorPayload).code === 'string' &&
    typeof (value as ErrorPayload).message === 'string'
  );
}
