// Messages between the main process and the engine's utility process (engine-host.ts).
// Both sides import this file, so they agree on shapes. Plain data only: every message is
// structured-cloned by Electron's MessagePort.
import type { RpcResult } from '../../shared/api';
import type { ErrorPayload } from '../../shared/errors';

export type MainToEngineMessage =
  | { type: 'invoke'; id: number; channel: string; arg: unknown }
  /** Stop the engine cleanly (flush and close the store), then exit. */
  | { type: 'shutdown' };

export type EngineToMainMessage =
  /** The engine has started; invokes are answered from now on. */
  | { type: 'ready' }
  | { type: 'result'; id: number; result: RpcResult }
  | { type: 'event'; channel: string; payload: unknown }
  /** The engine could not start; the process exits right after. */
  | { type: 'fatal'; error: ErrorPayload };

export interface EngineHostOptions {
  dataDir: string;
  osLocale?: string;
}

const DATA_DIR_FLAG = '--opsdeck-data-dir=';
const OS_LOCALE_FLAG = '--opsdeck-os-locale=';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isRequestId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

export function isMainToEngineMessage(msg: unknown): msg is MainToEngineMessage {
  if (!isRecord(msg)) return false;
  if (msg.type === 'shutdown') return true;
  return msg.type === 'invoke' && isRequestId(msg.id) && typeof msg.channel === 'string';
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
      return isRecord(msg.error) && typeof msg.error.code === 'string' && typeof msg.error.message === 'string';
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
