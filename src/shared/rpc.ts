// The serving side of the contract: validates a raw argument, calls the engine's OpsApi, and
// returns an envelope. Used by the WebSocket bridge and by the Electron engine host alike.
import { EVENT_CHANNELS, EVENT_NAMES, METHOD_CHANNELS, METHOD_NAMES, NO_ARGUMENT_METHODS, type MethodName, type OpsApi, type RpcResult } from './api';
import { toErrorPayload } from './errors';

const methodByChannel = new Map<string, MethodName>(METHOD_NAMES.map((m) => [METHOD_CHANNELS[m], m]));

// The schemas (and zod) load on the first call that has an argument to check, not at start.
let schemas: Promise<typeof import('./schemas')> | null = null;
const loadSchemas = () => (schemas ??= import('./schemas'));

type Checked = { ok: true; arg: unknown } | { ok: false; result: RpcResult };

async function checkArgument(method: MethodName, rawArg: unknown): Promise<Checked> {
  // What the `none` schema accepts, without loading it.
  if (NO_ARGUMENT_METHODS.has(method) && (rawArg === undefined || rawArg === null)) return { ok: true, arg: undefined };
  const parsed = (await loadSchemas()).METHOD_ARG_SCHEMAS[method].safeParse(rawArg);
  if (parsed.success) return { ok: true, arg: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` at "${issue.path.join('.')}"` : '';
  return { ok: false, result: { ok: false, error: { code: 'INVALID_ARGUMENT', message: `Invalid argument for ${method}${where}: ${issue?.message ?? 'rejected'}.` } } };
}

export function isMethodChannel(channel: string): boolean {
  return methodByChannel.has(channel);
}

export async function dispatch(api: OpsApi, channel: string, rawArg: unknown): Promise<RpcResult> {
  const method = methodByChannel.get(channel);
  if (!method) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `OpsDeck has no method "${String(channel).slice(0, 80)}". Update the console to the engine's version.` } };
  }
  const checked = await checkArgument(method, rawArg);
  if (!checked.ok) return checked.result;
  try {
    const fn = api[method] as (arg: unknown) => Promise<unknown>;
    const value = await fn.call(api, checked.arg);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toErrorPayload(err) };
  }
}

/** Subscribes to every engine event and forwards it as (channel, payload). */
export function forwardEvents(api: OpsApi, send: (channel: string, payload: unknown) => void, skip?: ReadonlySet<string>): () => void {
  const unsubs = EVENT_NAMES.filter((name) => !skip?.has(EVENT_CHANNELS[name])).map((name) => {
    const subscribe = api[name] as (listener: (payload: unknown) => void) => () => void;
    return subscribe.call(api, (payload) => send(EVENT_CHANNELS[name], payload));
  });
  return () => unsubs.forEach((u) => u());
}
