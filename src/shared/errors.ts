// Errors cross every boundary as plain `{ code, message, data? }`: a stable code that tests,
// scripts and the renderer match on; an English sentence for logs and the CLI; and the facts a
// person needs (which file, which address) as data. The renderer never shows `message`: it
// writes its own sentence for the code, in the person's language (i18n/messages/errors.*.ts).

/**
 * Every code OpsDeck raises. Adding one here is a compile error in both renderer catalogues
 * until it has a Korean and an English sentence, and the catalogue test reads this list.
 */
export const ERROR_CODES = [
  // The contract and the engine as a whole
  'INVALID_ARGUMENT',
  'UNKNOWN_METHOD',
  'FORBIDDEN',
  'NOT_FOUND',
  'UNKNOWN_TARGET',
  'UNAVAILABLE',
  'TIMEOUT',
  'INTERNAL',
  'STORE_FAILED',
  'INVALID_CONFIG',
  'COLLECT_FAILED',
  // The command line
  'NO_COMMAND',
  'UNKNOWN_COMMAND',
  'BAD_FLAG',
  'BAD_VALUE',
  'BAD_TARGET',
  'UNSUPPORTED_TARGET',
  'PORT_IN_USE',
  'BAD_ADDRESS',
  // SSH logins
  'UNREACHABLE',
  'HOSTKEY_UNKNOWN',
  'HOSTKEY_CHANGED',
  'HOSTKEY_REVOKED',
  'AUTH_FAILED',
  'PROTOCOL',
  'AGENT_UNAVAILABLE',
  'KEY_UNREADABLE',
  'PASSPHRASE_REQUIRED',
  'SECRET_MISSING',
  'JUMP_HOST_UNSUPPORTED',
  'JUMP_HOST_FAILED',
  'SSH_CONFIG_UNREADABLE',
  // Secrets
  'SECRETS_UNAVAILABLE',
  'SECRETS_UNPROTECTED',
  'SECRETS_WRITE_FAILED',
  'SECRETS_FILE_UNREADABLE',
  'SECRETS_FILE_DAMAGED',
  'SECRET_UNREADABLE',
  'SECRET_SEAL_FAILED',
  // Glossary
  'GLOSSARY_INVALID',
  'BUILTIN_ENTRY',
  'TOO_LARGE',
  'IMPORT_UNREADABLE',
  // Incidents, playbooks, post-mortems, people
  'INVALID_PLAYBOOK',
  'INVALID_COMMAND',
  'INCIDENT_EXISTS',
  'INCIDENT_CLOSED',
  'ALREADY_RESOLVED',
  'NOT_RESOLVED',
  'ALREADY_ACKNOWLEDGED',
  'NOT_ACKNOWLEDGED',
  'RECOVERY_ALREADY_STARTED',
  'REASON_REQUIRED',
  'STAGE_INCOMPLETE',
  'NO_NEXT_STAGE',
  'UNKNOWN_STAGE',
  'STAGE_NOT_REACHED',
  'UNKNOWN_ITEM',
  'ITEM_ALREADY_DONE',
  'ITEM_NOT_DONE',
  'ITEM_NOT_REACHED',
  'UNKNOWN_FIELD',
  'FIELD_READ_ONLY',
  'NO_CHANGE',
  'ROLE_NOT_HELD',
  'REVISION_CONFLICT',
  'POSTMORTEM_NOT_SAVED',
  'PEOPLE_UNREADABLE',
  // Checks of other kinds (databases first)
  'CHECK_INVALID',
  'TUNNEL_FAILED',
  'TOO_MANY_CONNECTIONS',
  'NOT_PERMITTED',
  'TLS_FAILED',
  // Serve access, storage health, login backoff
  'TOKEN_REQUIRED',
  'STORAGE_FULL',
  'STORAGE_IO',
  'STORAGE_READONLY',
  'AUTH_BACKOFF',
  'AUTH_STOPPED',
  // Alerts (issue 12)
  'RULES_INVALID',
  'ALERT_NOT_FIRING',
  // Notification channels
  'CHANNEL_INVALID',
  'CHANNEL_NAME_TAKEN',
  // Log sources (issue 13)
  'LOG_NOT_FOUND',
  'LOG_DENIED',
  'LOG_NOT_FILE',
  'JOURNAL_UNAVAILABLE',
  'JOURNAL_EMPTY',
  // Endpoint checks (HTTP, TCP): their data says what exactly failed
  'DNS_FAILED',
  'CONNECTION_REFUSED',
  'HTTP_STATUS',
  'KEYWORD_MISSING',
  'JSON_PATH_FAILED',
  'TOO_MANY_REDIRECTS',
  'BANNER_MISMATCH',
  // Data sources (issue 14)
  'NOT_PROMETHEUS',
  'SOURCE_ERROR',
  // Monitoring APIs as data sources (issue 14)
  'SOURCE_API_ERROR',
  'EXTERNAL_ALERT',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES);
export const isErrorCode = (code: string): code is ErrorCode => CODE_SET.has(code);

/**
 * Facts for the sentence, never a sentence: a file, an address, a limit, a field. `reason`
 * picks a more precise variant of the code's sentence where the catalogue has one.
 */
export type ErrorData = Record<string, string | number>;

export interface ErrorPayload {
  /** An ErrorCode; a string from an older or newer engine still gets a generic sentence. */
  code: ErrorCode | (string & {});
  /** English, for logs and the CLI. */
  message: string;
  data?: ErrorData;
}

export class OpsError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly data?: ErrorData,
  ) {
    super(message);
    this.name = 'OpsError';
  }

  toPayload(): ErrorPayload {
    return this.data ? { code: this.code, message: this.message, data: { ...this.data } } : { code: this.code, message: this.message };
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
  // A payload relayed from elsewhere keeps its code; an Error from a library (code ENOENT, SQLITE_BUSY...) does not.
  if (isErrorPayload(err) && (!(err instanceof Error) || isErrorCode(err.code))) return withData({ code: err.code, message: err.message }, err.data);
  // A full disk under the data folder (SQLite's SQLITE_FULL, Node's ENOSPC) is something a person
  // can fix, so it gets its own sentence instead of "something went wrong".
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return { code: 'STORE_FAILED', message: 'The disk holding the OpsDeck data folder is full.', data: { reason: 'full' } };
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

/** Keeps only plain string and number facts: data crosses wires and is shown to people. */
export function cleanErrorData(data: unknown): ErrorData | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const out: ErrorData = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (typeof value === 'string') out[key] = value.slice(0, 500);
    else if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A payload with its data cleaned, or without data when there is none. */
export function withData(payload: { code: string; message: string }, data: unknown): ErrorPayload {
  const clean = cleanErrorData(data);
  return clean ? { ...payload, data: clean } : payload;
}
