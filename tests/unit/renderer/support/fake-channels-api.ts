// The channels part of the scriptable fake OpsApi: every method of the part (read from its
// channel table, so a new method needs no line here) answers from a handler a test replaces.
import type { MethodArg, MethodResult, OpsApi } from '../../../../src/shared/api';
import type { ChannelsChangedEvent, DesktopNotificationEvent } from '../../../../src/shared/channels';
import { CHANNELS_API } from '../../../../src/shared/contract/channels-api';
import { OpsError } from '../../../../src/shared/errors';

export const CHANNELS_METHODS = Object.keys(CHANNELS_API.methods) as Array<keyof typeof CHANNELS_API.methods>;
export type ChannelsMethod = (typeof CHANNELS_METHODS)[number];

export type ChannelsHandlers = { [K in ChannelsMethod]: (arg: MethodArg<K>) => Promise<MethodResult<K>> | MethodResult<K> };

/** What a fresh engine answers before a test scripts more: no channels, no types, an empty log. */
const DEFAULTS: Partial<Record<ChannelsMethod, () => unknown>> = {
  listChannelTypes: () => [],
  listChannels: () => [],
  listDeliveries: () => ({ records: [], total: 0, nextBefore: null }),
};

export function createChannelsFake(call: <K extends ChannelsMethod>(method: K, arg: MethodArg<K>) => Promise<MethodResult<K>>) {
  const changed = new Set<(e: ChannelsChangedEvent) => void>();
  const desktop = new Set<(e: DesktopNotificationEvent) => void>();
  const notScripted = (method: string) => () => {
    throw new OpsError('UNAVAILABLE', `The test did not script ${method}.`);
  };
  const handlers = Object.fromEntries(CHANNELS_METHODS.map((m) => [m, DEFAULTS[m] ?? notScripted(m)])) as unknown as ChannelsHandlers;
  const methods = Object.fromEntries(CHANNELS_METHODS.map((m) => [m, (arg: never) => call(m, arg)])) as unknown as Pick<OpsApi, ChannelsMethod>;
  return {
    handlers,
    methods,
    onDidChangeChannels(listener: (e: ChannelsChangedEvent) => void) {
      changed.add(listener);
      return () => void changed.delete(listener);
    },
    onDidRequestDesktopNotification(listener: (e: DesktopNotificationEvent) => void) {
      desktop.add(listener);
      return () => void desktop.delete(listener);
    },
    emitChannelsChanged: (event: ChannelsChangedEvent) => changed.forEach((l) => l(event)),
    emitDesktopNotification: (event: DesktopNotificationEvent) => desktop.forEach((l) => l(event)),
    listenerCount: () => changed.size + desktop.size,
  };
}
