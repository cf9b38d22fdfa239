// Servers watched over SSH and the service catalog.
import type {
  HostInput,
  InventoryChangedEvent,
  InventoryHost,
  InventoryService,
  InventoryView,
  ServiceInput,
  SshConfigImportEntry,
  SshConfigImportResult,
  SshConfigPreview,
  TestConnectionResult,
} from '../inventory-contract';
import { defineService, type Unsubscribe } from './define';

export interface InventoryApi {
  /** SSH hosts and services; secrets appear only as `hasSecret`. */
  listInventory(): Promise<InventoryView>;
  /** Adds (no id) or replaces a host; its password or passphrase goes to the secret store. */
  saveHost(args: HostInput): Promise<InventoryHost>;
  deleteHost(args: { hostId: string }): Promise<void>;
  setHostEnabled(args: { hostId: string; enabled: boolean }): Promise<InventoryHost>;
  /** Logs in once with these settings (saved or not); a refused host key comes back with its fingerprint. */
  testConnection(args: { host: HostInput }): Promise<TestConnectionResult>;
  /** Trusts the fingerprint the person confirmed for the host's address and port. */
  trustHostKey(args: { hostId: string; fingerprint: string }): Promise<InventoryHost>;
  saveService(args: ServiceInput): Promise<InventoryService>;
  deleteService(args: { serviceId: string }): Promise<void>;
  /** Reads ~/.ssh/config (or the given text) with its Includes; nothing is saved. */
  previewSshConfigImport(args?: { text?: string }): Promise<SshConfigPreview>;
  applySshConfigImport(args: { entries: SshConfigImportEntry[] }): Promise<SshConfigImportResult>;

  onDidChangeInventory(listener: (event: InventoryChangedEvent) => void): Unsubscribe;
}

export const INVENTORY_API = defineService<InventoryApi>(
  'inventory',
  {
    listInventory: { channel: 'opsdeck:list-inventory', access: 'read', noArgument: true },
    saveHost: { channel: 'opsdeck:save-host', access: 'write' },
    setHostEnabled: { channel: 'opsdeck:set-host-enabled', access: 'write' },
    // Logs in somewhere with the person's keys: an operator's action even though it saves nothing.
    testConnection: { channel: 'opsdeck:test-connection', access: 'write' },
    trustHostKey: { channel: 'opsdeck:trust-host-key', access: 'write' },
    deleteHost: { channel: 'opsdeck:delete-host', access: 'write' },
    saveService: { channel: 'opsdeck:save-service', access: 'write' },
    deleteService: { channel: 'opsdeck:delete-service', access: 'write' },
    // Reads a file of the person's (~/.ssh/config): never for a viewer.
    previewSshConfigImport: { channel: 'opsdeck:preview-ssh-config-import', access: 'write' },
    applySshConfigImport: { channel: 'opsdeck:apply-ssh-config-import', access: 'write' },
  },
  { onDidChangeInventory: 'opsdeck:did-change-inventory' },
);
