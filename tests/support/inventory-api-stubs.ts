// Stand-ins for the inventory half of OpsApi in tests that exercise something else (the IPC
// host, the engine host): every method answers "not available", the event subscribes through
// the caller's own bus.
import type { OpsApi, Unsubscribe } from '../../src/shared/api';
import { OpsError } from '../../src/shared/errors';
import type { InventoryChangedEvent } from '../../src/shared/inventory-contract';

type InventoryKeys = Extract<
  keyof OpsApi,
  | 'listInventory'
  | 'saveHost'
  | 'deleteHost'
  | 'setHostEnabled'
  | 'testConnection'
  | 'trustHostKey'
  | 'saveService'
  | 'deleteService'
  | 'previewSshConfigImport'
  | 'applySshConfigImport'
  | 'onDidChangeInventory'
>;

export function inventoryApiStubs(subscribe: (listener: (event: InventoryChangedEvent) => void) => Unsubscribe): Pick<OpsApi, InventoryKeys> {
  const unavailable = async (): Promise<never> => {
    throw new OpsError('UNAVAILABLE', 'The inventory is not part of this test.');
  };
  return {
    listInventory: unavailable,
    saveHost: unavailable,
    deleteHost: unavailable,
    setHostEnabled: unavailable,
    testConnection: unavailable,
    trustHostKey: unavailable,
    saveService: unavailable,
    deleteService: unavailable,
    previewSshConfigImport: unavailable,
    applySshConfigImport: unavailable,
    onDidChangeInventory: subscribe,
  };
}
