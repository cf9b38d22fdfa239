// The serving side of the contract: validates a raw argument, calls the engine's OpsApi, and
// returns an envelope. Used by the WebSocket bridge and by the Electron engine host alike.
import { EVENT_CHANNELS, EVENT_NAMES, METHOD_CHANNELS, METHOD_NAMES, type MethodName, type OpsApi, type RpcResult } from './api';
import { toErrorPayload } from './errors';
import { METHOD_ARG_SCHEMAS } from './schemas';

const methodByChannel = new Map<string, MethodName>(METHOD_NAMES.map((m) => [METHOD_CHANNELS[m], m]));

export function isMethodChannel(channel: string): boolean {
  return methodByChannel.has(channel);
}

export async function dispatch(api: OpsApi, channel: string, rawArg: unknown): Promise<RpcResult> {
  const method = methodByChannel.get(channel);
  if (!method) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `OpsDeck has no method "${String(channel).slice(0, 80)}". Update the console to the engine's version.` } };
  }
  const parsed = METHOD_ARG_SCHEMAS[method].safeParse(rawArg);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at "${issue.path.join('.')}"` : '';
    return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `Invalid argument for ${method}${where}: ${issue?.message ?? 'rejected'}.` } };
  }
  try {
    const fn = api[method] as (arg: unknown) => Promise<unknown>;
    const value = await fn.call(api, parsed.data);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toErrorPayload(err) };
  }
}

/** Subscribes to every engine event and forwards it as (channel, payload). */
export function forwardEvents(api: OpsApi, send: (channel: string, payload: unknown) => void): () => void {
  const unsubs = EVENT_NAMES.map((name) => {
    const subscribe = api[name] as (listener: (payload: unknown) => void) => () => void;
    return subscribe.call(api, (payload) => send(EVENT_CHANNELS[name], payload));
  });
  return () => unsubs.forEach((u) => u());
}
