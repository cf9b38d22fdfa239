// The inventory half of the scriptable fake OpsApi: handlers a test replaces, calls recorded
// through the caller, and the change event fired by hand.
import type { MethodArg, MethodName, MethodResult, OpsApi } from '../../../../src/shared/api';
import { OpsError } from '../../../../src/shared/errors';
import type { InventoryChangedEvent, InventoryView } from '../../../../src/shared/inventory-contract';

export const INVENTORY_METHODS = [
  'listInventory',
  'saveHost',
  'deleteHost',
  'setHostEnabled',
  'testConnection',
  'trustHostKey',
  'saveService',
  'deleteService',
  'previewSshConfigImport',
  'applySshConfigImport',
] as const satisfies readonly MethodName[];
export type InventoryMethod = (typeof INVENTORY_METHODS)[number];

export type InventoryHandlers = { [K in InventoryMethod]: (arg: MethodArg<K>) => Promise<MethodResult<K>> | MethodResult<K> };

export const EMPTY_INVENTORY: InventoryView = {
  hosts: [],
  services: [],
  secretStorage: { backend: 'keychain', persistent: true, message: 'Passwords and passphrases are kept in the operating system keychain.' },
};

export function createInventoryFake(call: <K extends InventoryMethod>(method: K, arg: MethodArg<K>) => Promise<MethodResult<K>>) {
  const listeners = new Set<(e: InventoryChangedEvent) => void>();
  const notScripted = (method: string) => () => {
    throw new OpsError('UNAVAILABLE', `The test did not script ${method}.`);
  };
  const handlers = Object.fromEntries(INVENTORY_METHODS.map((m) => [m, m === 'listInventory' ? () => EMPTY_INVENTORY : notScripted(m)])) as unknown as InventoryHandlers;
  const methods = Object.fromEntries(INVENTORY_METHODS.map((m) => [m, (arg: never) => call(m, arg)])) as unknown as Pick<OpsApi, InventoryMethod>;
  return {
    handlers,
    methods,
    onDidChangeInventory(listener: (e: InventoryChangedEvent) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emitInventoryChanged: (event: InventoryChangedEvent) => listeners.forEach((l) => l(event)),
    listenerCount: () => listeners.size,
  };
}
