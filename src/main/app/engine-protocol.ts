// Messages between the main process and the engine's utility process (engine-host.ts).
// Both sides import this file, so they agree on shapes. Plain data only: every message is
// structured-cloned by Electron's MessagePort.
import type { RpcResult } from '../../shared/api';
import type { ErrorPayload } from '../../shared/errors';
import type { SealerProtection } from '../engine/secrets/sealer';

/**
 * The engine's sealer asks the main process, which alone may call Electron's safeStorage.
 * Secrets travel only on this link (main ↔ utility process), never to a window. Sealed
 * blobs cross as base64 so every field is a plain string.
 */
export type SealerRequest = { op: 'protection' } | { op: 'seal'; plain: string } | { op: 'unseal'; blob: string };

export type SealerReply =
  | { ok: true; op: 'protection'; protection: SealerProtection }
  | { ok: true; op: 'seal'; blob: string }
  | { ok: true; op: 'unseal'; plain: string }
  | { ok: false; error: ErrorPayload };

/** Longest secret or sealed blob either side accepts (a passphrase is far shorter). */
export const MAX_SEALER_PAYLOAD_CHARS = 65_536;

export type MainToEngineMessage =
  | { type: 'invoke'; id: number; channel: string; arg: unknown }
  /** Stop the engine cleanly (flush and close the store), then exit. */
  | { type: 'shutdown' }
  | { type: 'sealer-reply'; id: number; reply: SealerReply };

export type EngineToMainMessage =
  /** The engine has started; invokes are answered from now on. */
  | { type: 'ready' }
  | { type: 'result'; id: number; result: RpcResult }
  | { type: 'event'; channel: string; payload: unknown }
  /** The engine could not start; the process exits right after. */
  | { type: 'fatal'; error: ErrorPayload }
  | { type: 'sealer-request'; id: number; request: SealerRequest };

export interface EngineHostOptions {
  dataDir: string;
  osLocale?: string;
}

const DATA_DIR_FLAG = '--opsdeck-data-dir=';
const OS_LOCALE_FLAG = '--opsdeck-os-locale=';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isRequestId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

const isPayloadString = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_SEALER_PAYLOAD_CHARS;
const isBase64 = (value: unknown): value is string => isPayloadString(value) && /^[A-Za-z0-9+/]+={0,2}$/.test(value);
const isErrorPayload = (value: unknown): value is ErrorPayload => isRecord(value) && typeof value.code === 'string' && typeof value.message === 'string';

export function isSealerRequest(value: unknown): value is SealerRequest {
  if (!isRecord(value)) return false;
  switch (value.op) {
    case 'protection':
      return true;
    case 'seal':
      return isPayloadString(value.plain);
    case 'unseal':
      return isBase64(value.blob);
    default:
      return false;
  }
}

function isSealerProtection(value: unknown): value is SealerProtection {
  return (
    isRecord(value) &&
    typeof value.available === 'boolean' &&
    typeof value.protected === 'boolean' &&
    typeof value.keyStore === 'string' &&
    (value.reason === undefined || typeof value.reason === 'string')
  );
}

export function isSealerReply(value: unknown): value is SealerReply {
  if (!isRecord(value)) return false;
  if (value.ok === false) return isErrorPayload(value.error);
  if (value.ok !== true) return false;
  switch (value.op) {
    case 'protection':
      return isSealerProtection(value.protection);
    case 'seal':
      return isBase64(value.blob);
    case 'unseal':
      return isPayloadString(value.plain);
    default:
      return false;
  }
}

export function isMainToEngineMessage(msg: unknown): msg is MainToEngineMessage {
  if (!isRecord(msg)) return false;
  switch (msg.type) {
    case 'shutdown':
      return true;
    case 'invoke':
      return isRequestId(msg.id) && typeof msg.channel === 'string';
    case 'sealer-reply':
      return isRequestId(msg.id) && isSealerReply(msg.reply);
    default:
      return false;
  }
}

export function isEngineToMainMessage(msg: unknown): msg is EngineToMainMessage {
  if (!isRecord(msg)) return false;
  switch (msg.type) {
    case 'ready':
      return true;
    case 'result':
      return isRequestId(msg.id) && isRecord(msg.result) && typeof msg.result.ok === 'boolean';
    case 'event':
      return typeof msg.channel === 'string';
    case 'fatal':
      return isErrorPayload(msg.error);
    case 'sealer-request':
      return isRequestId(msg.id) && isSealerRequest(msg.request);
    default:
      return false;
  }
}

/** The argv the main process passes to `utilityProcess.fork`. */
export function engineHostArgs(opts: EngineHostOptions): string[] {
  const args = [`${DATA_DIR_FLAG}${opts.dataDir}`];
  if (opts.osLocale) args.push(`${OS_LOCALE_FLAG}${opts.osLocale}`);
  return args;
}

/** Reads the options in the utility process: argv first, then OPSDECK_DATA_DIR / OPSDECK_OS_LOCALE. */
export function readEngineHostOptions(argv: readonly string[], env: NodeJS.ProcessEnv): EngineHostOptions {
  const flag = (prefix: string) => argv.find((a) => a.startsWith(prefix))?.slice(prefix.length) || undefined;
  const dataDir = flag(DATA_DIR_FLAG) ?? env.OPSDECK_DATA_DIR;
  if (!dataDir) {
    throw new Error(`The engine host needs a data folder: pass ${DATA_DIR_FLAG}<path> or set OPSDECK_DATA_DIR.`);
  }
  const osLocale = flag(OS_LOCALE_FLAG) ?? env.OPSDECK_OS_LOCALE;
  return osLocale ? { dataDir, osLocale } : { dataDir };
}
