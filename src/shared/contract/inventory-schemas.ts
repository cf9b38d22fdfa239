import { z } from 'zod';
import { fingerprintArg, hostInput, importEntry, inventoryIdArg, serviceInput } from '../inventory-contract';
import type { InventoryApi } from './inventory-api';
import { noArgument, type ArgSchemas } from './schema-helpers';

export const INVENTORY_ARG_SCHEMAS = {
  listInventory: noArgument,
  saveHost: hostInput,
  deleteHost: z.strictObject({ hostId: inventoryIdArg }),
  setHostEnabled: z.strictObject({ hostId: inventoryIdArg, enabled: z.boolean() }),
  testConnection: z.strictObject({ host: hostInput }),
  trustHostKey: z.strictObject({ hostId: inventoryIdArg, fingerprint: fingerprintArg }),
  saveService: serviceInput,
  deleteService: z.strictObject({ serviceId: inventoryIdArg }),
  previewSshConfigImport: z.strictObject({ text: z.string().max(1_000_000).optional() }).optional(),
  applySshConfigImport: z.strictObject({ entries: z.array(importEntry).min(1).max(1_000) }),
} satisfies ArgSchemas<InventoryApi>;
